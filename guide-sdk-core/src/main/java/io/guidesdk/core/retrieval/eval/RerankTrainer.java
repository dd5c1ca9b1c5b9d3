package io.guidesdk.core.retrieval.eval;

import io.guidesdk.core.retrieval.RerankWeights;
import java.util.Arrays;
import java.util.List;

/**
 * Learns re-ranking weights from graded judgments by coordinate ascent on mean nDCG@10 (the
 * listwise method of Metzler and Croft, as in RankLib): one weight at a time is set to the best
 * value on a fixed grid, for a few rounds. The dense weight is held at 1 as the scale anchor, so
 * the result is deterministic and readable. Used to choose the SDK defaults on the development split,
 * and available to shops with their own judgments or click-derived labels.
 */
public final class RerankTrainer {
  private static final double[] GRID = {0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3};

  /** One judged query: its feature matrix (features x products) and the products' gains. */
  public record Example(double[][] features, int[] gains) {}

  private RerankTrainer() {}

  /**
   * The weights maximising mean nDCG@10 over {@code examples}, starting from {@code start}; features
   * whose index is in {@code frozen} keep their starting weight.
   */
  public static RerankWeights train(List<Example> examples, RerankWeights start, int rounds, int... frozen) {
    double[] w = toArray(start);
    double best = mean(examples, w);
    for (int round = 0; round < rounds; round++) {
      boolean improved = false;
      for (int j = 0; j < w.length; j++) {
        final int feature = j;
        if (j == 1 || Arrays.stream(frozen).anyMatch(f -> f == feature)) {
          continue;
        }
        double keep = w[j];
        for (double g : GRID) {
          w[j] = g;
          double m = mean(examples, w);
          if (m > best + 1e-9) {
            best = m;
            keep = g;
            improved = true;
          }
        }
        w[j] = keep;
      }
      if (!improved) {
        break;
      }
    }
    return RerankWeights.fromArray(w);
  }

  /** Mean nDCG@10 of the weights over the examples. */
  public static double mean(List<Example> examples, RerankWeights weights) {
    return mean(examples, toArray(weights));
  }

  private static double mean(List<Example> examples, double[] w) {
    double sum = 0;
    for (Example e : examples) {
      sum += ndcg(e, w);
    }
    return examples.isEmpty() ? 0 : sum / examples.size();
  }

  /** nDCG@10 of one query's products ordered by the weighted feature sum (ties: input order). */
  public static double ndcg(Example e, double[] w) {
    int n = e.gains().length;
    double[] score = new double[n];
    for (int j = 0; j < w.length; j++) {
      if (w[j] == 0) {
        continue;
      }
      double[] f = e.features()[j];
      for (int i = 0; i < n; i++) {
        score[i] += w[j] * f[i];
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
    double dcg = 0;
    for (int i = 0; i < Math.min(10, n); i++) {
      dcg += e.gains()[order[i]] / (Math.log(i + 2) / Math.log(2));
    }
    int[] ideal = e.gains().clone();
    Arrays.sort(ideal);
    double idcg = 0;
    for (int i = 0; i < Math.min(10, n); i++) {
      idcg += ideal[n - 1 - i] / (Math.log(i + 2) / Math.log(2));
    }
    return idcg > 0 ? dcg / idcg : 0;
  }

  private static double[] toArray(RerankWeights w) {
    return w.toArray();
  }
}
