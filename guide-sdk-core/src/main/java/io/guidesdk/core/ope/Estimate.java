package io.guidesdk.core.ope;

import io.guidesdk.core.eval.Bootstrap;
import java.util.Locale;

/**
 * An off-policy estimate of a target policy's mean reward per round.
 *
 * @param estimator {@code ipw}, {@code snipw}, {@code dr} or {@code on-policy}
 * @param interval the estimate with its 95% bootstrap interval over rounds
 * @param effectiveSampleSize {@code (Σw)² / Σw²} of the importance weights (n when on-policy)
 * @param maxWeight the largest importance weight
 * @param meanWeight the mean importance weight (1 when on-policy). Its expectation under the logging
 *     policy is 1 wherever the logged propensities are right and cover the target's actions, so a mean
 *     far from 1 says the sample has not reached the weights' tail (long lists, far-off targets)
 * @param unstable whether the weights explode: fewer than {@link OffPolicyEvaluator#MIN_EFFECTIVE_ROUNDS}
 *     effective rounds or under 1% of the rounds, one round holding over 10% of the total weight, or a
 *     mean weight outside [{@value OffPolicyEvaluator#MIN_MEAN_WEIGHT}, {@value
 *     OffPolicyEvaluator#MAX_MEAN_WEIGHT}]; such an estimate rests on a handful of rounds or misses most
 *     of the weight it should have, and should not be trusted
 */
public record Estimate(String estimator, Bootstrap.Interval interval, double effectiveSampleSize, double maxWeight,
    double meanWeight, boolean unstable) {

  public double value() {
    return interval.mean();
  }

  /** {@code ipw       0.00570 [0.00470, 0.00690]  ess=812.0  max weight=3.20  mean weight=1.00}. */
  public String format(int digits) {
    return String.format(Locale.ROOT, "%-9s %s  ess=%.1f  max weight=%.3g  mean weight=%.2f%s", estimator,
        interval.format(digits), effectiveSampleSize, maxWeight, meanWeight, unstable ? "  " + warning() : "");
  }

  /** Why the estimate is unstable ({@code UNSTABLE: …}), or an empty string. */
  public String warning() {
    if (!unstable) {
      return "";
    }
    return !OffPolicyEvaluator.weightsExplode(effectiveSampleSize, maxWeight, meanWeight, interval.n())
        ? String.format(Locale.ROOT, "UNSTABLE: mean weight %.2f, not about 1 (the weights' tail is not sampled)",
            meanWeight)
        : "UNSTABLE: weights explode";
  }
}
