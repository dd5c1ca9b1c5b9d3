package io.guidesdk.core;

import io.guidesdk.ModelLoadException;
import io.guidesdk.spi.Encoder;
import io.guidesdk.spi.EncoderProvider;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * The encoders an {@link EncoderProvider} creates for the SDK: the catalog's, and optionally one for
 * search queries.
 *
 * <p>The two load at the same time, the query encoder on a thread of its own. Most of a model's load
 * is single-threaded work (reading the graph, rewriting it, ONNX Runtime's graph optimisation), so on
 * a machine with two cores or more the second model adds little to start-up (docs/performance.md,
 * "Start-up"). Whatever fails, nothing is left open: an encoder that loaded is closed before the
 * error propagates, and the first failure is the one thrown.
 */
record ProviderEncoders(Encoder encoder, @Nullable Encoder queryEncoder) {

  ProviderEncoders {
    Objects.requireNonNull(encoder, "encoder");
  }

  /**
   * Creates {@code provider}'s encoder and, when {@code withQueryEncoder}, its query encoder (if it has
   * one), concurrently.
   */
  static ProviderEncoders create(EncoderProvider provider, boolean withQueryEncoder) {
    if (!withQueryEncoder) {
      return new ProviderEncoders(provider.create(), null);
    }
    FutureTask<Optional<Encoder>> queries = new FutureTask<>(provider::createQueryEncoder);
    Thread loader = new Thread(queries, "guide-sdk-query-encoder-load");
    loader.setDaemon(true);
    loader.start();
    Encoder encoder;
    try {
      encoder = provider.create();
    } catch (RuntimeException | Error e) {
      try {
        Encoder q = await(queries, provider);
        if (q != null) {
          q.close();
        }
      } catch (RuntimeException | Error suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    try {
      return new ProviderEncoders(encoder, await(queries, provider));
    } catch (RuntimeException | Error e) {
      encoder.close();
      throw e;
    }
  }

  /**
   * The loaded query encoder, or null if the provider has none; rethrows what the load threw. Waits
   * even if interrupted (a model load cannot be abandoned half-way without leaking it), then restores
   * the interrupt.
   */
  private static @Nullable Encoder await(FutureTask<Optional<Encoder>> load, EncoderProvider provider) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          Optional<Encoder> q = load.get();
          if (q == null) {
            throw new ModelLoadException("encoder provider " + provider.name()
                + " returned null from createQueryEncoder(); expected an Optional", null);
          }
          return q.orElse(null);
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new ModelLoadException("encoder provider " + provider.name() + " could not create its query encoder: "
              + cause, cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
