package io.guidesdk.core.ope;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A regression estimate of the reward of an action in a logged round's situation (for doubly robust). */
@FunctionalInterface
public interface RewardModel {

  double predict(LoggedRound round, String action);

  /**
   * The mean reward of each (position, action) cell, shrunk toward its position's mean with {@code
   * priorStrength} pseudo-rounds (so rare cells do not get extreme predictions).
   */
  static RewardModel cellMeans(List<LoggedRound> log, double priorStrength) {
    Map<Integer, double[]> positions = new HashMap<>();
    Map<String, double[]> cells = new HashMap<>();
    for (LoggedRound r : log) {
      double[] p = positions.computeIfAbsent(r.position(), k -> new double[2]);
      p[0] += r.reward();
      p[1]++;
      double[] c = cells.computeIfAbsent(r.position() + "\u0000" + r.action(), k -> new double[2]);
      c[0] += r.reward();
      c[1]++;
    }
    double overall = log.stream().mapToDouble(LoggedRound::reward).average().orElse(0);
    return (round, action) -> {
      double[] p = positions.get(round.position());
      double prior = p == null ? overall : p[0] / p[1];
      double[] c = cells.get(round.position() + "\u0000" + action);
      return c == null ? prior : (c[0] + priorStrength * prior) / (c[1] + priorStrength);
    };
  }
}
