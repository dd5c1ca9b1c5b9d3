package io.guidesdk.core.dialogue;

import io.guidesdk.core.catalog.FaqEntry;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The shop's FAQ, embedded once, searched by similarity between the message and each question+answer. */
final class FaqIndex {
  private final List<FaqEntry> entries;
  private final List<float[]> vectors;
  private final Encoder encoder;

  FaqIndex(List<FaqEntry> entries, Encoder encoder) {
    this.entries = List.copyOf(entries);
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    List<String> texts = new ArrayList<>();
    for (FaqEntry e : this.entries) {
      texts.add(e.question() + " " + e.answer());
    }
    this.vectors = texts.isEmpty() ? List.of() : encoder.embedAll(texts, EmbeddingPurpose.PASSAGE);
  }

  /** The best entry for the message, if any entry is similar enough to be an answer. */
  Optional<FaqEntry> best(String message, double minSimilarity) {
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    float[] q = encoder.embed(message, EmbeddingPurpose.QUERY);
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < vectors.size(); i++) {
      float[] v = vectors.get(i);
      double s = 0;
      for (int d = 0; d < v.length; d++) {
        s += q[d] * v[d];
      }
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    }
    return bestScore >= minSimilarity ? Optional.of(entries.get(best)) : Optional.empty();
  }
}
