package io.guidesdk.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.guidesdk.ModelLoadException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session and what was discovered about its inputs and outputs. {@code OrtSession.run}
 * is thread-safe, so one instance serves every thread; the owner guarantees {@link #close()} does not
 * race a {@link #run} (closing a session under a running call would crash the JVM).
 */
final class EncoderSession implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EncoderSession.class);

  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final List<String> PREFERRED_OUTPUTS = List.of("last_hidden_state", "token_embeddings");

  private final OrtEnvironment env;
  private final OrtSession session;
  private final String modelId;
  private final boolean hasMask;
  private final boolean hasTokenTypes;
  private final String output;
  private final boolean onCuda;
  private final boolean perTokenScales;
  private final boolean int8Weights;

  EncoderSession(ModelFiles files, int intraOpThreads, boolean spinning, int cudaDevice, boolean cudaStrict) {
    this.modelId = files.modelId;
    this.perTokenScales = files.perTokenScales;
    this.int8Weights = files.int8Weights;
    this.env = OrtEnvironment.getEnvironment();
    OrtSession created = null;
    boolean cuda = false;
    try (OrtSession.SessionOptions options = cpuOptions(intraOpThreads, spinning)) {
      if (cudaDevice >= 0) {
        cuda = tryCuda(options, cudaDevice, cudaStrict);
      }
      try {
        created = env.createSession(files.model, options);
      } catch (OrtException e) {
        if (!cuda) {
          throw e;
        }
        // The CUDA provider registered but the session could not start on the device (no driver,
        // wrong CUDA/cuDNN version, out of memory): same policy as a missing provider.
        String why = "ONNX Runtime could not start " + modelId + " on CUDA device " + cudaDevice + ": "
            + e.getMessage();
        if (cudaStrict) {
          throw new ModelLoadException(why + " (CUDA was required with requireCuda)", e);
        }
        LOG.warn("{}; falling back to CPU", why);
        cuda = false;
        try (OrtSession.SessionOptions cpu = cpuOptions(intraOpThreads, spinning)) {
          created = env.createSession(files.model, cpu);
        }
      }
      this.session = created;
      this.onCuda = cuda;
      Set<String> inputs = session.getInputNames();
      if (!inputs.contains(INPUT_IDS)) {
        throw modelError("has no input named input_ids (inputs: " + inputs + ")");
      }
      for (String name : inputs) {
        if (!name.equals(INPUT_IDS) && !name.equals(ATTENTION_MASK) && !name.equals(TOKEN_TYPE_IDS)) {
          throw modelError("has an input this encoder cannot feed: " + name + " (inputs: " + inputs
              + "; expected input_ids, and optionally attention_mask and token_type_ids)");
        }
        NodeInfo info = session.getInputInfo().get(name);
        if (!(info.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.INT64) {
          throw modelError("input " + name + " is " + info.getInfo() + "; expected an int64 tensor");
        }
      }
      this.hasMask = inputs.contains(ATTENTION_MASK);
      this.hasTokenTypes = inputs.contains(TOKEN_TYPE_IDS);
      this.output = chooseOutput(session.getOutputInfo());
    } catch (OrtException e) {
      closeQuietly(created);
      String what = e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_PROTOBUF
          ? " (the model file is truncated or is not an ONNX export)" : "";
      throw new ModelLoadException("ONNX Runtime could not load model " + modelId + " from " + files.origin
          + what + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(created);
      throw e;
    }
  }

  private static OrtSession.SessionOptions cpuOptions(int intraOpThreads, boolean spinning) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    options.setIntraOpNumThreads(intraOpThreads);
    options.setInterOpNumThreads(1);
    options.setMemoryPatternOptimization(true);
    options.setCPUArenaAllocator(true);
    // Spinning intra-op threads answer faster but burn a core each between calls, stealing CPU from
    // the application's own threads; off unless asked for (OnnxEncoder.Builder#intraOpSpinning).
    options.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
    return options;
  }

  private boolean tryCuda(OrtSession.SessionOptions options, int device, boolean strict) {
    String why;
    if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
      why = "the CUDA execution provider is not in this ONNX Runtime build (put com.microsoft.onnxruntime:"
          + "onnxruntime_gpu on the classpath instead of onnxruntime; see docs/encoder.md)";
    } else {
      try {
        options.addCUDA(device);
        return true;
      } catch (OrtException | RuntimeException e) {
        why = "the CUDA execution provider could not be enabled for device " + device + ": " + e.getMessage();
      }
    }
    if (strict) {
      throw new ModelLoadException("CUDA was required for " + modelId + " but " + why, null);
    }
    LOG.warn("CUDA requested for {} but {}; running on CPU", modelId, why);
    return false;
  }

  private String chooseOutput(Map<String, NodeInfo> outputs) {
    for (String preferred : PREFERRED_OUTPUTS) {
      if (outputs.containsKey(preferred) && isTokenEmbeddings(outputs.get(preferred))) {
        return preferred;
      }
    }
    for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
      if (isTokenEmbeddings(e.getValue())) {
        return e.getKey();
      }
    }
    StringBuilder found = new StringBuilder();
    outputs.forEach((name, info) -> found.append(found.length() == 0 ? "" : ", ").append(name).append(' ')
        .append(info.getInfo()));
    throw modelError("has no float output of shape [batch, tokens, hidden] to pool (outputs: " + found
        + "); a sentence-embedding export must output token embeddings such as last_hidden_state");
  }

  private static boolean isTokenEmbeddings(NodeInfo node) {
    return node.getInfo() instanceof TensorInfo t && t.type == OnnxJavaType.FLOAT && t.getShape().length == 3;
  }

  private ModelLoadException modelError(String what) {
    return new ModelLoadException("model " + modelId + " " + what, null);
  }

  boolean onCuda() {
    return onCuda;
  }

  /** Whether the session runs a graph rewritten for per-token activation scales. */
  boolean perTokenScales() {
    return perTokenScales;
  }

  /** Whether the session runs the graph rewritten to 8-bit block-quantised weights. */
  boolean int8Weights() {
    return int8Weights;
  }

  /**
   * Runs one padded batch and pools it.
   *
   * @param ids the token ids of each row, unpadded, lengths at most {@code cols}
   * @param cols the padded length of the batch
   * @return one pooled, optionally normalised vector per row
   */
  float[][] run(long[][] ids, long[][] typeIds, int cols, OnnxEncoder.Pooling pooling, boolean normalize) {
    int rows = ids.length;
    // Direct, native-order buffers: ONNX Runtime wraps them without copying them again.
    LongBuffer idBuf = directLongs(rows * cols);
    LongBuffer maskBuf = directLongs(rows * cols);
    LongBuffer typeBuf = hasTokenTypes ? directLongs(rows * cols) : null;
    for (int r = 0; r < rows; r++) {
      long[] row = ids[r];
      idBuf.position(r * cols);
      idBuf.put(row);
      maskBuf.position(r * cols);
      for (int c = 0; c < row.length; c++) {
        maskBuf.put(1L);
      }
      if (typeBuf != null) {
        typeBuf.position(r * cols);
        typeBuf.put(typeIds[r]);
      }
    }
    idBuf.rewind();
    maskBuf.rewind();
    long[] shape = {rows, cols};
    Map<String, OnnxTensor> inputs = new HashMap<>(4);
    try {
      inputs.put(INPUT_IDS, OnnxTensor.createTensor(env, idBuf, shape));
      if (hasMask) {
        inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(env, maskBuf, shape));
      }
      if (typeBuf != null) {
        typeBuf.rewind();
        inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, typeBuf, shape));
      }
      try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
        OnnxTensor hidden = (OnnxTensor) result.get(0);
        long[] hs = hidden.getInfo().getShape();
        if (hs.length != 3 || hs[0] != rows || hs[1] != cols) {
          throw new IllegalStateException("model " + modelId + " returned " + output + " of shape "
              + java.util.Arrays.toString(hs) + " for a batch of " + rows + "x" + cols);
        }
        return pool(hidden.getFloatBuffer(), ids, rows, cols, (int) hs[2], pooling, normalize);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed running " + modelId + " on a batch of " + rows
          + "x" + cols + " tokens: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private static LongBuffer directLongs(int n) {
    return ByteBuffer.allocateDirect(n * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
  }

  static float[][] pool(FloatBuffer hidden, long[][] ids, int rows, int cols, int dim,
      OnnxEncoder.Pooling pooling, boolean normalize) {
    float[][] out = new float[rows][dim];
    for (int r = 0; r < rows; r++) {
      float[] v = out[r];
      int base = r * cols * dim;
      if (pooling == OnnxEncoder.Pooling.CLS) {
        hidden.get(base, v, 0, dim);
      } else {
        // Attention-masked mean: rows are left-aligned, so the first ids[r].length tokens are real.
        int count = ids[r].length;
        double[] sum = new double[dim];
        for (int c = 0; c < count; c++) {
          int at = base + c * dim;
          for (int d = 0; d < dim; d++) {
            sum[d] += hidden.get(at + d);
          }
        }
        for (int d = 0; d < dim; d++) {
          v[d] = (float) (sum[d] / Math.max(1, count));
        }
      }
      if (normalize) {
        normalizeInPlace(v);
      }
    }
    return out;
  }

  static void normalizeInPlace(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    if (norm > 0) {
      double inv = 1.0 / Math.sqrt(norm);
      for (int d = 0; d < v.length; d++) {
        v[d] = (float) (v[d] * inv);
      }
    }
  }

  private static void closeQuietly(OrtSession s) {
    if (s != null) {
      try {
        s.close();
      } catch (OrtException ignored) {
        // already failing; the original error is the one to report
      }
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("could not close the ONNX Runtime session of " + modelId, e);
    }
  }
}
