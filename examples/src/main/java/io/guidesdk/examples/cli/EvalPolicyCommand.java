package io.guidesdk.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.core.learning.LearningSnapshot;
import io.guidesdk.core.ope.DecisionLogReader;
import io.guidesdk.core.ope.Estimate;
import io.guidesdk.core.ope.LoggedList;
import io.guidesdk.core.ope.LoggedRound;
import io.guidesdk.core.ope.ObdLog;
import io.guidesdk.core.ope.OffPolicyEvaluator;
import io.guidesdk.core.ope.TargetPolicy;
import io.guidesdk.core.policy.QLearningPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guide eval policy}: validates the off-policy estimators on the Open Bandit Dataset sample
 * (logs of a uniform-random and a Bernoulli Thompson Sampling policy) and, given a decision log,
 * estimates simple policies on it.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = "Validate off-policy estimators (IPW, SNIPW, DR) on the Open Bandit Dataset; evaluate policies "
        + "on a decision log.")
public final class EvalPolicyCommand implements Callable<Integer> {
  @Option(names = "--data", description = "Open Bandit Dataset folder (default ../shared/data/obd).")
  Path data = Path.of("..", "shared", "data", "obd");

  @Option(names = "--decision-log", description = "A decision log (JSON Lines) to evaluate policies on.")
  Path decisionLog;

  @Option(names = "--policy-snapshot", description = "A snapshot (GuideSdk.snapshot) whose learned policy is "
      + "evaluated on the decision log, as it stands: a retrained or restored policy before it goes live.")
  Path policySnapshot;

  @Option(names = "--resamples", description = "Bootstrap resamples (default 2000).")
  int resamples = 2000;

  @Option(names = "--seed", description = "Bootstrap seed (default 1).")
  long seed = 1;

  @Override
  public Integer call() throws Exception {
    if (policySnapshot != null && decisionLog == null) {
      throw new IllegalArgumentException("--policy-snapshot needs a --decision-log to evaluate the policy on");
    }
    Map<String, Object> json = new LinkedHashMap<>();
    OffPolicyEvaluator ope = new OffPolicyEvaluator(resamples, seed);
    System.out.printf(Locale.ROOT, "guide eval policy --data %s  (bootstrap: %d resamples, seed %d; 95%% intervals)%n",
        data, resamples, seed);
    if (Files.isDirectory(data)) {
      obd(ope, json);
    } else if (decisionLog == null) {
      throw new IllegalArgumentException("--data " + data + " is not a folder (expected the Open Bandit Dataset "
          + "sample with random/ and bts/), and no --decision-log was given");
    } else {
      System.out.println("(no Open Bandit Dataset at " + data + "; skipping the estimator validation)");
    }
    if (decisionLog != null) {
      decisionLog(ope, json);
    }
    System.out.println(new ObjectMapper().writeValueAsString(json));
    return 0;
  }

  private void obd(OffPolicyEvaluator ope, Map<String, Object> json) {
    System.out.println("NOTE: each 10k-round file holds only 46-69 clicks, so these logs check the ESTIMATORS, "
        + "not policies.");
    System.out.println("Split: development = men, report = women (nothing is tuned here; both shown).");
    Map<String, List<LoggedRound>> random = new LinkedHashMap<>();
    Map<String, List<LoggedRound>> bts = new LinkedHashMap<>();
    for (String c : List.of("men", "women")) {
      random.put(c, ObdLog.read(data.resolve("random").resolve(c)));
      bts.put(c, ObdLog.read(data.resolve("bts").resolve(c)));
    }

    System.out.println();
    System.out.println("1. Uniform random evaluated on its own log: IPW must equal the on-policy CTR exactly");
    boolean exact = true;
    for (String c : random.keySet()) {
      List<LoggedRound> log = random.get(c);
      Estimate on = ope.onPolicy(log);
      Estimate ipw = ope.ipw(log, TargetPolicy.uniform());
      double diff = Math.abs(ipw.value() - on.value());
      exact &= diff < 1e-12;
      System.out.printf(Locale.ROOT, "  %-6s rounds=%d clicks=%.0f%n", c, log.size(), on.value() * log.size());
      System.out.println("    " + on.format(5));
      System.out.println("    " + ipw.format(5));
      System.out.println("    " + ope.snipw(log, TargetPolicy.uniform()).format(5));
      System.out.println("    " + ope.dr(log, TargetPolicy.uniform()).format(5));
      System.out.printf(Locale.ROOT, "    |ipw - on-policy| = %.2e%n", diff);
      json.put("uniformOnPolicy_" + c, on.value());
      json.put("uniformIpw_" + c, ipw.value());
    }
    json.put("uniformIpwExact", exact);

    System.out.println();
    System.out.println("2. Bernoulli TS (its action frequency per position in the BTS log) estimated from the random "
        + "logs, pooled men+women, against the BTS logs' on-policy CTR");
    List<LoggedRound> pooledRandom = new ArrayList<>();
    List<LoggedRound> pooledBts = new ArrayList<>();
    random.values().forEach(pooledRandom::addAll);
    bts.values().forEach(pooledBts::addAll);
    Map<String, TargetPolicy> btsByCampaign = new LinkedHashMap<>();
    bts.forEach((c, log) -> btsByCampaign.put(c, TargetPolicy.empirical(log)));
    TargetPolicy btsTarget = (round, action) -> btsByCampaign.get(round.context().get("campaign"))
        .probability(round, action);
    Estimate btsOn = ope.onPolicy(pooledBts);
    System.out.println("  BTS log  " + btsOn.format(5));
    boolean allWithin = true;
    for (Estimate e : List.of(ope.ipw(pooledRandom, btsTarget), ope.snipw(pooledRandom, btsTarget),
        ope.dr(pooledRandom, btsTarget))) {
      boolean within = e.value() >= btsOn.interval().low() && e.value() <= btsOn.interval().high();
      allWithin &= within;
      System.out.println("  random → " + e.format(5) + (within ? "  within the on-policy CI" : "  OUTSIDE the on-policy CI"));
      json.put("btsFromRandom_" + e.estimator(), e.value());
      json.put("btsFromRandom_" + e.estimator() + "_ess", Math.round(e.effectiveSampleSize()));
    }
    json.put("btsOnPolicy", btsOn.value());
    json.put("btsOnPolicyLow", btsOn.interval().low());
    json.put("btsOnPolicyHigh", btsOn.interval().high());
    json.put("btsFromRandomWithinCi", allWithin);
    for (String c : random.keySet()) {
      Estimate on = ope.onPolicy(bts.get(c));
      Estimate ipw = ope.ipw(random.get(c), btsByCampaign.get(c));
      System.out.printf(Locale.ROOT, "  %-6s on-policy %s | ipw from random %s (ess %.0f)%n", c, on.interval().format(5),
          ipw.interval().format(5), ipw.effectiveSampleSize());
    }

    System.out.println();
    System.out.println("3. Uniform random estimated from the BTS logs (BTS propensities go down to 1e-6: weights explode)");
    for (String c : bts.keySet()) {
      Estimate truth = ope.onPolicy(random.get(c));
      System.out.printf(Locale.ROOT, "  %-6s truth (random log on-policy) %s%n", c, truth.interval().format(5));
      for (Estimate e : List.of(ope.ipw(bts.get(c), TargetPolicy.uniform()), ope.snipw(bts.get(c), TargetPolicy.uniform()),
          ope.dr(bts.get(c), TargetPolicy.uniform()))) {
        System.out.println("    " + e.format(5));
      }
      Estimate ipw = ope.ipw(bts.get(c), TargetPolicy.uniform());
      json.put("randomFromBts_" + c + "_ess", Math.round(ipw.effectiveSampleSize() * 10) / 10.0);
      json.put("randomFromBts_" + c + "_unstable", ipw.unstable());
    }
  }

  private void decisionLog(OffPolicyEvaluator ope, Map<String, Object> json) {
    List<LoggedRound> log = DecisionLogReader.read(decisionLog);
    System.out.println();
    System.out.printf(Locale.ROOT, "Decision log %s: %d slot decisions%n", decisionLog, log.size());
    Estimate on = ope.onPolicy(log);
    System.out.println("  logging policy  " + on.format(4));
    json.put("logRounds", log.size());
    json.put("logOnPolicy", on.value());
    TreeSet<String> actions = new TreeSet<>();
    log.forEach(r -> actions.addAll(r.actions()));
    Map<String, TargetPolicy> targets = new LinkedHashMap<>();
    targets.put("uniform", TargetPolicy.uniform());
    actions.forEach(a -> targets.put("always " + a, TargetPolicy.always(a)));
    if (policySnapshot != null) {
      QLearningPolicy.State state = LearningSnapshot.read(policySnapshot).policy();
      if (state == null) {
        throw new IllegalArgumentException("--policy-snapshot " + policySnapshot + " holds no learned policy");
      }
      QLearningPolicy snapshotPolicy = new QLearningPolicy(state.config(), RandomGenerator.getDefault());
      snapshotPolicy.importState(state);
      targets.put("snapshot policy", TargetPolicy.learned(snapshotPolicy));
    }
    List<LoggedList> lists = DecisionLogReader.readLists(decisionLog);
    System.out.printf(Locale.ROOT, "  reward per slot decision (each slot weighted alone: biased where a slot's "
        + "reward depends on the earlier slots), then per list (%d lists; per-decision estimators, exact but "
        + "with weights that grow along the list)%n", lists.size());
    System.out.println("  logging policy, per list  " + ope.listOnPolicy(lists).format(4));
    json.put("logLists", lists.size());
    for (Map.Entry<String, TargetPolicy> t : targets.entrySet()) {
      System.out.println("  " + t.getKey());
      for (Estimate e : List.of(ope.ipw(log, t.getValue()), ope.snipw(log, t.getValue()), ope.dr(log, t.getValue()))) {
        System.out.println("    " + e.format(4));
      }
      Estimate listDr = ope.listDr(lists, t.getValue());
      for (Estimate e : List.of(ope.listIpw(lists, t.getValue()), ope.listSnipw(lists, t.getValue()), listDr)) {
        System.out.println("    " + e.format(4));
      }
      String key = "log_" + t.getKey().replace(' ', '_');
      json.put(key + "_snipw", ope.snipw(log, t.getValue()).value());
      json.put(key + "_pd_dr", listDr.value());
      json.put(key + "_pd_unstable", listDr.unstable());
    }
  }
}
