package io.guidesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.ModelLoadException;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import io.guidesdk.spi.EncoderProvider;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The provider's two encoders load at the same time, and nothing stays open when one fails. */
class ProviderEncodersTest {

  /** An encoder that only records whether it was closed. */
  private static final class Recorded implements Encoder {
    final String name;
    final String thread = Thread.currentThread().getName();
    final AtomicBoolean closed = new AtomicBoolean();

    Recorded(String name) {
      this.name = name;
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public String modelId() {
      return name;
    }

    @Override
    public float[] embed(String text, EmbeddingPurpose purpose) {
      return new float[] {1, 0};
    }

    @Override
    public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
      return texts.stream().map(t -> embed(t, purpose)).toList();
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  private static EncoderProvider provider(Supplier<Encoder> encoder, Supplier<Optional<Encoder>> queries) {
    return new EncoderProvider() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public Encoder create() {
        return encoder.get();
      }

      @Override
      public Optional<Encoder> createQueryEncoder() {
        return queries.get();
      }
    };
  }

  @Test
  void theQueryEncoderLoadsOnAnotherThreadWhileTheCatalogEncoderLoads() {
    // Each load waits until the other has started: sequential loading would time out here.
    CountDownLatch catalogStarted = new CountDownLatch(1);
    CountDownLatch queriesStarted = new CountDownLatch(1);
    EncoderProvider p = provider(() -> {
      catalogStarted.countDown();
      assertThat(await(queriesStarted)).as("query encoder started while the catalog encoder loads").isTrue();
      return new Recorded("catalog");
    }, () -> {
      queriesStarted.countDown();
      assertThat(await(catalogStarted)).as("catalog encoder started while the query encoder loads").isTrue();
      return Optional.of(new Recorded("queries"));
    });

    ProviderEncoders e = ProviderEncoders.create(p, true);

    assertThat(e.encoder().modelId()).isEqualTo("catalog");
    assertThat(((Recorded) e.encoder()).thread).isEqualTo(Thread.currentThread().getName());
    assertThat(e.queryEncoder()).isNotNull();
    assertThat(e.queryEncoder().modelId()).isEqualTo("queries");
    assertThat(((Recorded) e.queryEncoder()).thread).isEqualTo("guide-sdk-query-encoder-load");
  }

  @Test
  void withoutAQueryEncoderOnlyTheCatalogEncoderIsCreated() {
    AtomicBoolean asked = new AtomicBoolean();
    EncoderProvider p = provider(() -> new Recorded("catalog"), () -> {
      asked.set(true);
      return Optional.of(new Recorded("queries"));
    });

    ProviderEncoders e = ProviderEncoders.create(p, false);

    assertThat(e.queryEncoder()).isNull();
    assertThat(asked).isFalse();
    assertThat(ProviderEncoders.create(provider(() -> new Recorded("catalog"), Optional::empty), true).queryEncoder())
        .isNull();
  }

  @Test
  void aFailedQueryEncoderClosesTheLoadedCatalogEncoderAndPropagatesItsError() {
    Recorded[] catalog = new Recorded[1];
    EncoderProvider p = provider(() -> catalog[0] = new Recorded("catalog"), () -> {
      throw new ModelLoadException("query model is corrupt", null);
    });

    assertThatThrownBy(() -> ProviderEncoders.create(p, true))
        .isInstanceOf(ModelLoadException.class).hasMessage("query model is corrupt");
    assertThat(catalog[0].closed).isTrue();
  }

  @Test
  void aFailedCatalogEncoderClosesTheLoadedQueryEncoderAndPropagatesItsError() {
    Recorded[] queries = new Recorded[1];
    EncoderProvider p = provider(() -> {
      throw new ModelLoadException("catalog model is missing", null);
    }, () -> Optional.of(queries[0] = new Recorded("queries")));

    assertThatThrownBy(() -> ProviderEncoders.create(p, true))
        .isInstanceOf(ModelLoadException.class).hasMessage("catalog model is missing");
    assertThat(queries[0].closed).isTrue();
  }

  @Test
  void whenBothFailTheCatalogEncodersErrorIsThrownWithTheOtherSuppressed() {
    EncoderProvider p = provider(() -> {
      throw new ModelLoadException("catalog model is missing", null);
    }, () -> {
      throw new IllegalStateException("no memory for the query model");
    });

    assertThatThrownBy(() -> ProviderEncoders.create(p, true))
        .isInstanceOf(ModelLoadException.class).hasMessage("catalog model is missing")
        .satisfies(t -> assertThat(t.getSuppressed()).singleElement()
            .satisfies(s -> assertThat(s).hasMessage("no memory for the query model")));
  }

  @Test
  void aProviderReturningNullInsteadOfAnOptionalGetsAClearError() {
    Recorded[] catalog = new Recorded[1];
    EncoderProvider p = provider(() -> catalog[0] = new Recorded("catalog"), () -> null);

    assertThatThrownBy(() -> ProviderEncoders.create(p, true))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("returned null from createQueryEncoder()");
    assertThat(catalog[0].closed).isTrue();
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
