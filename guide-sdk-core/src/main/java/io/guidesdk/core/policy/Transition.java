package io.guidesdk.core.policy;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One step of experience: in {@code state} the policy chose {@code action}, which earned {@code
 * reward}, and the shopper moved to {@code next} ({@code null} when the episode ended; the TD target
 * then has no bootstrap term).
 *
 * @param nextActions the actions to maximise over in {@code next}; empty means every known action
 */
public record Transition(ShopperState state, String action, double reward, @Nullable ShopperState next,
    List<String> nextActions) {
  public Transition {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(action, "action");
    if (!Double.isFinite(reward)) {
      throw new IllegalArgumentException("reward must be finite: " + reward);
    }
    nextActions = List.copyOf(nextActions);
  }
}
