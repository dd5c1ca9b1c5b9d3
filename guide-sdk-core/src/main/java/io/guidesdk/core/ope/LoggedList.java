package io.guidesdk.core.ope;

import java.util.List;
import java.util.Objects;

/**
 * One logged list: the slot decisions of one recommendation id, in slot order (slots 0, 1, 2, … each
 * once; anything else is refused, naming the list and the slot). The slots of a list
 * are sequential decisions (each slot's state holds the strategies placed before it), so a list is
 * the unit the per-decision estimators of {@link OffPolicyEvaluator} weight and resample.
 */
public record LoggedList(String recommendationId, List<LoggedRound> slots) {
  public LoggedList {
    Objects.requireNonNull(recommendationId, "recommendationId");
    slots = List.copyOf(slots);
    if (slots.isEmpty()) {
      throw new IllegalArgumentException("list " + recommendationId + " has no slots");
    }
    for (int k = 0; k < slots.size(); k++) {
      int position = slots.get(k).position();
      if (position < k) {
        throw new IllegalArgumentException("list " + recommendationId + ": slot " + position + " appears twice");
      }
      if (position > k) {
        throw new IllegalArgumentException("list " + recommendationId + ": slot " + k + " is missing");
      }
    }
  }

  /** The list's reward: the sum over its slots. */
  public double reward() {
    double r = 0;
    for (LoggedRound s : slots) {
      r += s.reward();
    }
    return r;
  }
}
