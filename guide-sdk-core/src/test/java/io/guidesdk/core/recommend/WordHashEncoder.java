package io.guidesdk.core.recommend;

import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A tiny deterministic encoder for unit tests: hashed bag of words, L2-normalised. */
final class WordHashEncoder implements Encoder {
  static final int DIM = 64;

  @Override
  public int dimension() {
    return DIM;
  }

  @Override
  public String modelId() {
    return "word-hash-64";
  }

  @Override
  public float[] embed(String text, EmbeddingPurpose purpose) {
    float[] v = new float[DIM];
    for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (!w.isEmpty()) {
        v[Math.floorMod(w.hashCode(), DIM)] += 1;
      }
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm > 0) {
      for (int i = 0; i < DIM; i++) {
        v[i] /= (float) Math.sqrt(norm);
      }
    }
    return v;
  }

  @Override
  public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
    List<float[]> out = new ArrayList<>();
    for (String t : texts) {
      out.add(embed(t, purpose));
    }
    return out;
  }

  @Override
  public void close() {}
}
