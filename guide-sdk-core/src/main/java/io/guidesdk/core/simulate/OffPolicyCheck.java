package io.guidesdk.core.simulate;

import io.guidesdk.core.learning.DecisionLog;
import io.guidesdk.core.ope.DecisionLogReader;
import io.guidesdk.core.ope.Estimate;
import io.guidesdk.core.ope.LoggedList;
import io.guidesdk.core.ope.LoggedRound;
import io.guidesdk.core.ope.OffPolicyEvaluator;
import io.guidesdk.core.ope.TargetPolicy;
import io.guidesdk.core.policy.QLearningConfig;
import io.guidesdk.core.policy.QLearningPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the decision log end to end where the truth is known: the learning policy runs in a
 * simulated world with a decision log, exactly as in {@link SimulationStudy} (same seeds, so the same
 * runs), and the per-decision estimators of {@link OffPolicyEvaluator} estimate, from those logs
 * alone, the reward per visit of the study's other policies (uniform random and every fixed
 * strategy), whose simulated on-policy reward the study measured. This is what a shop does with its
 * own log before trusting a new policy on-line.
 *
 * <p>The estimate and the simulated truth differ by more than estimation error in one way: the
 * estimate is the target's reward in the shopper states the learner's own run led to (histories grow
 * with what each policy showed), the truth is over the states the target's run led to.
 */
public final class OffPolicyCheck {
  private OffPolicyCheck() {}

  /**
   * The logs' size and, per target policy name, its PD-IPW, PD-SNIPW and PD-DR estimates per list,
   * and its per-slot DR estimate (each slot weighted alone, as if the slots of a list did not
   * interact) scaled to a list.
   *
   * @param perSlot per target, {@link OffPolicyEvaluator#dr} over the slot decisions times the mean
   *     number of slots per list: far lower variance than the per-decision estimators, biased wherever
   *     an earlier slot changes what a later one earns (satiation, the candidates left)
   */
  public record Result(int lists, int decisions, Map<String, List<Estimate>> estimates, Map<String, Double> perSlot) {}

  /** The study's non-learning policies as targets: {@code random} (uniform) and every fixed order. */
  public static Map<String, TargetPolicy> targets(ShopperWorld world) {
    Map<String, TargetPolicy> t = new LinkedHashMap<>();
    t.put("random", TargetPolicy.uniform());
    SimulationStudy.fixedOrders(world).forEach((name, order) -> t.put(name, TargetPolicy.firstOf(order)));
    return t;
  }

  /**
   * Runs the learner for {@code seeds} seeds from {@code baseSeed}, logging to {@code folder} (one
   * file per seed, replaced), and estimates every target from the pooled logs.
   */
  public static Result run(ShopperWorld world, QLearningConfig policyConfig, int seeds, Simulator.Config config,
      long baseSeed, Path folder, OffPolicyEvaluator ope) throws java.io.IOException {
    Objects.requireNonNull(folder, "folder");
    Files.createDirectories(folder);
    List<LoggedList> lists = new ArrayList<>();
    List<LoggedRound> rounds = new ArrayList<>();
    for (int s = 0; s < seeds; s++) {
      Path file = folder.resolve(world.name().replaceAll("[^A-Za-z0-9]+", "-") + "-seed-" + (baseSeed + s) + ".jsonl");
      Files.deleteIfExists(file);
      Simulator.run(world, SimulationStudy.LEARNED, r -> new QLearningPolicy(policyConfig, r), baseSeed + s, config,
          DecisionLog.jsonLines(file));
      lists.addAll(DecisionLogReader.readLists(file));
      rounds.addAll(DecisionLogReader.read(file));
    }
    int decisions = lists.stream().mapToInt(l -> l.slots().size()).sum();
    Map<String, List<Estimate>> estimates = new LinkedHashMap<>();
    Map<String, Double> perSlot = new LinkedHashMap<>();
    double slotsPerList = (double) rounds.size() / lists.size();
    targets(world).forEach((name, target) -> {
      estimates.put(name, List.of(ope.listIpw(lists, target), ope.listSnipw(lists, target), ope.listDr(lists, target)));
      perSlot.put(name, ope.dr(rounds, target).value() * slotsPerList);
    });
    return new Result(lists.size(), decisions, estimates, perSlot);
  }
}
