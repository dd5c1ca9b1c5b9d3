package io.guidesdk.examples.cli;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.retrieval.EmbeddingIndex;
import io.guidesdk.core.retrieval.Hits;
import io.guidesdk.core.retrieval.HybridRetriever;
import io.guidesdk.core.retrieval.ProductSearchIndex;
import io.guidesdk.core.retrieval.QueryMap;
import io.guidesdk.core.retrieval.QuerySpace;
import io.guidesdk.core.retrieval.ScoredProduct;
import io.guidesdk.core.retrieval.SearchSettings;
import io.guidesdk.core.retrieval.VectorCache;
import io.guidesdk.onnx.OnnxEncoder;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guide bench search}: index build time, dense-retrieval latency (exact float scan — the
 * baseline —, exact int8 scan, HNSW) with HNSW and int8 recall@10 against the exact scan, and
 * end-to-end query latency (embedding + BM25 + dense + fusion + re-ranking) of the SDK's ranker,
 * on synthetic catalogs: product titles drawn from a product vocabulary and clustered random unit
 * vectors (real embeddings are clustered; uniform noise would understate ANN recall).
 */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Search latency, build time and ANN recall on synthetic catalogs of several sizes.")
public final class SearchBenchCommand implements Runnable {
  @Option(names = "--sizes", defaultValue = "10000,55000,100000,1000000", split = ",",
      description = "Catalog sizes (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--queries", defaultValue = "200", description = "Timed queries per size.")
  int queries;

  @Option(names = "--warmup", defaultValue = "1000",
      description = "Untimed warm-up queries before each timed loop, distinct from the timed ones (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--dim", description = "Vector dimension (default: the encoder's; all-MiniLM-L6-v2: 384, "
      + "bge-small-zh-v1.5: 512).")
  Integer dimOption;

  @Option(names = "--language", defaultValue = "en",
      description = "en (default), or zh: Chinese synthetic products and queries, CJK analysis and bge-small-zh-v1.5 "
          + "(--encoder and --query-encoder then name its variants: fp32 or fp32-w8), the set-up of docs/search.md, "
          + "\"Chinese catalogs\".")
  String language;

  @Option(names = "--no-query-instruction",
      description = "Embed queries without the model's query instruction (OnnxEncoder.Builder#queryPrefix(\"\")): "
          + "bge-small-zh-v1.5 puts one before every query, which about doubles a short query's tokens. "
          + "all-MiniLM-L6-v2 has none, so this changes nothing there.")
  boolean noQueryInstruction;

  @Option(names = "--mapped-queries",
      description = "Embed the end-to-end queries with --query-encoder without the model's query instruction, and map "
          + "their vectors into --encoder's query space by a QueryMap fitted on each catalog's titles "
          + "(GuideSdk.Builder#mappedQueryEncoder). Also reports how closely the mapped queries agree with --encoder's "
          + "own (mean cosine, dense top-10 overlap).")
  boolean mappedQueries;

  private int dim;

  @Option(names = "--encode-up-to", defaultValue = "100000",
      description = "Catalogs up to this size get real product vectors: the encoder embeds each synthetic product, "
          + "and the dense timings use the embedded queries. Larger ones get clustered random vectors "
          + "(embedding 1M products takes about half an hour here). Default: ${DEFAULT-VALUE}.")
  int encodeUpTo;

  @Option(names = "--encoder", defaultValue = "fp32",
      description = "Encoder: fp32 (all-MiniLM-L6-v2, the SDK default), fp32-w8 (the same with 8-bit block-quantised "
          + "weights, OnnxEncoder.Builder#int8Weights) or int8 (its quantised twin).")
  String encoderName;

  @Option(names = "--query-encoder", defaultValue = "fp32-w8",
      description = "Encoder of the end-to-end queries over the --encoder catalog vectors: fp32-w8 (the SDK's default "
          + "with the bundled model, EncoderProvider#createQueryEncoder), fp32 or int8 (default: ${DEFAULT-VALUE}). "
          + "The default path is also timed with --encoder's own query vectors in the same run, as the baseline.")
  String queryEncoderName;

  @Option(names = "--vector-cache", description = "Keep the synthetic products' vectors in this file "
      + "(GuideSdk.Builder#vectorCache), so that a re-run does not embed the catalogs again. Only the build "
      + "figures change: 'embedded N products' then times reading them back.")
  Path vectorCache;

  private static final String[] WORDS = ("wireless bluetooth headphones noise cancelling running shoe trail "
      + "leather boot waterproof jacket down parka stainless kettle cast iron pan skillet oled television "
      + "smart watch fitness tracker laptop sleeve usb cable charger portable speaker gaming mouse keyboard "
      + "mechanical office chair ergonomic desk lamp led bulb coffee grinder espresso machine yoga mat dumbbell "
      + "kids toy lego puzzle board game hair dryer electric toothbrush vacuum robot air fryer blender black "
      + "white red blue green large small pro max mini ultra lite set pack of 2 men women").split(" ");
  private static final String[] BRANDS = {"Acme", "Nordic", "Sonic", "Peak", "Vertex", "Lumo", "Kato", "Brava"};
  private static final String[] CATS = {"Audio", "Shoes", "Outdoor", "Kitchen", "TV", "Computers", "Home", "Toys"};

  // The same kinds of products in Chinese; titles join their words without spaces, as Chinese shops write them.
  private static final String[] WORDS_ZH = ("无线 蓝牙 耳机 降噪 跑步鞋 越野 皮靴 防水 夹克 羽绒服 不锈钢 电水壶 铸铁锅 "
      + "平底锅 电视 智能手表 运动手环 笔记本电脑 内胆包 数据线 充电器 便携 音箱 游戏鼠标 键盘 机械 办公椅 人体工学 台灯 "
      + "灯泡 磨豆机 咖啡机 瑜伽垫 哑铃 儿童 玩具 积木 拼图 桌游 吹风机 电动牙刷 扫地机器人 空气炸锅 破壁机 黑色 白色 "
      + "红色 蓝色 绿色 大号 小号 专业版 迷你 超薄 轻便 套装 两件装 男款 女款").split(" ");
  private static final String[] BRANDS_ZH = {"小米", "华为", "美的", "海尔", "格力", "苏泊尔", "九阳", "安踏"};
  private static final String[] CATS_ZH = {"音频", "鞋靴", "户外", "厨房", "电视", "电脑", "家居", "玩具"};

  private boolean chinese;
  /** The mapped and the unmapped timed queries' vectors, while one size is measured with --mapped-queries. */
  private @Nullable List<float[]> mappedVectors;
  private @Nullable List<float[]> unmappedVectors;
  private @Nullable List<float[]> instructionW8Vectors;

  private static double meanCosine(List<float[]> a, List<float[]> b) {
    double sum = 0;
    for (int i = 0; i < a.size(); i++) {
      sum += QuerySpace.cosine(a.get(i), b.get(i));
    }
    return sum / a.size();
  }

  @Override
  public void run() {
    chinese = LanguageOption.chinese(language);
    OnnxEncoder.Bundled which = bundled(encoderName, "--encoder");
    OnnxEncoder.Bundled queryWhich = bundled(queryEncoderName, "--query-encoder");
    // No embedding cache: every timed query runs the encoder (the queries repeat across the timed
    // loops, and a cache would take the embedding out of the end-to-end figures).
    if (mappedQueries && noQueryInstruction) {
      throw new IllegalArgumentException("--mapped-queries and --no-query-instruction exclude each other");
    }
    try (OnnxEncoder encoder = encoder(which, encoderName, noQueryInstruction);
        OnnxEncoder queryEncoder = encoder(queryWhich, queryEncoderName, noQueryInstruction || mappedQueries)) {
      dim = dimOption != null ? dimOption : encoder.dimension();
      run(encoder, queryEncoder);
    }
  }

  private void run(OnnxEncoder encoder, OnnxEncoder queryEncoder) {
    System.out.printf(Locale.ROOT, "guide bench search  language=%s sizes=%s queries=%d warmup=%d dim=%d analysis=%s "
        + "queryInstruction=%s mappedQueries=%s cpus=%d maxHeap=%dMB java=%s date=%s%n", language, sizes, queries,
        warmup, dim, analysis(), !noQueryInstruction && !mappedQueries, mappedQueries,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"), Instant.now());
    StringBuilder json = new StringBuilder("{\"language\":\"" + language + "\",\"query_instruction\":"
        + (!noQueryInstruction && !mappedQueries) + ",\"mapped_queries\":" + mappedQueries + ",");
    if (encoder.dimension() != dim) {
      System.out.println("note: --dim " + dim + " differs from the encoder's " + encoder.dimension()
          + "; end-to-end latency is measured only when they agree");
    }
    List<String> qs = queries(queries, 99, "");
    List<String> warm = queries(warmup, 7, "w");
    double[] embedMs = time(qs.size(), i -> encoder.embed(qs.get(i), EmbeddingPurpose.QUERY),
        warm.size(), i -> encoder.embed(warm.get(i), EmbeddingPurpose.QUERY));
    double[] queryMs = time(qs.size(), i -> queryEncoder.embed(qs.get(i), EmbeddingPurpose.QUERY),
        warm.size(), i -> queryEncoder.embed(warm.get(i), EmbeddingPurpose.QUERY));
    System.out.printf(Locale.ROOT, "query embedding, --encoder %s (%s): p50 %.2f ms  p99 %.2f ms%n", encoderName,
        encoder, pct(embedMs, 50), pct(embedMs, 99));
    System.out.printf(Locale.ROOT, "query embedding, --query-encoder %s (%s): p50 %.2f ms  p99 %.2f ms%n",
        queryEncoderName, queryEncoder, pct(queryMs, 50), pct(queryMs, 99));
    json.append("\"query_encoder\":\"").append(queryEncoderName).append("\",\"embed_p50_ms\":")
        .append(r2(pct(queryMs, 50))).append(",\"embed_encoder_p50_ms\":").append(r2(pct(embedMs, 50)));
    for (int n : sizes) {
      json.append(',').append(benchSize(n, encoder, queryEncoder, qs, warm));
    }
    json.append('}');
    System.out.println(json);
  }

  private OnnxEncoder encoder(OnnxEncoder.Bundled model, String name, boolean noInstruction) {
    OnnxEncoder.Builder builder = OnnxEncoder.builder().bundled(model).int8Weights(name.equals("fp32-w8")).cacheSize(0);
    if (noInstruction) {
      builder.queryPrefix("");
    }
    return builder.build();
  }

  private OnnxEncoder.Bundled bundled(String name, String option) {
    if (chinese) {
      return switch (name) {
        case "fp32", "fp32-w8" -> OnnxEncoder.Bundled.BGE_SMALL_ZH_V15;
        default -> throw new IllegalArgumentException(option + " must be fp32 or fp32-w8 with --language zh, was '"
            + name + "'");
      };
    }
    return switch (name) {
      case "fp32", "fp32-w8" -> OnnxEncoder.Bundled.ALL_MINILM_L6_V2;
      case "int8" -> OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q;
      default -> throw new IllegalArgumentException(option + " must be fp32, fp32-w8 or int8, was '" + name + "'");
    };
  }

  private SearchSettings.Analysis analysis() {
    return chinese ? SearchSettings.Analysis.CJK : SearchSettings.Analysis.ENGLISH;
  }

  private String benchSize(int n, OnnxEncoder encoder, OnnxEncoder fastQueries, List<String> qs,
      List<String> warm) {
    Random random = new Random(n);
    Catalog catalog = chinese ? catalog(n, random, WORDS_ZH, "", BRANDS_ZH, CATS_ZH, "CNY")
        : catalog(n, random, WORDS, " ", BRANDS, CATS, "USD");
    boolean encoded = n <= encodeUpTo && encoder.dimension() == dim;
    Encoder queryEncoder = fastQueries;
    String mapJson = "";
    if (mappedQueries && encoder.dimension() == dim) {
      long tm = System.nanoTime();
      queryEncoder = QueryMap.fitted(catalog, encoder, fastQueries);
      double fitS = (System.nanoTime() - tm) / 1e9;
      List<float[]> target = encoder.embedAll(qs, EmbeddingPurpose.QUERY);
      List<float[]> mapped = queryEncoder.embedAll(qs, EmbeddingPurpose.QUERY);
      List<float[]> unmapped = fastQueries.embedAll(qs, EmbeddingPurpose.QUERY);
      double cosMapped = meanCosine(mapped, target);
      double cosUnmapped = meanCosine(unmapped, target);
      System.out.printf(Locale.ROOT, "query map: fitted on the catalog's titles in %.1f s; timed queries' mean cosine "
          + "to --encoder's own query vectors %.4f mapped, %.4f unmapped%n", fitS, cosMapped, cosUnmapped);
      mapJson = ",\"map_fit_s\":" + r2(fitS) + ",\"map_cos\":" + r3(cosMapped) + ",\"unmapped_cos\":" + r3(cosUnmapped);
      mappedVectors = mapped;
      unmappedVectors = unmapped;
      if (!encoder.int8Weights()) {
        // the reference: the same model with 8-bit weights, instruction kept (the query encoder without a map)
        try (OnnxEncoder w8 = OnnxEncoder.builder().bundled(bundled("fp32-w8", "--encoder")).int8Weights(true)
            .cacheSize(0).build()) {
          instructionW8Vectors = w8.embedAll(qs, EmbeddingPurpose.QUERY);
          System.out.printf(Locale.ROOT, "  for reference, the same model with 8-bit weights and the instruction: "
              + "mean cosine %.4f%n", meanCosine(instructionW8Vectors, target));
        }
      }
    }
    System.out.printf(Locale.ROOT, "%n== %,d products x %d dims, %s ==%n", n, dim, encoded
        ? "vectors: " + encoder.modelId() + " embeddings of the synthetic products, dense timings with the embedded queries"
        : "vectors: clustered random, dense timings with vectors near random products");
    EmbeddingIndex emb;
    float[][] qv = new float[qs.size()][];
    float[][] wv = new float[warm.size()][];
    if (encoded) {
      long te = System.nanoTime();
      if (vectorCache != null) {
        try (VectorCache cache = VectorCache.open(vectorCache, encoder)) {
          emb = EmbeddingIndex.build(catalog, cache, IndexProgress.none());
          long[] hm = cache.hitsAndMisses();
          System.out.printf(Locale.ROOT, "embedded %,d products in %.1f s (vector cache %s: %,d read back, %,d embedded)%n",
              n, (System.nanoTime() - te) / 1e9, vectorCache, hm[0], hm[1]);
        }
      } else {
        emb = EmbeddingIndex.build(catalog, encoder, IndexProgress.none());
        System.out.printf(Locale.ROOT, "embedded %,d products in %.1f s%n", n, (System.nanoTime() - te) / 1e9);
      }
      for (int i = 0; i < qv.length; i++) {
        qv[i] = encoder.embed(qs.get(i), EmbeddingPurpose.QUERY);
      }
      for (int i = 0; i < wv.length; i++) {
        wv[i] = encoder.embed(warm.get(i), EmbeddingPurpose.QUERY);
      }
    } else {
      float[] vectors = clustered(n, dim, Math.max(50, n / 500), random);
      emb = EmbeddingIndex.of(catalog, dim, vectors);
      for (int i = 0; i < qv.length; i++) {
        // queries near random products: a realistic neighbourhood to search in
        qv[i] = jitter(vectors, random.nextInt(n), dim, random);
      }
      for (int i = 0; i < wv.length; i++) {
        wv[i] = jitter(vectors, random.nextInt(n), dim, random);
      }
    }
    SearchSettings base = SearchSettings.defaults().toBuilder().analysis(analysis()).build();
    SearchSettings exact = base.toBuilder().annThreshold(Integer.MAX_VALUE).build();
    SearchSettings int8 = exact.toBuilder().vectorStorage(SearchSettings.VectorStorage.INT8).build();
    // the default graph configuration: no index folder given, so a memory-mapped scratch folder
    SearchSettings ann = base.toBuilder().annThreshold(0).build();
    StringBuilder out = new StringBuilder();
    String key = "\"n" + n + "\":{";
    out.append(key).append("\"vectors\":\"").append(encoded ? "encoded" : "clustered").append("\",");
    out.append(mapJson.isEmpty() ? "" : mapJson.substring(1) + ","); // its top-10 overlaps come after the exact scan
    long t0 = System.nanoTime();
    try (ProductSearchIndex f32 = ProductSearchIndex.build(emb, exact, IndexProgress.none())) {
      double buildLexical = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "build: BM25 index %.1f s%n", buildLexical);
      double[] scan = time(qv.length, i -> f32.denseExact(qv[i], ProductFilter.none(), 100),
          Math.min(wv.length, 200), i -> f32.denseExact(wv[i], ProductFilter.none(), 100));
      System.out.printf(Locale.ROOT, "dense exact float32 scan (baseline): p50 %.2f ms  p99 %.2f ms%n", pct(scan, 50),
          pct(scan, 99));
      out.append("\"build_bm25_s\":").append(r2(buildLexical)).append(",\"exact_f32_p50_ms\":").append(r2(pct(scan, 50)));
      List<Set<Integer>> truth = new ArrayList<>();
      for (float[] q : qv) {
        truth.add(top(f32.denseExact(q, ProductFilter.none(), 10), 10));
      }
      if (mappedVectors != null && unmappedVectors != null && encoded) {
        // the dense top 10 of the mapped (and of the unmapped) queries against the instruction's own
        List<float[]> m = mappedVectors;
        List<float[]> u = unmappedVectors;
        double overlapMapped = recall(truth, i -> f32.denseExact(m.get(i), ProductFilter.none(), 10));
        double overlapUnmapped = recall(truth, i -> f32.denseExact(u.get(i), ProductFilter.none(), 10));
        System.out.printf(Locale.ROOT, "query map: dense top-10 overlap with --encoder's own queries %.3f mapped, "
            + "%.3f unmapped%n", overlapMapped, overlapUnmapped);
        out.append(",\"map_top10_overlap\":").append(r3(overlapMapped)).append(",\"unmapped_top10_overlap\":")
            .append(r3(overlapUnmapped));
        if (instructionW8Vectors != null) {
          List<float[]> w = instructionW8Vectors;
          double overlapW8 = recall(truth, i -> f32.denseExact(w.get(i), ProductFilter.none(), 10));
          System.out.printf(Locale.ROOT, "  for reference, the same model with 8-bit weights and the instruction: %.3f%n",
              overlapW8);
          out.append(",\"instruction_w8_top10_overlap\":").append(r3(overlapW8));
        }
      }
      mappedVectors = null;
      unmappedVectors = null;
      instructionW8Vectors = null;
      long t1 = System.nanoTime();
      try (ProductSearchIndex i8 = ProductSearchIndex.build(emb, int8, IndexProgress.none())) {
        double[] s8 = time(qv.length, i -> i8.denseExact(qv[i], ProductFilter.none(), 100),
            Math.min(wv.length, 200), i -> i8.denseExact(wv[i], ProductFilter.none(), 100));
        double rec8 = recall(truth, i -> i8.denseExact(qv[i], ProductFilter.none(), 10));
        System.out.printf(Locale.ROOT, "dense exact int8 scan: p50 %.2f ms  p99 %.2f ms  recall@10 %.3f  (%.1fx the float scan)%n",
            pct(s8, 50), pct(s8, 99), rec8, pct(scan, 50) / pct(s8, 50));
        out.append(",\"exact_int8_p50_ms\":").append(r2(pct(s8, 50))).append(",\"int8_recall10\":").append(r3(rec8));
      }
      long t2 = System.nanoTime();
      try (ProductSearchIndex hnsw = ProductSearchIndex.build(emb, ann, IndexProgress.none())) {
        double buildAnn = (System.nanoTime() - t2) / 1e9;
        double[] sa = time(qv.length, i -> hnsw.denseAnn(qv[i], ProductFilter.none(), 100),
            wv.length, i -> hnsw.denseAnn(wv[i], ProductFilter.none(), 100));
        double recAnn = recall(truth, i -> hnsw.denseAnn(qv[i], ProductFilter.none(), 100));
        System.out.printf(Locale.ROOT, "HNSW (M=16, build beam 100, search beam %d, k=100, memory-mapped, %d graph%s): "
            + "build %.1f s, p50 %.2f ms  p99 %.2f ms  recall@10 %.3f  (%.1fx the float scan)%n", hnsw.annBeam(),
            hnsw.graphCount(), hnsw.graphCount() == 1 ? "" : "s", buildAnn, pct(sa, 50), pct(sa, 99), recAnn,
            pct(scan, 50) / pct(sa, 50));
        out.append(",\"build_hnsw_s\":").append(r2(buildAnn)).append(",\"hnsw_graphs\":").append(hnsw.graphCount())
            .append(",\"hnsw_beam\":").append(hnsw.annBeam()).append(",\"hnsw_p50_ms\":").append(r2(pct(sa, 50)))
            .append(",\"hnsw_p99_ms\":").append(r2(pct(sa, 99))).append(",\"hnsw_recall10\":").append(r3(recAnn));
        if (encoder.dimension() == dim) {
          // the same query path over both dense retrievers; the default serves this size from one of them
          boolean annByDefault = n >= SearchSettings.DEFAULT_ANN_THRESHOLD;
          String[] label = {"exact scan", "HNSW"};
          ProductSearchIndex[] served = {f32, hnsw};
          ProductSearchIndex nonDefault = served[annByDefault ? 0 : 1];
          HybridRetriever other = new HybridRetriever(() -> nonDefault, queryEncoder);
          double[] e2eOther = time(qs.size(), i -> other.search(qs.get(i), ProductFilter.none(), 10),
              warm.size(), i -> other.search(warm.get(i), ProductFilter.none(), 10));
          System.out.printf(Locale.ROOT, "end to end (embed + BM25 + %s + fusion + re-rank, top 10), queries by %s: "
              + "p50 %.2f ms  p99 %.2f ms%n", label[annByDefault ? 0 : 1], queryEncoderName, pct(e2eOther, 50),
              pct(e2eOther, 99));
          // The default path, with the query encoder against the --encoder's own queries as the
          // baseline: alternated call by call, so both see the same machine.
          ProductSearchIndex serving = served[annByDefault ? 1 : 0];
          HybridRetriever ranker = new HybridRetriever(() -> serving, queryEncoder);
          HybridRetriever baseline = new HybridRetriever(() -> serving, encoder);
          double[][] paired = timePair(qs.size(), i -> ranker.search(qs.get(i), ProductFilter.none(), 10),
              i -> baseline.search(qs.get(i), ProductFilter.none(), 10), warm.size(),
              i -> ranker.search(warm.get(i), ProductFilter.none(), 10),
              i -> baseline.search(warm.get(i), ProductFilter.none(), 10));
          double[] def = paired[0];
          System.out.printf(Locale.ROOT, "end to end (embed + BM25 + %s + fusion + re-rank, top 10) [default at this "
              + "size], queries by %s: p50 %.2f ms  p99 %.2f ms%n", label[annByDefault ? 1 : 0], queryEncoderName,
              pct(def, 50), pct(def, 99));
          System.out.printf(Locale.ROOT, "  the same, queries by --encoder %s (baseline, alternated with the line "
              + "above): p50 %.2f ms  p99 %.2f ms  (%.2fx the default's p50)%n", encoderName, pct(paired[1], 50),
              pct(paired[1], 99), pct(paired[1], 50) / pct(def, 50));
          double[] scanned = annByDefault ? e2eOther : def;
          double[] graph = annByDefault ? def : e2eOther;
          out.append(",\"e2e_p50_ms\":").append(r2(pct(def, 50))).append(",\"e2e_p99_ms\":").append(r2(pct(def, 99)))
              .append(",\"e2e_default\":\"").append(annByDefault ? "hnsw" : "exact").append('"')
              .append(",\"e2e_exact_p50_ms\":").append(r2(pct(scanned, 50)))
              .append(",\"e2e_hnsw_p50_ms\":").append(r2(pct(graph, 50)))
              .append(",\"e2e_hnsw_p99_ms\":").append(r2(pct(graph, 99)))
              .append(",\"e2e_encoder_queries_p50_ms\":").append(r2(pct(paired[1], 50)))
              .append(",\"e2e_encoder_queries_p99_ms\":").append(r2(pct(paired[1], 99)));
          out.append(filtered(emb, f32, hnsw, serving, queryEncoder, qv, wv, qs, warm));
        }
      }
      System.out.printf(Locale.ROOT, "(int8 build %.1f s)%n", (t2 - t1) / 1e9);
    }
    return out.append('}').toString();
  }

  /**
   * Filtered queries over a range of selectivities (a hard filter is applied inside retrieval): the
   * scan of the passing products, the graph search under the filter, and the default dense stage,
   * which scans when few products pass ({@link SearchSettings#filteredScanFactor()}) and walks the
   * graph otherwise, each with recall@10 against the exact filtered answer; then the default query
   * path end to end, with the share of queries that filled their 10 results.
   */
  private String filtered(EmbeddingIndex emb, ProductSearchIndex f32, ProductSearchIndex hnsw, ProductSearchIndex serving,
      Encoder queryEncoder, float[][] qv, float[][] wv, List<String> qs, List<String> warm) {
    Catalog catalog = emb.catalog();
    SearchSettings settings = serving.settings();
    // below annThreshold the default index has no graph and scans every passing product
    int scanUpTo = serving.usesAnn() ? settings.filteredScanUpTo(catalog.size()) : catalog.size();
    if (!serving.usesAnn() || scanUpTo == 0) {
      return filtered(catalog, f32, hnsw, serving, null, scanUpTo, queryEncoder, qv, wv, qs, warm);
    }
    // the baseline end to end: the same graph index with every filtered query walking the graph
    long t = System.nanoTime();
    try (ProductSearchIndex walking = ProductSearchIndex.build(emb,
        settings.toBuilder().filteredScanFactor(0).build(), IndexProgress.none())) {
      System.out.printf(Locale.ROOT, "(a second graph index that always walks under a filter, for the end-to-end "
          + "baseline: built in %.1f s)%n", (System.nanoTime() - t) / 1e9);
      return filtered(catalog, f32, hnsw, serving, walking, scanUpTo, queryEncoder, qv, wv, qs, warm);
    }
  }

  private String filtered(Catalog catalog, ProductSearchIndex f32, ProductSearchIndex hnsw, ProductSearchIndex serving,
      @Nullable ProductSearchIndex walking, int scanUpTo, Encoder queryEncoder, float[][] qv, float[][] wv,
      List<String> qs, List<String> warm) {
    String[] cats = chinese ? CATS_ZH : CATS;
    String[] brands = chinese ? BRANDS_ZH : BRANDS;
    Map<String, ProductFilter> filters = new LinkedHashMap<>();
    filters.put("price_le_250", ProductFilter.builder().maxPrice(250).build());
    filters.put("price_le_100", ProductFilter.builder().maxPrice(100).build());
    filters.put("category", ProductFilter.builder().category(cats[0]).build());
    filters.put("price_le_25", ProductFilter.builder().maxPrice(25).build());
    filters.put("brand_category", ProductFilter.builder().category(cats[0]).brand(brands[0]).build());
    filters.put("brand_category_price", ProductFilter.builder().category(cats[0]).brand(brands[0]).maxPrice(50).build());
    SearchSettings settings = serving.settings();
    String rule = !serving.usesAnn() ? "has no graph at this size and scans the passing products"
        : scanUpTo > 0 ? String.format(Locale.ROOT, "scans the passing products up to filteredScanFactor %.0f x "
            + "sqrt(%,d) = %,d, else walks the graph", settings.filteredScanFactor(), catalog.size(), scanUpTo)
        : String.format(Locale.ROOT, "walks the graph: %,d products is above singleGraphUpTo %,d", catalog.size(),
            settings.singleGraphUpTo());
    System.out.printf(Locale.ROOT, "filtered queries (dense stage: k=100; the default %s):%n", rule);
    StringBuilder out = new StringBuilder();
    int warmCount = Math.min(wv.length, 200);
    for (Map.Entry<String, ProductFilter> e : filters.entrySet()) {
      ProductFilter filter = e.getValue();
      long passing = catalog.products().stream().filter(filter::test).count();
      if (passing == 0) {
        continue;
      }
      List<Set<Integer>> truth = new ArrayList<>();
      for (float[] q : qv) {
        truth.add(top(f32.denseExact(q, filter, 10), 10));
      }
      double[] postings = time(qv.length, i -> f32.passing(filter), warmCount, i -> f32.passing(filter));
      double[] scan = time(qv.length, i -> f32.denseExact(qv[i], filter, 100), warmCount,
          i -> f32.denseExact(wv[i], filter, 100));
      double[] graph = time(qv.length, i -> hnsw.denseAnn(qv[i], filter, 100), warmCount,
          i -> hnsw.denseAnn(wv[i], filter, 100));
      double graphRecall = recall(truth, i -> hnsw.denseAnn(qv[i], filter, 100));
      double[] dense = time(qv.length, i -> serving.dense(qv[i], filter, 100), warmCount,
          i -> serving.dense(wv[i], filter, 100));
      double denseRecall = recall(truth, i -> serving.dense(qv[i], filter, 100));
      int want = (int) Math.min(10, passing);
      // retrievers of their own, whose query-vector caches have not seen these queries: each one is embedded
      HybridRetriever ranker = new HybridRetriever(() -> serving, queryEncoder);
      HybridRetriever walker = walking == null ? ranker : new HybridRetriever(() -> walking, queryEncoder);
      int[] filled = new int[1];
      Op byDefault = i -> {
        List<ScoredProduct> got = ranker.search(qs.get(i), filter, 10);
        if (got.size() == want && got.stream().allMatch(sp -> filter.test(sp.product()))) {
          filled[0]++;
        }
        return got;
      };
      double[][] paired = walking == null
          ? new double[][] {time(qs.size(), byDefault, warmCount, i -> ranker.search(warm.get(i), filter, 10))}
          : timePair(qs.size(), byDefault, i -> walker.search(qs.get(i), filter, 10), warmCount,
              i -> ranker.search(warm.get(i), filter, 10), i -> walker.search(warm.get(i), filter, 10));
      double[] e2e = paired[0];
      System.out.printf(Locale.ROOT, "  %-21s %,9d pass (%5.2f%%): filter's postings p50 %5.2f ms, scan of the "
          + "passing p50 %6.2f ms | graph p50 %6.2f ms  p99 %6.2f ms  recall@10 %.3f | default dense p50 %6.2f ms  "
          + "recall@10 %.3f (%.1fx the graph) | end to end [default] p50 %6.2f ms  p99 %6.2f ms, %d of %d filled %d%n",
          e.getKey(), passing, 100.0 * passing / catalog.size(), pct(postings, 50), pct(scan, 50), pct(graph, 50),
          pct(graph, 99), graphRecall, pct(dense, 50), denseRecall, pct(graph, 50) / pct(dense, 50), pct(e2e, 50),
          pct(e2e, 99), filled[0], qs.size(), want);
      if (walking != null) {
        System.out.printf(Locale.ROOT, "  %-21s end to end, always walking the graph (baseline, alternated with the "
            + "default): p50 %6.2f ms  p99 %6.2f ms  (%.2fx the default's p50)%n", "", pct(paired[1], 50),
            pct(paired[1], 99), pct(paired[1], 50) / pct(e2e, 50));
      }
      String key = ",\"filter_" + e.getKey() + "_";
      out.append(key).append("passing\":").append(passing)
          .append(key).append("postings_p50_ms\":").append(r2(pct(postings, 50)))
          .append(key).append("scan_p50_ms\":").append(r2(pct(scan, 50)))
          .append(key).append("graph_p50_ms\":").append(r2(pct(graph, 50)))
          .append(key).append("graph_recall10\":").append(r3(graphRecall))
          .append(key).append("dense_p50_ms\":").append(r2(pct(dense, 50)))
          .append(key).append("dense_recall10\":").append(r3(denseRecall))
          .append(key).append("e2e_p50_ms\":").append(r2(pct(e2e, 50)))
          .append(key).append("e2e_p99_ms\":").append(r2(pct(e2e, 99)))
          .append(key).append("filled\":").append(r3(filled[0] / (double) qs.size()));
      if (walking != null) {
        out.append(key).append("e2e_walk_p50_ms\":").append(r2(pct(paired[1], 50)))
            .append(key).append("e2e_walk_p99_ms\":").append(r2(pct(paired[1], 99)));
      }
    }
    return ",\"filter_scan_up_to\":" + scanUpTo + out;
  }

  private static final long WARMUP_LIMIT_NS = 30_000_000_000L;

  private interface Op {
    Object run(int i);
  }

  /**
   * Sorted per-call milliseconds of {@code op} over {@code count} timed calls, after {@code warmCount}
   * untimed calls of {@code warmOp} on other inputs. The warm-up lets the JIT compile the whole query
   * path (a few hundred queries are not enough: the first ones run interpreted or at C1 level and
   * measured about twice as slow), and its inputs differ from the timed ones so no cache is primed.
   * The warm-up stops early after {@link #WARMUP_LIMIT_NS} (slow paths, such as the exact scan at 1M,
   * are compiled long before).
   */
  private static double[] time(int count, Op op, int warmCount, Op warmOp) {
    long stop = System.nanoTime() + WARMUP_LIMIT_NS;
    for (int i = 0; i < warmCount && System.nanoTime() < stop; i++) {
      warmOp.run(i);
    }
    double[] ms = new double[count];
    for (int i = 0; i < count; i++) {
      long t = System.nanoTime();
      op.run(i);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  /** As {@link #time}, for two operations alternated call by call; their sorted timings. */
  private static double[][] timePair(int count, Op a, Op b, int warmCount, Op warmA, Op warmB) {
    long stop = System.nanoTime() + WARMUP_LIMIT_NS;
    for (int i = 0; i < warmCount && System.nanoTime() < stop; i++) {
      warmA.run(i);
      warmB.run(i);
    }
    double[][] ms = new double[2][count];
    for (int i = 0; i < count; i++) {
      for (int k = 0; k < 2; k++) {
        Op op = (i + k) % 2 == 0 ? a : b; // alternate which goes first
        long t = System.nanoTime();
        op.run(i);
        ms[op == a ? 0 : 1][i] = (System.nanoTime() - t) / 1e6;
      }
    }
    Arrays.sort(ms[0]);
    Arrays.sort(ms[1]);
    return ms;
  }

  private interface Search {
    Hits run(int i);
  }

  private static double recall(List<Set<Integer>> truth, Search s) {
    double sum = 0;
    for (int i = 0; i < truth.size(); i++) {
      Set<Integer> got = top(s.run(i), 10);
      sum += truth.get(i).stream().filter(got::contains).count() / (double) truth.get(i).size();
    }
    return sum / truth.size();
  }

  private static Set<Integer> top(Hits h, int k) {
    Set<Integer> s = new HashSet<>();
    for (int i = 0; i < Math.min(k, h.size()); i++) {
      s.add(h.positions()[i]);
    }
    return s;
  }

  private static double pct(double[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static Catalog catalog(int n, Random r, String[] words, String separator, String[] brands, String[] cats,
      String currency) {
    List<Product> ps = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder t = new StringBuilder();
      int count = 4 + r.nextInt(8);
      for (int w = 0; w < count; w++) {
        t.append(w == 0 ? "" : separator).append(words[r.nextInt(words.length)]);
      }
      t.append(' ').append(Integer.toString(r.nextInt(100_000), 36).toUpperCase(Locale.ROOT));
      ps.add(Product.builder("p" + i, t.toString(), Money.of(1 + r.nextInt(500), currency))
          .brand(brands[r.nextInt(brands.length)]).category(cats[r.nextInt(cats.length)])
          .popularity(r.nextInt(1000)).build());
    }
    return Catalog.of(ps);
  }

  private List<String> queries(int n, long seed, String tag) {
    String[] vocabulary = chinese ? WORDS_ZH : WORDS;
    String separator = chinese ? "" : " ";
    Random r = new Random(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int words = 1 + r.nextInt(4);
      StringBuilder q = new StringBuilder();
      for (int w = 0; w < words; w++) {
        q.append(w == 0 ? "" : separator).append(vocabulary[r.nextInt(vocabulary.length)]);
      }
      out.add(q + " " + tag + i); // distinct, so the query-vector cache never hits
    }
    return out;
  }

  /** {@code clusters} random centres; each vector a centre plus Gaussian noise, normalised. */
  static float[] clustered(int n, int dim, int clusters, Random r) {
    float[] centres = new float[clusters * dim];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = (float) r.nextGaussian();
    }
    float[] v = new float[n * dim];
    double noise = 0.8;
    for (int i = 0; i < n; i++) {
      int c = r.nextInt(clusters);
      double norm = 0;
      for (int d = 0; d < dim; d++) {
        float x = centres[c * dim + d] + (float) (noise * r.nextGaussian());
        v[i * dim + d] = x;
        norm += x * x;
      }
      float inv = (float) (1 / Math.sqrt(norm));
      for (int d = 0; d < dim; d++) {
        v[i * dim + d] *= inv;
      }
    }
    return v;
  }

  private static float[] jitter(float[] vectors, int row, int dim, Random r) {
    float[] q = new float[dim];
    double norm = 0;
    for (int d = 0; d < dim; d++) {
      q[d] = vectors[row * dim + d] + (float) (0.5 / Math.sqrt(dim) * r.nextGaussian());
      norm += q[d] * q[d];
    }
    for (int d = 0; d < dim; d++) {
      q[d] /= (float) Math.sqrt(norm);
    }
    return q;
  }

  private static String r2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String r3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
