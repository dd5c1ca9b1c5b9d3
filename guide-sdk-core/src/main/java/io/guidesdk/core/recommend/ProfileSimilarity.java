package io.guidesdk.core.recommend;

import io.guidesdk.Product;
import io.guidesdk.core.learning.Interaction;
import io.guidesdk.core.retrieval.EmbeddingIndex;
import io.guidesdk.core.retrieval.ScoredProduct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Embedding similarity between the shopper's profile and products: score(u, i) = sim(u_profile,
 * i_vector), where the profile is the normalised mean of the vectors of the products they
 * interacted with, weighted by event (click 1, cart 2, purchase 3) and decayed with the profile
 * half-life. Products the shopper already bought or interacted with are left out (the repeat
 * strategy offers those).
 */
final class ProfileSimilarity implements CandidateGenerator {
  static final String NAME = "profile";

  @Override
  public String strategy() {
    return NAME;
  }

  @Override
  public List<Candidate> generate(Query q, int limit) {
    EmbeddingIndex idx = q.index();
    float[] profile = idx == null ? null : profile(idx, q.shopper());
    if (profile == null) {
      return List.of();
    }
    List<Candidate> out = new ArrayList<>();
    for (ScoredProduct s : idx.nearest(profile, q.accept().and(p -> !q.shopper().hasBought(p.id())
        && !q.shopper().interest.containsKey(p.id())), limit)) {
      out.add(new Candidate(s.product(), s.score(), () -> reason(q.reasons(), idx, s.product(), q.shopper())));
    }
    return out;
  }

  /**
   * The shopper's unit-length profile vector: the event-weighted, decayed mean of the vectors of the
   * products they interacted with; {@code null} when they have none in {@code idx}.
   */
  static float @Nullable [] profile(EmbeddingIndex idx, Shopper shopper) {
    if (shopper.interest.isEmpty()) {
      return null;
    }
    float[] profile = new float[idx.dimension()];
    double total = 0;
    for (Map.Entry<String, Double> e : shopper.interest.entrySet()) {
      int pos = idx.catalog().indexOf(e.getKey());
      if (pos < 0) {
        continue;
      }
      float[] v = idx.vector(pos);
      for (int d = 0; d < v.length; d++) {
        profile[d] += (float) (e.getValue() * v[d]);
      }
      total += e.getValue();
    }
    if (total == 0) {
      return null;
    }
    double norm = 0;
    for (float x : profile) {
      norm += x * x;
    }
    if (norm == 0) {
      return null;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int d = 0; d < profile.length; d++) {
      profile[d] *= inv;
    }
    return profile;
  }

  /** "Because you bought X", naming the interacted product most similar to the recommended one. */
  private static String reason(Reasons reasons, EmbeddingIndex idx, Product p, Shopper shopper) {
    float[] v = idx.vector(idx.catalog().indexOf(p.id()));
    Interaction best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (Interaction i : shopper.history) {
      int pos = idx.catalog().indexOf(i.productId());
      if (pos < 0 || Shopper.eventWeight(i.type()) <= 0) {
        continue;
      }
      // Ties (the same product clicked, then bought) go to the stronger event.
      double s = idx.similarity(v, pos) + 1e-6 * Shopper.eventWeight(i.type());
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    }
    if (best == null) {
      return reasons.format("profile.none");
    }
    String key = switch (best.type()) {
      case PURCHASE -> "profile.bought";
      case ADD_TO_CART -> "profile.cart";
      default -> "profile.viewed";
    };
    return reasons.format(key, "title", idx.catalog().get(best.productId()).map(Product::title)
        .orElse(reasons.format("profile.unknown")));
  }
}
