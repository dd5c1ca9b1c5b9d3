package io.guidesdk.core.dialogue;

import io.guidesdk.Product;
import io.guidesdk.core.learning.Interaction;
import io.guidesdk.core.learning.InteractionStore;
import io.guidesdk.core.retrieval.EmbeddingIndex;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How much a known shopper is likely to like each candidate product, in [-1, 1]; the guide adds a
 * share of it to retrieval relevance. Candidates always satisfy the hard constraints first:
 * personalisation only reorders them.
 */
@FunctionalInterface
public interface Personaliser {

  /** One affinity per candidate, in order; all zeros when the shopper has no history. */
  double[] affinity(String userId, List<Product> candidates);

  /** No personalisation. */
  static Personaliser none() {
    return (userId, candidates) -> new double[candidates.size()];
  }

  /**
   * Cosine similarity between each candidate and the mean embedding of the products the shopper
   * clicked, carted or bought (the same profile the recommender uses).
   */
  static Personaliser fromHistory(Supplier<EmbeddingIndex> index, InteractionStore interactions) {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(interactions, "interactions");
    return (userId, candidates) -> {
      double[] out = new double[candidates.size()];
      List<Interaction> history = interactions.history(userId);
      if (history.isEmpty()) {
        return out;
      }
      EmbeddingIndex idx = index.get();
      float[] profile = new float[idx.dimension()];
      int n = 0;
      for (Interaction i : history) {
        int pos = idx.catalog().indexOf(i.productId());
        if (pos >= 0) {
          float[] v = idx.vector(pos);
          for (int d = 0; d < v.length; d++) {
            profile[d] += v[d];
          }
          n++;
        }
      }
      if (n == 0) {
        return out;
      }
      double norm = 0;
      for (float x : profile) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (int c = 0; c < out.length; c++) {
        int pos = idx.catalog().indexOf(candidates.get(c).id());
        out[c] = pos < 0 || norm == 0 ? 0 : idx.similarity(profile, pos) / norm;
      }
      return out;
    };
  }
}
