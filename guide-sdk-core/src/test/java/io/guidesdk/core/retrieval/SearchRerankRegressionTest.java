package io.guidesdk.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.guidesdk.Product;
import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.eval.EvalData;
import io.guidesdk.core.retrieval.eval.SearchEvaluation;
import io.guidesdk.core.retrieval.eval.SearchJudgments;
import io.guidesdk.onnx.OnnxEncoder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs the re-rank evaluation of {@code guide eval search} on a few development queries of the
 * CrowdFlower labels (their judged products only, so it stays fast) and checks that the default
 * ranker keeps its lead over random order and plain BM25.
 */
class SearchRerankRegressionTest {
  private static final String DATA = "search/crowdflower";
  private static final int QUERIES = 6;

  @Test
  void defaultRankerBeatsRandomAndBm25OnDevQueries() {
    Optional<Path> dir = EvalData.dir(DATA);
    assumeTrue(dir.isPresent(), EvalData.missing(DATA));
    SearchJudgments all = SearchJudgments.load(dir.get());
    List<SearchJudgments.Query> queries = all.queries(SearchJudgments.DEV).subList(0, QUERIES);
    Set<String> judged = new LinkedHashSet<>();
    queries.forEach(q -> judged.addAll(q.gains().keySet()));
    List<Product> products = judged.stream().map(id -> all.catalog().get(id).orElseThrow()).toList();
    try (OnnxEncoder enc = OnnxEncoder.bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2);
        ProductSearchIndex idx = ProductSearchIndex.build(Catalog.of(products), enc, SearchSettings.defaults(),
            IndexProgress.none())) {
      HybridRetriever ranker = new HybridRetriever(() -> idx, enc);
      Map<String, double[]> r = SearchEvaluation.run(queries, SearchEvaluation.Task.RERANK,
          List.of(new SearchEvaluation.Model("fp32", enc, idx)), ranker);
      double def = mean(r.get("default"));
      assertThat(def).as("default vs random").isGreaterThan(mean(r.get("random")) + 0.05);
      assertThat(def).as("default vs bm25").isGreaterThanOrEqualTo(mean(r.get("bm25")));
      assertThat(def).as("default nDCG@10 on %d dev queries", QUERIES).isGreaterThan(0.85);
    }
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElseThrow();
  }
}
