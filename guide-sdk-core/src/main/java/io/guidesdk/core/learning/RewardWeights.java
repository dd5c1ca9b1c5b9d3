package io.guidesdk.core.learning;

import io.guidesdk.RewardEvent;
import java.util.Objects;

/**
 * The reward each event type is worth: by default click 1, add-to-cart 3, purchase 10 plus
 * {@code valueWeight} times the amount paid, dismiss -1, impression 0. A reward is kept within
 * {@code ±}{@link #MAX_REWARD}, so the sums the reward sink keeps per slot and per product stay
 * finite whatever the weights and values (a NaN or infinite reward would stop every later snapshot).
 */
public record RewardWeights(double impression, double click, double addToCart, double purchase,
    double valueWeight, double dismiss) {

  public static final RewardWeights DEFAULT = new RewardWeights(0, 1, 3, 10, 0, -1);

  /** The largest reward one event is worth, either sign: {@value}. */
  public static final double MAX_REWARD = 1e12;

  public RewardWeights {
    for (double w : new double[] {impression, click, addToCart, purchase, valueWeight, dismiss}) {
      if (!Double.isFinite(w)) {
        throw new IllegalArgumentException("reward weights must be finite");
      }
    }
  }

  public double reward(RewardEvent event) {
    Objects.requireNonNull(event, "event");
    double r = switch (event.type()) {
      case IMPRESSION -> impression;
      case CLICK -> click;
      case ADD_TO_CART -> addToCart;
      // A zero weight ignores the value outright (0 × a value beyond double range would be NaN).
      case PURCHASE -> purchase + (event.value() == null || valueWeight == 0 ? 0
          : valueWeight * event.value().doubleValue());
      case DISMISS -> dismiss;
    };
    // Weights and values are finite, so r is not NaN; a product beyond double range saturates here.
    return Double.isNaN(r) ? 0 : Math.max(-MAX_REWARD, Math.min(MAX_REWARD, r));
  }
}
