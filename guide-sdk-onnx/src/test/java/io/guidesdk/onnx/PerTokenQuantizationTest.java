package io.guidesdk.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.guidesdk.spi.EmbeddingPurpose;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph rewrite on the real bundled int8 model, and on copies of it altered so the rewrite must refuse. */
class PerTokenQuantizationTest {

  static byte[] int8;

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in = OnnxEncoder.class.getResourceAsStream(OnnxEncoderTest.INT8)) {
      int8 = in.readAllBytes();
    }
  }

  static int count(byte[] model, String text) {
    String all = new String(model, StandardCharsets.ISO_8859_1);
    int n = 0;
    for (int i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void everyDynamicQuantizationOfTheBundledInt8ModelGetsPerTokenScales() {
    byte[] rewritten = PerTokenQuantization.rewrite(int8).orElseThrow();
    assertThat(OnnxEncoder.isDynamicallyQuantized(rewritten)).isFalse();
    // 24 DynamicQuantizeLinear nodes feed 36 MatMulInteger nodes in all-MiniLM-L6-v2-q.
    assertThat(count(int8, "DynamicQuantizeLinear")).isEqualTo(24);
    assertThat(count(rewritten, "MatMulIntegerToFloat")).isEqualTo(36);
    // An op_type field holding exactly "MatMulInteger": tag 0x22 (field 4, bytes), length 13.
    String matMulIntegerOp = "\"\rMatMulInteger";
    assertThat(count(int8, matMulIntegerOp)).isEqualTo(36);
    assertThat(count(rewritten, matMulIntegerOp)).isZero();
    assertThat(count(rewritten, PerTokenQuantization.MS_DOMAIN)).isGreaterThan(0);
    // The weights are carried over, not copied twice or lost.
    assertThat(rewritten.length).isBetween(int8.length, int8.length + 200_000);
  }

  @Test
  void modelsWithoutDynamicQuantizationAreLeftAlone() throws IOException {
    try (InputStream in = OnnxEncoder.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
      assertThat(PerTokenQuantization.rewrite(in.readAllBytes())).isEmpty();
    }
    assertThat(PerTokenQuantization.rewrite(new byte[0])).as("no graph").isEmpty();
  }

  @Test
  void aQuantizationScaleThatFeedsAnythingElseStopsTheRewrite() {
    byte[] altered = withGraph(int8, graph -> {
      String scale = firstQuantizeOutput(graph, 1);
      ByteString identity = UnknownFieldSet.newBuilder()
          .addField(1, strings(scale))
          .addField(2, strings("extra_use_of_the_scale"))
          .addField(4, strings("Identity"))
          .build().toByteString();
      return graph.toBuilder().mergeField(1, UnknownFieldSet.Field.newBuilder().addLengthDelimited(identity).build())
          .build();
    });
    assertThat(PerTokenQuantization.rewrite(altered)).isEmpty();
  }

  @Test
  void aQuantizedTensorThatIsAGraphOutputStopsTheRewrite() {
    byte[] altered = withGraph(int8, graph -> {
      ByteString output = UnknownFieldSet.newBuilder().addField(1, strings(firstQuantizeOutput(graph, 0))).build()
          .toByteString();
      return graph.toBuilder().mergeField(12, UnknownFieldSet.Field.newBuilder().addLengthDelimited(output).build())
          .build();
    });
    assertThat(PerTokenQuantization.rewrite(altered)).isEmpty();
  }

  @Test
  void bytesThatAreNotAModelAreRejectedWithAClearMessage() {
    // Field 1, length-delimited, announcing 5 bytes that are not there.
    assertThatThrownBy(() -> PerTokenQuantization.rewrite(new byte[] {0x0A, 0x05, 0x01}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a readable ONNX model");
  }

  @Test
  void anEncoderOnAnUnrewritableGraphFallsBackToRunningTextsAlone(@TempDir Path dir) throws Exception {
    byte[] altered = withGraph(int8, graph -> {
      ByteString output = UnknownFieldSet.newBuilder().addField(1, strings(firstQuantizeOutput(graph, 2))).build()
          .toByteString();
      return graph.toBuilder().mergeField(12, UnknownFieldSet.Field.newBuilder().addLengthDelimited(output).build())
          .build();
    });
    Files.write(dir.resolve("model.onnx"), altered);
    try (InputStream in = OnnxEncoder.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
      Files.copy(in, dir.resolve("tokenizer.json"));
    }
    try (OnnxEncoder e = OnnxEncoder.builder().modelDirectory(dir).modelId("all-MiniLM-L6-v2-q").cacheSize(0).build()) {
      assertThat(e.perTokenActivationScales()).isFalse();
      assertThat(e.batchInvariant()).as("texts run alone instead").isTrue();
      assertThat(e.embed("x", EmbeddingPurpose.QUERY)).hasSize(384);
    }
  }

  @Test
  void aRewrittenGraphThatOnnxRuntimeRejectsFallsBackToTheFileAsExported() {
    ModelFiles files = ModelFiles.bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q);
    ModelFiles rejected = files.withGraph("not an ONNX graph".getBytes(StandardCharsets.US_ASCII), true);
    try (EncoderSession session = OnnxEncoder.openSession(files, rejected, 1, OnnxEncoder.builder())) {
      assertThat(session.perTokenScales()).as("the exported graph was loaded instead").isFalse();
    }
    ModelFiles brokenFile = files.withGraph("still not a graph".getBytes(StandardCharsets.US_ASCII), false);
    assertThatThrownBy(() -> OnnxEncoder.openSession(brokenFile, rejected, 1, OnnxEncoder.builder()))
        .as("when the file itself does not load, its own error is the one thrown")
        .isInstanceOf(io.guidesdk.ModelLoadException.class).hasMessageContaining("could not load model");
  }

  /**
   * y = x · W on a generated graph (x: 2 × 4 floats, W: 4 × 3 int8 with per-column scales), at opset
   * 13 (ReduceMax takes its axes as an attribute) and 18 (as an input): after the rewrite, row 0 of y
   * does not change when row 1 of x does, and both rows stay close to the float product.
   */
  @Test
  void eachRowIsQuantisedOnItsOwnAtOpset13And18() throws Exception {
    byte[] weights = {12, -40, 7, 90, 3, -5, -77, 21, 64, 5, -13, 33};
    float[] weightScales = {0.02f, 0.01f, 0.03f};
    for (int opset : new int[] {13, 18}) {
      byte[] original = quantizedMatMul(weights, weightScales, opset);
      byte[] rewritten = PerTokenQuantization.rewrite(original).orElseThrow();
      float[][] small = {{0.5f, -1.0f, 0.25f, 2.0f}, {0.1f, 0.2f, -0.3f, 0.4f}};
      float[][] large = {{0.5f, -1.0f, 0.25f, 2.0f}, {80f, -95f, 60f, 120f}};
      assertThat(run(original, large)[0]).as("opset %d: the exported graph's row 0 depends on row 1", opset)
          .isNotEqualTo(run(original, small)[0]);
      float[][] a = run(rewritten, small);
      float[][] b = run(rewritten, large);
      assertThat(b[0]).as("opset %d: row 0 with a very different row 1", opset).containsExactly(a[0]);
      for (float[][] x : List.of(small, large)) {
        float[][] y = run(rewritten, x);
        for (int r = 0; r < 2; r++) {
          for (int c = 0; c < 3; c++) {
            double exact = 0;
            double scale = 0;
            for (int k = 0; k < 4; k++) {
              exact += x[r][k] * weights[k * 3 + c] * weightScales[c];
              scale = Math.max(scale, Math.abs(x[r][k]));
            }
            // One rounding step of the row's scale (max|x| / 127) per input, times the weights.
            double tolerance = 4 * (scale / 127) * 90 * weightScales[c];
            assertThat((double) y[r][c]).as("opset %d y[%d][%d]", opset, r, c).isCloseTo(exact,
                org.assertj.core.data.Offset.offset(tolerance));
          }
        }
      }
    }
  }

  /** x → DynamicQuantizeLinear → MatMulInteger(W, per-column zero points 0) → Cast → Mul(a_scale · w_scale) → y. */
  private static byte[] quantizedMatMul(byte[] weights, float[] weightScales, int opset) {
    ByteBuffer scales = ByteBuffer.allocate(4 * weightScales.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : weightScales) {
      scales.putFloat(f);
    }
    List<ByteString> initializers = List.of(
        OnnxProto.tensor("W", 3, new long[] {4, 3}, weights), // INT8
        OnnxProto.tensor("W_zero_point", 3, new long[] {3}, new byte[3]),
        OnnxProto.tensor("W_scale", OnnxProto.FLOAT, new long[] {3}, scales.array()));
    List<ByteString> nodes = List.of(
        OnnxProto.node("DynamicQuantizeLinear", "", List.of("x"), List.of("xq", "xs", "xz"), "dql"),
        OnnxProto.node("MatMulInteger", "", List.of("xq", "W", "xz", "W_zero_point"), List.of("yi"), "mmi"),
        OnnxProto.node("Cast", "", List.of("yi"), List.of("yf"), "cast", OnnxProto.intAttribute("to", 1)),
        OnnxProto.node("Mul", "", List.of("xs", "W_scale"), List.of("s"), "scales"),
        OnnxProto.node("Mul", "", List.of("yf", "s"), List.of("y"), "rescale"));
    return UnfusedLayerNormTest.model(nodes, initializers, opset, new long[] {2, 4}, new long[] {2, 3});
  }

  static float[][] run(byte[] model, float[][] x) throws Exception {
    ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
    try (ai.onnxruntime.OrtSession session = env.createSession(model);
        ai.onnxruntime.OnnxTensor in = ai.onnxruntime.OnnxTensor.createTensor(env, x);
        ai.onnxruntime.OrtSession.Result r = session.run(java.util.Map.of("x", in))) {
      return (float[][]) r.get(0).getValue();
    }
  }

  private static UnknownFieldSet.Field strings(String... values) {
    UnknownFieldSet.Field.Builder b = UnknownFieldSet.Field.newBuilder();
    for (String v : values) {
      b.addLengthDelimited(ByteString.copyFromUtf8(v));
    }
    return b.build();
  }

  /** Output {@code index} of the first DynamicQuantizeLinear node (0 quantized, 1 scale, 2 zero point). */
  private static String firstQuantizeOutput(UnknownFieldSet graph, int index) {
    for (ByteString bytes : graph.getField(1).getLengthDelimitedList()) {
      UnknownFieldSet node = parse(bytes);
      if (node.getField(4).getLengthDelimitedList().get(0).toStringUtf8().equals("DynamicQuantizeLinear")) {
        return node.getField(2).getLengthDelimitedList().get(index).toStringUtf8();
      }
    }
    throw new AssertionError("no DynamicQuantizeLinear node");
  }

  private static byte[] withGraph(byte[] model, UnaryOperator<UnknownFieldSet> change) {
    UnknownFieldSet m = parse(ByteString.copyFrom(model));
    UnknownFieldSet graph = parse(m.getField(7).getLengthDelimitedList().get(0));
    return m.toBuilder().clearField(7)
        .addField(7, UnknownFieldSet.Field.newBuilder().addLengthDelimited(change.apply(graph).toByteString()).build())
        .build().toByteArray();
  }

  private static UnknownFieldSet parse(ByteString bytes) {
    try {
      return UnknownFieldSet.parseFrom(bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
