package io.guidesdk.core.retrieval.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * nDCG@k with linear gains: {@code DCG = sum gain_i / log2(i + 1)} over ranks i = 1..k, divided by
 * the DCG of the ideal order of all judged products. Unjudged products have gain 0. A query whose
 * judged products all have gain 0 scores 0 (nothing to find).
 */
public final class Ndcg {
  private Ndcg() {}

  public static double at(int k, List<String> ranked, Map<String, Integer> gains) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      dcg += gains.getOrDefault(ranked.get(i), 0) / log2(i + 2);
    }
    int[] ideal = gains.values().stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(ideal);
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.length); i++) {
      idcg += ideal[ideal.length - 1 - i] / log2(i + 2);
    }
    return idcg > 0 ? dcg / idcg : 0;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
