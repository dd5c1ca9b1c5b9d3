package io.guidesdk.core;

import io.guidesdk.spi.Encoder;
import io.guidesdk.spi.EncoderProvider;
import java.util.ServiceLoader;

/**
 * The bundled encoder, loaded once per test JVM and shared by the GuideSdk tests, which pass it to
 * the builder (an encoder given to the builder stays open when the SDK closes). Never closed: the
 * JVM's exit frees it.
 */
final class BundledEncoder {
  private static final Encoder SHARED = ServiceLoader.load(EncoderProvider.class).findFirst().orElseThrow().create();

  private BundledEncoder() {}

  static Encoder shared() {
    return SHARED;
  }
}
