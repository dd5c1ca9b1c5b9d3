package io.guidesdk.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.guidesdk.spi.EmbeddingPurpose;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 8-bit block-quantised weights rewrite: on the bundled fp32 model, on generated graphs, and in the encoder. */
class BlockInt8WeightsTest {

  static byte[] fp32;

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in = OnnxEncoder.class.getResourceAsStream(OnnxEncoderTest.FP32)) {
      fp32 = in.readAllBytes();
    }
  }

  @Test
  void everyMatrixProductOfTheBundledFp32ModelGetsInt8Weights() {
    byte[] rewritten = BlockInt8Weights.rewrite(fp32).orElseThrow();
    // An op_type field (tag 0x22) holding exactly "MatMul" (length 6) or "MatMulNBits" (length 11).
    String matMul = "\"\u0006MatMul";
    String nBits = "\"\u000bMatMulNBits";
    // all-MiniLM-L6-v2: 6 layers × (query, key, value, attention output, two feed-forward) = 36 with
    // constant weights, plus 12 attention products of two activations, which stay float.
    assertThat(PerTokenQuantizationTest.count(fp32, matMul)).isEqualTo(48);
    assertThat(PerTokenQuantizationTest.count(rewritten, nBits)).isEqualTo(36);
    assertThat(PerTokenQuantizationTest.count(rewritten, matMul)).isEqualTo(12);
    // The float weights (42 MB of the 90 MB file) are replaced by a quarter of their bytes.
    assertThat(rewritten.length).isLessThan(fp32.length - 30_000_000);
  }

  @Test
  void aModelWithNothingToQuantiseIsLeftAlone() {
    // K = 20 is not a multiple of the block: nothing to rewrite.
    byte[] model = matMulModel(20, 3, new Random(1));
    assertThat(BlockInt8Weights.rewrite(model)).isEmpty();
    assertThat(BlockInt8Weights.rewrite(UnfusedLayerNormTest.model(
        List.of(OnnxProto.node("Relu", "", List.of("x"), List.of("y"), "relu")), List.of()))).isEmpty();
  }

  @Test
  void aWeightAnotherNodeAlsoReadsKeepsItsFloatCopy() {
    float[] w = new float[64 * 64];
    for (int i = 0; i < w.length; i++) {
      w[i] = (i % 7 - 3) / 10f;
    }
    List<ByteString> nodes = List.of(
        OnnxProto.node("MatMul", "", List.of("x", "W"), List.of("h"), "mm"),
        OnnxProto.node("Add", "", List.of("h", "W"), List.of("y"), "add"));
    byte[] model = UnfusedLayerNormTest.model(nodes, List.of(OnnxProto.tensor("W", OnnxProto.FLOAT,
        new long[] {64, 64}, floats(w))), 13, new long[] {64, 64}, new long[] {64, 64});
    byte[] rewritten = BlockInt8Weights.rewrite(model).orElseThrow();
    List<String> names = initializerNames(rewritten);
    assertThat(names).contains("W", BlockInt8Weights.PREFIX + "W/q", BlockInt8Weights.PREFIX + "W/scales");
    byte[] alone = BlockInt8Weights.rewrite(matMulModel(64, 3, new Random(3))).orElseThrow();
    assertThat(initializerNames(alone)).doesNotContain("W");
  }

  @Test
  void bytesThatAreNotAModelAreRejectedWithAClearMessage() {
    assertThatThrownBy(() -> BlockInt8Weights.rewrite("not a model".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a readable ONNX model");
  }

  /**
   * y = x · W on a generated graph (x: 2 × 96, W: 96 × 5, three blocks per column): every output
   * stays within the rounding of the weights (half a block scale each) and of the activations (half
   * a step of the row's block maximum / 127) of the float product, and row 0 does not change when
   * row 1 does.
   */
  @Test
  void eachOutputStaysWithinOneRoundingStepAndRowsAreIndependent() throws Exception {
    int k = 96;
    int n = 5;
    Random random = new Random(4);
    float[] w = new float[k * n];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian() * (i % 3 == 0 ? 0.1f : 1f);
    }
    byte[] original = UnfusedLayerNormTest.model(
        List.of(OnnxProto.node("MatMul", "", List.of("x", "W"), List.of("y"), "mm")),
        List.of(OnnxProto.tensor("W", OnnxProto.FLOAT, new long[] {k, n}, floats(w))), 13, new long[] {2, k},
        new long[] {2, n});
    byte[] rewritten = BlockInt8Weights.rewrite(original).orElseThrow();
    float[][] small = new float[2][k];
    float[][] large = new float[2][k];
    for (int i = 0; i < k; i++) {
      small[0][i] = large[0][i] = (float) random.nextGaussian();
      small[1][i] = (float) random.nextGaussian() * 0.01f;
      large[1][i] = (float) random.nextGaussian() * 100f;
    }
    float[][] a = PerTokenQuantizationTest.run(rewritten, small);
    float[][] b = PerTokenQuantizationTest.run(rewritten, large);
    assertThat(b[0]).as("row 0 beside a very different row 1").containsExactly(a[0]);
    for (float[][] x : List.of(small, large)) {
      float[][] y = PerTokenQuantizationTest.run(rewritten, x);
      float[][] exact = PerTokenQuantizationTest.run(original, x);
      for (int r = 0; r < 2; r++) {
        for (int c = 0; c < n; c++) {
          double tolerance = 0;
          for (int block = 0; block < k / BlockInt8Weights.BLOCK; block++) {
            double wMax = 0;
            double xMax = 0;
            double xSum = 0;
            double wSum = 0;
            for (int i = block * BlockInt8Weights.BLOCK; i < (block + 1) * BlockInt8Weights.BLOCK; i++) {
              wMax = Math.max(wMax, Math.abs(w[i * n + c]));
              xMax = Math.max(xMax, Math.abs(x[r][i]));
              xSum += Math.abs(x[r][i]);
              wSum += Math.abs(w[i * n + c]);
            }
            tolerance += 0.5 * wMax / 127 * xSum + 0.5 * xMax / 127 * wSum + 0.25 * wMax * xMax / 127 / 127 * 32;
          }
          assertThat((double) y[r][c]).as("y[%d][%d]", r, c).isCloseTo(exact[r][c], Offset.offset(tolerance + 1e-4));
          assertThat(y[r][c]).as("y[%d][%d] is quantised, not the float product", r, c).isNotEqualTo(exact[r][c]);
        }
      }
    }
  }

  @Test
  void theEncoderWithInt8WeightsStaysCloseToFp32AndBatchInvariant() {
    try (OnnxEncoder f = OnnxEncoder.builder().cacheSize(0).build();
        OnnxEncoder w = OnnxEncoder.builder().int8Weights(true).cacheSize(0).build()) {
      assertThat(f.int8Weights()).isFalse();
      assertThat(w.int8Weights()).isTrue();
      assertThat(w.toString()).contains("int8Weights");
      assertThat(w.batchInvariant()).as("batched like fp32").isFalse();
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        texts.add("waterproof hiking boot " + i + " with a leather upper".repeat(1 + i % 5));
      }
      List<float[]> batched = w.embedAll(texts, EmbeddingPurpose.PASSAGE);
      for (int i = 0; i < texts.size(); i++) {
        float[] alone = w.embed(texts.get(i), EmbeddingPurpose.PASSAGE);
        assertThat(batched.get(i)).as("text %d alone and in a padded batch", i).containsExactly(alone);
        float[] reference = f.embed(texts.get(i), EmbeddingPurpose.PASSAGE);
        double cos = 0;
        for (int d = 0; d < alone.length; d++) {
          cos += alone[d] * reference[d];
        }
        assertThat(cos).as("text %d: cosine to the fp32 model's vector", i).isBetween(0.998, 1.0 - 1e-7);
      }
    }
  }

  @Test
  void int8WeightsHaveNoEffectOnAnAlreadyQuantisedModel() {
    try (OnnxEncoder e = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q).int8Weights(true)
        .cacheSize(0).build()) {
      assertThat(e.int8Weights()).isFalse();
      assertThat(e.perTokenActivationScales()).isTrue();
    }
    assertThatThrownBy(() -> OnnxEncoder.builder().int8Weights(true).int8Weights(false))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("int8Weights");
  }

  @Test
  void theBundledModelIsReadFromTheJarOnceAndNeverWrittenTo() {
    ModelFiles first = ModelFiles.bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2);
    byte[] before = first.model.clone();
    BlockInt8Weights.rewrite(first.model).orElseThrow();
    UnfusedLayerNorm.rewrite(first.model).orElseThrow();
    try (OnnxEncoder e = OnnxEncoder.builder().int8Weights(true).cacheSize(0).build()) {
      assertThat(e.int8Weights()).isTrue();
    }
    ModelFiles second = ModelFiles.bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2);
    assertThat(second.model).as("shared while memory allows").isSameAs(first.model);
    assertThat(second.model).as("the rewrites only read the shared bytes").isEqualTo(before);
  }

  @Test
  void aRewrittenGraphThatOnnxRuntimeRejectsFallsBackToTheFileAsExported() {
    ModelFiles files = ModelFiles.bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2);
    ModelFiles rejected = files.withInt8Weights("not an ONNX graph".getBytes(StandardCharsets.US_ASCII));
    try (EncoderSession session = OnnxEncoder.openSession(files, rejected, 1, OnnxEncoder.builder())) {
      assertThat(session.int8Weights()).as("the exported graph was loaded instead").isFalse();
    }
  }

  /** y = x · W with x: 2 × k and a random W: k × n. */
  private static byte[] matMulModel(int k, int n, Random random) {
    float[] w = new float[k * n];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian();
    }
    return UnfusedLayerNormTest.model(List.of(OnnxProto.node("MatMul", "", List.of("x", "W"), List.of("y"), "mm")),
        List.of(OnnxProto.tensor("W", OnnxProto.FLOAT, new long[] {k, n}, floats(w))), 13, new long[] {2, k},
        new long[] {2, n});
  }

  private static byte[] floats(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  private static List<String> initializerNames(byte[] model) {
    OnnxProto.Model m = OnnxProto.Model.read(model).orElseThrow();
    List<String> names = new ArrayList<>();
    for (ByteString t : m.graph().getField(OnnxProto.GRAPH_INITIALIZER).getLengthDelimitedList()) {
      names.add(OnnxProto.tensorName(t));
    }
    return names;
  }
}
