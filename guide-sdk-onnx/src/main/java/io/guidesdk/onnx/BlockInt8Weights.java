package io.guidesdk.onnx;

import static io.guidesdk.onnx.OnnxProto.*;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites a float model's matrix products with constant weights to 8-bit weights in blocks, run by
 * ONNX Runtime's {@code com.microsoft.MatMulNBits} with int8 arithmetic (decision 0411).
 *
 * <p>Each {@code MatMul(x, W)} whose {@code W} is a float initializer {@code [K, N]} with {@code K} a
 * multiple of {@link #BLOCK} becomes {@code MatMulNBits(x, Wq, scales)}: every column of {@code W} is
 * cut into blocks of {@link #BLOCK} rows, each block gets a symmetric scale {@code max|w| / 127} and
 * its weights are rounded to {@code [-127, 127]} (stored shifted by 128, MatMulNBits' default zero
 * point for 8 bits). With {@code accuracy_level} 4 ONNX Runtime also quantises the activations to
 * int8, per row and per block of {@code K}, so a row's result depends on that row alone: a text gets
 * the same vector alone or in any batch.
 *
 * <p>Why: at batch 1 (a shopper's query) the fp32 encoder reads 42 MB of weights for a few tokens'
 * arithmetic; a quarter of the bytes and int8 dot products cut a query's time by 35–55%,
 * while the vectors stay within cosine 0.999 of the fp32 model's (docs/performance.md). Batches of
 * many texts are compute-bound and run at about the fp32 model's speed.
 *
 * <p>Products whose weights are not a constant 2-D float initializer, are also a graph input or output, or have
 * a {@code K} that is not a multiple of {@link #BLOCK} stay as they are. The model is read and written
 * through {@link OnnxProto}.
 */
final class BlockInt8Weights {

  static final String MS_DOMAIN = "com.microsoft";
  /** Prefix of every tensor and node name the rewrite adds. */
  static final String PREFIX = "guide_int8_weights/";
  /** Rows of {@code W} per scale; MatMulNBits accepts powers of two from 16. */
  static final int BLOCK = 32;
  /** MatMulNBits' default zero point for 8-bit weights. */
  private static final int ZERO_POINT = 128;
  /** ONNX Runtime's {@code accuracy_level} for int8 arithmetic (activations quantised per block). */
  private static final int INT8_ARITHMETIC = 4;

  private BlockInt8Weights() {}

  /**
   * The rewritten model, or empty when it has no matrix product this rewrite handles.
   *
   * @throws IllegalArgumentException if {@code model} is not a readable ONNX protobuf
   */
  static Optional<byte[]> rewrite(byte[] model) {
    Optional<Model> read = Model.read(model);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    UnknownFieldSet graph = read.get().graph();
    Map<String, ByteString> initializers = new HashMap<>();
    for (ByteString bytes : graph.getField(GRAPH_INITIALIZER).getLengthDelimitedList()) {
      String name = tensorName(bytes);
      if (name != null) {
        initializers.put(name, bytes);
      }
    }
    // A weight that is also a graph input (overridable at run time) or output stays as it is.
    Set<String> pinned = new HashSet<>();
    for (int field : new int[] {GRAPH_INPUT, GRAPH_OUTPUT}) {
      for (ByteString bytes : graph.getField(field).getLengthDelimitedList()) {
        String name = firstString(parse(bytes, "graph input or output"), VALUE_INFO_NAME);
        if (name != null) {
          pinned.add(name);
        }
      }
    }
    List<Node> nodes = new ArrayList<>();
    Map<String, Integer> uses = new HashMap<>();
    for (ByteString bytes : graph.getField(GRAPH_NODE).getLengthDelimitedList()) {
      Node node = Node.parse(bytes);
      nodes.add(node);
      for (String input : node.inputs) {
        uses.merge(input, 1, Integer::sum);
      }
    }
    List<ByteString> out = new ArrayList<>();
    List<ByteString> added = new ArrayList<>();
    Map<String, Replacement> quantized = new HashMap<>();
    Map<String, Integer> rewrittenUses = new HashMap<>();
    int counter = 0;
    for (Node node : nodes) {
      String weight = node.input(1);
      Replacement r = null;
      if (node.is("MatMul") && node.inputs.size() == 2 && !pinned.contains(weight)) {
        r = quantized.get(weight);
        if (r == null) {
          ByteString tensor = initializers.get(weight);
          Quantized w = tensor == null ? null : quantize(tensor);
          if (w != null) {
            r = new Replacement(PREFIX + weight + "/q", PREFIX + weight + "/scales", w.k, w.n);
            added.add(OnnxProto.tensor(r.weights, UINT8, new long[] {w.n, w.k / BLOCK, BLOCK}, w.weights));
            added.add(OnnxProto.tensor(r.scales, FLOAT, new long[] {(long) w.n * (w.k / BLOCK)}, w.scales));
            quantized.put(weight, r);
          }
        }
      }
      if (r == null) {
        out.add(node.bytes);
        continue;
      }
      rewrittenUses.merge(weight, 1, Integer::sum);
      out.add(OnnxProto.node("MatMulNBits", MS_DOMAIN, List.of(node.input(0), r.weights, r.scales), node.outputs,
          PREFIX + (counter++) + "/" + node.name, intAttribute("K", r.k), intAttribute("N", r.n),
          intAttribute("bits", 8), intAttribute("block_size", BLOCK), intAttribute("accuracy_level", INT8_ARITHMETIC)));
    }
    if (counter == 0) {
      return Optional.empty();
    }
    // Float weights no other node reads are dropped: the model then holds each matrix once, in 8 bits.
    List<ByteString> keptInitializers = new ArrayList<>();
    for (ByteString bytes : graph.getField(GRAPH_INITIALIZER).getLengthDelimitedList()) {
      String name = tensorName(bytes);
      if (name == null || !uses.getOrDefault(name, 0).equals(rewrittenUses.getOrDefault(name, -1))) {
        keptInitializers.add(bytes);
      }
    }
    keptInitializers.addAll(added);
    UnknownFieldSet newGraph = graph.toBuilder()
        .clearField(GRAPH_NODE).addField(GRAPH_NODE, lengthDelimited(out))
        .clearField(GRAPH_INITIALIZER).addField(GRAPH_INITIALIZER, lengthDelimited(keptInitializers))
        .build();
    UnknownFieldSet.Builder b = read.get().withGraph(newGraph);
    importDomain(read.get().fields(), b, MS_DOMAIN);
    return Optional.of(b.build().toByteArray());
  }

  /** The initializers that replace one float weight matrix {@code [K, N]}. */
  private record Replacement(String weights, String scales, int k, int n) {}

  /** A weight matrix {@code [K, N]} as MatMulNBits stores it: {@code [N][K/BLOCK][BLOCK]} bytes and one scale per block. */
  private record Quantized(int k, int n, byte[] weights, byte[] scales) {}

  /** The quantised form of a {@code [K, N]} float tensor, or null when it is not one or K is not a multiple of {@link #BLOCK}. */
  private static @Nullable Quantized quantize(ByteString tensorBytes) {
    UnknownFieldSet tensor = parse(tensorBytes, "initializer");
    long[] dims = longs(tensor.getField(TENSOR_DIMS));
    List<Long> type = tensor.getField(TENSOR_DATA_TYPE).getVarintList();
    if (dims.length != 2 || type.size() != 1 || type.get(0) != FLOAT || dims[0] < BLOCK || dims[0] % BLOCK != 0
        || dims[1] < 1 || dims[0] * dims[1] > Integer.MAX_VALUE / 4) {
      return null;
    }
    int k = (int) dims[0];
    int n = (int) dims[1];
    float[] w = floatData(tensor, k * n);
    if (w == null) {
      return null;
    }
    int blocks = k / BLOCK;
    byte[] q = new byte[n * k];
    ByteBuffer scales = ByteBuffer.allocate(4 * n * blocks).order(ByteOrder.LITTLE_ENDIAN);
    for (int col = 0; col < n; col++) {
      for (int b = 0; b < blocks; b++) {
        float max = 0;
        for (int r = b * BLOCK; r < (b + 1) * BLOCK; r++) {
          max = Math.max(max, Math.abs(w[r * n + col]));
        }
        float scale = max > 0 ? max / 127f : 1f;
        scales.putFloat(scale);
        int base = col * k + b * BLOCK;
        for (int i = 0; i < BLOCK; i++) {
          long v = (long) Math.rint(w[(b * BLOCK + i) * n + col] / scale);
          q[base + i] = (byte) (Math.max(-127, Math.min(127, v)) + ZERO_POINT);
        }
      }
    }
    return new Quantized(k, n, q, scales.array());
  }

  /** The {@code count} floats of a tensor stored as raw little-endian data or as {@code float_data}; null otherwise. */
  private static float @Nullable [] floatData(UnknownFieldSet tensor, int count) {
    List<ByteString> raw = tensor.getField(TENSOR_RAW_DATA).getLengthDelimitedList();
    if (raw.size() == 1) {
      if (raw.get(0).size() != 4L * count) {
        return null;
      }
      float[] out = new float[count];
      FloatBuffer fb = raw.get(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
      fb.get(out);
      return out;
    }
    UnknownFieldSet.Field data = tensor.getField(TENSOR_FLOAT_DATA);
    List<Integer> fixed = data.getFixed32List();
    List<ByteString> packed = data.getLengthDelimitedList();
    if (raw.isEmpty() && fixed.size() == count && packed.isEmpty()) {
      float[] out = new float[count];
      for (int i = 0; i < count; i++) {
        out[i] = Float.intBitsToFloat(fixed.get(i));
      }
      return out;
    }
    if (raw.isEmpty() && fixed.isEmpty() && packed.size() == 1 && packed.get(0).size() == 4L * count) {
      float[] out = new float[count];
      packed.get(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
      return out;
    }
    return null; // external data, or a size that does not match the dims
  }
}
