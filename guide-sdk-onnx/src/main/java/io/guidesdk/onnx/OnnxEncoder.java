package io.guidesdk.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.guidesdk.ModelLoadException;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sentence encoder on ONNX Runtime with a Hugging Face tokenizer, mean pooling and L2 normalisation.
 *
 * <p>Texts are tokenised, sorted by length and run in batches of similar length so padding stays
 * small; the attention mask keeps padding out of the pooled vector, so a text's vector does not
 * depend on what it is batched with. One instance is thread-safe; ONNX Runtime sessions support
 * concurrent {@code run} calls.
 */
public final class OnnxEncoder implements Encoder {

  /** The bundled default models. */
  public enum Bundled {
    /** all-MiniLM-L6-v2, fp32 (90 MB), 384 dimensions. */
    ALL_MINILM_L6_V2("all-MiniLM-L6-v2", "/all-minilm-l6-v2.onnx", "/all-minilm-l6-v2-tokenizer.json"),
    /** all-MiniLM-L6-v2, int8 dynamically quantised (23 MB), 384 dimensions. */
    ALL_MINILM_L6_V2_Q("all-MiniLM-L6-v2-q", "/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json");

    final String modelId;
    final String modelResource;
    final String tokenizerResource;

    Bundled(String modelId, String modelResource, String tokenizerResource) {
      this.modelId = modelId;
      this.modelResource = modelResource;
      this.tokenizerResource = tokenizerResource;
    }
  }

  static final int DEFAULT_MAX_LENGTH = 256;
  static final int DEFAULT_BATCH_SIZE = 32;

  private final String modelId;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean needsTokenTypes;
  private final int dimension;
  private final int batchSize;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OnnxEncoder(String modelId, byte[] model, HuggingFaceTokenizer tokenizer) {
    this.modelId = modelId;
    this.tokenizer = tokenizer;
    this.batchSize = DEFAULT_BATCH_SIZE;
    try {
      this.env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
      this.session = env.createSession(model, options);
      this.needsTokenTypes = session.getInputNames().contains("token_type_ids");
    } catch (OrtException e) {
      throw new ModelLoadException("ONNX Runtime could not load model " + modelId + ": " + e.getMessage(), e);
    }
    this.dimension = embedAll(List.of("dimension probe"), EmbeddingPurpose.QUERY).get(0).length;
  }

  /** Loads one of the bundled models from the classpath. */
  public static OnnxEncoder bundled(Bundled which) {
    Objects.requireNonNull(which, "which");
    byte[] model = readResource(which.modelResource, which);
    HuggingFaceTokenizer tokenizer;
    try (InputStream in = resource(which.tokenizerResource, which)) {
      tokenizer = HuggingFaceTokenizer.newInstance(in, tokenizerOptions(DEFAULT_MAX_LENGTH));
    } catch (IOException e) {
      throw new ModelLoadException("could not read tokenizer " + which.tokenizerResource, e);
    }
    return new OnnxEncoder(which.modelId, model, tokenizer);
  }

  /** Loads the default bundled model, {@link Bundled#ALL_MINILM_L6_V2}. */
  public static OnnxEncoder bundledDefault() {
    return bundled(Bundled.ALL_MINILM_L6_V2);
  }

  private static Map<String, String> tokenizerOptions(int maxLength) {
    Map<String, String> options = new HashMap<>();
    options.put("maxLength", Integer.toString(maxLength));
    options.put("truncation", "true");
    options.put("padding", "false");
    options.put("addSpecialTokens", "true");
    return options;
  }

  private static InputStream resource(String name, Bundled which) {
    InputStream in = OnnxEncoder.class.getResourceAsStream(name);
    if (in == null) {
      throw new ModelLoadException(
          "bundled model " + which + " not on the classpath: resource " + name
              + " missing (add the langchain4j-embeddings jar that ships it)", null);
    }
    return in;
  }

  private static byte[] readResource(String name, Bundled which) {
    try (InputStream in = resource(name, which)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ModelLoadException("could not read " + name, e);
    }
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public float[] embed(String text, EmbeddingPurpose purpose) {
    return embedAll(List.of(text), purpose).get(0);
  }

  @Override
  public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
    Objects.requireNonNull(texts, "texts");
    Objects.requireNonNull(purpose, "purpose");
    ensureOpen();
    Encoding[] encodings = new Encoding[texts.size()];
    for (int i = 0; i < encodings.length; i++) {
      encodings[i] = tokenizer.encode(Objects.requireNonNull(texts.get(i), "texts[" + i + "]"));
    }
    Integer[] order = new Integer[encodings.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length));
    float[][] out = new float[encodings.length][];
    for (int start = 0; start < order.length; start += batchSize) {
      int end = Math.min(order.length, start + batchSize);
      Encoding[] batch = new Encoding[end - start];
      for (int j = start; j < end; j++) {
        batch[j - start] = encodings[order[j]];
      }
      float[][] vectors = runBatch(batch);
      for (int j = start; j < end; j++) {
        out[order[j]] = vectors[j - start];
      }
    }
    return Arrays.asList(out);
  }

  private float[][] runBatch(Encoding[] batch) {
    int rows = batch.length;
    int cols = 0;
    for (Encoding e : batch) {
      cols = Math.max(cols, e.getIds().length);
    }
    long[] ids = new long[rows * cols];
    long[] mask = new long[rows * cols];
    long[] types = new long[rows * cols];
    for (int r = 0; r < rows; r++) {
      long[] rowIds = batch[r].getIds();
      long[] rowMask = batch[r].getAttentionMask();
      long[] rowTypes = batch[r].getTypeIds();
      System.arraycopy(rowIds, 0, ids, r * cols, rowIds.length);
      System.arraycopy(rowMask, 0, mask, r * cols, rowMask.length);
      System.arraycopy(rowTypes, 0, types, r * cols, rowTypes.length);
    }
    long[] shape = {rows, cols};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (needsTokenTypes) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        OnnxTensor hidden = (OnnxTensor) result.get(0);
        long[] hs = hidden.getInfo().getShape();
        int dim = (int) hs[2];
        float[] flat = new float[rows * cols * dim];
        hidden.getFloatBuffer().get(flat);
        return meanPool(flat, mask, rows, cols, dim);
      }
    } catch (OrtException e) {
      throw new ModelLoadException("ONNX Runtime failed running " + modelId + ": " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  static float[][] meanPool(float[] hidden, long[] mask, int rows, int cols, int dim) {
    float[][] out = new float[rows][dim];
    for (int r = 0; r < rows; r++) {
      float[] v = out[r];
      int count = 0;
      for (int c = 0; c < cols; c++) {
        if (mask[r * cols + c] == 0) {
          continue;
        }
        count++;
        int base = (r * cols + c) * dim;
        for (int d = 0; d < dim; d++) {
          v[d] += hidden[base + d];
        }
      }
      double norm = 0;
      for (int d = 0; d < dim; d++) {
        v[d] /= Math.max(1, count);
        norm += (double) v[d] * v[d];
      }
      float inv = norm > 0 ? (float) (1.0 / Math.sqrt(norm)) : 0f;
      for (int d = 0; d < dim; d++) {
        v[d] *= inv;
      }
    }
    return out;
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("encoder " + modelId + " is closed");
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        session.close();
      } catch (OrtException e) {
        throw new IllegalStateException("could not close ONNX session of " + modelId, e);
      } finally {
        tokenizer.close();
      }
    }
  }
}
