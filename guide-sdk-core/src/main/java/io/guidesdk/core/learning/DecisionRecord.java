package io.guidesdk.core.learning;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the decision log: a slot decision with its context, propensity and the reward it
 * earned within the credit horizon. Written as one JSON object per line (see docs/learning.md):
 *
 * <pre>{"ts":"2026-11-24T01:02:03Z","recommendationId":"…","userId":"u1","slot":0,
 *  "context":{"history":1,"purchases":0,"recency":2,"priceBand":3,"category":7,"slot":0,"anchored":false,
 *    "before":[]},
 *  "actions":["profile","repeat","popular"],"action":"profile","propensity":0.915,"reward":1.0,
 *  "policyVersion":"q-learning-1/epsilon_greedy/linear","policyDecision":true}</pre>
 *
 * @param actions the strategies the slot policy chose among for this slot (those with an unused
 *     candidate then: the action set off-policy evaluation needs); for an impression recorded without
 *     action sets (restored from a version 2 snapshot), the distinct strategies shown in the list
 * @param policyDecision whether the slot policy chose {@code action}; {@code false} for the chat
 *     guide's replies (action {@code chat}, propensity 1), which are logged for their reward but
 *     skipped by {@link io.guidesdk.core.ope.DecisionLogReader} and never taught to the policy
 */
public record DecisionRecord(Instant ts, String recommendationId, String userId, int slot,
    Map<String, Object> context, List<String> actions, String action, double propensity, double reward,
    String policyVersion, boolean policyDecision) {
  public DecisionRecord {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(recommendationId, "recommendationId");
    Objects.requireNonNull(userId, "userId");
    context = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context));
    actions = List.copyOf(actions);
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(policyVersion, "policyVersion");
  }
}
