package io.guidesdk;

import java.util.Objects;

/**
 * One recommended product.
 *
 * @param product the product
 * @param score the ranking score (higher is better; comparable only within one response)
 * @param propensity the probability with which the policy chose this item for this slot, in (0, 1];
 *     logged so that new policies can be evaluated off-line
 * @param strategy the candidate source that proposed it, e.g. {@code repeat}, {@code co-purchase}
 * @param reason a sentence a shopper can read, e.g. "Often bought with Brooks Ghost 16"
 */
public record RecommendedItem(Product product, double score, double propensity, String strategy, String reason) {
  public RecommendedItem {
    Objects.requireNonNull(product, "product");
    if (!(propensity > 0 && propensity <= 1)) {
      throw new IllegalArgumentException("propensity must be in (0, 1], was " + propensity);
    }
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(reason, "reason");
  }
}
