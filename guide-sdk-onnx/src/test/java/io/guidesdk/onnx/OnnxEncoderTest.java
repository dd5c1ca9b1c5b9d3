package io.guidesdk.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.guidesdk.ModelLoadException;
import io.guidesdk.spi.EmbeddingPurpose;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encoder on the real bundled all-MiniLM-L6-v2 models. Tests that do not need the fp32 model use
 * the int8 one, which loads four times faster.
 */
class OnnxEncoderTest {

  static final String FP32 = "/all-minilm-l6-v2.onnx";
  static final String INT8 = "/all-minilm-l6-v2-q.onnx";

  static OnnxEncoder encoder;
  static OnnxEncoder int8;

  @BeforeAll
  static void load() {
    encoder = OnnxEncoder.builder().cacheSize(0).build();
    int8 = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q).cacheSize(0).build();
  }

  @AfterAll
  static void close() {
    encoder.close();
    int8.close();
  }

  static void assertClose(float[] actual, float[] expected, double tolerance) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat((double) actual[i]).as("dimension %d", i).isCloseTo(expected[i], within(tolerance));
    }
  }

  static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }

  /**
   * The model's token embeddings for one text, straight from ONNX Runtime; for the int8 model, from the
   * graph with per-token activation scales that the encoder runs by default.
   */
  static float[][] hiddenStates(String modelResource, String text) throws Exception {
    List<String> tokens = encoder.tokens(text, EmbeddingPurpose.PASSAGE);
    byte[] model;
    try (InputStream in = OnnxEncoder.class.getResourceAsStream(modelResource)) {
      model = in.readAllBytes();
    }
    if (modelResource.equals(INT8)) {
      model = PerTokenQuantization.rewrite(model).orElseThrow();
    }
    var tok = ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.newInstance(
        OnnxEncoder.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json"), Map.of());
    var enc = tok.encode(text);
    assertThat(enc.getTokens()).containsExactlyElementsOf(tokens);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long[][] ids = {enc.getIds()};
    long[][] mask = {enc.getAttentionMask()};
    long[][] types = {enc.getTypeIds()};
    try (OrtSession session = env.createSession(model);
        OnnxTensor a = OnnxTensor.createTensor(env, ids);
        OnnxTensor b = OnnxTensor.createTensor(env, mask);
        OnnxTensor c = OnnxTensor.createTensor(env, types);
        OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
      return ((float[][][]) r.get(0).getValue())[0];
    } finally {
      tok.close();
    }
  }

  static float[] normalized(float[] v) {
    float[] out = v.clone();
    EncoderSession.normalizeInPlace(out);
    return out;
  }

  @Test
  void vectorsAreUnitLengthWithTheModelsDimension() {
    float[] v = encoder.embed("trail running shoes", EmbeddingPurpose.QUERY);
    assertThat(encoder.dimension()).isEqualTo(384);
    assertThat(v).hasSize(384);
    assertThat(norm(v)).isCloseTo(1.0, within(1e-5));
    assertThat(encoder.modelId()).isEqualTo("all-MiniLM-L6-v2");
    assertThat(encoder.pooling()).isEqualTo(OnnxEncoder.Pooling.MEAN);
    assertThat(encoder.maxLength()).isEqualTo(256);
  }

  @Test
  void meanPoolingIsTheMaskedMeanOfTheTokenEmbeddings() throws Exception {
    String text = "Stainless steel espresso grinder";
    float[][] hidden = hiddenStates(FP32, text);
    float[] mean = new float[hidden[0].length];
    for (float[] token : hidden) {
      for (int d = 0; d < mean.length; d++) {
        mean[d] += token[d] / hidden.length;
      }
    }
    assertClose(encoder.embed(text, EmbeddingPurpose.PASSAGE), normalized(mean), 1e-5);
  }

  @Test
  void clsPoolingIsTheFirstTokenEmbedding() throws Exception {
    String text = "Stainless steel espresso grinder";
    float[][] hidden = hiddenStates(INT8, text);
    try (OnnxEncoder cls = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q)
        .pooling(OnnxEncoder.Pooling.CLS).cacheSize(0).build()) {
      assertThat(cls.pooling()).isEqualTo(OnnxEncoder.Pooling.CLS);
      float[] v = cls.embed(text, EmbeddingPurpose.PASSAGE);
      assertClose(v, normalized(hidden[0]), 1e-5);
      // In a batch with longer texts (so this one is padded) the [CLS] vector is unchanged.
      List<float[]> batch = cls.embedAll(List.of("a much longer title about a waterproof hiking boot for wide feet",
          text), EmbeddingPurpose.PASSAGE);
      assertClose(batch.get(1), v, 1e-5);
      assertThat(normalized(hidden[0])).isNotEqualTo(int8.embed(text, EmbeddingPurpose.PASSAGE));
    }
  }

  @Test
  void withoutNormalisationTheRawMeanIsReturned() throws Exception {
    String text = "wireless earbuds";
    float[][] hidden = hiddenStates(INT8, text);
    float[] mean = new float[hidden[0].length];
    for (float[] token : hidden) {
      for (int d = 0; d < mean.length; d++) {
        mean[d] += token[d] / hidden.length;
      }
    }
    try (OnnxEncoder raw = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q).normalize(false)
        .cacheSize(0).build()) {
      assertClose(raw.embed(text, EmbeddingPurpose.PASSAGE), mean, 1e-5);
    }
  }

  @Test
  void aTextsVectorDoesNotDependOnItsBatch() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      texts.add("product " + i + " " + "with a description ".repeat(i % 9));
    }
    List<float[]> all = encoder.embedAll(texts, EmbeddingPurpose.PASSAGE);
    assertThat(all).hasSize(texts.size());
    for (int i : new int[] {0, 13, 44, 69}) {
      assertClose(all.get(i), encoder.embed(texts.get(i), EmbeddingPurpose.PASSAGE), 1e-5);
    }
    assertThat(encoder.embedAll(List.of(), EmbeddingPurpose.PASSAGE)).isEmpty();
  }

  @Test
  void truncatesAtMaxLengthKeepingTheHead() {
    try (OnnxEncoder short8 = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q).maxLength(8)
        .cacheSize(0).build()) {
      String head = "red blue green black white pink";
      String longer = head + " orange purple brown grey yellow";
      assertThat(short8.tokens(longer, EmbeddingPurpose.PASSAGE))
          .containsExactly("[CLS]", "red", "blue", "green", "black", "white", "pink", "[SEP]");
      assertClose(short8.embed(longer, EmbeddingPurpose.PASSAGE), short8.embed(head, EmbeddingPurpose.PASSAGE), 1e-6);
      assertThat(short8.embed(longer, EmbeddingPurpose.PASSAGE))
          .isNotEqualTo(int8.embed(longer, EmbeddingPurpose.PASSAGE));
    }
    // The default 256-token limit: words beyond it do not change the vector.
    String many = "shoe ".repeat(300);
    assertThat(encoder.tokens(many, EmbeddingPurpose.PASSAGE)).hasSize(256);
    assertClose(encoder.embed(many + " completely different tail", EmbeddingPurpose.PASSAGE),
        encoder.embed(many, EmbeddingPurpose.PASSAGE), 1e-6);
  }

  @Test
  void maxLengthBeyondThePositionEmbeddingsIsRejected() {
    assertThatThrownBy(() -> OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q).maxLength(513).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("513").hasMessageContaining("512");
  }

  @Test
  void prefixesArePutBeforeTextsOfTheirPurpose() {
    try (OnnxEncoder e5style = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q)
        .queryPrefix("query: ").passagePrefix("passage: ").cacheSize(0).build()) {
      assertThat(e5style.tokens("boots", EmbeddingPurpose.QUERY)).containsExactly("[CLS]", "query", ":", "boots", "[SEP]");
      assertClose(e5style.embed("boots", EmbeddingPurpose.QUERY),
          int8.embed("query: boots", EmbeddingPurpose.QUERY), 1e-6);
      assertClose(e5style.embed("boots", EmbeddingPurpose.PASSAGE),
          int8.embed("passage: boots", EmbeddingPurpose.PASSAGE), 1e-6);
    }
    assertThat(encoder.prefix(EmbeddingPurpose.QUERY)).isEmpty();
  }

  @Test
  void knownModelsGetTheirPoolingAndPrefixes() {
    assertThat(KnownModels.forModel("bge-small-zh-v1.5"))
        .isEqualTo(new KnownModels.Defaults(OnnxEncoder.Pooling.CLS, KnownModels.BGE_ZH_QUERY, ""));
    assertThat(KnownModels.forModel("BAAI/bge-base-en-v1.5").pooling()).isEqualTo(OnnxEncoder.Pooling.CLS);
    assertThat(KnownModels.forModel("multilingual-e5-small"))
        .isEqualTo(new KnownModels.Defaults(OnnxEncoder.Pooling.MEAN, "query: ", "passage: "));
    assertThat(KnownModels.forModel("all-mpnet-base-v2").pooling()).isEqualTo(OnnxEncoder.Pooling.MEAN);
  }

  @Test
  void cacheReturnsIdenticalVectorsThatCallersCannotCorrupt() {
    try (OnnxEncoder cached = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q).cacheSize(100)
        .build()) {
      float[] first = cached.embed("leather wallet", EmbeddingPurpose.QUERY);
      float[] expected = first.clone();
      first[0] = 42f; // a caller scribbling on its result must not change the cached vector
      float[] second = cached.embed("leather wallet", EmbeddingPurpose.QUERY);
      assertThat(second).containsExactly(expected).isNotSameAs(first);
      List<float[]> mixed = cached.embedAll(List.of("leather wallet", "canvas tote", "leather wallet"),
          EmbeddingPurpose.QUERY);
      assertThat(mixed.get(0)).containsExactly(expected);
      assertThat(mixed.get(2)).containsExactly(expected).isNotSameAs(mixed.get(0));
      assertClose(mixed.get(1), int8.embed("canvas tote", EmbeddingPurpose.QUERY), 1e-6);
      assertClose(expected, int8.embed("leather wallet", EmbeddingPurpose.QUERY), 1e-6);
    }
  }

  @Test
  void emptyAndBlankTextsGiveTheVectorOfNoTokens() {
    float[] empty = encoder.embed("", EmbeddingPurpose.QUERY);
    assertThat(encoder.tokens("", EmbeddingPurpose.QUERY)).containsExactly("[CLS]", "[SEP]");
    assertThat(norm(empty)).isCloseTo(1.0, within(1e-5));
    assertClose(encoder.embed(" \t\n ", EmbeddingPurpose.QUERY), empty, 1e-6);
  }

  @Test
  void aOneMegabyteTextIsCutAndTruncatedNotTokenisedInFull() {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 1_000_000) {
      sb.append("waterproof jacket with hood ");
    }
    String huge = sb.toString();
    float[] v = encoder.embed(huge, EmbeddingPurpose.PASSAGE);
    assertThat(norm(v)).isCloseTo(1.0, within(1e-5));
    assertClose(v, encoder.embed(huge.substring(0, 5_000), EmbeddingPurpose.PASSAGE), 1e-6);
    assertThat(encoder.maxChars()).isEqualTo(25_600);
  }

  @Test
  void unpairedSurrogatesAndControlCharactersAreDefined() {
    String lone = "phone case \uD83D and \uDC4D";
    float[] v = encoder.embed(lone, EmbeddingPurpose.QUERY);
    assertClose(v, encoder.embed("phone case \uFFFD and \uFFFD", EmbeddingPurpose.QUERY), 1e-6);
    assertThat(OnnxEncoder.prepare("", "a\uD83D\uDE00b\uD83D", 100)).isEqualTo("a\uD83D\uDE00b\uFFFD");
    // Cutting never splits a surrogate pair.
    assertThat(OnnxEncoder.prepare("", "ab\uD83D\uDE00", 3)).isEqualTo("ab");
    float[] nul = encoder.embed("usb\u0000cable\u0007", EmbeddingPurpose.QUERY);
    assertThat(norm(nul)).isCloseTo(1.0, within(1e-5));
    assertThat(norm(encoder.embed("emoji 👟🎒 ok", EmbeddingPurpose.QUERY))).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void nullsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> encoder.embed(null, EmbeddingPurpose.QUERY)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("text");
    assertThatThrownBy(() -> encoder.embed("x", null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("purpose");
    assertThatThrownBy(() -> encoder.embedAll(java.util.Arrays.asList("a", null), EmbeddingPurpose.QUERY))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("texts[1]");
  }

  @Test
  void builderChecksEachSettingOnTheSpot() {
    assertThatThrownBy(() -> OnnxEncoder.builder().batchSize(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchSize");
    assertThatThrownBy(() -> OnnxEncoder.builder().cacheSize(1).cacheSize(2)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cacheSize was already set");
    assertThatThrownBy(() -> OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2)
        .modelDirectory(Path.of("x"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> OnnxEncoder.builder().pooling(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> OnnxEncoder.builder().useCuda(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OnnxEncoder.builder().maxLength(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OnnxEncoder.builder().intraOpThreads(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OnnxEncoder.builder().parallelBatches(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cudaWithoutAGpuFallsBackToCpuWithOneWarning() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (OnnxEncoder cuda = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q).useCuda(0)
        .cacheSize(0).build()) {
      assertThat(cuda.onCuda()).isFalse();
      assertThat(norm(cuda.embed("gpu-less", EmbeddingPurpose.QUERY))).isCloseTo(1.0, within(1e-5));
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("WARN").contains("CUDA requested for all-MiniLM-L6-v2-q").contains("onnxruntime_gpu")
        .contains("running on CPU");
    assertThat(log.split("CUDA requested", -1)).hasSize(2);
  }

  @Test
  void requiredCudaWithoutAGpuFails() {
    assertThatThrownBy(() -> OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q).requireCuda(0).build())
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("CUDA was required").hasMessageContaining("onnxruntime_gpu");
  }

  @Test
  void sixteenThreadsShareOneEncoderWithoutErrors() throws Exception {
    List<String> texts = List.of("hiking boots", "espresso machine", "yoga mat", "smart watch", "",
        "陶瓷咖啡杯", "kids bicycle helmet with lights", "rain jacket");
    List<float[]> expected = encoder.embedAll(texts, EmbeddingPurpose.QUERY);
    try (OnnxEncoder shared = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2)
        .parallelBatches(2).batchSize(3).cacheSize(4).build()) {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          start.await();
          int checked = 0;
          for (int round = 0; round < 6; round++) {
            List<String> mine = new ArrayList<>(texts);
            Collections.rotate(mine, thread + round);
            List<float[]> got = thread % 2 == 0 ? shared.embedAll(mine, EmbeddingPurpose.QUERY)
                : mine.stream().map(s -> shared.embed(s, EmbeddingPurpose.QUERY)).toList();
            for (int i = 0; i < mine.size(); i++) {
              assertClose(got.get(i), expected.get(texts.indexOf(mine.get(i))), 1e-5);
              checked++;
            }
          }
          return checked;
        }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(total).isEqualTo(16 * 6 * texts.size());
    }
  }

  @Test
  void callsAfterCloseFailClearlyAndCloseIsIdempotent() throws Exception {
    OnnxEncoder e = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q).parallelBatches(2).build();
    // Close while other threads are embedding: they finish or get IllegalStateException, never a crash.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> busy = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      busy.add(pool.submit(() -> {
        for (int i = 0; i < 50; i++) {
          try {
            e.embedAll(List.of("a " + i, "bb " + i, "ccc " + i), EmbeddingPurpose.PASSAGE);
          } catch (IllegalStateException closed) {
            assertThat(closed).hasMessageContaining("is closed");
            return;
          }
        }
      }));
    }
    Thread.sleep(50);
    e.close();
    for (Future<?> f : busy) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    e.close();
    assertThatThrownBy(() -> e.embed("x", EmbeddingPurpose.QUERY)).isInstanceOf(IllegalStateException.class)
        .hasMessage("encoder all-MiniLM-L6-v2-q is closed; build a new one");
    assertThatThrownBy(() -> e.embedAll(List.of("x"), EmbeddingPurpose.QUERY)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> e.tokens("x", EmbeddingPurpose.QUERY)).isInstanceOf(IllegalStateException.class);
    assertThat(e.dimension()).isEqualTo(384);
  }

  /** Product titles of very different lengths, so batches pad and activations differ in range. */
  static final List<String> TITLES = List.of(
      "trail running shoes",
      "a very long product title about a heavy winter parka with a fur hood, two-way zip and taped seams",
      "x",
      "Stainless steel electric kettle 1.7 L, 2200 W, auto shut-off",
      "merino wool socks (3 pairs)",
      "USB-C to USB-C cable 2 m, 100 W, braided",
      "蓝牙耳机 无线 降噪",
      "kids' raincoat, yellow, size 104",
      "Espresso machine with milk frother, 15 bar, 1.5 litre water tank, removable drip tray",
      "LED desk lamp",
      "organic green tea 100 bags",
      "4K HDR 55-inch smart TV with Dolby Vision and three HDMI 2.1 ports",
      "",
      "ceramic non-stick frying pan 28 cm, induction",
      "Women's leather ankle boots with block heel, black, EU 39");

  @Test
  void int8RunsInBatchesWithPerTokenScalesSoAVectorIgnoresItsBatchMates() {
    assertThat(int8.perTokenActivationScales()).isTrue();
    assertThat(int8.batchInvariant()).as("texts are batched").isFalse();
    assertThat(int8.toString()).contains("perTokenActivationScales");
    List<float[]> together = int8.embedAll(TITLES, EmbeddingPurpose.PASSAGE);
    List<String> reversed = new ArrayList<>(TITLES);
    Collections.reverse(reversed);
    List<float[]> backwards = int8.embedAll(reversed, EmbeddingPurpose.PASSAGE);
    for (int i = 0; i < TITLES.size(); i++) {
      float[] alone = int8.embed(TITLES.get(i), EmbeddingPurpose.PASSAGE);
      assertThat(together.get(i)).as("title %d in a batch of %d", i, TITLES.size()).containsExactly(alone);
      assertThat(backwards.get(TITLES.size() - 1 - i)).as("title %d, other order", i).containsExactly(alone);
      // With a long and a one-character batch mate: different padding and activation ranges.
      List<float[]> trio = int8.embedAll(List.of(TITLES.get(1), TITLES.get(i), "x"), EmbeddingPurpose.PASSAGE);
      assertThat(trio.get(1)).as("title %d between a long title and x", i).containsExactly(alone);
    }
    assertThat(encoder.perTokenActivationScales()).as("fp32 has nothing to rewrite").isFalse();
    assertThat(encoder.batchInvariant()).isFalse();
  }

  @Test
  void theExportedInt8GraphRunsTextsAloneUnlessTheCallerTradesThatAway() {
    try (OnnxEncoder exported = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q)
            .perTokenActivationScales(false).cacheSize(0).build();
        OnnxEncoder drifting = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q)
            .perTokenActivationScales(false).batchInvariant(false).cacheSize(0).build()) {
      assertThat(exported.perTokenActivationScales()).isFalse();
      assertThat(exported.batchInvariant()).as("per-tensor scales: each text alone").isTrue();
      float[] alone = exported.embed("trail running shoes", EmbeddingPurpose.PASSAGE);
      List<float[]> batch = exported.embedAll(TITLES.subList(0, 3), EmbeddingPurpose.PASSAGE);
      assertThat(batch.get(0)).containsExactly(alone);
      // Why: batched, the exported graph's one scale per tensor lets the long title change this one's vector.
      assertThat(drifting.batchInvariant()).isFalse();
      float[] drifted = drifting.embedAll(TITLES.subList(0, 3), EmbeddingPurpose.PASSAGE).get(0);
      assertThat(drifted).isNotEqualTo(alone);
      assertThat(drifting.embed("trail running shoes", EmbeddingPurpose.PASSAGE)).containsExactly(alone);
    }
  }

  @Test
  void perTokenScalesKeepInt8VectorsCloserToTheFp32Model() {
    try (OnnxEncoder exported = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q)
        .perTokenActivationScales(false).cacheSize(0).build()) {
      List<float[]> reference = encoder.embedAll(TITLES, EmbeddingPurpose.PASSAGE);
      List<float[]> perToken = int8.embedAll(TITLES, EmbeddingPurpose.PASSAGE);
      List<float[]> perTensor = exported.embedAll(TITLES, EmbeddingPurpose.PASSAGE);
      double perTokenSum = 0;
      double perTensorSum = 0;
      for (int i = 0; i < TITLES.size(); i++) {
        double a = dot(perToken.get(i), reference.get(i));
        double b = dot(perTensor.get(i), reference.get(i));
        System.out.printf(Locale.ROOT, "title %d: cosine to fp32 per-token %.5f, exported %.5f%n", i, a, b);
        assertThat(a).as("title %d", i).isGreaterThan(0.98);
        perTokenSum += a;
        perTensorSum += b;
      }
      assertThat(perTokenSum / TITLES.size()).isGreaterThan(perTensorSum / TITLES.size());
    }
  }

  static double dot(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d += (double) a[i] * b[i];
    }
    return d;
  }

  @Test
  void theBundledModelLoadsFromADirectoryOfRealFiles(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("all-MiniLM-L6-v2-q");
    Files.createDirectories(model);
    try (InputStream in = OnnxEncoder.class.getResourceAsStream(INT8)) {
      Files.copy(in, model.resolve("model.onnx"));
    }
    try (InputStream in = OnnxEncoder.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
      Files.copy(in, model.resolve("tokenizer.json"));
    }
    Files.writeString(model.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 256}");
    try (OnnxEncoder fromDir = OnnxEncoder.builder().modelDirectory(model).cacheSize(0).build()) {
      assertThat(fromDir.modelId()).isEqualTo("all-MiniLM-L6-v2-q");
      assertThat(fromDir.maxLength()).isEqualTo(256);
      assertThat(fromDir.pooling()).isEqualTo(OnnxEncoder.Pooling.MEAN);
      assertThat(fromDir.perTokenActivationScales()).isTrue(); // dynamic quantisation found and rewritten
      assertThat(fromDir.batchInvariant()).isFalse();
      assertThat(fromDir.embed("merino wool socks", EmbeddingPurpose.PASSAGE))
          .containsExactly(int8.embed("merino wool socks", EmbeddingPurpose.PASSAGE));
    }
  }

  @Test
  void aDirectoryWithoutTokenizerJsonIsRejected(@TempDir Path dir) throws Exception {
    try (InputStream in = OnnxEncoder.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx")) {
      Files.copy(in, dir.resolve("model.onnx"));
    }
    assertThatThrownBy(() -> OnnxEncoder.fromDirectory(dir)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("has no tokenizer.json");
    assertThatThrownBy(() -> OnnxEncoder.fromDirectory(dir.resolve("missing"))).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("does not exist");
    Files.delete(dir.resolve("model.onnx"));
    assertThatThrownBy(() -> OnnxEncoder.fromDirectory(dir)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("has no model.onnx");
  }

  @Test
  void aCorruptModelOrTokenizerIsAModelLoadException(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("model.onnx"), "not a model");
    try (InputStream in = OnnxEncoder.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
      Files.copy(in, dir.resolve("tokenizer.json"));
    }
    assertThatThrownBy(() -> OnnxEncoder.fromDirectory(dir)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("could not load model");
    Files.writeString(dir.resolve("tokenizer.json"), "{ broken");
    assertThatThrownBy(() -> OnnxEncoder.fromDirectory(dir)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("tokenizer.json");
  }

  @Test
  void detectsDynamicQuantisationFromTheGraph() throws Exception {
    try (InputStream in = OnnxEncoder.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx")) {
      assertThat(OnnxEncoder.isDynamicallyQuantized(in.readAllBytes())).isTrue();
    }
    assertThat(OnnxEncoder.isDynamicallyQuantized("plain graph".getBytes(StandardCharsets.US_ASCII))).isFalse();
  }
}
