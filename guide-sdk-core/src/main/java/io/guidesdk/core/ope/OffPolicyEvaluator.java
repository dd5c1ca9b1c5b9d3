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
 *
 * <p>The {@code list…} methods estimate a target policy's reward per <em>list</em> from a log of lists
 * ({@link LoggedList}) whose slots are sequential decisions (each slot's state holds the strategies
 * placed before it, so a target that chooses differently in slot 0 meets other states later). They
 * are the per-decision estimators of reinforcement learning, with {@code ρ_k = Π_{j≤k} π(a_j|x_j) /
 * p_j} the cumulative weight up to slot {@code k}: unbiased where the per-slot estimators above are
 * not, with weights that grow along the list. A list shorter than another keeps its last weight and
 * earns 0 in the slots it lacks. Intervals resample lists; the effective sample size and the largest
 * weight are those of each list's last cumulative weight.
 *
 * <ul>
 *   <li><b>PD-IPW</b>: {@code mean_i Σ_k ρ_ik r_ik}.
 *   <li><b>PD-SNIPW</b> (weighted per-decision): {@code Σ_k Σ_i ρ_ik r_ik / Σ_i ρ_ik}.
 *   <li><b>PD-DR</b>: {@code mean_i Σ_k [ρ_ik (r_ik − q̂(x_ik,a_ik)) + ρ_i,k−1 Σ_a π(a|x_ik) q̂(x_ik,a)]}
 *       with {@code ρ_i,−1 = 1} and the reward model cross-fitted on two folds of lists.
 * </ul>
 */
public final class OffPolicyEvaluator {
  /** Below this many effective rounds an estimate is flagged unstable. */
  public static final double MIN_EFFECTIVE_ROUNDS = 30;
  /** Below this mean importance weight an estimate is flagged unstable (see {@link Estimate#meanWeight()}). */
  public static final double MIN_MEAN_WEIGHT = 0.8;
  /** Above this mean importance weight an estimate is flagged unstable. */
  public static final double MAX_MEAN_WEIGHT = 1.25;

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
    return new Estimate("on-policy", bootstrap.mean(r), r.length, 1, 1, false);
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
    return estimate("snipw", resampled(ratio(wr, w, null), w.length, idx -> ratio(wr, w, idx)), w);
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

  /** The logging policy's own mean reward per list. */
  public Estimate listOnPolicy(List<LoggedList> log) {
    requireRounds(log.size());
    double[] r = log.stream().mapToDouble(LoggedList::reward).toArray();
    return new Estimate("on-policy", bootstrap.mean(r), r.length, 1, 1, false);
  }

  /** Per-decision IPW over lists (see the class comment). */
  public Estimate listIpw(List<LoggedList> log, TargetPolicy target) {
    double[][] rho = cumulativeWeights(log, target);
    double[] terms = new double[log.size()];
    for (int i = 0; i < terms.length; i++) {
      List<LoggedRound> slots = log.get(i).slots();
      for (int k = 0; k < slots.size(); k++) {
        terms[i] += rho[i][k] * slots.get(k).reward();
      }
    }
    return estimate("pd-ipw", bootstrap.mean(terms), lastWeights(rho));
  }

  /** Weighted (self-normalised) per-decision IPW over lists (see the class comment). */
  public Estimate listSnipw(List<LoggedList> log, TargetPolicy target) {
    double[][] rho = cumulativeWeights(log, target);
    int slots = 0;
    for (double[] w : rho) {
      slots = Math.max(slots, w.length);
    }
    // Flat per-list, per-slot terms, so that a bootstrap resample is a pass over contiguous arrays.
    double[] num = new double[rho.length * slots];
    double[] den = new double[rho.length * slots];
    for (int i = 0; i < rho.length; i++) {
      List<LoggedRound> logged = log.get(i).slots();
      for (int k = 0; k < slots; k++) {
        int at = i * slots + k;
        if (k < rho[i].length) {
          num[at] = rho[i][k] * logged.get(k).reward();
          den[at] = rho[i][k];
        } else {
          den[at] = rho[i][rho[i].length - 1];
        }
      }
    }
    int[] all = new int[rho.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    int width = slots;
    return estimate("pd-snipw", resampled(perSlotRatio(num, den, width, all), rho.length,
        idx -> perSlotRatio(num, den, width, idx)), lastWeights(rho));
  }

  /** Per-decision doubly robust over lists with {@link RewardModel#cellMeans} (prior strength 10). */
  public Estimate listDr(List<LoggedList> log, TargetPolicy target) {
    return listDr(log, target, rounds -> RewardModel.cellMeans(rounds, 10));
  }

  /**
   * Per-decision doubly robust over lists with a reward model fitted by {@code fit} on the slots of
   * the other fold of lists (even/odd lists).
   */
  public Estimate listDr(List<LoggedList> log, TargetPolicy target, Function<List<LoggedRound>, RewardModel> fit) {
    Objects.requireNonNull(fit, "fit");
    double[][] rho = cumulativeWeights(log, target);
    List<LoggedRound> even = new ArrayList<>();
    List<LoggedRound> odd = new ArrayList<>();
    for (int i = 0; i < log.size(); i++) {
      (i % 2 == 0 ? even : odd).addAll(log.get(i).slots());
    }
    RewardModel fitOnOdd = fit.apply(odd);
    RewardModel fitOnEven = fit.apply(even);
    double[] terms = new double[log.size()];
    for (int i = 0; i < terms.length; i++) {
      RewardModel q = i % 2 == 0 ? fitOnOdd : fitOnEven;
      List<LoggedRound> slots = log.get(i).slots();
      double previous = 1;
      for (int k = 0; k < slots.size(); k++) {
        LoggedRound r = slots.get(k);
        double direct = 0;
        for (String a : r.actions()) {
          double p = target.probability(r, a);
          if (p > 0) {
            direct += p * q.predict(r, a);
          }
        }
        terms[i] += rho[i][k] * (r.reward() - q.predict(r, r.action())) + previous * direct;
        previous = rho[i][k];
      }
    }
    return estimate("pd-dr", bootstrap.mean(terms), lastWeights(rho));
  }

  /** {@code ρ[i][k]}: the product of the weights of list {@code i}'s slots {@code 0..k}. */
  static double[][] cumulativeWeights(List<LoggedList> log, TargetPolicy target) {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(target, "target");
    requireRounds(log.size());
    double[][] rho = new double[log.size()][];
    for (int i = 0; i < rho.length; i++) {
      List<LoggedRound> slots = log.get(i).slots();
      rho[i] = new double[slots.size()];
      double w = 1;
      for (int k = 0; k < slots.size(); k++) {
        LoggedRound r = slots.get(k);
        double p = target.probability(r, r.action());
        if (!(p >= 0 && p <= 1)) {
          throw new IllegalArgumentException("target probability must be in [0, 1], was " + p + " in list "
              + log.get(i).recommendationId() + " slot " + k);
        }
        w *= p / r.propensity();
        rho[i][k] = w;
      }
    }
    return rho;
  }

  private static double[] lastWeights(double[][] rho) {
    double[] w = new double[rho.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = rho[i][rho[i].length - 1];
    }
    return w;
  }

  /**
   * {@code Σ_k Σ_i ρ_ik r_ik / Σ_i ρ_ik} over the lists {@code idx}, from the flat terms {@code num}
   * ({@code ρ_ik r_ik}) and {@code den} ({@code ρ_ik}, a list past its end keeping its last weight).
   */
  private static double perSlotRatio(double[] num, double[] den, int slots, int[] idx) {
    double[] n = new double[slots];
    double[] d = new double[slots];
    for (int i : idx) {
      int at = i * slots;
      for (int k = 0; k < slots; k++) {
        n[k] += num[at + k];
        d[k] += den[at + k];
      }
    }
    double value = 0;
    for (int k = 0; k < slots; k++) {
      value += d[k] == 0 ? 0 : n[k] / d[k];
    }
    return value;
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

  /**
   * Whether {@code n} weights with effective sample size {@code ess}, largest {@code max} and mean
   * {@code mean} rest on too few rounds: fewer than {@link #MIN_EFFECTIVE_ROUNDS} effective rounds or
   * under 1% of them, or one round holding over 10% of the total weight.
   */
  static boolean weightsExplode(double ess, double max, double mean, int n) {
    return ess < MIN_EFFECTIVE_ROUNDS || ess < 0.01 * n || (mean > 0 && max / (mean * n) > 0.1);
  }

  private static Estimate estimate(String name, Bootstrap.Interval interval, double[] w) {
    double ess = effectiveSampleSize(w);
    double max = 0;
    double sum = 0;
    for (double x : w) {
      max = Math.max(max, x);
      sum += x;
    }
    double mean = sum / w.length;
    boolean unstable = weightsExplode(ess, max, mean, w.length) || mean < MIN_MEAN_WEIGHT || mean > MAX_MEAN_WEIGHT;
    return new Estimate(name, interval, ess, max, mean, unstable);
  }

  /**
   * {@code point} with a 95% percentile interval of {@code statistic} over {@link #resamples} resamples
   * (with replacement) of the {@code n} units, for statistics that are not a mean (ratios).
   */
  private Bootstrap.Interval resampled(double point, int n, java.util.function.ToDoubleFunction<int[]> statistic) {
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    double[] boots = new double[resamples];
    int[] idx = new int[n];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < idx.length; i++) {
        idx[i] = random.nextInt(idx.length);
      }
      boots[b] = statistic.applyAsDouble(idx);
    }
    Arrays.sort(boots);
    return new Bootstrap.Interval(point, boots[(int) (0.025 * (resamples - 1))],
        boots[(int) Math.ceil(0.975 * (resamples - 1))], n);
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
