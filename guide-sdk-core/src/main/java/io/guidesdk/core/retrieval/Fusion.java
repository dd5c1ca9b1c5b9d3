package io.guidesdk.core.retrieval;

import java.util.HashMap;
import java.util.Map;

/** The arithmetic of combining a lexical and a dense ranked list. Stateless. */
public final class Fusion {
  private Fusion() {}

  /**
   * Reciprocal-rank fusion: each list adds {@code weight / (k + rank)} for the products it holds
   * (rank starting at 1); a product absent from a list gets nothing from it.
   */
  public static Map<Integer, Double> rrf(Hits lexical, Hits dense, double lexicalWeight, double denseWeight, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    Map<Integer, Double> out = new HashMap<>();
    for (int r = 0; r < lexical.size(); r++) {
      out.merge(lexical.positions()[r], lexicalWeight / (k + r + 1.0), Double::sum);
    }
    for (int r = 0; r < dense.size(); r++) {
      out.merge(dense.positions()[r], denseWeight / (k + r + 1.0), Double::sum);
    }
    return out;
  }

  /**
   * Normalised linear fusion: each list's scores are min-max scaled to [0, 1] over that list, then
   * summed with the weights; a product absent from a list gets 0 from it.
   */
  public static Map<Integer, Double> linear(Hits lexical, Hits dense, double lexicalWeight, double denseWeight) {
    Map<Integer, Double> out = new HashMap<>();
    double[] l = minMax(lexical.scores());
    double[] d = minMax(dense.scores());
    for (int r = 0; r < lexical.size(); r++) {
      out.merge(lexical.positions()[r], lexicalWeight * l[r], Double::sum);
    }
    for (int r = 0; r < dense.size(); r++) {
      out.merge(dense.positions()[r], denseWeight * d[r], Double::sum);
    }
    return out;
  }

  /**
   * Min-max scaling to [0, 1]; when all scores are equal each becomes 1 (a list that cannot tell its
   * members apart still counts them as matches).
   */
  public static double[] minMax(double[] scores) {
    double[] out = new double[scores.length];
    if (scores.length == 0) {
      return out;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double s : scores) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    double range = max - min;
    for (int i = 0; i < scores.length; i++) {
      out[i] = range > 0 ? (scores[i] - min) / range : 1.0;
    }
    return out;
  }
}
