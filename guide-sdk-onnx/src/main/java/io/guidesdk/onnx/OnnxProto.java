package io.guidesdk.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reading and writing the parts of an ONNX model that the load-time graph rewrites touch
 * ({@link PerTokenQuantization}, {@link UnfusedLayerNorm}, {@link BlockInt8Weights}).
 *
 * <p><b>Why the ONNX field numbers are written here.</b> The rewrites read and write the model with
 * protobuf-java's wire-format classes ({@link UnknownFieldSet}) instead of classes generated from
 * {@code onnx.proto}: generating them needs the native {@code protoc} compiler in the build, for
 * rewrites that touch a dozen fields. Every field the rewrites do not touch (weights, metadata,
 * attributes of other nodes) is copied through unparsed. The numbers below are those of
 * {@code onnx.proto}, which has kept them fixed since IR version 3.
 */
final class OnnxProto {

  // ModelProto
  static final int MODEL_GRAPH = 7;
  static final int MODEL_OPSET_IMPORT = 8;
  // OperatorSetIdProto
  static final int OPSET_DOMAIN = 1;
  static final int OPSET_VERSION = 2;
  // GraphProto
  static final int GRAPH_NODE = 1;
  static final int GRAPH_INITIALIZER = 5;
  static final int GRAPH_INPUT = 11;
  static final int GRAPH_OUTPUT = 12;
  static final int GRAPH_VALUE_INFO = 13;
  // NodeProto
  static final int NODE_INPUT = 1;
  static final int NODE_OUTPUT = 2;
  static final int NODE_NAME = 3;
  static final int NODE_OP_TYPE = 4;
  static final int NODE_ATTRIBUTE = 5;
  static final int NODE_DOMAIN = 7;
  // AttributeProto
  static final int ATTRIBUTE_NAME = 1;
  static final int ATTRIBUTE_F = 2;
  static final int ATTRIBUTE_I = 3;
  static final int ATTRIBUTE_T = 5;
  static final int ATTRIBUTE_INTS = 8;
  static final int ATTRIBUTE_TYPE = 20;
  static final int ATTRIBUTE_TYPE_INT = 2;
  static final int ATTRIBUTE_TYPE_INTS = 7;
  // TensorProto, ValueInfoProto
  static final int TENSOR_DIMS = 1;
  static final int TENSOR_DATA_TYPE = 2;
  static final int TENSOR_FLOAT_DATA = 4;
  static final int TENSOR_NAME = 8;
  static final int TENSOR_RAW_DATA = 9;
  static final int VALUE_INFO_NAME = 1;
  // TensorProto.DataType
  static final int FLOAT = 1;
  static final int UINT8 = 2;
  static final int INT64 = 7;

  private OnnxProto() {}

  /** A ModelProto with its one graph parsed; everything else stays as read. */
  record Model(UnknownFieldSet fields, UnknownFieldSet graph) {

    /**
     * Reads {@code bytes}; empty when the model does not hold exactly one graph.
     *
     * @throws IllegalArgumentException if {@code bytes} is not a readable protobuf
     */
    static Optional<Model> read(byte[] bytes) {
      // Wrapped, not copied (the model can be 100 MB): the callers never change the array.
      UnknownFieldSet fields = parse(UnsafeByteOperations.unsafeWrap(bytes), "model");
      List<ByteString> graphs = fields.getField(MODEL_GRAPH).getLengthDelimitedList();
      return graphs.size() == 1 ? Optional.of(new Model(fields, parse(graphs.get(0), "graph")))
          : Optional.empty();
    }

    /** The model with {@code newGraph} in place of its graph, to add more to or build. */
    UnknownFieldSet.Builder withGraph(UnknownFieldSet newGraph) {
      return fields.toBuilder().clearField(MODEL_GRAPH)
          .addField(MODEL_GRAPH, lengthDelimited(List.of(newGraph.toByteString())));
    }
  }

  /** A parsed NodeProto: what a rewrite reads, plus its original bytes to copy through. */
  static final class Node {
    final ByteString bytes;
    final List<String> inputs;
    final List<String> outputs;
    final String opType;
    final String domain;
    final String name;
    final List<ByteString> attributes;

    private Node(ByteString bytes, UnknownFieldSet fields) {
      this.bytes = bytes;
      this.inputs = strings(fields.getField(NODE_INPUT));
      this.outputs = strings(fields.getField(NODE_OUTPUT));
      String op = firstString(fields, NODE_OP_TYPE);
      String d = firstString(fields, NODE_DOMAIN);
      this.opType = op == null ? "" : op;
      this.domain = d == null ? "" : d;
      String n = firstString(fields, NODE_NAME);
      this.name = n == null ? "" : n;
      this.attributes = fields.getField(NODE_ATTRIBUTE).getLengthDelimitedList();
    }

    static Node parse(ByteString bytes) {
      return new Node(bytes, OnnxProto.parse(bytes, "node"));
    }

    boolean is(String op) {
      return opType.equals(op) && (domain.isEmpty() || domain.equals("ai.onnx"));
    }

    String input(int i) {
      return i < inputs.size() ? inputs.get(i) : "";
    }

    long intAttribute(String name) {
      for (ByteString bytes : attributes) {
        UnknownFieldSet attribute = OnnxProto.parse(bytes, "attribute");
        if (name.equals(firstString(attribute, ATTRIBUTE_NAME))) {
          List<Long> values = attribute.getField(ATTRIBUTE_I).getVarintList();
          return values.isEmpty() ? Long.MIN_VALUE : values.get(0);
        }
      }
      return Long.MIN_VALUE;
    }
  }

  static @Nullable Node only(List<Node> nodes) {
    return nodes.size() == 1 ? nodes.get(0) : null;
  }

  static <T> Set<T> identitySet(List<T> items) {
    Set<T> set = Collections.newSetFromMap(new IdentityHashMap<>());
    set.addAll(items);
    return set;
  }

  static ByteString node(String opType, String domain, List<String> inputs, List<String> outputs,
      String name, UnknownFieldSet... attributes) {
    UnknownFieldSet.Builder b = UnknownFieldSet.newBuilder()
        .addField(NODE_INPUT, lengthDelimited(inputs.stream().map(OnnxProto::utf8).toList()))
        .addField(NODE_OUTPUT, lengthDelimited(outputs.stream().map(OnnxProto::utf8).toList()))
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

  static UnknownFieldSet intAttribute(String name, long value) {
    return UnknownFieldSet.newBuilder()
        .addField(ATTRIBUTE_NAME, lengthDelimited(List.of(utf8(name))))
        .addField(ATTRIBUTE_I, UnknownFieldSet.Field.newBuilder().addVarint(value).build())
        .addField(ATTRIBUTE_TYPE, UnknownFieldSet.Field.newBuilder().addVarint(ATTRIBUTE_TYPE_INT).build())
        .build();
  }

  static UnknownFieldSet intsAttribute(String name, long value) {
    return UnknownFieldSet.newBuilder()
        .addField(ATTRIBUTE_NAME, lengthDelimited(List.of(utf8(name))))
        .addField(ATTRIBUTE_INTS, UnknownFieldSet.Field.newBuilder().addVarint(value).build())
        .addField(ATTRIBUTE_TYPE, UnknownFieldSet.Field.newBuilder().addVarint(ATTRIBUTE_TYPE_INTS).build())
        .build();
  }

  static ByteString tensor(String name, int dataType, long[] dims, byte[] raw) {
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

  static byte[] floats(float value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array();
  }

  static byte[] int64s(long... values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      buffer.putLong(v);
    }
    return buffer.array();
  }

  static UnknownFieldSet.Field lengthDelimited(List<ByteString> values) {
    UnknownFieldSet.Field.Builder b = UnknownFieldSet.Field.newBuilder();
    values.forEach(b::addLengthDelimited);
    return b.build();
  }

  static ByteString utf8(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }

  static List<String> strings(UnknownFieldSet.Field field) {
    return field.getLengthDelimitedList().stream().map(ByteString::toStringUtf8).toList();
  }

  static @Nullable String firstString(UnknownFieldSet fields, int number) {
    List<ByteString> values = fields.getField(number).getLengthDelimitedList();
    return values.isEmpty() ? null : values.get(0).toStringUtf8();
  }

  /**
   * The name of a TensorProto, read without copying its data (an initializer can hold megabytes of
   * weights); null when it has none.
   */
  static @Nullable String tensorName(ByteString tensor) {
    try {
      CodedInputStream in = tensor.newCodedInput();
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag >>> 3 == TENSOR_NAME && (tag & 7) == 2) {
          return in.readStringRequireUtf8();
        }
        in.skipField(tag);
      }
      return null;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a readable ONNX model (initializer): " + e.getMessage(), e);
    }
  }

  /** A repeated int64 field, whether written packed (one length-delimited run) or one varint each. */
  static long[] longs(UnknownFieldSet.Field field) {
    List<Long> values = new ArrayList<>(field.getVarintList());
    for (ByteString packed : field.getLengthDelimitedList()) {
      try {
        CodedInputStream in = packed.newCodedInput();
        while (!in.isAtEnd()) {
          values.add(in.readInt64());
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("ONNX model has a malformed packed int64 field: " + e.getMessage(), e);
      }
    }
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  static int defaultOpset(UnknownFieldSet model) {
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

  /** Adds an import of operator set {@code domain}, version 1, to {@code out} unless {@code model} has one. */
  static void importDomain(UnknownFieldSet model, UnknownFieldSet.Builder out, String domain) {
    if (!importsDomain(model, domain)) {
      UnknownFieldSet opset = UnknownFieldSet.newBuilder()
          .addField(OPSET_DOMAIN, lengthDelimited(List.of(utf8(domain))))
          .addField(OPSET_VERSION, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
          .build();
      out.mergeField(MODEL_OPSET_IMPORT, lengthDelimited(List.of(opset.toByteString())));
    }
  }

  static boolean importsDomain(UnknownFieldSet model, String domain) {
    for (ByteString bytes : model.getField(MODEL_OPSET_IMPORT).getLengthDelimitedList()) {
      if (domain.equals(firstString(parse(bytes, "opset_import"), OPSET_DOMAIN))) {
        return true;
      }
    }
    return false;
  }

  static UnknownFieldSet parse(ByteString bytes, String what) {
    try {
      // Length-delimited fields (the graph, each initializer's tensor) alias the input instead of
      // copying it: a 90 MB model parsed into its graph and tensors was otherwise copied twice.
      CodedInputStream in = bytes.newCodedInput();
      in.enableAliasing(true);
      UnknownFieldSet.Builder fields = UnknownFieldSet.newBuilder();
      fields.mergeFrom(in);
      in.checkLastTagWas(0);
      return fields.build();
    } catch (IOException e) {
      // From an in-memory ByteString only InvalidProtocolBufferException (an IOException) can come.
      throw new IllegalArgumentException("not a readable ONNX model (" + what + "): " + e.getMessage(), e);
    }
  }
}
