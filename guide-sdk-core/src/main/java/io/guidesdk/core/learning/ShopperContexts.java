package io.guidesdk.core.learning;

import io.guidesdk.Product;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.policy.ShopperContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Builds the {@link ShopperContext} a policy decides on from a shopper's interaction history. */
public final class ShopperContexts {
  /** How many recent categories a context lists. */
  public static final int RECENT_CATEGORIES = 3;

  private ShopperContexts() {}

  /**
   * The context of {@code userId} at {@code now}, from the interactions in {@code history} that
   * happened strictly before {@code now} (so it can rebuild the context of a past decision).
   */
  public static ShopperContext at(String userId, List<Interaction> history, Catalog catalog, Instant now,
      @Nullable String anchorProductId) {
    int interactions = 0;
    int purchases = 0;
    Set<String> bought = new HashSet<>();
    Instant last = null;
    List<Double> prices = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    for (int i = history.size() - 1; i >= 0; i--) {
      Interaction x = history.get(i);
      if (!x.at().isBefore(now)) {
        continue;
      }
      interactions++;
      if (x.type() == RewardEventType.PURCHASE) {
        purchases++;
        bought.add(x.productId());
      }
      if (last == null || x.at().isAfter(last)) {
        last = x.at();
      }
      Optional<Product> p = catalog.get(x.productId());
      if (p.isPresent()) {
        prices.add(p.get().price().amount().doubleValue());
        String c = p.get().category();
        if (!c.isEmpty() && categories.size() < RECENT_CATEGORIES && !categories.contains(c)) {
          categories.add(c);
        }
      }
    }
    Double typical = null;
    if (!prices.isEmpty()) {
      prices.sort(null);
      typical = prices.get(prices.size() / 2);
    }
    return new ShopperContext(userId, interactions, purchases, bought.size(),
        last == null ? null : Duration.between(last, now), categories, typical, anchorProductId, false);
  }
}
