package io.guidesdk.core.recommend;

import io.guidesdk.Product;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.learning.Interaction;
import io.guidesdk.core.policy.ShopperContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** One shopper's history, summarised once per request for all strategies. */
final class Shopper {
  private static final long DAY_SECONDS = Duration.ofDays(1).getSeconds();

  /** A product the shopper bought: the distinct days (epoch days, ascending) and the last purchase. */
  record Purchased(String productId, long[] days, Instant last) {}

  final String userId;
  final List<Interaction> history;
  /** Purchases by product, in order of first purchase. */
  final Map<String, Purchased> purchased;
  /** Weight of each interacted product (event weight, decayed with {@code profileHalfLife}). */
  final Map<String, Double> interest;

  Shopper(String userId, List<Interaction> history, Instant now, Duration profileHalfLife) {
    this.userId = userId;
    this.history = history;
    Map<String, TreeSet<Long>> days = new LinkedHashMap<>();
    Map<String, Instant> last = new HashMap<>();
    Map<String, Double> weights = new HashMap<>();
    for (Interaction i : history) {
      if (i.type() == RewardEventType.PURCHASE) {
        days.computeIfAbsent(i.productId(), k -> new TreeSet<>()).add(epochDay(i.at()));
        last.merge(i.productId(), i.at(), (a, b) -> a.isAfter(b) ? a : b);
      }
      double w = eventWeight(i.type()) * decay(i.at(), now, profileHalfLife);
      if (w > 0) {
        weights.merge(i.productId(), w, Double::sum);
      }
    }
    Map<String, Purchased> p = new LinkedHashMap<>();
    days.forEach((id, d) -> p.put(id, new Purchased(id, d.stream().mapToLong(Long::longValue).toArray(), last.get(id))));
    this.purchased = p;
    this.interest = weights;
  }

  boolean isNew() {
    return history.isEmpty();
  }

  boolean hasBought(String productId) {
    return purchased.containsKey(productId);
  }

  /** The {@code k} products the shopper is most interested in lately, strongest first. */
  List<String> topInterests(int k) {
    return interest.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(k).map(Map.Entry::getKey).toList();
  }

  /** What the policy sees: counts, recency, recent categories and typical price. */
  ShopperContext context(Catalog catalog, Instant now, @Nullable String anchorProductId, boolean inSession) {
    int purchases = 0;
    Instant latest = null;
    for (Interaction i : history) {
      if (i.type() == RewardEventType.PURCHASE) {
        purchases++;
      }
      if (latest == null || i.at().isAfter(latest)) {
        latest = i.at();
      }
    }
    Set<String> categories = new LinkedHashSet<>();
    List<Double> prices = new ArrayList<>();
    for (int k = history.size() - 1; k >= 0; k--) {
      Product p = catalog.get(history.get(k).productId()).orElse(null);
      if (p == null) {
        continue;
      }
      if (!p.category().isEmpty() && categories.size() < 5) {
        categories.add(p.category());
      }
      prices.add(p.price().amount().doubleValue());
    }
    prices.sort(Comparator.naturalOrder());
    Double typical = prices.isEmpty() ? null : prices.get(prices.size() / 2);
    Duration since = latest == null ? null : Duration.between(latest, now).isNegative() ? Duration.ZERO
        : Duration.between(latest, now);
    return new ShopperContext(userId, history.size(), purchases, purchased.size(), since, List.copyOf(categories),
        typical, anchorProductId, inSession);
  }

  static double eventWeight(RewardEventType type) {
    return switch (type) {
      case CLICK -> 1;
      case ADD_TO_CART -> 2;
      case PURCHASE -> 3;
      case IMPRESSION, DISMISS -> 0;
    };
  }

  /**
   * The weight left after {@code halfLife}-decay from {@code at} to {@code now}. Milliseconds are
   * counted in a double, so an event from any instant (one in a restored snapshot may be ages old)
   * decays towards 0 instead of overflowing {@link Duration#toMillis()} (beyond about 292 million
   * years); within that range the result is the same.
   */
  static double decay(Instant at, Instant now, Duration halfLife) {
    double age = Math.max(0, millis(Duration.between(at, now)));
    return Math.pow(0.5, age / millis(halfLife));
  }

  private static double millis(Duration d) {
    return d.getSeconds() * 1000.0 + d.getNano() / 1_000_000;
  }

  /** Days since 1970-01-01 (UTC), for any instant (from epoch seconds, which cannot overflow). */
  static long epochDay(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), DAY_SECONDS);
  }
}
