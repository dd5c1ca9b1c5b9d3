package io.guidesdk.core.simulate;

import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.learning.Interaction;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The environment: a catalog, a population of shoppers with preferences, and the candidate
 * strategies a recommender would offer the policy.
 */
public interface ShopperWorld {

  String name();

  Catalog catalog();

  /** The strategy names, in the default fixed preference order. */
  List<String> strategies();

  int shoppers();

  String shopperId(int shopper);

  /** What the shopper did before the simulation starts (oldest first, before {@code start}). */
  List<Interaction> initialHistory(int shopper, java.time.Instant start);

  /**
   * At most {@code n} candidates of {@code strategy} for the shopper, best first, given the current
   * history (oldest first); empty when the strategy has nothing for them.
   */
  List<String> candidates(String strategy, int shopper, List<Interaction> history, int n,
      java.util.function.ToDoubleFunction<String> liveWeight);

  /** The probability that the shopper clicks {@code productId} when it is shown in the first slot. */
  double appeal(int shopper, String productId, List<Interaction> history);

  /** Draws the shopper who arrives next. */
  default int nextShopper(RandomGenerator random) {
    return random.nextInt(shoppers());
  }
}
