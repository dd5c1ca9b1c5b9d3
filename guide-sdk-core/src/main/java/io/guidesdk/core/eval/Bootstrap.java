package io.guidesdk.core.eval;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Percentile bootstrap confidence intervals for a mean over independent units (queries, customers,
 * seeds), and for the mean of paired differences between two systems measured on the same units.
 * Seeded, so a run is reproducible.
 */
public final class Bootstrap {
  /** The default number of resamples. */
  public static final int DEFAULT_RESAMPLES = 2_000;

  private final int resamples;
  private final long seed;

  public Bootstrap(int resamples, long seed) {
    if (resamples < 100) {
      throw new IllegalArgumentException("resamples must be >= 100, was " + resamples);
    }
    this.resamples = resamples;
    this.seed = seed;
  }

  /** 2,000 resamples, seed 1. */
  public static Bootstrap defaults() {
    return new Bootstrap(DEFAULT_RESAMPLES, 1);
  }

  /** A mean with its 95% percentile interval. */
  public record Interval(double mean, double low, double high, int n) {
    /** {@code 0.842 [0.801, 0.880]}. */
    public String format(int digits) {
      String f = "%." + digits + "f";
      return String.format(java.util.Locale.ROOT, f + " [" + f + ", " + f + "]", mean, low, high);
    }

    /** Whether the interval lies entirely above zero (for paired differences). */
    public boolean excludesZeroAbove() {
      return low > 0;
    }
  }

  /** The mean of {@code values} with a 95% interval. */
  public Interval mean(double[] values) {
    Objects.requireNonNull(values, "values");
    if (values.length == 0) {
      throw new IllegalArgumentException("values must not be empty");
    }
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    double[] means = new double[resamples];
    int n = values.length;
    for (int r = 0; r < resamples; r++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += values[random.nextInt(n)];
      }
      means[r] = sum / n;
    }
    Arrays.sort(means);
    return new Interval(Arrays.stream(values).average().orElseThrow(), means[(int) (0.025 * (resamples - 1))],
        means[(int) Math.ceil(0.975 * (resamples - 1))], n);
  }

  /** The mean of {@code a[i] - b[i]} with a 95% interval; a and b are measured on the same units. */
  public Interval pairedDifference(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("paired samples differ in length: " + a.length + " vs " + b.length);
    }
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return mean(d);
  }
}
