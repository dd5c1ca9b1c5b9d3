package io.guidesdk.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
 * <p><b>Why the ONNX field numbers are written here.</b> The rewrite reads and writes the model with
 * protobuf-java's wire-format classes ({@link UnknownFieldSet}) instead of classes generated from
 * {@code onnx.proto}: generating them needs the native {@code protoc} compiler in the build, for a
 * rewrite that touches a dozen fields. Every field this class does not touch (weights, metadata,
 * attributes of other nodes) is copied through unparsed. The numbers below are those of
 * {@code onnx.proto}, which has kept them fixed since IR version 3.
 */
final class PerTokenQuantization {

  // ModelProto
  private static final int MODEL_GRAPH = 7;
  private static final int MODEL_OPSET_IMPORT = 8;
  // OperatorSetIdProto
  private static final int OPSET_DOMAIN = 1;
  private static final int OPSET_VERSION = 2;
  // GraphProto
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int GRAPH_OUTPUT = 12;
  private static final int GRAPH_VALUE_INFO = 13;
  // NodeProto
  private static final int NODE_INPUT = 1;
  private static final int NODE_OUTPUT = 2;
  private static final int NODE_NAME = 3;
  private static final int NODE_OP_TYPE = 4;
  private static final int NODE_ATTRIBUTE = 5;
  private static final int NODE_DOMAIN = 7;
  // AttributeProto
  private static final int ATTRIBUTE_NAME = 1;
  private static final int ATTRIBUTE_I = 3;
  private static final int ATTRIBUTE_INTS = 8;
  private static final int ATTRIBUTE_TYPE = 20;
  private static final int ATTRIBUTE_TYPE_INT = 2;
  private static final int ATTRIBUTE_TYPE_INTS = 7;
  // TensorProto, ValueInfoProto
  private static final int TENSOR_DIMS = 1;
  private static final int TENSOR_DATA_TYPE = 2;
  private static final int TENSOR_NAME = 8;
  private static final int TENSOR_RAW_DATA = 9;
  private static final int VALUE_INFO_NAME = 1;
  // TensorProto.DataType
  private static final int FLOAT = 1;
  private static final int UINT8 = 2;
  private static final int INT64 = 7;

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
    UnknownFieldSet modelFields = parse(ByteString.copyFrom(model), "model");
    List<ByteString> graphs = modelFields.getField(MODEL_GRAPH).getLengthDelimitedList();
    if (graphs.size() != 1) {
      return Optional.empty();
    }
    UnknownFieldSet graph = parse(graphs.get(0), "graph");
    Optional<UnknownFieldSet> rewritten = new Rewriter(graph, defaultOpset(modelFields)).run();
    if (rewritten.isEmpty()) {
      return Optional.empty();
    }
    UnknownFieldSet.Builder out = modelFields.toBuilder()
        .clearField(MODEL_GRAPH)
        .addField(MODEL_GRAPH, lengthDelimited(List.of(rewritten.get().toByteString())));
    if (!importsDomain(modelFields, MS_DOMAIN)) {
      UnknownFieldSet opset = UnknownFieldSet.newBuilder()
          .addField(OPSET_DOMAIN, lengthDelimited(List.of(utf8(MS_DOMAIN))))
          .addField(OPSET_VERSION, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
          .build();
      out.mergeField(MODEL_OPSET_IMPORT, lengthDelimited(List.of(opset.toByteString())));
    }
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
    private final Map<String, long[]> initializerDims = new HashMap<>();
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
        UnknownFieldSet tensor = parse(bytes, "initializer");
        String name = firstString(tensor, TENSOR_NAME);
        if (name != null) {
          initializerDims.put(name, longs(tensor.getField(TENSOR_DIMS)));
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
        long[] weightDims = initializerDims.get(matMul.input(1));
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
        if (weightScale == null || !initializerDims.containsKey(weightScale)) {
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
      List<ByteString> initializers = new ArrayList<>(graph.getField(GRAPH_INITIALIZER).getLengthDelimitedList());
      initializers.addAll(newInitializers);
      UnknownFieldSet.Builder b = graph.toBuilder()
          .clearField(GRAPH_NODE).addField(GRAPH_NODE, lengthDelimited(out))
          .clearField(GRAPH_INITIALIZER).addField(GRAPH_INITIALIZER, lengthDelimited(initializers))
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

  /** A parsed NodeProto: what the rewrite reads, plus its original bytes to copy through. */
  private static final class Node {
    final ByteString bytes;
    final List<String> inputs;
    final List<String> outputs;
    final String opType;
    final String domain;
    final List<ByteString> attributes;

    private Node(ByteString bytes, UnknownFieldSet fields) {
      this.bytes = bytes;
      this.inputs = strings(fields.getField(NODE_INPUT));
      this.outputs = strings(fields.getField(NODE_OUTPUT));
      String op = firstString(fields, NODE_OP_TYPE);
      String d = firstString(fields, NODE_DOMAIN);
      this.opType = op == null ? "" : op;
      this.domain = d == null ? "" : d;
      this.attributes = fields.getField(NODE_ATTRIBUTE).getLengthDelimitedList();
    }

    static Node parse(ByteString bytes) {
      return new Node(bytes, PerTokenQuantization.parse(bytes, "node"));
    }

    boolean is(String op) {
      return opType.equals(op) && (domain.isEmpty() || domain.equals("ai.onnx"));
    }

    String input(int i) {
      return i < inputs.size() ? inputs.get(i) : "";
    }

    long intAttribute(String name) {
      for (ByteString bytes : attributes) {
        UnknownFieldSet attribute = PerTokenQuantization.parse(bytes, "attribute");
        if (name.equals(firstString(attribute, ATTRIBUTE_NAME))) {
          List<Long> values = attribute.getField(ATTRIBUTE_I).getVarintList();
          return values.isEmpty() ? Long.MIN_VALUE : values.get(0);
        }
      }
      return Long.MIN_VALUE;
    }
  }

  private static @Nullable Node only(List<Node> nodes) {
    return nodes.size() == 1 ? nodes.get(0) : null;
  }

  private static <T> Set<T> identitySet(List<T> items) {
    Set<T> set = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    set.addAll(items);
    return set;
  }

  private static ByteString node(String opType, String domain, List<String> inputs, List<String> outputs,
      String name, UnknownFieldSet... attributes) {
    UnknownFieldSet.Builder b = UnknownFieldSet.newBuilder()
        .addField(NODE_INPUT, lengthDelimited(inputs.stream().map(PerTokenQuantization::utf8).toList()))
        .addField(NODE_OUTPUT, lengthDelimited(outputs.stream().map(PerTokenQuantization::utf8).toList()))
        .addField(NODE_NAME, lengthDelimited(List.of(utf8(name))))
        .addField(NODE_OP_TYPE, lengthDelimited(List.of(utf8(opType))));
    if (attributes.length > 0) {
      List<ByteString> encoded = new ArrayList<>();
      for (UnknownFieldSet attribute : attributes) {
        encoded.add(attribute.toByteString());
      }
      b.addField(NODE_ATTRIBUTE, lengthDelimited(encoded));
    }
    if (!domain.isEmpty()) {
      b.addField(NODE_DOMAIN, lengthDelimited(List.of(utf8(domain))));
    }
    return b.build().toByteString();
  }

  private static UnknownFieldSet intAttribute(String name, long value) {
    return UnknownFieldSet.newBuilder()
        .addField(ATTRIBUTE_NAME, lengthDelimited(List.of(utf8(name))))
        .addField(ATTRIBUTE_I, UnknownFieldSet.Field.newBuilder().addVarint(value).build())
        .addField(ATTRIBUTE_TYPE, UnknownFieldSet.Field.newBuilder().addVarint(ATTRIBUTE_TYPE_INT).build())
        .build();
  }

  private static UnknownFieldSet intsAttribute(String name, long value) {
    return UnknownFieldSet.newBuilder()
        .addField(ATTRIBUTE_NAME, lengthDelimited(List.of(utf8(name))))
        .addField(ATTRIBUTE_INTS, UnknownFieldSet.Field.newBuilder().addVarint(value).build())
        .addField(ATTRIBUTE_TYPE, UnknownFieldSet.Field.newBuilder().addVarint(ATTRIBUTE_TYPE_INTS).build())
        .build();
  }

  private static ByteString tensor(String name, int dataType, long[] dims, byte[] raw) {
    UnknownFieldSet.Field.Builder dimField = UnknownFieldSet.Field.newBuilder();
    for (long d : dims) {
      dimField.addVarint(d);
    }
    UnknownFieldSet.Builder b = UnknownFieldSet.newBuilder();
    if (dims.length > 0) {
      b.addField(TENSOR_DIMS, dimField.build());
    }
    return b.addField(TENSOR_DATA_TYPE, UnknownFieldSet.Field.newBuilder().addVarint(dataType).build())
        .addField(TENSOR_NAME, lengthDelimited(List.of(utf8(name))))
        .addField(TENSOR_RAW_DATA, lengthDelimited(List.of(ByteString.copyFrom(raw))))
        .build().toByteString();
  }

  private static byte[] floats(float value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array();
  }

  private static byte[] int64s(long... values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      buffer.putLong(v);
    }
    return buffer.array();
  }

  private static UnknownFieldSet.Field lengthDelimited(List<ByteString> values) {
    UnknownFieldSet.Field.Builder b = UnknownFieldSet.Field.newBuilder();
    values.forEach(b::addLengthDelimited);
    return b.build();
  }

  private static ByteString utf8(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }

  private static List<String> strings(UnknownFieldSet.Field field) {
    return field.getLengthDelimitedList().stream().map(ByteString::toStringUtf8).toList();
  }

  private static @Nullable String firstString(UnknownFieldSet fields, int number) {
    List<ByteString> values = fields.getField(number).getLengthDelimitedList();
    return values.isEmpty() ? null : values.get(0).toStringUtf8();
  }

  /** A repeated int64 field, whether written packed (one length-delimited run) or one varint each. */
  private static long[] longs(UnknownFieldSet.Field field) {
    List<Long> values = new ArrayList<>(field.getVarintList());
    for (ByteString packed : field.getLengthDelimitedList()) {
      try {
        com.google.protobuf.CodedInputStream in = packed.newCodedInput();
        while (!in.isAtEnd()) {
          values.add(in.readInt64());
        }
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("ONNX model has a malformed packed int64 field: " + e.getMessage(), e);
      }
    }
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  private static int defaultOpset(UnknownFieldSet model) {
    for (ByteString bytes : model.getField(MODEL_OPSET_IMPORT).getLengthDelimitedList()) {
      UnknownFieldSet opset = parse(bytes, "opset_import");
      String domain = firstString(opset, OPSET_DOMAIN);
      if (domain == null || domain.isEmpty() || domain.equals("ai.onnx")) {
        List<Long> version = opset.getField(OPSET_VERSION).getVarintList();
        return version.isEmpty() ? 1 : version.get(0).intValue();
      }
    }
    return 1;
  }

  private static boolean importsDomain(UnknownFieldSet model, String domain) {
    for (ByteString bytes : model.getField(MODEL_OPSET_IMPORT).getLengthDelimitedList()) {
      if (domain.equals(firstString(parse(bytes, "opset_import"), OPSET_DOMAIN))) {
        return true;
      }
    }
    return false;
  }

  private static UnknownFieldSet parse(ByteString bytes, String what) {
    try {
      return UnknownFieldSet.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a readable ONNX model (" + what + "): " + e.getMessage(), e);
    }
  }
}
