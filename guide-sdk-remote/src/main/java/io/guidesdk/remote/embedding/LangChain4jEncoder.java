package io.guidesdk.remote.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.guidesdk.GuideException;
import io.guidesdk.GuideTimeoutException;
import io.guidesdk.NonRetriableGuideException;
import io.guidesdk.RateLimitedException;
import io.guidesdk.RetriableGuideException;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Encoder} backed by any LangChain4j {@link EmbeddingModel}: a remote embedding service
 * (OpenAI, Azure OpenAI, Ollama, Vertex AI, …) or another in-process model. Give it to the SDK
 * builder in place of the local ONNX encoder.
 *
 * <p>What it adds over the model: query/passage prefixes, L2 normalisation (the SDK ranks by dot
 * product), requests split into batches of at most {@link Builder#batchSize}, a checked vector
 * count and dimension, blank texts answered locally, LangChain4j failures mapped to the SDK's
 * {@link GuideException} types ({@link RateLimitedException}, {@link GuideTimeoutException}, other
 * retriable and non-retriable errors), and a closed state. It does not own the model's HTTP client:
 * {@link #close()} only stops this encoder.
 *
 * <p>Blank texts (empty or whitespace only) are not sent, since embedding services reject them; they
 * get the zero vector, which has similarity 0 to everything.
 *
 * <p>Thread-safe when the wrapped model is (LangChain4j's HTTP models are).
 */
public final class LangChain4jEncoder implements Encoder {

  /** Default texts per request; OpenAI accepts up to 2,048 inputs per request. */
  public static final int DEFAULT_BATCH_SIZE = 256;

  private final EmbeddingModel model;
  private final String modelId;
  private final String queryPrefix;
  private final String passagePrefix;
  private final boolean normalize;
  private final int batchSize;
  private volatile int dimension;
  private volatile boolean closed;

  private LangChain4jEncoder(Builder b) {
    this.model = b.model;
    this.modelId = b.modelId != null ? b.modelId : modelName(b.model);
    this.queryPrefix = b.queryPrefix;
    this.passagePrefix = b.passagePrefix;
    this.normalize = b.normalize;
    this.batchSize = b.batchSize;
    this.dimension = b.dimension;
  }

  private static String modelName(EmbeddingModel model) {
    String name = null;
    try {
      name = model.modelName();
    } catch (RuntimeException e) {
      // some models do not implement it
    }
    return name == null || name.isBlank() || name.equals("unknown") ? model.getClass().getSimpleName() : name;
  }

  /** Wraps {@code model} with default settings. */
  public static LangChain4jEncoder of(EmbeddingModel model) {
    return builder(model).build();
  }

  /** A builder for an encoder over {@code model}. */
  public static Builder builder(EmbeddingModel model) {
    return new Builder(Objects.requireNonNull(model, "model"));
  }

  /**
   * The vector length: as set on the builder, else the model's own {@code dimension()} (which may
   * call the service once with a probe text) — asked on first use and remembered.
   */
  @Override
  public int dimension() {
    ensureOpen();
    int d = dimension;
    if (d == 0) {
      try {
        d = model.dimension();
      } catch (LangChain4jException e) {
        throw map(e, "asking the dimension");
      } catch (RuntimeException e) {
        throw mapTransport(e, "asking the dimension");
      }
      if (d <= 0) {
        throw new IllegalStateException("embedding model " + modelId + " reported dimension " + d);
      }
      dimension = d;
    }
    return d;
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public float[] embed(String text, EmbeddingPurpose purpose) {
    Objects.requireNonNull(text, "text");
    return embedAll(List.of(text), purpose).get(0);
  }

  @Override
  public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
    Objects.requireNonNull(texts, "texts");
    Objects.requireNonNull(purpose, "purpose");
    ensureOpen();
    String prefix = purpose == EmbeddingPurpose.QUERY ? queryPrefix : passagePrefix;
    float[][] out = new float[texts.size()][];
    List<Integer> sent = new ArrayList<>();
    List<TextSegment> segments = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new NullPointerException("texts[" + i + "] is null");
      }
      if (text.isBlank()) {
        continue;
      }
      sent.add(i);
      segments.add(TextSegment.from(prefix + text));
    }
    for (int start = 0; start < segments.size(); start += batchSize) {
      int end = Math.min(segments.size(), start + batchSize);
      List<float[]> vectors = call(segments.subList(start, end));
      for (int j = start; j < end; j++) {
        out[sent.get(j)] = vectors.get(j - start);
      }
    }
    if (sent.size() < texts.size()) {
      int d = dimension();
      for (int i = 0; i < out.length; i++) {
        if (out[i] == null) {
          out[i] = new float[d];
        }
      }
    }
    return List.of(out);
  }

  private List<float[]> call(List<TextSegment> segments) {
    Response<List<Embedding>> response;
    try {
      response = model.embedAll(segments);
    } catch (LangChain4jException e) {
      throw map(e, "embedding " + segments.size() + " texts");
    } catch (RuntimeException e) {
      throw mapTransport(e, "embedding " + segments.size() + " texts");
    }
    List<Embedding> embeddings = response == null ? null : response.content();
    if (embeddings == null || embeddings.size() != segments.size()) {
      throw new RetriableGuideException("embedding model " + modelId + " returned "
          + (embeddings == null ? "no" : embeddings.size()) + " vectors for " + segments.size() + " texts", null);
    }
    List<float[]> vectors = new ArrayList<>(embeddings.size());
    for (int i = 0; i < embeddings.size(); i++) {
      float[] v = embeddings.get(i).vector().clone();
      int expected = dimension;
      if (expected == 0) {
        dimension = expected = v.length;
      }
      if (v.length != expected || v.length == 0) {
        throw new NonRetriableGuideException("embedding model " + modelId + " returned a vector of dimension "
            + v.length + " for text " + i + " of the request; expected " + expected, null);
      }
      if (normalize) {
        normalizeInPlace(v);
      }
      vectors.add(v);
    }
    return vectors;
  }

  private static void normalizeInPlace(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    if (norm > 0) {
      double inv = 1.0 / Math.sqrt(norm);
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (v[i] * inv);
      }
    }
  }

  /** LangChain4j's exception types to the SDK's: the one mapping for this backend. */
  private GuideException map(LangChain4jException e, String doing) {
    String message = "embedding model " + modelId + " failed " + doing + ": " + e.getMessage();
    if (e instanceof RateLimitException) {
      return new RateLimitedException(message, null, e);
    }
    if (e instanceof TimeoutException) {
      return new GuideTimeoutException(message, e);
    }
    if (e instanceof RetriableException) {
      return new RetriableGuideException(message, e);
    }
    if (e instanceof NonRetriableException) {
      return new NonRetriableGuideException(message, e);
    }
    // Unclassified (e.g. a connection refused): worth a retry.
    return new RetriableGuideException(message, e);
  }

  /**
   * LangChain4j's HTTP clients throw a bare RuntimeException around I/O failures (connection refused,
   * reset, HTTP timeouts): those are worth a retry; anything else is a defect or a bad request.
   */
  private GuideException mapTransport(RuntimeException e, String doing) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
        return new GuideTimeoutException("embedding model " + modelId + " timed out " + doing + ": " + t, e);
      }
      if (t instanceof java.io.IOException) {
        return new RetriableGuideException("embedding model " + modelId + " could not be reached " + doing
            + ": " + t, e);
      }
    }
    return new NonRetriableGuideException("embedding model " + modelId + " failed " + doing + ": " + e, e);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("encoder " + modelId + " is closed");
    }
  }

  /** Stops this encoder (later calls throw {@link IllegalStateException}); the wrapped model stays usable. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "LangChain4jEncoder[" + modelId + "]";
  }

  /** Configures a {@link LangChain4jEncoder}; each setting may be given once. */
  public static final class Builder {
    private final EmbeddingModel model;
    private @Nullable String modelId;
    private String queryPrefix = "";
    private boolean queryPrefixSet;
    private String passagePrefix = "";
    private boolean passagePrefixSet;
    private boolean normalize = true;
    private boolean normalizeSet;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private boolean batchSizeSet;
    private int dimension;

    private Builder(EmbeddingModel model) {
      this.model = model;
    }

    private static void requireUnset(boolean set, String what) {
      if (set) {
        throw new IllegalStateException(what + " was already set");
      }
    }

    /** The id vectors are tagged with (default: the model's {@code modelName()}). */
    public Builder modelId(String modelId) {
      Objects.requireNonNull(modelId, "modelId");
      requireUnset(this.modelId != null, "modelId");
      if (modelId.isBlank()) {
        throw new IllegalArgumentException("modelId must not be blank");
      }
      this.modelId = modelId;
      return this;
    }

    /** Text put before every query (default none). */
    public Builder queryPrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      requireUnset(queryPrefixSet, "queryPrefix");
      this.queryPrefix = prefix;
      this.queryPrefixSet = true;
      return this;
    }

    /** Text put before every passage (default none). */
    public Builder passagePrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      requireUnset(passagePrefixSet, "passagePrefix");
      this.passagePrefix = prefix;
      this.passagePrefixSet = true;
      return this;
    }

    /** Whether vectors are L2-normalised (default true). */
    public Builder normalize(boolean normalize) {
      requireUnset(normalizeSet, "normalize");
      this.normalize = normalize;
      this.normalizeSet = true;
      return this;
    }

    /** Texts per request (default {@value LangChain4jEncoder#DEFAULT_BATCH_SIZE}). */
    public Builder batchSize(int texts) {
      requireUnset(batchSizeSet, "batchSize");
      if (texts < 1) {
        throw new IllegalArgumentException("batchSize must be positive: " + texts);
      }
      this.batchSize = texts;
      this.batchSizeSet = true;
      return this;
    }

    /** The vector length, when known, so that {@link LangChain4jEncoder#dimension()} needs no call. */
    public Builder dimension(int dimension) {
      requireUnset(this.dimension != 0, "dimension");
      if (dimension < 1) {
        throw new IllegalArgumentException("dimension must be positive: " + dimension);
      }
      this.dimension = dimension;
      return this;
    }

    public LangChain4jEncoder build() {
      return new LangChain4jEncoder(this);
    }
  }
}
