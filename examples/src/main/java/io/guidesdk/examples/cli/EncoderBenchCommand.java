package io.guidesdk.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.guidesdk.Product;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.onnx.OnnxEncoder;
import io.guidesdk.spi.EmbeddingPurpose;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guide bench encoder}: our {@link OnnxEncoder} against LangChain4j's in-process model of the
 * same ONNX file (all-MiniLM-L6-v2, fp32 and int8), in one run, interleaved round by round so both
 * see the same machine load. Bulk indexing: {@code embedAll} of N product titles; query time: one
 * title at a time (batch 1), latency p50/p99. Also reports how close our vectors are to LangChain4j's,
 * whether a title's vector changes when it is embedded alone, and, for int8, how close each variant's
 * vectors are to the fp32 model's.
 */
@Command(name = "encoder", mixinStandardHelpOptions = true,
    description = "Sentence encoder throughput and latency against LangChain4j's in-process model.")
public final class EncoderBenchCommand implements Callable<Integer> {

  @Option(names = "--titles", defaultValue = "2000", description = "Product titles to embed in bulk (default ${DEFAULT-VALUE}).")
  int titles;

  @Option(names = "--rounds", defaultValue = "5", description = "Interleaved bulk rounds per model (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--queries", defaultValue = "300", description = "Batch-1 calls per encoder for latency (default ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "--models", split = ",", defaultValue = "fp32,int8,fp32-w8", description = "Models: fp32, int8, "
      + "fp32-w8 (fp32 with 8-bit block-quantised weights, the SDK's default query encoder) (default ${DEFAULT-VALUE}).")
  List<String> models;

  @Option(names = "--batch-size", defaultValue = "32", description = "Our texts per batch (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--parallel-batches", defaultValue = "0",
      description = "Our batches run at once; 0 = the encoder's default (one per core, at most 8).")
  int parallelBatches;

  @Option(names = "--intra-op-threads", defaultValue = "0", description = "Our ONNX Runtime intra-op threads; 0 = cores / parallel batches.")
  int intraOpThreads;

  @Option(names = "--spin", description = "Let our ONNX Runtime intra-op threads spin-wait (default off).")
  boolean spin;

  @Override
  public Integer call() throws Exception {
    if (titles < 1 || rounds < 1 || queries < 1) {
      throw new IllegalArgumentException("--titles, --rounds and --queries must be positive");
    }
    List<String> texts = titles(DemoData.catalog().products(), titles);
    System.out.printf(Locale.ROOT, "guide bench encoder: %d titles from the bundled catalog, %d bulk rounds,"
        + " %d batch-1 queries, %d cores, %s%n", texts.size(), rounds, queries,
        Runtime.getRuntime().availableProcessors(), Instant.now());
    System.out.printf(Locale.ROOT, "ours: batchSize=%d parallelBatches=%s intraOpThreads=%s spinning=%s, cache off%n",
        batchSize, parallelBatches == 0 ? "auto" : Integer.toString(parallelBatches), intraOpThreads == 0 ? "auto" : Integer.toString(intraOpThreads), spin);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("titles", texts.size());
    json.put("rounds", rounds);
    json.put("queries", queries);
    json.put("cores", Runtime.getRuntime().availableProcessors());
    for (String model : models) {
      switch (model) {
        case "fp32" -> compare("fp32", OnnxEncoder.Bundled.ALL_MINILM_L6_V2, new AllMiniLmL6V2EmbeddingModel(),
            texts, json, b -> { }, null);
        case "int8" -> {
          // The fp32 model's vectors, to say how far each int8 variant strays from the unquantised model.
          List<float[]> fp32 = new AllMiniLmL6V2EmbeddingModel()
              .embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
              .map(Embedding::vector).toList();
          EmbeddingModel lc4j = new AllMiniLmL6V2QuantizedEmbeddingModel();
          // Default: the graph rewritten for per-token activation scales, in batches (decision 0401).
          compare("int8", OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q, lc4j, texts, json, b -> { }, fp32);
          // The graph as exported, each text alone (the default before per-token scales).
          compare("int8_alone", OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q, lc4j, texts, json,
              b -> b.perTokenActivationScales(false), fp32);
          // The graph as exported, in batches: fastest, but vectors depend on their batch mates.
          compare("int8_batched", OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q, lc4j, texts, json,
              b -> b.perTokenActivationScales(false).batchInvariant(false), fp32);
        }
        // The SDK's default query encoder: against LangChain4j's fp32 model, whose vectors the catalog keeps.
        case "fp32-w8" -> compare("fp32_w8", OnnxEncoder.Bundled.ALL_MINILM_L6_V2, new AllMiniLmL6V2EmbeddingModel(),
            texts, json, b -> b.int8Weights(true), null);
        default -> throw new IllegalArgumentException("--models: unknown model '" + model
            + "'; expected fp32, int8 or fp32-w8");
      }
    }
    System.out.println(new ObjectMapper().writeValueAsString(json));
    return 0;
  }

  /**
   * {@code n} titles built deterministically from the catalog: pass 0 uses each title as is, pass 1
   * appends the colour (or category), pass 2 puts the category first and the brand last, pass 3 the
   * title with its price; passes run over the catalog in order until {@code n} titles exist.
   */
  static List<String> titles(List<Product> products, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; out.size() < n; i++) {
      Product p = products.get(i % products.size());
      int pass = i / products.size();
      String t = switch (pass % 4) {
        case 0 -> p.title();
        case 1 -> p.title() + ", " + p.attribute("color").orElse(p.category());
        case 2 -> p.category() + ": " + p.title() + (p.brand().isEmpty() ? "" : " by " + p.brand());
        default -> p.title() + " (" + p.price().amount() + " " + p.price().currency() + ")";
      };
      out.add(pass >= 4 ? t + " #" + pass : t);
    }
    return out;
  }

  private void compare(String label, OnnxEncoder.Bundled bundled, EmbeddingModel lc4j, List<String> texts,
      Map<String, Object> json, Consumer<OnnxEncoder.Builder> variant, @Nullable List<float[]> fp32) {
    OnnxEncoder.Builder b = OnnxEncoder.builder().bundled(bundled).cacheSize(0).batchSize(batchSize)
        .intraOpSpinning(spin);
    if (parallelBatches > 0) {
      b.parallelBatches(parallelBatches);
    }
    if (intraOpThreads > 0) {
      b.intraOpThreads(intraOpThreads);
    }
    variant.accept(b);
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
    try (OnnxEncoder ours = b.build()) {
      System.out.printf(Locale.ROOT, "%n== %s: %s vs LangChain4j %s%n", label, ours, lc4j.getClass().getSimpleName());
      // Warm-up: JIT, ONNX Runtime arenas, LangChain4j's thread pool.
      ours.embedAll(texts.subList(0, Math.min(200, texts.size())), EmbeddingPurpose.PASSAGE);
      lc4j.embedAll(segments.subList(0, Math.min(200, segments.size())));

      double[] oursSec = new double[rounds];
      double[] theirsSec = new double[rounds];
      List<float[]> oursVectors = null;
      List<Embedding> theirVectors = null;
      for (int r = 0; r < rounds; r++) {
        // Alternate who goes first so neither always runs on a warmer or quieter machine.
        for (int turn = 0; turn < 2; turn++) {
          boolean oursNow = (r + turn) % 2 == 0;
          long t0 = System.nanoTime();
          if (oursNow) {
            oursVectors = ours.embedAll(texts, EmbeddingPurpose.PASSAGE);
            oursSec[r] = (System.nanoTime() - t0) / 1e9;
          } else {
            theirVectors = lc4j.embedAll(segments).content();
            theirsSec[r] = (System.nanoTime() - t0) / 1e9;
          }
        }
        System.out.printf(Locale.ROOT, "  bulk round %d: ours %.2f s (%.0f texts/s), LangChain4j %.2f s (%.0f texts/s),"
            + " ratio %.2f%n", r + 1, oursSec[r], texts.size() / oursSec[r], theirsSec[r],
            texts.size() / theirsSec[r], theirsSec[r] / oursSec[r]);
      }
      double oursTps = texts.size() / median(oursSec);
      double theirsTps = texts.size() / median(theirsSec);
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = theirsSec[r] / oursSec[r];
      }
      double minCos = 1;
      double sumCos = 0;
      for (int i = 0; i < texts.size(); i++) {
        double c = cosine(oursVectors.get(i), theirVectors.get(i).vector());
        minCos = Math.min(minCos, c);
        sumCos += c;
      }

      // Query time: batch 1, interleaved text by text.
      int q = Math.min(queries, texts.size());
      double[] oursMs = new double[q];
      double[] theirsMs = new double[q];
      for (int i = 0; i < q; i++) {
        String text = texts.get((i * 7) % texts.size());
        for (int turn = 0; turn < 2; turn++) {
          boolean oursNow = (i + turn) % 2 == 0;
          long t0 = System.nanoTime();
          if (oursNow) {
            ours.embed(text, EmbeddingPurpose.QUERY);
            oursMs[i] = (System.nanoTime() - t0) / 1e6;
          } else {
            lc4j.embed(text);
            theirsMs[i] = (System.nanoTime() - t0) / 1e6;
          }
        }
      }
      double oursP50 = percentile(oursMs, 50);
      double oursP99 = percentile(oursMs, 99);
      double theirsP50 = percentile(theirsMs, 50);
      double theirsP99 = percentile(theirsMs, 99);

      // The ratio is the median of per-round ratios: each round's pair ran back to back under the same load.
      double ratio = median(ratios);
      System.out.printf(Locale.ROOT, "  bulk (median of %d): ours %.0f texts/s, LangChain4j embedAll %.0f texts/s,"
          + " ratio %.2f (median of per-round ratios %s)%n", rounds, oursTps, theirsTps, ratio, fmt(ratios));
      System.out.printf(Locale.ROOT, "  query (batch 1, %d calls): ours p50 %.2f ms p99 %.2f ms; LangChain4j p50 %.2f ms"
          + " p99 %.2f ms; p50 ratio %.2f%n", q, oursP50, oursP99, theirsP50, theirsP99, theirsP50 / oursP50);
      System.out.printf(Locale.ROOT, "  agreement with LangChain4j over %d titles: cosine min %.6f mean %.6f%n",
          texts.size(), minCos, sumCos / texts.size());
      // Batch invariance, measured: every 10th title embedded alone against its vector from the bulk call.
      double aloneMin = 1;
      for (int i = 0; i < texts.size(); i += 10) {
        aloneMin = Math.min(aloneMin, cosine(ours.embed(texts.get(i), EmbeddingPurpose.PASSAGE), oursVectors.get(i)));
      }
      System.out.printf(Locale.ROOT, "  a title alone against the same title in the bulk call (%d titles): cosine min %.6f%n",
          (texts.size() + 9) / 10, aloneMin);
      json.put(label + "_bulk_ours_tps", round(oursTps, 1));
      json.put(label + "_bulk_lc4j_tps", round(theirsTps, 1));
      json.put(label + "_bulk_ratio", round(ratio, 3));
      json.put(label + "_query_ours_p50_ms", round(oursP50, 3));
      json.put(label + "_query_ours_p99_ms", round(oursP99, 3));
      json.put(label + "_query_lc4j_p50_ms", round(theirsP50, 3));
      json.put(label + "_query_lc4j_p99_ms", round(theirsP99, 3));
      json.put(label + "_query_p50_ratio", round(theirsP50 / oursP50, 3));
      json.put(label + "_cos_min", round(minCos, 7));
      json.put(label + "_cos_mean", round(sumCos / texts.size(), 7));
      json.put(label + "_alone_vs_bulk_cos_min", round(aloneMin, 7));
      if (fp32 != null) {
        double fpMin = 1;
        double fpSum = 0;
        for (int i = 0; i < texts.size(); i++) {
          double c = cosine(oursVectors.get(i), fp32.get(i));
          fpMin = Math.min(fpMin, c);
          fpSum += c;
        }
        System.out.printf(Locale.ROOT, "  agreement with the fp32 model over %d titles: cosine min %.6f mean %.6f%n",
            texts.size(), fpMin, fpSum / texts.size());
        json.put(label + "_fp32_cos_min", round(fpMin, 7));
        json.put(label + "_fp32_cos_mean", round(fpSum / texts.size(), 7));
      }
    }
  }

  private static String fmt(double[] xs) {
    StringBuilder sb = new StringBuilder();
    for (double x : xs) {
      sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", x));
    }
    return sb.toString();
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static double percentile(double[] xs, double p) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int idx = (int) Math.ceil(p / 100.0 * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, idx))];
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  private static double round(double x, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(x * f) / f;
  }
}
