package io.guidesdk.core.ope;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The policy being evaluated: the probability it gives each action in a logged round's situation. */
@FunctionalInterface
public interface TargetPolicy {

  /** The probability of choosing {@code action} in the context and position of {@code round}. */
  double probability(LoggedRound round, String action);

  /** Uniform over the round's actions. */
  static TargetPolicy uniform() {
    return (round, action) -> round.actions().contains(action) ? 1.0 / round.actions().size() : 0;
  }

  /** Always {@code preferred} when it is among the round's actions, else uniform. */
  static TargetPolicy always(String preferred) {
    Objects.requireNonNull(preferred, "preferred");
    return (round, action) -> round.actions().contains(preferred) ? (action.equals(preferred) ? 1 : 0)
        : round.actions().contains(action) ? 1.0 / round.actions().size() : 0;
  }

  /**
   * The deterministic policy that plays the first of {@code order} among the round's actions (the
   * first of the round's actions if none is listed), as {@code SlotPolicy.fixedOrder} decides.
   */
  static TargetPolicy firstOf(List<String> order) {
    List<String> o = List.copyOf(order);
    return (round, action) -> {
      for (String s : o) {
        if (round.actions().contains(s)) {
          return action.equals(s) ? 1 : 0;
        }
      }
      return !round.actions().isEmpty() && round.actions().get(0).equals(action) ? 1 : 0;
    };
  }

  /**
   * A learning policy as it stands, frozen (for example one retrained off-line, or restored from a
   * snapshot): its exploration distribution in the state a decision-log round describes ({@link
   * io.guidesdk.core.policy.ShopperState#fromMap}), over the round's action set. Use with rounds
   * read by {@link DecisionLogReader}, whose context is the logged state.
   */
  static TargetPolicy learned(io.guidesdk.core.policy.QLearningPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    // Estimators ask for several actions of one round in a row (DR sums over the action set): each
    // thread keeps the last round's distribution instead of rebuilding the state for every action.
    ThreadLocal<Object[]> last = ThreadLocal.withInitial(() -> new Object[2]);
    return (round, action) -> {
      int i = round.actions().indexOf(action);
      if (i < 0) {
        return 0;
      }
      Object[] memo = last.get();
      if (memo[0] != round) {
        memo[1] = policy.distribution(io.guidesdk.core.policy.ShopperState.fromMap(round.context()), round.actions());
        memo[0] = round;
      }
      return ((double[]) memo[1])[i];
    };
  }

  /**
   * The time-averaged behaviour of the policy that wrote {@code log}: the frequency of each action at
   * each position. For a context-free policy (such as the Open Bandit Dataset's Bernoulli Thompson
   * Sampling) this is an unbiased estimate of its average action distribution.
   */
  static TargetPolicy empirical(List<LoggedRound> log) {
    Map<Integer, Map<String, Integer>> counts = new HashMap<>();
    Map<Integer, Integer> totals = new HashMap<>();
    for (LoggedRound r : log) {
      counts.computeIfAbsent(r.position(), k -> new HashMap<>()).merge(r.action(), 1, Integer::sum);
      totals.merge(r.position(), 1, Integer::sum);
    }
    return (round, action) -> {
      Integer total = totals.get(round.position());
      if (total == null) {
        return 0;
      }
      return counts.get(round.position()).getOrDefault(action, 0) / (double) total;
    };
  }
}
