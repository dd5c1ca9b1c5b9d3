package io.guidesdk.core.learning;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import io.guidesdk.core.policy.ShopperContext;
import org.jspecify.annotations.Nullable;

/**
 * What one recommendation id showed: the products in slot order, with the strategy and propensity
 * of each slot.
 *
 * @param context what the policy knew when it decided (the learner's state for the TD update);
 *     {@code null} when the recorder did not keep it, in which case the learner rebuilds it from the
 *     shopper's history before {@code shownAt}
 * @param policyDecision whether each slot's strategy was chosen by the slot policy, so that a
 *     learning policy may learn from it ({@code true} for the recommender's lists). {@code false}
 *     for lists chosen by other rules, such as the chat guide's replies (strategy {@code chat}):
 *     events on them are still attributed, logged and added to the shopper's profile, but they
 *     never train the policy (see docs/learning.md)
 * @param available per slot, the strategies the slot policy chose among (those that still had an
 *     unused candidate when the slot was filled): the action set that off-policy evaluation needs,
 *     written to the decision log. Empty when the recorder did not keep it (older snapshots, lists
 *     not chosen by a slot policy); the decision log then falls back to the strategies shown
 */
public record Impression(
    String recommendationId,
    String userId,
    List<String> productIds,
    List<String> strategies,
    List<Double> propensities,
    String policyVersion,
    Instant shownAt,
    @Nullable ShopperContext context,
    boolean policyDecision,
    List<List<String>> available) {

  /** An impression without the slots' action sets. */
  public Impression(String recommendationId, String userId, List<String> productIds, List<String> strategies,
      List<Double> propensities, String policyVersion, Instant shownAt, @Nullable ShopperContext context,
      boolean policyDecision) {
    this(recommendationId, userId, productIds, strategies, propensities, policyVersion, shownAt, context,
        policyDecision, List.of());
  }

  /** A slot policy's impression without the decision context. */
  public Impression(String recommendationId, String userId, List<String> productIds, List<String> strategies,
      List<Double> propensities, String policyVersion, Instant shownAt) {
    this(recommendationId, userId, productIds, strategies, propensities, policyVersion, shownAt, null, true);
  }

  /** A slot policy's impression ({@code policyDecision} true). */
  public Impression(String recommendationId, String userId, List<String> productIds, List<String> strategies,
      List<Double> propensities, String policyVersion, Instant shownAt, @Nullable ShopperContext context) {
    this(recommendationId, userId, productIds, strategies, propensities, policyVersion, shownAt, context, true);
  }

  public Impression {
    Objects.requireNonNull(recommendationId, "recommendationId");
    Objects.requireNonNull(userId, "userId");
    productIds = List.copyOf(productIds);
    strategies = List.copyOf(strategies);
    propensities = List.copyOf(propensities);
    if (strategies.size() != productIds.size() || propensities.size() != productIds.size()) {
      throw new IllegalArgumentException("productIds, strategies and propensities must have the same size");
    }
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(shownAt, "shownAt");
    // null: a snapshot written before the field existed.
    available = available == null ? List.of() : available.stream().map(List::copyOf).toList();
    if (!available.isEmpty()) {
      if (available.size() != productIds.size()) {
        throw new IllegalArgumentException("available must have one action set per slot: " + available.size()
            + " sets for " + productIds.size() + " slots");
      }
      for (int slot = 0; slot < available.size(); slot++) {
        if (!available.get(slot).contains(strategies.get(slot))) {
          throw new IllegalArgumentException("slot " + slot + " shows strategy '" + strategies.get(slot)
              + "', which is not in its action set " + available.get(slot));
        }
      }
    }
  }

  /**
   * The strategies slot {@code slot} was chosen among: {@link #available()} where recorded, else the
   * distinct strategies of the list (all that is known to have been available).
   */
  public List<String> actionSet(int slot) {
    return available.isEmpty() ? strategies.stream().distinct().toList() : available.get(slot);
  }

  /** The slot that showed {@code productId}, or -1. */
  public int slotOf(String productId) {
    return productIds.indexOf(productId);
  }
}
