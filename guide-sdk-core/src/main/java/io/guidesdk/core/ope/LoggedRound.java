package io.guidesdk.core.ope;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One logged decision: in {@code context}, at {@code position}, the logging policy chose {@code action}
 * among {@code actions} with probability {@code propensity}, and it earned {@code reward}.
 */
public record LoggedRound(Map<String, String> context, int position, List<String> actions, String action,
    double propensity, double reward) {
  public LoggedRound {
    context = Map.copyOf(context);
    actions = List.copyOf(actions);
    Objects.requireNonNull(action, "action");
    if (!(propensity > 0 && propensity <= 1)) {
      throw new IllegalArgumentException("propensity must be in (0, 1], was " + propensity);
    }
    if (!Double.isFinite(reward)) {
      throw new IllegalArgumentException("reward must be finite, was " + reward);
    }
  }
}
