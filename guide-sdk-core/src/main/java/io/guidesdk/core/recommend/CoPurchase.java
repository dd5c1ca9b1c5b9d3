package io.guidesdk.core.recommend;

import io.guidesdk.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Item-to-item neighbours from co-purchases: products that recent buyers of the shopper's products
 * (or of the anchor product, on a product page) also bought. Counts come from a bounded sample of
 * recent co-buyers kept by {@link PurchaseStatistics}, so they follow every new purchase at once;
 * a count is divided by the square root of the product's buyers (cosine-style), so that merely
 * popular products do not crowd out specific neighbours.
 */
final class CoPurchase implements CandidateGenerator {
  static final String NAME = "co-purchase";
  private final PurchaseStatistics stats;
  private final int seeds;

  CoPurchase(PurchaseStatistics stats, int seeds) {
    this.stats = stats;
    this.seeds = seeds;
  }

  @Override
  public String strategy() {
    return NAME;
  }

  @Override
  public List<Candidate> generate(Query q, int limit) {
    List<String> seedIds = q.anchor() != null ? List.of(q.anchor().id()) : q.shopper().topInterests(seeds);
    if (seedIds.isEmpty()) {
      return List.of();
    }
    List<Candidate> out = new ArrayList<>();
    for (Map.Entry<String, double[]> e : stats.coPurchases(seedIds, q.shopper().userId).entrySet()) {
      String id = e.getKey();
      if (seedIds.contains(id) || q.shopper().hasBought(id)) {
        continue;
      }
      Product p = q.catalog().get(id).orElse(null);
      if (p == null || !q.accept().test(p)) {
        continue;
      }
      double[] v = e.getValue();
      String seed = seedIds.get((int) v[1]);
      out.add(new Candidate(p, v[0] / Math.sqrt(1 + stats.buyers(id)),
          () -> q.reasons().format("copurchase", "title", q.catalog().get(seed).map(Product::title)
              .orElse(q.reasons().format("copurchase.unknown")))));
    }
    return CandidateGenerator.best(out, limit);
  }
}
