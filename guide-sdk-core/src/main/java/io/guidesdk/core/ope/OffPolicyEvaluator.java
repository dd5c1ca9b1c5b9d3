package io.guidesdk.core.ope;

import io.guidesdk.core.eval.Bootstrap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Off-policy estimators over a log of rounds, each with a percentile bootstrap interval over rounds:
 *
 * <ul>
 *   <li><b>IPW</b> (inverse propensity weighting): {@code mean(w_i r_i)} with {@code w_i =
 *       π(a_i|x_i) / p_i}; unbiased when the logged propensities are right and cover π's actions.
 *   <li><b>SNIPW</b> (self-normalised IPW): {@code Σ w_i r_i / Σ w_i}; slightly biased, much lower
 *       variance when weights are large. The interval resamples rounds and recomputes the ratio.
 *   <li><b>DR</b> (doubly robust): {@code mean(Σ_a π(a|x_i) q̂(x_i,a) + w_i (r_i − q̂(x_i,a_i)))} with a
 *       reward model {@code q̂} fitted by two-fold cross-fitting (fit on one half of the rounds,
 *       predict the other), so a round's own reward never enters its prediction.
 * </ul>
 */
public final class OffPolicyEvaluator {
  /** Below this many effective rounds an estimate is flagged unstable. */
  public static final double MIN_EFFECTIVE_ROUNDS = 30;

  private final Bootstrap bootstrap;
  private final int resamples;
  private final long seed;

  public OffPolicyEvaluator(int resamples, long seed) {
    this.bootstrap = new Bootstrap(resamples, seed);
    this.resamples = resamples;
    this.seed = seed;
  }

  /** 2,000 resamples, seed 1. */
  public static OffPolicyEvaluator defaults() {
    return new OffPolicyEvaluator(Bootstrap.DEFAULT_RESAMPLES, 1);
  }

  /** The logging policy's own mean reward (no weighting). */
  public Estimate onPolicy(List<LoggedRound> log) {
    double[] r = log.stream().mapToDouble(LoggedRound::reward).toArray();
    requireRounds(r.length);
    return new Estimate("on-policy", bootstrap.mean(r), r.length, 1, false);
  }

  public Estimate ipw(List<LoggedRound> log, TargetPolicy target) {
    double[] w = weights(log, target);
    double[] terms = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      terms[i] = w[i] * log.get(i).reward();
    }
    return estimate("ipw", bootstrap.mean(terms), w);
  }

  public Estimate snipw(List<LoggedRound> log, TargetPolicy target) {
    double[] w = weights(log, target);
    double[] wr = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      wr[i] = w[i] * log.get(i).reward();
    }
    double point = ratio(wr, w, null);
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    double[] boots = new double[resamples];
    int[] idx = new int[w.length];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < idx.length; i++) {
        idx[i] = random.nextInt(idx.length);
      }
      boots[b] = ratio(wr, w, idx);
    }
    Arrays.sort(boots);
    Bootstrap.Interval interval = new Bootstrap.Interval(point, boots[(int) (0.025 * (resamples - 1))],
        boots[(int) Math.ceil(0.975 * (resamples - 1))], w.length);
    return estimate("snipw", interval, w);
  }

  /** Doubly robust with {@link RewardModel#cellMeans} (prior strength 10), cross-fitted on two folds. */
  public Estimate dr(List<LoggedRound> log, TargetPolicy target) {
    return dr(log, target, rounds -> RewardModel.cellMeans(rounds, 10));
  }

  /** Doubly robust with a reward model fitted by {@code fit}, cross-fitted on two folds (even/odd rounds). */
  public Estimate dr(List<LoggedRound> log, TargetPolicy target, Function<List<LoggedRound>, RewardModel> fit) {
    Objects.requireNonNull(fit, "fit");
    double[] w = weights(log, target);
    List<LoggedRound> even = new ArrayList<>();
    List<LoggedRound> odd = new ArrayList<>();
    for (int i = 0; i < log.size(); i++) {
      (i % 2 == 0 ? even : odd).add(log.get(i));
    }
    RewardModel fitOnOdd = fit.apply(odd);
    RewardModel fitOnEven = fit.apply(even);
    double[] terms = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      LoggedRound r = log.get(i);
      RewardModel q = i % 2 == 0 ? fitOnOdd : fitOnEven;
      double direct = 0;
      for (String a : r.actions()) {
        double p = target.probability(r, a);
        if (p > 0) {
          direct += p * q.predict(r, a);
        }
      }
      terms[i] = direct + w[i] * (r.reward() - q.predict(r, r.action()));
    }
    return estimate("dr", bootstrap.mean(terms), w);
  }

  /** Importance weights {@code π(a_i|x_i) / p_i}. */
  public static double[] weights(List<LoggedRound> log, TargetPolicy target) {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(target, "target");
    requireRounds(log.size());
    double[] w = new double[log.size()];
    for (int i = 0; i < w.length; i++) {
      LoggedRound r = log.get(i);
      double p = target.probability(r, r.action());
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("target probability must be in [0, 1], was " + p + " at round " + i);
      }
      w[i] = p / r.propensity();
    }
    return w;
  }

  /** {@code (Σw)² / Σw²}. */
  public static double effectiveSampleSize(double[] w) {
    double s = 0;
    double s2 = 0;
    for (double x : w) {
      s += x;
      s2 += x * x;
    }
    return s2 == 0 ? 0 : s * s / s2;
  }

  private static Estimate estimate(String name, Bootstrap.Interval interval, double[] w) {
    double ess = effectiveSampleSize(w);
    double max = 0;
    double sum = 0;
    for (double x : w) {
      max = Math.max(max, x);
      sum += x;
    }
    boolean unstable = ess < MIN_EFFECTIVE_ROUNDS || ess < 0.01 * w.length || (sum > 0 && max / sum > 0.1);
    return new Estimate(name, interval, ess, max, unstable);
  }

  private static double ratio(double[] wr, double[] w, int[] idx) {
    double num = 0;
    double den = 0;
    int n = idx == null ? w.length : idx.length;
    for (int k = 0; k < n; k++) {
      int i = idx == null ? k : idx[k];
      num += wr[i];
      den += w[i];
    }
    return den == 0 ? 0 : num / den;
  }

  private static void requireRounds(int n) {
    if (n == 0) {
      throw new IllegalArgumentException("the log has no rounds");
    }
  }
}
