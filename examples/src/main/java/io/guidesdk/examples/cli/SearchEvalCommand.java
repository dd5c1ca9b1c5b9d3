package io.guidesdk.examples.cli;

import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.eval.Bootstrap;
import io.guidesdk.core.retrieval.EmbeddingIndex;
import io.guidesdk.core.retrieval.HybridRetriever;
import io.guidesdk.core.retrieval.ProductSearchIndex;
import io.guidesdk.core.retrieval.RerankWeights;
import io.guidesdk.core.retrieval.SearchSettings;
import io.guidesdk.core.retrieval.eval.EmbeddingCache;
import io.guidesdk.core.retrieval.eval.RerankTrainer;
import io.guidesdk.core.retrieval.eval.SearchEvaluation;
import io.guidesdk.core.retrieval.eval.SearchJudgments;
import io.guidesdk.onnx.OnnxEncoder;
import io.guidesdk.spi.EmbeddingPurpose;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guide eval search}: nDCG@10 of BM25, dense (each bundled model), RRF, linear fusion and
 * the SDK's default ranker on graded product-search judgments, all in one run, with bootstrap
 * intervals and the paired difference between the default and the best baseline.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Product search quality (nDCG@10) on CrowdFlower-style relevance labels.")
public final class SearchEvalCommand implements Runnable {
  @Option(names = "--data", defaultValue = "../shared/data/search/crowdflower",
      description = "Folder with queries.csv, products.csv, labels.csv (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--split", defaultValue = "dev", description = "dev (query_id %% 4 != 0) or test (== 0).")
  String split;

  @Option(names = "--task", defaultValue = "rerank", description = "rerank (judged products) or retrieve (all products).")
  String task;

  @Option(names = "--cache", defaultValue = "target/search-eval-cache",
      description = "Where product embeddings are cached (keyed by model and text hash).")
  Path cache;

  @Option(names = "--train", description = "Also learn re-ranking weights on this split by coordinate ascent "
      + "and print them (refused on test).")
  boolean train;

  @Option(names = "--candidates", defaultValue = "0",
      description = "Override SearchSettings.candidates (first-stage list length per retriever; 0 = the default).")
  int candidates;

  @Option(names = "--phrase-boost", description = "Override SearchSettings.phraseBoost (the BM25 title-phrase clause; "
      + "default: the settings' default).")
  Float phraseBoost;

  @Option(names = "--query-encoder", description = "Embed the default ranker's queries with another encoder "
      + "than the first of --models, which embeds the products: fp32, fp32-w8 (fp32 with 8-bit block-quantised "
      + "weights), int8, a model folder (vectors in the same space, such as the int8 twin of the same model), "
      + "mapped (the first of --models with 8-bit weights and no query instruction, its vectors mapped into the "
      + "first model's query space by a QueryMap fitted on the catalog's titles), or "
      + "same (the first of --models). Default: fp32-w8 when the first of --models is fp32, as GuideSdk does on "
      + "the embedded default; same otherwise.")
  String queryEncoder;

  @Option(names = "--queries", defaultValue = "0", description = "Use only the first N queries of the split (0 = all).")
  int limit;

  @Option(names = "--models", defaultValue = "fp32,int8", split = ",",
      description = "Dense models: fp32 (bundled all-MiniLM-L6-v2), fp32-w8 (the same with 8-bit block-quantised "
          + "weights), int8 (its quantised twin), or a folder holding a "
          + "Hugging Face ONNX export (model.onnx + tokenizer.json). The first is the one the default ranker uses.")
  List<String> models;

  @Override
  public void run() {
    if (!Files.isDirectory(data)) {
      throw new IllegalArgumentException("--data " + data + " is not a folder (expected queries.csv, products.csv, labels.csv)");
    }
    SearchEvaluation.Task t = switch (task) {
      case "rerank" -> SearchEvaluation.Task.RERANK;
      case "retrieve" -> SearchEvaluation.Task.RETRIEVE;
      default -> throw new IllegalArgumentException("--task must be rerank or retrieve, was '" + task + "'");
    };
    if (train && !split.equals("dev")) {
      throw new IllegalArgumentException("--train is only allowed on --split dev (tune on dev, report on test)");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("--queries must be 0 (all) or more, was " + limit);
    }
    for (String m : models) { // before minutes of loading and embedding
      if (!MODEL_NAMES.contains(m) && !Files.isDirectory(Path.of(m))) {
        throw new IllegalArgumentException("--models: '" + m + "' is neither fp32, fp32-w8, int8 nor a model folder");
      }
    }
    long t0 = System.nanoTime();
    SearchJudgments judgments = SearchJudgments.load(data);
    List<SearchJudgments.Query> queries = judgments.queries(SearchJudgments.split(split));
    if (limit > 0 && limit < queries.size()) {
      queries = queries.subList(0, limit);
    }
    System.out.printf(Locale.ROOT, "guide eval search  data=%s split=%s task=%s queries=%d products=%d date=%s%n",
        data, split, task, queries.size(), judgments.catalog().size(), Instant.now());
    SearchSettings.Builder sb = SearchSettings.defaults().toBuilder().annThreshold(Integer.MAX_VALUE);
    if (candidates > 0) {
      sb.candidates(candidates);
    }
    if (phraseBoost != null) {
      sb.phraseBoost(phraseBoost);
    }
    SearchSettings settings = sb.build();
    System.out.println("settings: " + settings);
    List<String> texts = judgments.catalog().products().stream().map(EmbeddingIndex::passageText).toList();
    List<String> titles = judgments.catalog().products().stream().map(io.guidesdk.Product::title).toList();
    EmbeddingCache embeddingCache = new EmbeddingCache(cache);
    List<SearchEvaluation.Model> built = new ArrayList<>();
    List<OnnxEncoder> encoders = new ArrayList<>();
    try {
      for (String m : models) {
        OnnxEncoder enc = encoder(m, "--models");
        encoders.add(enc);
        long e0 = System.nanoTime();
        float[] vectors = embeddingCache.vectors(enc, texts, EmbeddingPurpose.PASSAGE, done -> {
          if (done % 1024 < 64) {
            System.err.printf(Locale.ROOT, "  embedding with %s: %d/%d%n", enc.modelId(), done, texts.size());
          }
        });
        System.out.printf(Locale.ROOT, "model %s: %d vectors in %.1f s (cache %s)%n", enc.modelId(),
            texts.size(), (System.nanoTime() - e0) / 1e9, cache);
        EmbeddingIndex titleIndex = null;
        if (settings.titleVectors()) {
          float[] tv = embeddingCache.vectors(enc, titles, EmbeddingPurpose.PASSAGE, done -> {
            if (done % 1024 < 64) {
              System.err.printf(Locale.ROOT, "  embedding titles with %s: %d/%d%n", enc.modelId(), done, titles.size());
            }
          });
          titleIndex = EmbeddingIndex.of(judgments.catalog(), enc.dimension(), tv);
        }
        ProductSearchIndex index = ProductSearchIndex.build(
            EmbeddingIndex.of(judgments.catalog(), enc.dimension(), vectors), titleIndex, settings, IndexProgress.none());
        built.add(new SearchEvaluation.Model(enc.modelId(), enc, index));
      }
      io.guidesdk.spi.Encoder rankerQueries = built.get(0).encoder();
      // As GuideSdk on the embedded default: the bundled fp32 model's queries go through its
      // 8-bit-weights twin (EncoderProvider#createQueryEncoder, decision 0411).
      String queryModel = queryEncoder != null ? (queryEncoder.equals("same") ? null : queryEncoder)
          : models.get(0).equals("fp32") ? "fp32-w8" : null;
      if ("mapped".equals(queryModel)) {
        // the first model without its query instruction, with 8-bit weights, mapped into its query space
        OnnxEncoder q = fastTwin(models.get(0));
        encoders.add(q);
        long f0 = System.nanoTime();
        rankerQueries = io.guidesdk.core.retrieval.QueryMap.fitted(judgments.catalog(), built.get(0).encoder(), q);
        System.out.printf(Locale.ROOT, "default ranker: queries embedded with %s, mapped (fitted in %.1f s)%n", q,
            (System.nanoTime() - f0) / 1e9);
      } else if (queryModel != null) {
        OnnxEncoder q = encoder(queryModel, "--query-encoder");
        encoders.add(q);
        rankerQueries = q;
        // the same check GuideSdk.builder().queryEncoder(...) runs: refuse an encoder of another space
        double agreement = io.guidesdk.core.retrieval.QuerySpace.check(judgments.catalog(), built.get(0).encoder(), q);
        System.out.printf(Locale.ROOT, "default ranker: queries embedded with %s (%s), mean cosine to %s %.4f%n",
            queryModel, q, built.get(0).encoder().modelId(), agreement);
      }
      HybridRetriever ranker = new HybridRetriever(built.get(0)::index, rankerQueries);
      if (train) {
        train(queries, t, built.get(0), ranker);
      }
      Map<String, double[]> results = SearchEvaluation.run(queries, t, built, ranker);
      report(results, t, settings.candidates(), settings.phraseBoost(), queryModel == null ? "same" : queryModel);
      System.err.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    } finally {
      built.forEach(m -> m.index().close());
      encoders.forEach(OnnxEncoder::close);
    }
  }

  /** The model {@code m} with 8-bit weights and no query instruction. */
  private static OnnxEncoder fastTwin(String m) {
    OnnxEncoder.Builder b = OnnxEncoder.builder().int8Weights(true).queryPrefix("");
    switch (m) {
      case "fp32" -> b.bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2);
      case "int8", "fp32-w8" -> throw new IllegalArgumentException("--query-encoder mapped needs an fp32 first model");
      default -> b.modelDirectory(Path.of(m));
    }
    return b.build();
  }

  private static final List<String> MODEL_NAMES = List.of("fp32", "fp32-w8", "int8");

  private static OnnxEncoder encoder(String m, String option) {
    return switch (m) {
      case "fp32" -> OnnxEncoder.bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2);
      case "int8" -> OnnxEncoder.bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q);
      case "fp32-w8" -> OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2).int8Weights(true).build();
      default -> {
        if (!Files.isDirectory(Path.of(m))) {
          throw new IllegalArgumentException(option + ": '" + m + "' is neither fp32, fp32-w8, int8 nor a model folder");
        }
        yield OnnxEncoder.fromDirectory(Path.of(m));
      }
    };
  }

  private static void train(List<SearchJudgments.Query> queries, SearchEvaluation.Task t, SearchEvaluation.Model m,
      HybridRetriever ranker) {
    List<RerankTrainer.Example> ex = SearchEvaluation.examples(queries, t, m.index(), ranker, m.encoder());
    RerankWeights start = RerankWeights.defaults();
    // price, popularity and personalisation carry no signal in this data: keep their defaults
    RerankWeights trained = RerankTrainer.train(ex, start, 4, 9, 10, 11);
    System.out.printf(Locale.ROOT, "trained on %d queries: nDCG@10 %.4f -> %.4f%n  %s%n", ex.size(),
        RerankTrainer.mean(ex, start), RerankTrainer.mean(ex, trained), trained);
  }

  private static void report(Map<String, double[]> results, SearchEvaluation.Task t, int candidates, float phraseBoost,
      @Nullable String queryEncoder) {
    Bootstrap boot = Bootstrap.defaults();
    System.out.printf(Locale.ROOT, "%-34s %s%n", "system", "nDCG@10 [95% CI]");
    Map<String, Object> json = new LinkedHashMap<>();
    String best = null;
    double bestMean = -1;
    for (Map.Entry<String, double[]> e : results.entrySet()) {
      Bootstrap.Interval ci = boot.mean(e.getValue());
      System.out.printf(Locale.ROOT, "%-34s %s%n", e.getKey(), ci.format(3));
      json.put(e.getKey(), round(ci.mean()));
      if (!e.getKey().equals("default") && !e.getKey().equals("random") && ci.mean() > bestMean) {
        bestMean = ci.mean();
        best = e.getKey();
      }
    }
    Bootstrap.Interval diff = boot.pairedDifference(results.get("default"), results.get(best));
    System.out.printf(Locale.ROOT, "default - %s (best baseline): %s%s%n", best, diff.format(3),
        diff.excludesZeroAbove() ? "  (above zero)" : "");
    int n = results.get("default").length;
    StringBuilder sb = new StringBuilder("{\"task\":\"").append(t.name().toLowerCase(Locale.ROOT))
        .append("\",\"queries\":").append(n);
    json.forEach((k, v) -> sb.append(",\"").append(k).append("\":").append(v));
    Bootstrap.Interval def = boot.mean(results.get("default"));
    sb.append(",\"default_low\":").append(round(def.low())).append(",\"default_high\":").append(round(def.high()))
        .append(",\"best_baseline\":\"").append(best).append("\",\"diff\":").append(round(diff.mean()))
        .append(",\"diff_low\":").append(round(diff.low())).append(",\"diff_high\":").append(round(diff.high()))
        .append(",\"candidates\":").append(candidates).append(",\"phraseBoost\":").append(phraseBoost);
    if (queryEncoder != null) {
      try {
        // a model folder's path may hold any character: let Jackson quote it
        sb.append(",\"queryEncoder\":").append(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(queryEncoder));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    sb.append('}');
    System.out.println(sb);
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

}
