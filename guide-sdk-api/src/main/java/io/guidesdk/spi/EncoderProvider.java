package io.guidesdk.spi;

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
}
