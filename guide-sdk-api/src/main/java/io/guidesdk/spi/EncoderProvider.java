package io.guidesdk.spi;

import java.util.Optional;

/**
 * Creates the default {@link Encoder} of a backend module; found with {@link java.util.ServiceLoader}
 * when no encoder is set on the SDK builder.
 */
public interface EncoderProvider {

  /** A short name for messages and configuration, e.g. {@code onnx}. */
  String name();

  /** Among several providers found, the highest priority is used. */
  default int priority() {
    return 0;
  }

  /** Creates the backend's default encoder (a bundled model), ready to use. */
  Encoder create();

  /**
   * Creates an encoder for search queries into the same vector space as {@link #create()}'s, for
   * example the same model tuned for one text at a time; empty (the default) to embed queries with
   * {@link #create()}'s encoder. Used only when the SDK builder was given neither an encoder nor a
   * query encoder; the SDK then owns and closes it.
   */
  default Optional<Encoder> createQueryEncoder() {
    return Optional.empty();
  }
}
