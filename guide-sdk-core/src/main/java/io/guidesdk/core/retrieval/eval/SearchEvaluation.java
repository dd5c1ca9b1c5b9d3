package io.guidesdk.core.retrieval.eval;

import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.retrieval.Fusion;
import io.guidesdk.core.retrieval.Hits;
import io.guidesdk.core.retrieval.HybridRetriever;
import io.guidesdk.core.retrieval.ProductSearchIndex;
import io.guidesdk.core.retrieval.ScoredProduct;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Runs every search system of the comparison on the same judged queries and returns each one's
 * per-query nDCG@10: random (re-rank only), BM25, dense per model, RRF and normalised linear fusion
 * of BM25 with the first model, and the SDK's default ranker.
 */
public final class SearchEvaluation {
  /** Re-rank each query's judged products, or retrieve from the whole catalog. */
  public enum Task { RERANK, RETRIEVE }

  /** A dense model under test: its encoder and an index over its product vectors. */
  public record Model(String name, Encoder encoder, ProductSearchIndex index) {}

  /** Candidates each retriever contributes to fusion in the retrieve task. */
  public static final int FUSION_DEPTH = 100;

  private SearchEvaluation() {}

  /**
   * Per-query nDCG@10 for each system, in a stable order. {@code ranker} is the SDK's default ranker
   * over {@code models.get(0)}'s index.
   */
  public static Map<String, double[]> run(List<SearchJudgments.Query> queries, Task task, List<Model> models,
      HybridRetriever ranker) {
    Map<String, double[]> out = new LinkedHashMap<>();
    int n = queries.size();
    ProductSearchIndex base = models.get(0).index();
    List<Product> products = base.catalog().products();
    if (task == Task.RERANK) {
      out.put("random", new double[n]);
    }
    out.put("bm25", new double[n]);
    for (Model m : models) {
      out.put("dense:" + m.name(), new double[n]);
    }
    out.put("rrf", new double[n]);
    out.put("linear", new double[n]);
    out.put("default", new double[n]);
    Random random = new Random(1);
    for (int qi = 0; qi < n; qi++) {
      SearchJudgments.Query q = queries.get(qi);
      Map<String, Integer> gains = q.gains();
      if (task == Task.RERANK) {
        int[] pos = gains.keySet().stream().mapToInt(id -> base.catalog().indexOf(id)).toArray();
        List<String> shuffled = new ArrayList<>(gains.keySet());
        Collections.shuffle(shuffled, random);
        out.get("random")[qi] = Ndcg.at(10, shuffled, gains);
        Hits lex = sorted(pos, base.lexicalScores(q.text(), pos));
        out.get("bm25")[qi] = Ndcg.at(10, ids(products, lex), gains);
        Hits firstDense = null;
        for (Model m : models) {
          float[] qv = m.encoder().embed(q.text(), EmbeddingPurpose.QUERY);
          double[] s = new double[pos.length];
          for (int i = 0; i < pos.length; i++) {
            s[i] = m.index().similarity(qv, pos[i]);
          }
          Hits d = sorted(pos, s);
          firstDense = firstDense == null ? d : firstDense;
          out.get("dense:" + m.name())[qi] = Ndcg.at(10, ids(products, d), gains);
        }
        Hits lexMatched = dropZero(lex);
        out.get("rrf")[qi] = Ndcg.at(10, ids(products, order(Fusion.rrf(lexMatched, firstDense, 1, 1, 60), pos)), gains);
        out.get("linear")[qi] = Ndcg.at(10, ids(products, order(Fusion.linear(lexMatched, firstDense, 0.5, 0.5), pos)),
            gains);
        List<Product> judged = Arrays.stream(pos).mapToObj(products::get).toList();
        out.get("default")[qi] = Ndcg.at(10, ranker.rerank(q.text(), judged).stream()
            .map(sp -> sp.product().id()).toList(), gains);
      } else {
        Hits lex = base.lexical(q.text(), ProductFilter.none(), FUSION_DEPTH);
        out.get("bm25")[qi] = Ndcg.at(10, ids(products, lex), gains);
        Hits firstDense = null;
        for (Model m : models) {
          float[] qv = m.encoder().embed(q.text(), EmbeddingPurpose.QUERY);
          Hits d = m.index().denseExact(qv, ProductFilter.none(), FUSION_DEPTH);
          firstDense = firstDense == null ? d : firstDense;
          out.get("dense:" + m.name())[qi] = Ndcg.at(10, ids(products, d), gains);
        }
        out.get("rrf")[qi] = Ndcg.at(10, ids(products, order(Fusion.rrf(lex, firstDense, 1, 1, 60), null)), gains);
        out.get("linear")[qi] = Ndcg.at(10, ids(products, order(Fusion.linear(lex, firstDense, 0.5, 0.5), null)), gains);
        out.get("default")[qi] = Ndcg.at(10, ranker.search(q.text(), ProductFilter.none(), 10).stream()
            .map(sp -> sp.product().id()).toList(), gains);
      }
    }
    return out;
  }

  /**
   * Training examples for {@link RerankTrainer}: per query, the feature matrix of its judged products
   * (re-rank) or of its retrieval candidates, BM25 and dense top {@link #FUSION_DEPTH} (retrieve).
   */
  public static List<RerankTrainer.Example> examples(List<SearchJudgments.Query> queries, Task task,
      ProductSearchIndex index, HybridRetriever ranker, Encoder encoder) {
    List<Product> products = index.catalog().products();
    List<RerankTrainer.Example> out = new ArrayList<>();
    for (SearchJudgments.Query q : queries) {
      List<Product> cands;
      if (task == Task.RERANK) {
        cands = q.gains().keySet().stream().map(id -> products.get(index.catalog().indexOf(id))).toList();
      } else {
        Set<Integer> union = new LinkedHashSet<>();
        Arrays.stream(index.lexical(q.text(), ProductFilter.none(), FUSION_DEPTH).positions()).forEach(union::add);
        float[] qv = encoder.embed(q.text(), EmbeddingPurpose.QUERY);
        Arrays.stream(index.denseExact(qv, ProductFilter.none(), FUSION_DEPTH).positions()).forEach(union::add);
        cands = union.stream().map(products::get).toList();
      }
      int[] gains = cands.stream().mapToInt(p -> q.gains().getOrDefault(p.id(), 0)).toArray();
      out.add(new RerankTrainer.Example(ranker.featureMatrix(q.text(), cands), gains));
    }
    return out;
  }

  private static Hits sorted(int[] pos, double[] scores) {
    Integer[] order = new Integer[pos.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    return new Hits(Arrays.stream(order).mapToInt(i -> pos[i]).toArray(),
        Arrays.stream(order).mapToDouble(i -> scores[i]).toArray());
  }

  private static Hits dropZero(Hits h) {
    int m = 0;
    while (m < h.size() && h.scores()[m] > 0) {
      m++;
    }
    return new Hits(Arrays.copyOf(h.positions(), m), Arrays.copyOf(h.scores(), m));
  }

  /** Positions by fused score, best first; with {@code all} given, unscored members follow in their order. */
  private static Hits order(Map<Integer, Double> fused, int[] all) {
    List<Map.Entry<Integer, Double>> e = new ArrayList<>(fused.entrySet());
    e.sort(Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
    List<Integer> pos = new ArrayList<>(e.stream().map(Map.Entry::getKey).toList());
    if (all != null) {
      Set<Integer> seen = new java.util.HashSet<>(pos);
      for (int p : all) {
        if (seen.add(p)) {
          pos.add(p);
        }
      }
    }
    return new Hits(pos.stream().mapToInt(Integer::intValue).toArray(), new double[pos.size()]);
  }

  private static List<String> ids(List<Product> products, Hits h) {
    List<String> out = new ArrayList<>(h.size());
    for (int p : h.positions()) {
      out.add(products.get(p).id());
    }
    return out;
  }

}
