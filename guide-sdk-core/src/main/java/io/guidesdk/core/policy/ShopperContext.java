package io.guidesdk.core.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the policy knows about the shopper when it decides: the raw features it discretises into a
 * state.
 *
 * @param userId the shopper
 * @param interactions how many interactions the shopper has on record
 * @param purchases how many of them are purchases
 * @param distinctPurchasedProducts how many distinct products they bought
 * @param sinceLastAction time since their last interaction; {@code null} for a new shopper
 * @param recentCategories the categories of their most recent interactions, newest first
 * @param typicalPrice the median price of products they interacted with; {@code null} if none
 * @param anchorProductId the product being viewed (product page), if any
 * @param inSession whether the request belongs to a live session
 */
public record ShopperContext(
    String userId,
    int interactions,
    int purchases,
    int distinctPurchasedProducts,
    @Nullable Duration sinceLastAction,
    List<String> recentCategories,
    @Nullable Double typicalPrice,
    @Nullable String anchorProductId,
    boolean inSession) {

  public ShopperContext {
    Objects.requireNonNull(userId, "userId");
    recentCategories = List.copyOf(recentCategories);
  }

  /** A shopper with no history. */
  public static ShopperContext newShopper(String userId) {
    return new ShopperContext(userId, 0, 0, 0, null, List.of(), null, null, false);
  }

  public Optional<Duration> lastAction() {
    return Optional.ofNullable(sinceLastAction);
  }
}
