package io.guidesdk.core.recommend;

import io.guidesdk.Product;
import io.guidesdk.core.learning.ItemArrivals;
import io.guidesdk.core.retrieval.EmbeddingIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * New-item cold start: products that arrived in the catalog less than {@code newItemAgeCap} ago
 * (see {@link ItemArrivals}), which popularity, co-purchase and trending cannot show because they
 * have no interactions yet.
 *
 * <p>score(u, i) = fit(u, i) + c / sqrt(1 + impressions(i)), where fit is the cosine similarity
 * (clipped at 0) between the shopper's embedding profile and the product when both exist, else the
 * share of the shopper's decayed interest in the product's category (1 per unit of interest in the
 * same category, 0.5 in the same top-level category), else 0 for a new shopper; {@code c} is
 * {@code newItemBonus}. The bonus is a UCB-style exploration term: an arrival nobody has been shown
 * yet gets {@code c}, one shown 99 times {@code c/10}, so every arrival is tried before the better
 * fitting ones are repeated. An arrival is dropped once older than the age cap, or after {@code
 * newItemMaxUnclickedImpressions} impressions without any engagement. At most {@code
 * newArrivalsPerList} arrivals are offered per list; the slot policy decides how many of them are
 * shown, and where.
 */
final class NewArrivals implements CandidateGenerator {
  static final String NAME = "new-arrivals";
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  private final ItemArrivals arrivals;
  private final RecommenderTuning tuning;

  NewArrivals(ItemArrivals arrivals, RecommenderTuning tuning) {
    this.arrivals = arrivals;
    this.tuning = tuning;
  }

  @Override
  public String strategy() {
    return NAME;
  }

  @Override
  public List<Candidate> generate(Query q, int limit) {
    int k = Math.min(limit, tuning.newArrivalsPerList());
    if (k <= 0 || arrivals.size() == 0) {
      return List.of();
    }
    record Scored(Candidate candidate, Instant firstSeen) {}
    List<Scored> all = new ArrayList<>();
    Instant now = q.now();
    Fit fit = null;
    for (var e : collect(now)) {
      String id = e.getKey();
      ItemArrivals.Arrival a = e.getValue();
      if (a.firstSeen().isAfter(now)) {
        continue;
      }
      if (a.engagements() == 0 && a.impressions() >= tuning.newItemMaxUnclickedImpressions()) {
        continue;
      }
      Product p = q.catalog().get(id).orElse(null);
      if (p == null || !q.accept().test(p) || q.shopper().hasBought(id)) {
        continue;
      }
      if (fit == null) {
        fit = new Fit(q);
      }
      double score = fit.of(p) + tuning.newItemBonus() / Math.sqrt(1 + a.impressions());
      Instant seen = a.firstSeen();
      all.add(new Scored(new Candidate(p, score, () -> reason(q.reasons(), p, seen, now)), seen));
    }
    all.sort(Comparator.comparingDouble((Scored s) -> -s.candidate().score())
        .thenComparing(Scored::firstSeen, Comparator.reverseOrder())
        .thenComparing(s -> s.candidate().product().id()));
    return all.stream().limit(k).map(Scored::candidate).toList();
  }

  /** The arrivals younger than the age cap. */
  private List<Map.Entry<String, ItemArrivals.Arrival>> collect(Instant now) {
    List<Map.Entry<String, ItemArrivals.Arrival>> out = new ArrayList<>();
    Instant since = now.minus(tuning.newItemAgeCap());
    arrivals.forEachSince(since, (id, a) -> {
      // forEachSince includes the cap's boundary; an arrival exactly newItemAgeCap old is no longer new.
      if (a.firstSeen().isAfter(since)) {
        out.add(Map.entry(id, a));
      }
    });
    return out;
  }

  /** "New arrival in Tents, added 3 days ago". */
  static String reason(Reasons reasons, Product p, Instant firstSeen, Instant now) {
    long days = Math.max(0, Math.floorDiv(now.toEpochMilli() - firstSeen.toEpochMilli(), DAY_MS));
    String when = reasons.daysAgo(days);
    return p.category().isEmpty() ? reasons.format("new.nocategory", "when", when)
        : reasons.format("new", "category", p.category(), "when", when);
  }

  /** How well a product fits the shopper: embedding profile when available, else category interest. */
  private static final class Fit {
    private final EmbeddingIndex index;
    private final float[] profile;
    private final Map<String, Double> leaf = new HashMap<>();
    private final Map<String, Double> top = new HashMap<>();
    private double total;

    Fit(Query q) {
      this.index = q.index();
      this.profile = index == null ? null : ProfileSimilarity.profile(index, q.shopper());
      if (profile == null) {
        for (Map.Entry<String, Double> e : q.shopper().interest.entrySet()) {
          Product p = q.catalog().get(e.getKey()).orElse(null);
          if (p == null) {
            continue;
          }
          total += e.getValue();
          if (!p.category().isEmpty()) {
            leaf.merge(p.category(), e.getValue(), Double::sum);
            top.merge(p.categoryPath().get(0), e.getValue(), Double::sum);
          }
        }
      }
    }

    double of(Product p) {
      if (profile != null) {
        int pos = index.catalog().indexOf(p.id());
        return pos < 0 ? 0 : Math.max(0, index.similarity(profile, pos));
      }
      if (total == 0 || p.category().isEmpty()) {
        return 0;
      }
      double sameLeaf = leaf.getOrDefault(p.category(), 0.0);
      double sameTop = top.getOrDefault(p.categoryPath().get(0), 0.0) - sameLeaf;
      return (sameLeaf + 0.5 * Math.max(0, sameTop)) / total;
    }
  }
}
