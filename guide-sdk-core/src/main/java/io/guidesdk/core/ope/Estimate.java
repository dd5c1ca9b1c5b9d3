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
 * @param unstable whether the weights explode: fewer than {@link OffPolicyEvaluator#MIN_EFFECTIVE_ROUNDS}
 *     effective rounds or under 1% of the rounds, or one round holding over 10% of the total weight;
 *     such an estimate rests on a handful of rounds and should not be trusted
 */
public record Estimate(String estimator, Bootstrap.Interval interval, double effectiveSampleSize, double maxWeight,
    boolean unstable) {

  public double value() {
    return interval.mean();
  }

  /** {@code ipw 0.00570 [0.00470, 0.00690] ess=812 maxw=3.2}. */
  public String format(int digits) {
    return String.format(Locale.ROOT, "%-9s %s  ess=%.1f  max weight=%.3g%s", estimator, interval.format(digits),
        effectiveSampleSize, maxWeight, unstable ? "  UNSTABLE: weights explode" : "");
  }
}
