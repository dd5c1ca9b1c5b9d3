package io.guidesdk.core.policy;

import java.util.Objects;

/**
 * The strategy chosen for one slot and the probability with which the policy chose it (the
 * propensity logged with the impression).
 */
public record SlotDecision(String strategy, double probability) {
  public SlotDecision {
    Objects.requireNonNull(strategy, "strategy");
    if (!(probability > 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1], was " + probability);
    }
  }
}
