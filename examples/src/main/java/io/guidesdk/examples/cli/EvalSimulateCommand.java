package io.guidesdk.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.eval.Bootstrap;
import io.guidesdk.core.ope.Estimate;
import io.guidesdk.core.ope.OffPolicyEvaluator;
import io.guidesdk.core.policy.Exploration;
import io.guidesdk.core.policy.QLearningConfig;
import io.guidesdk.core.simulate.LatentPreferenceWorld;
import io.guidesdk.core.simulate.OffPolicyCheck;
import io.guidesdk.core.simulate.RetailWorld;
import io.guidesdk.core.simulate.ShopperWorld;
import io.guidesdk.core.simulate.SimulationStudy;
import io.guidesdk.core.simulate.Simulator;
import io.guidesdk.core.simulate.SvgPlot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guide eval simulate}: the learning policy against random, popularity and every fixed
 * strategy in simulated shops, with a plot of cumulative reward and a table with intervals over seeds.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Simulate shoppers and compare the Q-learning policy with random, popularity and fixed strategies.")
public final class EvalSimulateCommand implements Callable<Integer> {
  @Option(names = "--data", description = "Data root holding online-retail/ (default ../shared/data).")
  Path data = Path.of("..", "shared", "data");

  @Option(names = "--world", description = "latent, retail or all (default all).")
  String world = "all";

  @Option(names = "--split", description = "dev or test: which later period gives Online Retail preferences (default test).")
  String split = "test";

  @Option(names = "--rounds", description = "Shopper visits per run (default 4000).")
  int rounds = 4000;

  @Option(names = "--seeds", description = "Runs per policy (default 8).")
  int seeds = 8;

  @Option(names = "--shoppers", description = "Shoppers per world (default 1500).")
  int shoppers = 1500;

  @Option(names = "--exploration", description = "EPSILON_GREEDY, SOFTMAX or UCB (default EPSILON_GREEDY).")
  Exploration exploration = Exploration.EPSILON_GREEDY;

  @Option(names = "--encoding", description = "LINEAR or TABULAR (default LINEAR).")
  QLearningConfig.StateEncoding encoding = QLearningConfig.defaults().encoding();

  @Option(names = "--learning-rate", description = "α, the TD step size (default QLearningConfig.DEFAULT_LEARNING_RATE).")
  double learningRate = QLearningConfig.DEFAULT_LEARNING_RATE;

  @Option(names = "--discount", description = "γ (default QLearningConfig.DEFAULT_DISCOUNT).")
  double discount = QLearningConfig.DEFAULT_DISCOUNT;

  @Option(names = "--epsilon", description = "ε of ε-greedy (default QLearningConfig.DEFAULT_EPSILON).")
  double epsilon = QLearningConfig.DEFAULT_EPSILON;

  @Option(names = "--epsilon-decay-visits", description = "GLIE: ε·d/(d+n) after n updates of a state's "
      + "least-updated feature; 0 keeps ε constant (default QLearningConfig.DEFAULT_EPSILON_DECAY_VISITS).")
  double epsilonDecayVisits = QLearningConfig.DEFAULT_EPSILON_DECAY_VISITS;

  @Option(names = "--propensity-floor", description = "The least probability of every available strategy "
      + "(default QLearningConfig.DEFAULT_PROPENSITY_FLOOR).")
  double propensityFloor = QLearningConfig.DEFAULT_PROPENSITY_FLOOR;

  @Option(names = "--prior-order", split = ",", description = "Prior strategy order, best first, or 'none' "
      + "(default QLearningConfig.DEFAULT_PRIOR_ORDER).")
  List<String> priorOrder = QLearningConfig.DEFAULT_PRIOR_ORDER;

  @Option(names = "--prior-value", description = "Value spread of the prior order (default "
      + "QLearningConfig.DEFAULT_PRIOR_VALUE).")
  double priorValue = QLearningConfig.DEFAULT_PRIOR_VALUE;

  @Option(names = "--out", description = "Where to write the SVG plot (default target/simulate.svg).")
  Path out = Path.of("target", "simulate.svg");

  @Option(names = "--ope-logs", description = "Folder for the learner's decision logs, from which the other "
      + "policies are estimated off-policy (default target/simulate-logs).")
  Path opeLogs = Path.of("target", "simulate-logs");

  @Override
  public Integer call() throws Exception {
    if (!List.of("dev", "test").contains(split)) {
      throw new IllegalArgumentException("--split must be dev or test, was " + split);
    }
    if (!List.of("latent", "retail", "all").contains(world)) {
      throw new IllegalArgumentException("--world must be latent, retail or all, was " + world);
    }
    for (Map.Entry<String, Integer> count : List.of(Map.entry("--rounds", rounds), Map.entry("--seeds", seeds),
        Map.entry("--shoppers", shoppers))) {
      if (count.getValue() < 1) {
        throw new IllegalArgumentException(count.getKey() + " must be 1 or more, was " + count.getValue());
      }
    }
    QLearningConfig config = QLearningConfig.defaults().withExploration(exploration).withEncoding(encoding).withLearningRate(learningRate)
        .withDiscount(discount).withEpsilon(epsilon)
        .withEpsilonDecayVisits(epsilonDecayVisits).withPropensityFloor(propensityFloor)
        .withPriorOrder(priorOrder.equals(List.of("none")) ? List.of() : priorOrder).withPriorValue(priorValue);
    Simulator.Config sim = Simulator.Config.of(rounds);
    System.out.printf(Locale.ROOT, "guide eval simulate --world %s --split %s --rounds %d --seeds %d --shoppers %d "
        + "--exploration %s --encoding %s --learning-rate %s --discount %s --epsilon %s --epsilon-decay-visits %s --propensity-floor %s --prior-order %s --prior-value %s%n", world, split,
        rounds, seeds, shoppers, exploration, encoding, learningRate, discount, epsilon, epsilonDecayVisits,
        propensityFloor,
        config.priorOrder().isEmpty() ? "none" : String.join(",", config.priorOrder()), priorValue);
    System.out.println("policy: " + config);
    System.out.println("response model: " + sim.response() + "; reward weights: " + sim.weights());
    List<ShopperWorld> worlds = new ArrayList<>();
    if (!world.equals("retail")) {
      worlds.add(new LatentPreferenceWorld(DemoData.catalog(), shoppers, 0.3, split.equals("test") ? 2 : 1));
    }
    if (!world.equals("latent")) {
      Path retail = data.resolve("online-retail");
      if (!Files.isRegularFile(retail.resolve("online_retail.csv.gz"))) {
        throw new IllegalArgumentException("no online_retail.csv.gz in " + retail + "; pass --data or --world latent");
      }
      RetailWorld w = RetailWorld.load(retail, split.equals("test"), shoppers, 7);
      System.out.printf(Locale.ROOT, "Online Retail: %d shoppers (%d new), %d products%n", w.shoppers(),
          w.newShoppers(), w.catalog().size());
      worlds.add(w);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rounds", rounds);
    json.put("seeds", seeds);
    json.put("split", split);
    List<Map.Entry<String, Map<String, double[]>>> panels = new ArrayList<>();
    double[] x = null;
    boolean allAbove = true;
    for (ShopperWorld w : worlds) {
      long t0 = System.nanoTime();
      SimulationStudy.Result r = SimulationStudy.run(w, config, seeds, sim, split.equals("test") ? 1000 : 1, true);
      x = r.x();
      System.out.println();
      System.out.printf(Locale.ROOT, "%s: %d rounds x %d seeds (%.0f s)%n", r.world(), rounds, seeds,
          (System.nanoTime() - t0) / 1e9);
      System.out.printf(Locale.ROOT, "  %-20s %-28s %12s %14s%n", "policy", "reward/round [95% CI over seeds]",
          "cumulative", "last 20%/round");
      Map<String, double[]> series = new LinkedHashMap<>();
      for (SimulationStudy.PolicyResult p : r.policies()) {
        double[] c = p.meanCurve();
        int k = c.length * 4 / 5 - 1;
        double late = (c[c.length - 1] - c[k]) / (rounds - r.x()[k]);
        System.out.printf(Locale.ROOT, "  %-20s %-28s %12.0f %14.3f%s%n", p.name(), p.interval().format(3),
            c[c.length - 1], late, p.name().equals(r.bestFixed()) ? "  <- best fixed strategy" : "");
        series.put(p.name(), c);
      }
      System.out.println("  q-learning - best fixed (" + r.bestFixed() + "): " + r.learnedMinusBestFixed().format(3));
      System.out.println("  q-learning - random: " + r.learnedMinusRandom().format(3));
      panels.add(new AbstractMap.SimpleEntry<>(r.world(), series));
      String key = w instanceof RetailWorld ? "retail" : "latent";
      json.put(key + "_qlearning", round(r.policy(SimulationStudy.LEARNED).interval().mean()));
      json.put(key + "_bestFixed", r.bestFixed());
      json.put(key + "_bestFixedValue", round(r.policy(r.bestFixed()).interval().mean()));
      json.put(key + "_random", round(r.policy("random").interval().mean()));
      json.put(key + "_popularity", round(r.policy("popularity").interval().mean()));
      json.put(key + "_diffBestFixed", round(r.learnedMinusBestFixed().mean()));
      json.put(key + "_diffBestFixedLow", round(r.learnedMinusBestFixed().low()));
      json.put(key + "_diffBestFixedHigh", round(r.learnedMinusBestFixed().high()));
      allAbove &= r.learnedMinusBestFixed().low() > 0;
      offPolicyCheck(w, r, config, sim, split.equals("test") ? 1000 : 1, key, json);
    }
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(out, SvgPlot.lines("Cumulative reward (mean over " + seeds + " seeds): Q-learning vs baselines",
        "round (shopper visits)", "cumulative reward", x, panels), StandardCharsets.UTF_8);
    System.out.println();
    System.out.println("plot written to " + out.toAbsolutePath());
    json.put("learnedAboveBestFixedEverywhere", allAbove);
    json.put("plot", out.toString());
    System.out.println(new ObjectMapper().writeValueAsString(json));
    return 0;
  }

  /**
   * Estimates the study's other policies from the learner's decision logs (same seeds, same runs) and
   * prints each estimate next to the policy's simulated on-policy reward per visit.
   */
  private void offPolicyCheck(ShopperWorld w, SimulationStudy.Result r, QLearningConfig config, Simulator.Config sim,
      long baseSeed, String key, Map<String, Object> json) throws java.io.IOException {
    OffPolicyCheck.Result check = OffPolicyCheck.run(w, config, seeds, sim, baseSeed, opeLogs,
        OffPolicyEvaluator.defaults());
    System.out.printf(Locale.ROOT, "  off-policy check: the learner's decision logs (%d seeds, %d lists, %d slot "
        + "decisions, in %s) estimate the other policies' reward per visit (per-decision estimators over lists)%n",
        seeds, check.lists(), check.decisions(), opeLogs);
    System.out.printf(Locale.ROOT, "  %-20s %-24s %-24s %-24s %-24s %8s %8s %13s%n", "target", "simulated on-policy",
        "pd-ipw", "pd-snipw", "pd-dr", "ess", "mean w", "per-slot dr");
    int covered = 0;
    for (Map.Entry<String, List<Estimate>> e : check.estimates().entrySet()) {
      Bootstrap.Interval truth = check.truths().containsKey(e.getKey()) ? check.truths().get(e.getKey())
          : r.policy(e.getKey()).interval();
      List<Estimate> est = e.getValue();
      Estimate dr = est.get(2);
      System.out.printf(Locale.ROOT, "  %-20s %-24s %-24s %-24s %-24s %8.0f %8.2f %13.3f%s%n", e.getKey(),
          truth.format(3), est.get(0).interval().format(3), est.get(1).interval().format(3), dr.interval().format(3),
          dr.effectiveSampleSize(), dr.meanWeight(), check.perSlot().get(e.getKey()),
          dr.unstable() ? "  " + dr.warning() : "");
      String t = key + "_ope_" + (e.getKey().equals(OffPolicyCheck.FROZEN) ? "frozenLearner"
          : e.getKey().replace("fixed:", ""));
      json.put(t + "_true", round(truth.mean()));
      json.put(t + "_dr", round(dr.value()));
      json.put(t + "_ess", Math.round(dr.effectiveSampleSize()));
      json.put(t + "_meanWeight", round(dr.meanWeight()));
      json.put(t + "_unstable", dr.unstable());
      json.put(t + "_perSlotDr", round(check.perSlot().get(e.getKey())));
      boolean within = truth.mean() >= dr.interval().low() && truth.mean() <= dr.interval().high();
      covered += within ? 1 : 0;
    }
    json.put(key + "_ope_drCovers", covered + "/" + check.estimates().size());
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
