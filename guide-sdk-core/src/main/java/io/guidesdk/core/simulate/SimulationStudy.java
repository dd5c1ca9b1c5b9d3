package io.guidesdk.core.simulate;

import io.guidesdk.core.eval.Bootstrap;
import io.guidesdk.core.policy.QLearningConfig;
import io.guidesdk.core.policy.QLearningPolicy;
import io.guidesdk.core.policy.SlotPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the learning policy and its baselines on the same seeds: uniform random, popularity, and every
 * fixed strategy (that strategy first, then the world's default order as fallback); the best fixed
 * strategy is chosen in hindsight on the same seeds (the strongest fixed baseline). Reports mean
 * reward per round with 95% bootstrap intervals over seeds, and paired differences.
 */
public final class SimulationStudy {
  private SimulationStudy() {}

  /** Per policy: the mean cumulative-reward curve over seeds and the per-seed mean reward per round. */
  public record PolicyResult(String name, double[] meanCurve, double[] perRound, Bootstrap.Interval interval) {}

  public record Result(String world, int rounds, int seeds, double[] x, List<PolicyResult> policies,
      String bestFixed, Bootstrap.Interval learnedMinusBestFixed, Bootstrap.Interval learnedMinusRandom,
      long transitions) {
    public PolicyResult policy(String name) {
      return policies.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
  }

  /** The name of the learning policy in results. */
  public static final String LEARNED = "q-learning";

  /**
   * @param fixed whether to run every fixed strategy (else only popularity and random besides the
   *     learner; the best-fixed comparison is then against popularity)
   */
  public static Result run(ShopperWorld world, QLearningConfig policyConfig, int seeds, Simulator.Config config,
      long baseSeed, boolean fixed) {
    Map<String, Simulator.PolicyFactory> policies = new LinkedHashMap<>();
    policies.put(LEARNED, r -> new QLearningPolicy(policyConfig, r));
    policies.put("random", Simulator::randomPolicy);
    List<String> fixedNames = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : fixedOrders(world).entrySet()) {
      if (!fixed && !e.getKey().equals("popularity")) {
        continue;
      }
      fixedNames.add(e.getKey());
      policies.put(e.getKey(), r -> SlotPolicy.fixedOrder(e.getValue()));
    }
    Map<String, double[][]> curves = new LinkedHashMap<>();
    Map<String, double[]> perRound = new LinkedHashMap<>();
    long transitions = 0;
    for (Map.Entry<String, Simulator.PolicyFactory> e : policies.entrySet()) {
      double[][] c = new double[seeds][];
      double[] pr = new double[seeds];
      for (int s = 0; s < seeds; s++) {
        Simulator.Run run = Simulator.run(world, e.getKey(), e.getValue(), baseSeed + s, config);
        c[s] = run.curve();
        pr[s] = run.total() / config.rounds();
        if (e.getKey().equals(LEARNED)) {
          transitions += run.stats().transitions();
        }
      }
      curves.put(e.getKey(), c);
      perRound.put(e.getKey(), pr);
    }
    Bootstrap boot = new Bootstrap(2_000, baseSeed);
    List<PolicyResult> results = new ArrayList<>();
    for (String name : policies.keySet()) {
      double[][] c = curves.get(name);
      double[] mean = new double[config.points()];
      for (double[] row : c) {
        for (int i = 0; i < mean.length; i++) {
          mean[i] += row[i] / seeds;
        }
      }
      results.add(new PolicyResult(name, mean, perRound.get(name), boot.mean(perRound.get(name))));
    }
    String best = fixedNames.stream()
        .max((a, b) -> Double.compare(mean(perRound.get(a)), mean(perRound.get(b)))).orElseThrow();
    double[] x = new double[config.points()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (double) config.rounds() * (i + 1) / x.length;
    }
    return new Result(world.name(), config.rounds(), seeds, x, results, best,
        boot.pairedDifference(perRound.get(LEARNED), perRound.get(best)),
        boot.pairedDifference(perRound.get(LEARNED), perRound.get("random")), transitions);
  }

  /**
   * The fixed strategies a study runs, by name ({@code fixed:<strategy>}, {@code popularity} for
   * {@code popular}): that strategy first, then the world's other strategies in the world's order.
   */
  public static Map<String, List<String>> fixedOrders(ShopperWorld world) {
    Map<String, List<String>> orders = new LinkedHashMap<>();
    for (String s : world.strategies()) {
      List<String> order = new ArrayList<>();
      order.add(s);
      world.strategies().stream().filter(x -> !x.equals(s)).forEach(order::add);
      orders.put(s.equals("popular") ? "popularity" : "fixed:" + s, List.copyOf(order));
    }
    return orders;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
