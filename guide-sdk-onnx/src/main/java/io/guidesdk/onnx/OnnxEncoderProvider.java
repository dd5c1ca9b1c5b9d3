package io.guidesdk.onnx;

import io.guidesdk.spi.Encoder;
import io.guidesdk.spi.EncoderProvider;

/** Makes the bundled all-MiniLM-L6-v2 encoder the SDK's default when this module is on the classpath. */
public final class OnnxEncoderProvider implements EncoderProvider {
  @Override
  public String name() {
    return "onnx";
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Encoder create() {
    return OnnxEncoder.bundledDefault();
  }
}
