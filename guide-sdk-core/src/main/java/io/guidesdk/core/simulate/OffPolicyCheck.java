package io.guidesdk.core.simulate;

import io.guidesdk.core.eval.Bootstrap;
import io.guidesdk.core.learning.DecisionLog;
import io.guidesdk.core.ope.DecisionLogReader;
import io.guidesdk.core.ope.Estimate;
import io.guidesdk.core.ope.LoggedList;
import io.guidesdk.core.ope.LoggedRound;
import io.guidesdk.core.ope.OffPolicyEvaluator;
import io.guidesdk.core.ope.TargetPolicy;
import io.guidesdk.core.policy.QLearningConfig;
import io.guidesdk.core.policy.QLearningPolicy;
import io.guidesdk.core.policy.ShopperContext;
import io.guidesdk.core.policy.SlotDecision;
import io.guidesdk.core.policy.SlotPolicy;
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
  public record Result(int lists, int decisions, Map<String, List<Estimate>> estimates, Map<String, Double> perSlot,
      Map<String, Bootstrap.Interval> truths) {}

  /** The name of the frozen learner target (see {@link #run}). */
  public static final String FROZEN = "q-learning, frozen";

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
   *
   * <p>One more target is what a shop would evaluate before deploying a retrained policy: a learner
   * trained in its own run (seed {@code baseSeed + 10,000}), then frozen ({@value #FROZEN}, {@link
   * TargetPolicy#learned}). Its truth is simulated here, frozen, on the same seeds ({@link
   * Result#truths()}); the other targets' truths are the study's.
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
    QLearningPolicy.State trained = train(world, policyConfig, baseSeed + 10_000, config);
    double[] frozenTruth = new double[seeds];
    for (int s = 0; s < seeds; s++) {
      frozenTruth[s] = Simulator.run(world, FROZEN, r -> frozen(policyConfig, trained, r), baseSeed + s, config)
          .total() / config.rounds();
    }
    Map<String, TargetPolicy> targets = targets(world);
    QLearningPolicy frozenTarget = new QLearningPolicy(policyConfig, java.util.random.RandomGenerator.getDefault());
    frozenTarget.importState(trained);
    targets.put(FROZEN, TargetPolicy.learned(frozenTarget));
    Map<String, Bootstrap.Interval> truths = new LinkedHashMap<>();
    truths.put(FROZEN, new Bootstrap(2_000, baseSeed).mean(frozenTruth));

    Map<String, List<Estimate>> estimates = new LinkedHashMap<>();
    Map<String, Double> perSlot = new LinkedHashMap<>();
    double slotsPerList = (double) rounds.size() / lists.size();
    targets.forEach((name, target) -> {
      estimates.put(name, List.of(ope.listIpw(lists, target), ope.listSnipw(lists, target), ope.listDr(lists, target)));
      perSlot.put(name, ope.dr(rounds, target).value() * slotsPerList);
    });
    return new Result(lists.size(), decisions, estimates, perSlot, truths);
  }

  /** The learner's state after a run of its own on {@code seed}. */
  private static QLearningPolicy.State train(ShopperWorld world, QLearningConfig policyConfig, long seed,
      Simulator.Config config) {
    QLearningPolicy[] trained = new QLearningPolicy[1];
    Simulator.run(world, SimulationStudy.LEARNED, r -> trained[0] = new QLearningPolicy(policyConfig, r), seed, config);
    return trained[0].exportState();
  }

  /**
   * The learner restored from {@code state}, deciding with its exploration but never learning: a plain
   * {@link SlotPolicy}, so the simulator's reward sink does not train it.
   */
  private static SlotPolicy frozen(QLearningConfig policyConfig, QLearningPolicy.State state,
      java.util.random.RandomGenerator random) {
    QLearningPolicy p = new QLearningPolicy(policyConfig, random);
    p.importState(state);
    return new SlotPolicy() {
      @Override
      public SlotDecision decide(ShopperContext context, List<String> available, int slot) {
        return p.decide(context, available, slot);
      }

      @Override
      public String version() {
        return p.version() + "/frozen";
      }
    };
  }
}
