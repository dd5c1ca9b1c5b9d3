package io.guidesdk.onnx;

import static io.guidesdk.onnx.OnnxProto.*;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites a dynamically quantised ONNX graph so that every token gets its own activation scale, which
 * makes a text's vector independent of the texts it is batched with (decision 0401).
 *
 * <p>Dynamic quantisation as ONNX Runtime's {@code quantize_dynamic} writes it computes one scale per
 * {@code DynamicQuantizeLinear} call, over the whole input tensor: in a padded batch, one text's
 * largest activation changes how every other text is rounded. This rewrite replaces each
 * {@code DynamicQuantizeLinear} → {@code MatMulInteger} → {@code Cast} → {@code Mul(a_scale · b_scale)}
 * chain with:
 * <ul>
 *   <li>a symmetric scale per row (token): {@code max(|x|) / 127} over the row, with the zero point
 *       fixed at 128, so the quantised row depends on that row alone ({@code ReduceMax},
 *       {@code ReduceMin}, {@code com.microsoft.QuantizeLinear} along the rows);
 *   <li>ONNX Runtime's {@code com.microsoft.MatMulIntegerToFloat} with the weights' own scale and zero
 *       point (per column where the model has them), then a multiplication by the row scales.
 * </ul>
 * Integer products are exact and every other operation is row-wise, so a text gets the same vector
 * alone or in any batch. The vectors are not those of the original graph (whose scales depend on the
 * batch anyway); measured over 2,000 titles they are closer to the fp32 model's than the original
 * int8 graph's are (docs/performance.md).
 *
 * <p>Only the exact chain above is rewritten. If any {@code DynamicQuantizeLinear} output feeds
 * something else, {@link #rewrite} returns empty and the caller keeps the original graph.
 *
 * <p>The model is read and written through {@link OnnxProto}.
 */
final class PerTokenQuantization {

  static final String MS_DOMAIN = "com.microsoft";
  /** Prefix of every tensor and node name the rewrite adds. */
  static final String PREFIX = "guide_per_token/";
  /** The fixed activation zero point: symmetric int8 range [-127, 127] shifted into uint8 [1, 255]. */
  private static final int ZERO_POINT = 128;
  /** Smallest row maximum; keeps an all-zero row from dividing by zero. */
  private static final float MIN_RANGE = 1e-12f;

  private PerTokenQuantization() {}

  /**
   * The rewritten model, or empty when the model has no {@code DynamicQuantizeLinear} or uses one in a
   * way this rewrite does not know (the caller then keeps the original graph).
   *
   * @throws IllegalArgumentException if {@code model} is not a readable ONNX protobuf
   */
  static Optional<byte[]> rewrite(byte[] model) {
    Optional<Model> read = Model.read(model);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    UnknownFieldSet modelFields = read.get().fields();
    Optional<UnknownFieldSet> rewritten = new Rewriter(read.get().graph(), defaultOpset(modelFields)).run();
    if (rewritten.isEmpty()) {
      return Optional.empty();
    }
    UnknownFieldSet.Builder out = read.get().withGraph(rewritten.get());
    importDomain(modelFields, out, MS_DOMAIN);
    return Optional.of(out.build().toByteArray());
  }

  /** The chain that hangs off one {@code DynamicQuantizeLinear}, checked to be exactly the expected one. */
  private record Chain(Node quantize, List<Use> uses, long k) {}

  /** One weight matrix the quantised activations are multiplied with. */
  private record Use(Node matMul, Node cast, Node scaleProduct, Node rescale, String weightScale) {}

  private static final class Rewriter {
    private final UnknownFieldSet graph;
    private final int opset;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Node> producers = new HashMap<>();
    private final Map<String, List<Node>> consumers = new HashMap<>();
    private final Map<String, ByteString> initializers = new HashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();
    private final List<ByteString> newInitializers = new ArrayList<>();
    private final Set<String> droppedValueInfo = new HashSet<>();
    private final Map<Long, String> rowShapes = new HashMap<>();
    private int counter;

    Rewriter(UnknownFieldSet graph, int opset) {
      this.graph = graph;
      this.opset = opset;
    }

    Optional<UnknownFieldSet> run() {
      for (ByteString bytes : graph.getField(GRAPH_NODE).getLengthDelimitedList()) {
        Node node = Node.parse(bytes);
        nodes.add(node);
        for (String output : node.outputs) {
          producers.put(output, node);
        }
        for (String input : node.inputs) {
          if (!input.isEmpty()) {
            consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
          }
        }
      }
      for (ByteString bytes : graph.getField(GRAPH_INITIALIZER).getLengthDelimitedList()) {
        String name = tensorName(bytes);
        if (name != null) {
          initializers.put(name, bytes);
        }
      }
      for (ByteString bytes : graph.getField(GRAPH_OUTPUT).getLengthDelimitedList()) {
        String name = firstString(parse(bytes, "graph output"), VALUE_INFO_NAME);
        if (name != null) {
          graphOutputs.add(name);
        }
      }
      List<Chain> chains = new ArrayList<>();
      for (Node node : nodes) {
        if (node.is("DynamicQuantizeLinear")) {
          Chain chain = chain(node);
          if (chain == null) {
            return Optional.empty();
          }
          chains.add(chain);
        }
      }
      if (chains.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(rewrite(chains));
    }

    /** The dims of initializer {@code name}, or null when there is no such initializer. */
    private long @Nullable [] dims(String name) {
      ByteString bytes = initializers.get(name);
      return bytes == null ? null : longs(parse(bytes, "initializer").getField(TENSOR_DIMS));
    }

    private List<Node> users(String tensor) {
      return consumers.getOrDefault(tensor, List.of());
    }

    private @Nullable Chain chain(Node quantize) {
      if (quantize.outputs.size() != 3 || quantize.inputs.size() != 1) {
        return null;
      }
      String quantized = quantize.outputs.get(0);
      String scale = quantize.outputs.get(1);
      String zeroPoint = quantize.outputs.get(2);
      if (graphOutputs.contains(quantized) || graphOutputs.contains(scale) || graphOutputs.contains(zeroPoint)) {
        return null;
      }
      List<Use> uses = new ArrayList<>();
      long k = -1;
      for (Node matMul : users(quantized)) {
        if (!matMul.is("MatMulInteger") || matMul.inputs.size() < 3 || !matMul.input(0).equals(quantized)
            || !matMul.input(2).equals(zeroPoint) || matMul.input(1).equals(quantized)) {
          return null;
        }
        long[] weightDims = dims(matMul.input(1));
        if (weightDims == null || weightDims.length != 2 || (k >= 0 && weightDims[0] != k)) {
          return null;
        }
        k = weightDims[0];
        Node cast = only(users(matMul.outputs.get(0)));
        if (cast == null || !cast.is("Cast") || cast.intAttribute("to") != FLOAT
            || graphOutputs.contains(matMul.outputs.get(0))) {
          return null;
        }
        Node rescale = only(users(cast.outputs.get(0)));
        if (rescale == null || !rescale.is("Mul") || rescale.inputs.size() != 2
            || graphOutputs.contains(cast.outputs.get(0))) {
          return null;
        }
        String product = rescale.input(0).equals(cast.outputs.get(0)) ? rescale.input(1) : rescale.input(0);
        Node scaleProduct = producers.get(product);
        if (scaleProduct == null || !scaleProduct.is("Mul") || scaleProduct.inputs.size() != 2
            || only(users(product)) != rescale || graphOutputs.contains(product)) {
          return null;
        }
        String weightScale = scaleProduct.input(0).equals(scale) ? scaleProduct.input(1)
            : scaleProduct.input(1).equals(scale) ? scaleProduct.input(0) : null;
        if (weightScale == null || !initializers.containsKey(weightScale)) {
          return null;
        }
        uses.add(new Use(matMul, cast, scaleProduct, rescale, weightScale));
      }
      // The scale and zero point must feed nothing but the chains found above.
      Set<Node> scaleUsers = identitySet(uses.stream().map(Use::scaleProduct).toList());
      Set<Node> matMuls = identitySet(uses.stream().map(Use::matMul).toList());
      if (uses.isEmpty() || users(scale).size() != scaleUsers.size() || !scaleUsers.containsAll(users(scale))
          || users(zeroPoint).size() != matMuls.size() || !matMuls.containsAll(users(zeroPoint))) {
        return null;
      }
      return new Chain(quantize, uses, k);
    }

    private UnknownFieldSet rewrite(List<Chain> chains) {
      String eps = constant("eps", FLOAT, new long[0], floats(MIN_RANGE));
      String inverse127 = constant("inv127", FLOAT, new long[0], floats(1f / 127f));
      String one = constant("one", FLOAT, new long[0], floats(1f));
      String flat = constant("flat", INT64, new long[] {1}, int64s(-1));
      String zeroPointVector = constant("zero_point_1", UINT8, new long[] {1}, new byte[] {(byte) ZERO_POINT});
      String lastAxis = opset >= 18 ? constant("last_axis", INT64, new long[] {1}, int64s(-1)) : null;

      Map<Node, List<ByteString>> replacements = new IdentityHashMap<>();
      Set<Node> removed = identitySet(List.of());
      for (Chain chain : chains) {
        Node q = chain.quantize;
        String x = q.input(0);
        String quantized = q.outputs.get(0);
        String scale = q.outputs.get(1);
        String zeroPoint = q.outputs.get(2);
        String p = PREFIX + (counter++) + "/";
        String rows = rowShapes.computeIfAbsent(chain.k,
            k -> constant("rows_" + k, INT64, new long[] {2}, int64s(-1, k)));
        List<ByteString> quantizeNodes = new ArrayList<>();
        quantizeNodes.add(reduce("ReduceMax", x, p + "max", lastAxis, p));
        quantizeNodes.add(reduce("ReduceMin", x, p + "min", lastAxis, p));
        quantizeNodes.add(node("Neg", "", List.of(p + "min"), List.of(p + "neg_min"), p + "neg"));
        quantizeNodes.add(node("Max", "", List.of(p + "max", p + "neg_min", eps), List.of(p + "abs_max"), p + "abs"));
        quantizeNodes.add(node("Mul", "", List.of(p + "abs_max", inverse127), List.of(scale), p + "scale"));
        quantizeNodes.add(node("Reshape", "", List.of(x, rows), List.of(p + "x_rows"), p + "x_rows"));
        quantizeNodes.add(node("Reshape", "", List.of(scale, flat), List.of(p + "scale_rows"), p + "scale_rows"));
        quantizeNodes.add(node("Shape", "", List.of(p + "scale_rows"), List.of(p + "row_count"), p + "row_count"));
        quantizeNodes.add(node("Expand", "", List.of(zeroPointVector, p + "row_count"), List.of(p + "zero_points"),
            p + "zero_points"));
        quantizeNodes.add(node("QuantizeLinear", MS_DOMAIN, List.of(p + "x_rows", p + "scale_rows", p + "zero_points"),
            List.of(p + "q_rows"), p + "quantize", intAttribute("axis", 0)));
        quantizeNodes.add(node("Shape", "", List.of(x), List.of(p + "x_shape"), p + "x_shape"));
        quantizeNodes.add(node("Reshape", "", List.of(p + "q_rows", p + "x_shape"), List.of(quantized), p + "q"));
        replacements.put(q, quantizeNodes);
        // The zero point becomes a constant; its old value_info (and the scale's, now one per row) go.
        newInitializers.add(tensor(zeroPoint, UINT8, new long[0], new byte[] {(byte) ZERO_POINT}));
        droppedValueInfo.add(scale);
        droppedValueInfo.add(zeroPoint);
        int u = 0;
        for (Use use : chain.uses) {
          String y = use.rescale.outputs.get(0);
          String unscaled = p + "mm" + u + "/unscaled";
          List<String> inputs = new ArrayList<>(List.of(quantized, use.matMul.input(1), one, use.weightScale, zeroPoint));
          if (use.matMul.inputs.size() >= 4 && !use.matMul.input(3).isEmpty()) {
            inputs.add(use.matMul.input(3));
          }
          replacements.put(use.matMul, List.of(
              node("MatMulIntegerToFloat", MS_DOMAIN, inputs, List.of(unscaled), p + "mm" + u)));
          replacements.put(use.rescale, List.of(
              node("Mul", "", List.of(unscaled, scale), List.of(y), p + "mm" + u + "/rows")));
          removed.add(use.cast);
          removed.add(use.scaleProduct);
          droppedValueInfo.add(use.matMul.outputs.get(0));
          droppedValueInfo.add(use.cast.outputs.get(0));
          droppedValueInfo.add(use.scaleProduct.outputs.get(0));
          u++;
        }
      }
      List<ByteString> out = new ArrayList<>();
      for (Node node : nodes) {
        if (removed.contains(node)) {
          continue;
        }
        List<ByteString> replacement = replacements.get(node);
        if (replacement != null) {
          out.addAll(replacement);
        } else {
          out.add(node.bytes);
        }
      }
      List<ByteString> valueInfo = new ArrayList<>();
      for (ByteString bytes : graph.getField(GRAPH_VALUE_INFO).getLengthDelimitedList()) {
        if (!droppedValueInfo.contains(firstString(parse(bytes, "value_info"), VALUE_INFO_NAME))) {
          valueInfo.add(bytes);
        }
      }
      List<ByteString> allInitializers = new ArrayList<>(graph.getField(GRAPH_INITIALIZER).getLengthDelimitedList());
      allInitializers.addAll(newInitializers);
      UnknownFieldSet.Builder b = graph.toBuilder()
          .clearField(GRAPH_NODE).addField(GRAPH_NODE, lengthDelimited(out))
          .clearField(GRAPH_INITIALIZER).addField(GRAPH_INITIALIZER, lengthDelimited(allInitializers))
          .clearField(GRAPH_VALUE_INFO);
      if (!valueInfo.isEmpty()) {
        b.addField(GRAPH_VALUE_INFO, lengthDelimited(valueInfo));
      }
      return b.build();
    }

    private ByteString reduce(String op, String input, String output, @Nullable String lastAxis, String p) {
      String name = p + op;
      if (lastAxis != null) { // opset 18 moved the axes from an attribute to an input
        return node(op, "", List.of(input, lastAxis), List.of(output), name, intAttribute("keepdims", 1));
      }
      return node(op, "", List.of(input), List.of(output), name, intsAttribute("axes", -1), intAttribute("keepdims", 1));
    }

    private String constant(String suffix, int dataType, long[] dims, byte[] raw) {
      String name = PREFIX + "const/" + suffix;
      newInitializers.add(tensor(name, dataType, dims, raw));
      return name;
    }
  }
}
