package io.guidesdk.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.guidesdk.spi.EmbeddingPurpose;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
