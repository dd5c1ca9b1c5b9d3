package io.guidesdk.core.learning;

import io.guidesdk.RewardEvent;
import java.util.Objects;

/**
 * The reward each event type is worth: by default click 1, add-to-cart 3, purchase 10 plus
 * {@code valueWeight} times the amount paid, dismiss -1, impression 0.
 */
public record RewardWeights(double impression, double click, double addToCart, double purchase,
    double valueWeight, double dismiss) {

  public static final RewardWeights DEFAULT = new RewardWeights(0, 1, 3, 10, 0, -1);

  public RewardWeights {
    for (double w : new double[] {impression, click, addToCart, purchase, valueWeight, dismiss}) {
      if (!Double.isFinite(w)) {
        throw new IllegalArgumentException("reward weights must be finite");
      }
    }
  }

  public double reward(RewardEvent event) {
    Objects.requireNonNull(event, "event");
    return switch (event.type()) {
      case IMPRESSION -> impression;
      case CLICK -> click;
      case ADD_TO_CART -> addToCart;
      case PURCHASE -> purchase + (event.value() == null ? 0 : valueWeight * event.value().doubleValue());
      case DISMISS -> dismiss;
    };
  }
}
