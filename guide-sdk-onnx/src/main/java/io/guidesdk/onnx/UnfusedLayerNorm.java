package io.guidesdk.onnx;

import static io.guidesdk.onnx.OnnxProto.*;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Keeps ONNX Runtime from fusing layer normalisation into its CPU {@code LayerNormalization} kernel, by
 * writing every {@code Pow(x, 2)} as {@code Mul(x, x)} (decision 0410).
 *
 * <p>BERT-style exports (MiniLM, BGE, E5) spell layer normalisation out as {@code ReduceMean → Sub →
 * Pow(2) → ReduceMean → Add → Sqrt → Div → Mul → Add}. ONNX Runtime 1.29 fuses that pattern into one
 * {@code LayerNormalization} node, whose CPU kernel sums each row in a scalar loop: on a batch of
 * 32 × 16 tokens × 384 it took 0.97 ms per node, where the separate, vectorised operators took
 * 0.22 ms per layer norm, and whole batches ran 7-15% (fp32) and 25-30% (int8) faster without the
 * fusion (docs/performance.md).
 * The fusion only matches {@code Pow}, so {@code Mul(x, x)} keeps the operators separate.
 *
 * <p>{@code x · x} and {@code pow(x, 2)} are the same correctly rounded value, so the rewritten graph
 * computes exactly what the model defines. (The fused kernel computes the variance as
 * {@code E[x²] − mean²}, a different rounding; vectors move by about 1e-7.)
 *
 * <p>Only exponents that are a constant float 2 are rewritten; a {@code Constant} node or initializer
 * left without readers is dropped, so ONNX Runtime has nothing to warn about.
 */
final class UnfusedLayerNorm {

  private UnfusedLayerNorm() {}

  /**
   * The rewritten model, or empty when it has no {@code Pow} with a constant exponent of 2.
   *
   * @throws IllegalArgumentException if {@code model} is not a readable ONNX protobuf
   */
  static Optional<byte[]> rewrite(byte[] model) {
    Optional<Model> read = Model.read(model);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    UnknownFieldSet graph = read.get().graph();
    List<Node> nodes = new ArrayList<>();
    Map<String, Integer> readers = new HashMap<>();
    Map<String, Node> constantNodes = new HashMap<>();
    for (ByteString bytes : graph.getField(GRAPH_NODE).getLengthDelimitedList()) {
      Node node = Node.parse(bytes);
      nodes.add(node);
      for (String input : node.inputs) {
        readers.merge(input, 1, Integer::sum);
      }
      if (node.is("Constant") && node.outputs.size() == 1) {
        constantNodes.put(node.outputs.get(0), node);
      }
    }
    Map<String, ByteString> initializers = new HashMap<>();
    for (ByteString bytes : graph.getField(GRAPH_INITIALIZER).getLengthDelimitedList()) {
      String name = tensorName(bytes);
      if (name != null) {
        initializers.put(name, bytes);
      }
    }
    Set<String> graphOutputs = new HashSet<>();
    for (ByteString bytes : graph.getField(GRAPH_OUTPUT).getLengthDelimitedList()) {
      graphOutputs.add(firstString(parse(bytes, "graph output"), VALUE_INFO_NAME));
    }

    List<ByteString> out = new ArrayList<>(nodes.size());
    Set<String> released = new HashSet<>();
    int rewritten = 0;
    for (Node node : nodes) {
      if (node.is("Pow") && node.inputs.size() == 2 && isTwo(node.input(1), constantNodes, initializers)) {
        out.add(node(node, "Mul", List.of(node.input(0), node.input(0))));
        String exponent = node.input(1);
        if (readers.merge(exponent, -1, Integer::sum) == 0 && !graphOutputs.contains(exponent)) {
          released.add(exponent);
        }
        rewritten++;
      } else {
        out.add(node.bytes);
      }
    }
    if (rewritten == 0) {
      return Optional.empty();
    }
    // Drop the exponents nothing reads any more: their Constant nodes and initializers.
    List<ByteString> kept = new ArrayList<>(out.size());
    for (int i = 0; i < out.size(); i++) {
      Node node = nodes.get(i);
      if (node.is("Constant") && node.outputs.size() == 1 && released.contains(node.outputs.get(0))) {
        continue;
      }
      kept.add(out.get(i));
    }
    List<ByteString> keptInitializers = new ArrayList<>();
    for (ByteString bytes : graph.getField(GRAPH_INITIALIZER).getLengthDelimitedList()) {
      if (!released.contains(tensorName(bytes))) {
        keptInitializers.add(bytes);
      }
    }
    UnknownFieldSet.Builder g = graph.toBuilder()
        .clearField(GRAPH_NODE).addField(GRAPH_NODE, lengthDelimited(kept))
        .clearField(GRAPH_INITIALIZER);
    if (!keptInitializers.isEmpty()) {
      g.addField(GRAPH_INITIALIZER, lengthDelimited(keptInitializers));
    }
    return Optional.of(read.get().withGraph(g.build()).build().toByteArray());
  }

  /** A copy of {@code node} (same name and outputs) as {@code opType} over {@code inputs}, with no attributes. */
  private static ByteString node(Node node, String opType, List<String> inputs) {
    return OnnxProto.node(opType, "", inputs, node.outputs, node.name);
  }

  private static boolean isTwo(String tensor, Map<String, Node> constantNodes, Map<String, ByteString> initializers) {
    ByteString initializer = initializers.get(tensor);
    if (initializer != null) {
      return isScalarTwo(parse(initializer, "initializer"));
    }
    Node constant = constantNodes.get(tensor);
    if (constant == null) {
      return false;
    }
    for (ByteString bytes : constant.attributes) {
      UnknownFieldSet attribute = parse(bytes, "attribute");
      String name = firstString(attribute, ATTRIBUTE_NAME);
      if ("value".equals(name)) {
        List<ByteString> t = attribute.getField(ATTRIBUTE_T).getLengthDelimitedList();
        return t.size() == 1 && isScalarTwo(parse(t.get(0), "constant"));
      }
      if ("value_float".equals(name)) {
        List<Integer> f = attribute.getField(ATTRIBUTE_F).getFixed32List();
        return f.size() == 1 && Float.intBitsToFloat(f.get(0)) == 2f;
      }
    }
    return false;
  }

  /** Whether a TensorProto holds exactly one float, 2.0 (raw or in float_data). */
  private static boolean isScalarTwo(UnknownFieldSet tensor) {
    List<Long> type = tensor.getField(TENSOR_DATA_TYPE).getVarintList();
    long[] dims = longs(tensor.getField(TENSOR_DIMS));
    long count = 1;
    for (long d : dims) {
      count *= d;
    }
    if (type.size() != 1 || type.get(0) != FLOAT || count != 1) {
      return false;
    }
    Float value = onlyFloat(tensor);
    return value != null && value == 2f;
  }

  private static @Nullable Float onlyFloat(UnknownFieldSet tensor) {
    List<ByteString> raw = tensor.getField(TENSOR_RAW_DATA).getLengthDelimitedList();
    if (raw.size() == 1 && raw.get(0).size() == 4) {
      return ByteBuffer.wrap(raw.get(0).toByteArray()).order(ByteOrder.LITTLE_ENDIAN).getFloat();
    }
    UnknownFieldSet.Field data = tensor.getField(TENSOR_FLOAT_DATA);
    if (data.getFixed32List().size() == 1) {
      return Float.intBitsToFloat(data.getFixed32List().get(0));
    }
    if (data.getLengthDelimitedList().size() == 1 && data.getLengthDelimitedList().get(0).size() == 4) {
      return ByteBuffer.wrap(data.getLengthDelimitedList().get(0).toByteArray()).order(ByteOrder.LITTLE_ENDIAN)
          .getFloat();
    }
    return null;
  }
}
