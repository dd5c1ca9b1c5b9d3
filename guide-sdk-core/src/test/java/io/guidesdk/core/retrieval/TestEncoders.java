package io.guidesdk.core.retrieval;

import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.List;

/** Small encoders shared by retrieval tests. */
final class TestEncoders {
  private TestEncoders() {}

  /** An 8-dimensional encoder: every text gets the same unit vector. */
  static class Small implements Encoder {
    @Override
    public float[] embed(String text, EmbeddingPurpose purpose) {
      float[] v = new float[8];
      v[0] = 1;
      return v;
    }

    @Override
    public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
      return texts.stream().map(t -> embed(t, purpose)).toList();
    }

    @Override
    public int dimension() {
      return 8;
    }

    @Override
    public String modelId() {
      return "small";
    }

    @Override
    public void close() {}
  }
}
