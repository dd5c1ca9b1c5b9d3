package io.guidesdk.onnx;

import static io.guidesdk.onnx.OnnxProto.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layer-normalisation guard on the real bundled models and on small generated graphs. */
class UnfusedLayerNormTest {

  /** An op_type field holding exactly "Pow" (tag 0x22, length 3). */
  static final String POW_OP = "\"\u0003Pow";

  static byte[] resource(String name) throws Exception {
    try (InputStream in = OnnxEncoder.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void everySquareInTheBundledModelsBecomesAMultiplication() throws Exception {
    for (String model : List.of(OnnxEncoderTest.FP32, OnnxEncoderTest.INT8)) {
      byte[] original = resource(model);
      assertThat(PerTokenQuantizationTest.count(original, POW_OP)).as(model).isEqualTo(13); // 13 layer norms
      byte[] rewritten = UnfusedLayerNorm.rewrite(original).orElseThrow();
      assertThat(PerTokenQuantizationTest.count(rewritten, POW_OP)).as(model).isZero();
      assertThat(rewritten.length).as(model).isBetween(original.length - 10_000, original.length);
    }
  }

  @Test
  void theRewrittenGraphComputesTheSameLayerNormsAsTheExportedOne() throws Exception {
    byte[] original = resource(OnnxEncoderTest.FP32);
    byte[] rewritten = UnfusedLayerNorm.rewrite(original).orElseThrow();
    float[][][] a = run(original, new long[][] {{101, 2417, 2770, 6007, 102}});
    float[][][] b = run(rewritten, new long[][] {{101, 2417, 2770, 6007, 102}});
    for (int t = 0; t < a[0].length; t++) {
      for (int d = 0; d < a[0][t].length; d++) {
        assertThat((double) b[0][t][d]).as("token %d dim %d", t, d).isCloseTo(a[0][t][d], within(1e-4));
      }
    }
  }

  @Test
  void onlyAConstantExponentOfTwoIsRewrittenAndItsReadersAreCounted() throws Exception {
    // y = Pow(x, two) + Pow(x, three) + Pow(x, shared) + shared: "two" is a Constant node, "three" an
    // initializer of 3, "shared" an initializer of 2 that a second node still reads.
    List<ByteString> nodes = new ArrayList<>();
    nodes.add(constantNode("two", 2f));
    nodes.add(node("Pow", "", List.of("x", "two"), List.of("p2"), "pow_two"));
    nodes.add(node("Pow", "", List.of("x", "three"), List.of("p3"), "pow_three"));
    nodes.add(node("Pow", "", List.of("x", "shared"), List.of("ps"), "pow_shared"));
    nodes.add(node("Sum", "", List.of("p2", "p3", "ps", "shared"), List.of("y"), "sum"));
    byte[] model = model(nodes, List.of(scalar("three", 3f), scalar("shared", 2f)));
    byte[] rewritten = UnfusedLayerNorm.rewrite(model).orElseThrow();

    assertThat(PerTokenQuantizationTest.count(rewritten, POW_OP)).as("only Pow(x, 3) is left").isEqualTo(1);
    assertThat(PerTokenQuantizationTest.count(rewritten, "Constant")).as("the unread Constant is dropped").isZero();
    assertThat(PerTokenQuantizationTest.count(rewritten, "shared")).as("still read by Sum").isGreaterThan(0);
    float x = 1.5f;
    float expected = x * x + x * x * x + x * x + 2f;
    assertThat(runScalar(model, x)).isCloseTo(expected, within(1e-5f));
    assertThat(runScalar(rewritten, x)).isCloseTo(expected, within(1e-5f));
    assertThat(UnfusedLayerNorm.rewrite(model(List.of(node("Pow", "", List.of("x", "three"), List.of("y"), "p")),
        List.of(scalar("three", 3f))))).as("nothing to rewrite").isEmpty();
  }

  static float[][][] run(byte[] model, long[][] ids) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long[][] mask = new long[ids.length][ids[0].length];
    for (long[] row : mask) {
      java.util.Arrays.fill(row, 1);
    }
    try (OrtSession session = env.createSession(model);
        OnnxTensor a = OnnxTensor.createTensor(env, ids);
        OnnxTensor b = OnnxTensor.createTensor(env, mask);
        OnnxTensor c = OnnxTensor.createTensor(env, new long[ids.length][ids[0].length]);
        OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
      return (float[][][]) r.get(0).getValue();
    }
  }

  static float runScalar(byte[] model, float x) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(model);
        OnnxTensor in = OnnxTensor.createTensor(env, new float[] {x});
        OrtSession.Result r = session.run(Map.of("x", in))) {
      return ((float[]) r.get(0).getValue())[0];
    }
  }

  static ByteString scalar(String name, float value) {
    return tensor(name, FLOAT, new long[] {1}, floats(value));
  }

  static ByteString constantNode(String output, float value) {
    UnknownFieldSet attribute = UnknownFieldSet.newBuilder()
        .addField(ATTRIBUTE_NAME, lengthDelimited(List.of(utf8("value"))))
        .addField(ATTRIBUTE_T, lengthDelimited(List.of(tensor("", FLOAT, new long[] {1}, floats(value)))))
        .addField(ATTRIBUTE_TYPE, UnknownFieldSet.Field.newBuilder().addVarint(4).build()) // TENSOR
        .build();
    return node("Constant", "", List.of(), List.of(output), "const_" + output, attribute);
  }

  /** A model with one float input x of shape [1] and one float output y of shape [1]. */
  static byte[] model(List<ByteString> nodes, List<ByteString> initializers) {
    return model(nodes, initializers, 13, new long[] {1}, new long[] {1});
  }

  /** A model at default-domain {@code opset} with float input x and float output y of the given shapes. */
  static byte[] model(List<ByteString> nodes, List<ByteString> initializers, int opsetVersion, long[] xShape,
      long[] yShape) {
    UnknownFieldSet.Builder graph = UnknownFieldSet.newBuilder()
        .addField(GRAPH_NODE, lengthDelimited(nodes))
        .addField(2, lengthDelimited(List.of(utf8("g"))))
        .addField(11, lengthDelimited(List.of(valueInfo("x", xShape))))
        .addField(GRAPH_OUTPUT, lengthDelimited(List.of(valueInfo("y", yShape))));
    if (!initializers.isEmpty()) {
      graph.addField(GRAPH_INITIALIZER, lengthDelimited(initializers));
    }
    UnknownFieldSet opset = UnknownFieldSet.newBuilder()
        .addField(OPSET_DOMAIN, lengthDelimited(List.of(utf8(""))))
        .addField(OPSET_VERSION, UnknownFieldSet.Field.newBuilder().addVarint(opsetVersion).build())
        .build();
    return UnknownFieldSet.newBuilder()
        .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(7).build()) // ir_version
        .addField(MODEL_GRAPH, lengthDelimited(List.of(graph.build().toByteString())))
        .addField(MODEL_OPSET_IMPORT, lengthDelimited(List.of(opset.toByteString())))
        .build().toByteArray();
  }

  /** ValueInfoProto {name, type: tensor_type {elem_type FLOAT, shape}}. */
  static ByteString valueInfo(String name, long[] dims) {
    List<ByteString> dimList = new ArrayList<>();
    for (long d : dims) {
      dimList.add(UnknownFieldSet.newBuilder()
          .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(d).build()).build().toByteString());
    }
    UnknownFieldSet shape = UnknownFieldSet.newBuilder().addField(1, lengthDelimited(dimList)).build();
    UnknownFieldSet tensorType = UnknownFieldSet.newBuilder()
        .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(FLOAT).build())
        .addField(2, lengthDelimited(List.of(shape.toByteString())))
        .build();
    UnknownFieldSet type = UnknownFieldSet.newBuilder().addField(1, lengthDelimited(List.of(tensorType.toByteString())))
        .build();
    return UnknownFieldSet.newBuilder()
        .addField(VALUE_INFO_NAME, lengthDelimited(List.of(utf8(name))))
        .addField(2, lengthDelimited(List.of(type.toByteString())))
        .build().toByteString();
  }
}
