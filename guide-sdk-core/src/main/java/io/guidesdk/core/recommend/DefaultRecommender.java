package io.guidesdk.core.recommend;

import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.RecommendRequest;
import io.guidesdk.RecommendedItem;
import io.guidesdk.Recommendations;
import io.guidesdk.Recommender;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.learning.Impression;
import io.guidesdk.core.learning.ImpressionLog;
import io.guidesdk.core.learning.Interaction;
import io.guidesdk.core.learning.InteractionStore;
import io.guidesdk.core.retrieval.EmbeddingIndex;
import io.guidesdk.core.retrieval.ScoredProduct;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Recommends from three strategies, in this order of preference: products similar to an anchor
 * product (product pages), products similar to the shopper's profile (the decayed, event-weighted
 * mean of the vectors of products they interacted with), and popular products as fill and as the
 * cold-start answer.
 */
public final class DefaultRecommender implements Recommender {
  static final String POLICY_VERSION = "profile-popular-1";

  private final Supplier<EmbeddingIndex> index;
  private final InteractionStore interactions;
  private final ImpressionLog impressions;
  private final Clock clock;
  private final Duration halfLife;

  public DefaultRecommender(Supplier<EmbeddingIndex> index, InteractionStore interactions,
      ImpressionLog impressions, Clock clock, Duration profileHalfLife) {
    this.index = Objects.requireNonNull(index, "index");
    this.interactions = Objects.requireNonNull(interactions, "interactions");
    this.impressions = Objects.requireNonNull(impressions, "impressions");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.halfLife = Objects.requireNonNull(profileHalfLife, "profileHalfLife");
  }

  @Override
  public Recommendations topN(RecommendRequest request) {
    Objects.requireNonNull(request, "request");
    EmbeddingIndex idx = index.get();
    Product anchor = null;
    if (request.anchorProductId() != null) {
      anchor = idx.catalog().get(request.anchorProductId()).orElseThrow(() -> new IllegalArgumentException(
          "anchorProductId '" + request.anchorProductId() + "' is not in the catalog"));
    }
    String id = impressions.newId();
    ProductFilter filter = request.filter();
    if (filter.isContradictory()) {
      return record(new Recommendations(id, List.of(), POLICY_VERSION,
          "the filter allows no price: minPrice " + filter.minPrice() + " > maxPrice " + filter.maxPrice()),
          request.userId());
    }
    List<Interaction> history = interactions.history(request.userId());
    Set<String> purchased = new HashSet<>();
    for (Interaction i : history) {
      if (i.type() == RewardEventType.PURCHASE) {
        purchased.add(i.productId());
      }
    }
    String anchorId = anchor == null ? null : anchor.id();
    Predicate<Product> accept = p -> filter.test(p)
        && !p.id().equals(anchorId)
        && !(request.excludePurchased() && purchased.contains(p.id()));

    Map<String, RecommendedItem> chosen = new LinkedHashMap<>();
    int n = request.n();
    if (anchor != null) {
      String reason = "Similar to " + anchor.title();
      for (ScoredProduct s : idx.nearest(idx.vector(idx.catalog().indexOf(anchor.id())), accept, n)) {
        chosen.putIfAbsent(s.product().id(), new RecommendedItem(s.product(), s.score(), 1.0, "similar-item", reason));
      }
    }
    if (chosen.size() < n && !history.isEmpty()) {
      float[] profile = profile(idx, history);
      if (profile != null) {
        for (ScoredProduct s : idx.nearest(profile, accept.and(p -> !chosen.containsKey(p.id())), n - chosen.size())) {
          chosen.put(s.product().id(),
              new RecommendedItem(s.product(), s.score(), 1.0, "profile", reasonFor(idx, s.product(), history)));
        }
      }
    }
    if (chosen.size() < n) {
      idx.catalog().products().stream()
          .filter(accept.and(p -> !chosen.containsKey(p.id())))
          .sorted(Comparator.comparingDouble(this::popularity).reversed())
          .limit(n - chosen.size())
          .forEach(p -> chosen.put(p.id(), new RecommendedItem(p, popularity(p), 1.0, "popular", "Popular right now")));
    }
    String note = chosen.isEmpty() ? "no product satisfies the filter"
        : chosen.size() < n ? "only " + chosen.size() + " products satisfy the filter" : "";
    return record(new Recommendations(id, new ArrayList<>(chosen.values()), POLICY_VERSION, note), request.userId());
  }

  private Recommendations record(Recommendations r, String userId) {
    impressions.record(new Impression(r.recommendationId(), userId,
        r.items().stream().map(i -> i.product().id()).toList(),
        r.items().stream().map(RecommendedItem::strategy).toList(),
        r.items().stream().map(RecommendedItem::propensity).toList(),
        r.policyVersion(), clock.instant()));
    return r;
  }

  /** The catalog's popularity prior plus the live interaction weight. */
  private double popularity(Product p) {
    return p.popularity() + 10 * interactions.interactionWeight(p.id());
  }

  /** The decayed, event-weighted, normalised mean of the interacted products' vectors. */
  private float[] profile(EmbeddingIndex idx, List<Interaction> history) {
    float[] sum = new float[idx.dimension()];
    Instant now = clock.instant();
    double total = 0;
    for (Interaction i : history) {
      int pos = idx.catalog().indexOf(i.productId());
      double w = eventWeight(i.type()) * decay(i.at(), now);
      if (pos < 0 || w <= 0) {
        continue;
      }
      float[] v = idx.vector(pos);
      for (int d = 0; d < sum.length; d++) {
        sum[d] += (float) (w * v[d]);
      }
      total += w;
    }
    if (total == 0) {
      return null;
    }
    double norm = 0;
    for (float x : sum) {
      norm += x * x;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int d = 0; d < sum.length; d++) {
      sum[d] *= inv;
    }
    return sum;
  }

  private double decay(Instant at, Instant now) {
    double age = Math.max(0, Duration.between(at, now).toMillis());
    return Math.pow(0.5, age / halfLife.toMillis());
  }

  static double eventWeight(RewardEventType type) {
    return switch (type) {
      case CLICK -> 1;
      case ADD_TO_CART -> 2;
      case PURCHASE -> 3;
      case IMPRESSION, DISMISS -> 0;
    };
  }

  /** "Because you bought X", naming the interacted product most similar to the recommended one. */
  private static String reasonFor(EmbeddingIndex idx, Product p, List<Interaction> history) {
    float[] v = idx.vector(idx.catalog().indexOf(p.id()));
    Interaction best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (Interaction i : history) {
      int pos = idx.catalog().indexOf(i.productId());
      if (pos < 0 || eventWeight(i.type()) <= 0) {
        continue;
      }
      // Ties (the same product clicked, then bought) go to the stronger event.
      double s = idx.similarity(v, pos) + 1e-6 * eventWeight(i.type());
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    }
    if (best == null) {
      return "Matches your interests";
    }
    String verb = switch (best.type()) {
      case PURCHASE -> "bought";
      case ADD_TO_CART -> "added to your cart";
      default -> "viewed";
    };
    return "Because you " + verb + " " + idx.catalog().get(best.productId()).map(Product::title).orElse("a product");
  }
}
