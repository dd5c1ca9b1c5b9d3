package io.guidesdk.onnx.llm;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.ModelLoadException;
import io.guidesdk.RetriableGuideException;
import io.guidesdk.spi.ChatMessage;
import io.guidesdk.spi.FinishReason;
import io.guidesdk.spi.Generation;
import io.guidesdk.spi.GenerationOptions;
import io.guidesdk.spi.GenerationRequest;
import io.guidesdk.spi.LanguageModel;
import io.guidesdk.spi.TokenListener;
import io.guidesdk.spi.TokenUsage;
import io.guidesdk.spi.ToolCall;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A local decoder LLM on ONNX Runtime, loaded from a Hugging Face Optimum export directory
 * ({@code optimum-cli export onnx --task text-generation-with-past}): {@code model.onnx} (+ external
 * data), {@code tokenizer.json}, {@code tokenizer_config.json} with its chat template, and
 * {@code generation_config.json}.
 *
 * <pre>{@code
 * try (OnnxLanguageModel llm = OnnxLanguageModel.load(Path.of("models/qwen2.5-0.5b-instruct"))) {
 *   Generation g = llm.generate(GenerationRequest.of(List.of(ChatMessage.user("Hi!")), GenerationOptions.greedy(64)));
 * }
 * }</pre>
 *
 * <p>The model's inputs are discovered from the session: {@code input_ids}, {@code attention_mask},
 * {@code position_ids} when present, and each {@code past_key_values.N.key/value} paired with its
 * {@code present.N.key/value} output. Generation keeps that KV cache, so each new token costs one
 * step over one token, never a recomputation of the prefix. Sampling follows Hugging Face
 * {@code generate}: greedy when the temperature is 0 (or {@code do_sample} is false and no
 * temperature is given), otherwise temperature, top-k, top-p and repetition penalty, reproducible
 * with a seed. Unset options come from {@code generation_config.json}.
 *
 * <p>One instance is thread-safe and serves concurrent generations (each has its own cache; ONNX
 * Runtime sessions allow concurrent runs). Runs on the CPU unless CUDA is requested with
 * {@link Builder#device(Device)}.
 */
public final class OnnxLanguageModel implements LanguageModel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PAST = Pattern.compile("past_key_values\\.(\\d+)\\.(key|value)");
  private static final Pattern TOOL_CALL = Pattern.compile("<tool_call>\\s*(\\{.*?\\})\\s*</tool_call>", Pattern.DOTALL);
  static final int DEFAULT_MAX_TOKENS = 256;

  /** Where the model runs. */
  public enum Device { CPU, CUDA }

  private final String name;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final ChatTemplate template;
  private final Set<Long> eos;
  private final boolean hasPositionIds;
  private final boolean hasUseCacheBranch;
  private final List<String> pastNames = new ArrayList<>();
  private final List<String> presentNames = new ArrayList<>();
  private final long kvHeads;
  private final long headDim;
  private final OnnxJavaType kvType;
  private final int contextLength;
  private final JsonNode generationConfig;
  private final Device device;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OnnxLanguageModel(Builder b) {
    ModelDirectory dir = new ModelDirectory(b.dir);
    this.name = "onnx:" + b.dir.toAbsolutePath().normalize().getFileName();
    this.generationConfig = dir.generationConfig;
    this.contextLength = dir.contextLength();
    this.template = new ChatTemplate(dir.chatTemplate(), dir.token("bos_token"), dir.token("eos_token"));
    try {
      // A template that does not parse would otherwise fail every generate call with an IAE.
      template.render(List.of(ChatMessage.user("Hello")), List.of());
    } catch (RuntimeException e) {
      throw new ModelLoadException("the chat_template of " + dir.dir.resolve("tokenizer_config.json")
          + " does not render a one-message conversation: " + e.getMessage(), e);
    }
    try {
      Map<String, String> opts = Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");
      this.tokenizer = HuggingFaceTokenizer.newInstance(dir.tokenizer, opts);
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException("cannot load tokenizer " + dir.tokenizer + ": " + e.getMessage(), e);
    }
    OrtSession created = null;
    try {
      this.env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      if (b.intraOpThreads > 0) {
        options.setIntraOpNumThreads(b.intraOpThreads);
      }
      this.device = CudaSupport.configure(options, b.device, b.cudaDeviceId, b.strictDevice, name);
      created = env.createSession(dir.model.toString(), options);
      this.session = created;
      Map<String, NodeInfo> inputs = session.getInputInfo();
      Set<String> outputs = session.getOutputNames();
      for (String required : List.of("input_ids", "attention_mask")) {
        if (!inputs.containsKey(required)) {
          throw new ModelLoadException(dir.model + " has no '" + required + "' input (inputs: " + inputs.keySet()
              + "); " + ModelDirectory.LAYOUT, null);
        }
      }
      if (!outputs.contains("logits")) {
        throw new ModelLoadException(dir.model + " has no 'logits' output (outputs: " + outputs + ")", null);
      }
      checkVocabulary(dir, session.getOutputInfo().get("logits"));
      this.hasPositionIds = inputs.containsKey("position_ids");
      this.hasUseCacheBranch = inputs.containsKey("use_cache_branch");
      TreeMap<Integer, String[]> layers = new TreeMap<>();
      TensorInfo kvInfo = null;
      for (Map.Entry<String, NodeInfo> e : inputs.entrySet()) {
        Matcher m = PAST.matcher(e.getKey());
        if (m.matches()) {
          int layer = Integer.parseInt(m.group(1));
          String present = "present." + layer + "." + m.group(2);
          if (!outputs.contains(present)) {
            throw new ModelLoadException(dir.model + " has input " + e.getKey() + " but no output " + present, null);
          }
          layers.computeIfAbsent(layer, k -> new String[4]);
          int slot = m.group(2).equals("key") ? 0 : 1;
          layers.get(layer)[slot] = e.getKey();
          layers.get(layer)[slot + 2] = present;
          kvInfo = (TensorInfo) e.getValue().getInfo();
        }
      }
      if (layers.isEmpty() || kvInfo == null) {
        throw new ModelLoadException(dir.model + " has no past_key_values.N.key/value inputs, so it cannot generate "
            + "with a KV cache; export it with --task text-generation-with-past", null);
      }
      for (String[] l : layers.values()) {
        pastNames.add(l[0]);
        pastNames.add(l[1]);
        presentNames.add(l[2]);
        presentNames.add(l[3]);
      }
      this.kvType = kvInfo.type;
      if (kvType != OnnxJavaType.FLOAT && kvType != OnnxJavaType.FLOAT16) {
        throw new ModelLoadException(dir.model + " keeps its KV cache as " + kvType + "; float32 and float16 are supported",
            null);
      }
      long[] shape = kvInfo.getShape();
      this.kvHeads = shape.length == 4 && shape[1] > 0 ? shape[1] : configValue(dir.config, "num_key_value_heads",
          "num_attention_heads");
      long hd = shape.length == 4 && shape[3] > 0 ? shape[3] : dir.config.path("head_dim").asLong(0);
      if (hd <= 0) {
        hd = configValue(dir.config, "hidden_size", "hidden_size") / configValue(dir.config, "num_attention_heads",
            "num_attention_heads");
      }
      this.headDim = hd;
    } catch (OrtException e) {
      closeQuietly(created);
      tokenizer.close();
      if (e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_PROTOBUF) {
        throw new ModelLoadException(dir.model + " is not a valid ONNX model (the file is truncated or is not an"
            + " ONNX export): " + e.getMessage(), e);
      }
      throw new ModelLoadException("ONNX Runtime could not load " + dir.model + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(created);
      tokenizer.close();
      throw e;
    }
    Set<Long> ids = dir.eosTokenIds();
    String eosText = dir.token("eos_token");
    if (!eosText.isEmpty()) {
      long[] enc = tokenizer.encode(eosText, false, false).getIds();
      if (enc.length == 1) {
        ids = new java.util.LinkedHashSet<>(ids);
        ids.add(enc[0]);
      }
    }
    this.eos = Set.copyOf(ids);
  }

  /**
   * Fails when the files disagree on the vocabulary: a tokenizer that can produce ids the model has no
   * logits (and no embeddings) for would fail mid-generation inside ONNX Runtime, and a config.json whose
   * vocab_size differs from the graph's belongs to another model (its context length cannot be trusted).
   */
  private static void checkVocabulary(ModelDirectory dir, NodeInfo logits) {
    long modelVocab = 0;
    if (logits.getInfo() instanceof TensorInfo t && t.getShape().length > 0) {
      modelVocab = Math.max(0, t.getShape()[t.getShape().length - 1]);
    }
    long configVocab = dir.configVocabSize();
    if (modelVocab > 0 && configVocab > 0 && configVocab != modelVocab) {
      throw new ModelLoadException(dir.dir.resolve("config.json") + " says vocab_size " + configVocab + " but the"
          + " logits of " + dir.model + " have " + modelVocab + " entries; config.json belongs to another model", null);
    }
    long vocab = modelVocab > 0 ? modelVocab : configVocab;
    long tokens = dir.tokenizerVocabSize();
    if (vocab > 0 && tokens > vocab) {
      throw new ModelLoadException(dir.tokenizer + " has token ids up to " + (tokens - 1) + " but " + dir.model
          + " has a vocabulary of " + vocab + " (ids 0 to " + (vocab - 1) + "); the tokenizer belongs to another"
          + " model", null);
    }
  }

  private static long configValue(JsonNode config, String field, String alternative) {
    long v = config.path(field).asLong(config.path(alternative).asLong(0));
    if (v <= 0) {
      throw new ModelLoadException("the KV cache shape is dynamic and config.json does not give " + field, null);
    }
    return v;
  }

  /** Frees a session whose model failed a check after ONNX Runtime loaded it. */
  private static void closeQuietly(@Nullable OrtSession s) {
    if (s != null) {
      try {
        s.close();
      } catch (OrtException ignored) {
        // already failing; the load error is the one to report
      }
    }
  }

  /** Loads the model in {@code dir} on the CPU. */
  public static OnnxLanguageModel load(Path dir) {
    return builder(dir).build();
  }

  public static Builder builder(Path dir) {
    return new Builder(Objects.requireNonNull(dir, "dir"));
  }

  @Override
  public String name() {
    return name;
  }

  /** The device the model really runs on (CPU when CUDA was requested but could not be used). */
  public Device device() {
    return device;
  }

  /** Whether the model takes {@code position_ids}. */
  public boolean usesPositionIds() {
    return hasPositionIds;
  }

  /** The number of transformer layers (KV cache pairs). */
  public int layers() {
    return pastNames.size() / 2;
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(true, template.supportsTools(), false, true);
  }

  @Override
  public Generation generate(GenerationRequest request) {
    return generate(request, piece -> {});
  }

  @Override
  public Generation generate(GenerationRequest request, TokenListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    String prompt = template.render(request.messages(), request.tools());
    long[] ids = encode(prompt);
    Trace t = decode(ids, request.options(), listener, null);
    String text = t.text;
    List<ToolCall> calls = List.of();
    FinishReason reason = t.reason;
    if (!request.tools().isEmpty()) {
      calls = parseToolCalls(text);
      if (!calls.isEmpty()) {
        text = TOOL_CALL.matcher(text).replaceAll("").strip();
        reason = FinishReason.TOOL_CALLS;
      }
    }
    return new Generation(text, calls, reason, new TokenUsage(ids.length, t.tokens.size()));
  }

  /** The rendered prompt of a conversation (the model's chat template), for inspection. */
  public String renderPrompt(List<ChatMessage> messages) {
    return template.render(messages, List.of());
  }

  /**
   * For benchmarks: greedily generates exactly {@code tokens} tokens after the prompt of
   * {@code messages} (end-of-sequence ignored, so every run does the same work), with the KV cache
   * or, as the baseline the cache is measured against, recomputing the whole prefix at every step.
   *
   * @return the number of tokens generated
   */
  public int decodeForBenchmark(List<ChatMessage> messages, int tokens, boolean kvCache) {
    if (kvCache) {
      long[] prompt = encode(template.render(messages, List.of()));
      return decode(prompt, GenerationOptions.builder().maxTokens(tokens).temperature(0).repetitionPenalty(1.0)
          .build(), piece -> {}, null, true).tokens().size();
    }
    long[] ids = encode(template.render(messages, List.of()));
    long[] seq = java.util.Arrays.copyOf(ids, ids.length + tokens);
    for (int i = 0; i < tokens; i++) {
      seq[ids.length + i] = Sampler.argmax(logitsWithoutCache(java.util.Arrays.copyOf(seq, ids.length + i)));
    }
    return tokens;
  }

  long[] encode(String text) {
    ensureOpen();
    return tokenizer.encode(text, false, false).getIds();
  }

  String decodeTokens(long[] ids) {
    return tokenizer.decode(ids, true);
  }

  HuggingFaceTokenizer tokenizer() {
    return tokenizer;
  }

  static List<ToolCall> parseToolCalls(String text) {
    List<ToolCall> calls = new ArrayList<>();
    Matcher m = TOOL_CALL.matcher(text);
    while (m.find()) {
      try {
        JsonNode call = JSON.readTree(m.group(1));
        String fn = call.path("name").asText("");
        if (!fn.isEmpty()) {
          JsonNode args = call.path("arguments");
          calls.add(new ToolCall("call_" + calls.size(), fn, args.isTextual() ? args.asText() : args.toString()));
        }
      } catch (IOException e) {
        // Malformed tool-call JSON stays in the text; the caller validates what it gets.
      }
    }
    return calls;
  }

  /** What one decode produced; logits per step are kept only when asked for (tests). */
  record Trace(List<Integer> tokens, List<float[]> logits, String text, FinishReason reason) {}

  /** Runs the whole sequence with an empty cache and returns the last position's logits. */
  float[] logitsWithoutCache(long[] ids) {
    List<OnnxTensor> created = new ArrayList<>();
    try (OrtSession.Result r = session.run(feed(ids, 0, null, created))) {
      return lastLogits(r);
    } catch (OrtException e) {
      throw new RetriableGuideException("ONNX Runtime failed: " + e.getMessage(), e);
    } finally {
      created.forEach(OnnxTensor::close);
    }
  }

  Trace decode(long[] prompt, GenerationOptions o, TokenListener listener, @Nullable List<float[]> keepLogits) {
    return decode(prompt, o, listener, keepLogits, false);
  }

  private Trace decode(long[] prompt, GenerationOptions o, TokenListener listener, @Nullable List<float[]> keepLogits,
      boolean ignoreEos) {
    ensureOpen();
    int maxTokens = o.maxTokens() != null ? o.maxTokens()
        : generationConfig.path("max_new_tokens").asInt(DEFAULT_MAX_TOKENS);
    if (prompt.length >= contextLength) {
      throw new IllegalArgumentException("the prompt is " + prompt.length + " tokens but the model's context is "
          + contextLength + " tokens; shorten the conversation");
    }
    maxTokens = Math.min(maxTokens, contextLength - prompt.length);
    Sampler sampler = sampler(o);
    StreamingDetokenizer detok = new StreamingDetokenizer(tokenizer);
    StopGate gate = new StopGate(o.stop(), listener);
    List<Integer> tokens = new ArrayList<>();
    boolean[] seen = null;
    FinishReason reason = FinishReason.LENGTH;
    OrtSession.Result previous = null;
    long[] input = prompt;
    int past = 0;
    try {
      while (true) {
        List<OnnxTensor> created = new ArrayList<>();
        OrtSession.Result result;
        try {
          result = session.run(feed(input, past, previous, created));
        } finally {
          created.forEach(OnnxTensor::close);
          if (previous != null) {
            previous.close();
          }
          previous = null;
        }
        previous = result;
        float[] logits = lastLogits(result);
        if (keepLogits != null) {
          keepLogits.add(logits);
        }
        if (seen == null) {
          seen = new boolean[logits.length];
          for (long id : prompt) {
            if (id >= 0 && id < seen.length) {
              seen[(int) id] = true;
            }
          }
        }
        int next = sampler.next(logits, seen);
        if (!ignoreEos && eos.contains((long) next)) {
          reason = FinishReason.END;
          break;
        }
        tokens.add(next);
        seen[next] = true;
        if (gate.add(detok.add(next))) {
          reason = FinishReason.STOP_SEQUENCE;
          break;
        }
        if (tokens.size() >= maxTokens) {
          reason = FinishReason.LENGTH;
          break;
        }
        past += input.length;
        input = new long[] {next};
      }
      if (reason != FinishReason.STOP_SEQUENCE) {
        if (gate.add(detok.flush())) {
          reason = FinishReason.STOP_SEQUENCE;
        }
      }
      String text = gate.finish();
      return new Trace(tokens, keepLogits == null ? List.of() : keepLogits, text, reason);
    } catch (OrtException e) {
      throw new RetriableGuideException("ONNX Runtime failed while generating with " + name + ": " + e.getMessage(), e);
    } finally {
      if (previous != null) {
        previous.close();
      }
    }
  }

  private Sampler sampler(GenerationOptions o) {
    double temperature = o.temperature() != null ? o.temperature()
        : generationConfig.path("do_sample").asBoolean(false) ? generationConfig.path("temperature").asDouble(1.0) : 0.0;
    boolean greedy = temperature == 0.0;
    int topK = o.topK() != null ? o.topK() : generationConfig.path("top_k").asInt(50);
    double topP = o.topP() != null ? o.topP() : generationConfig.path("top_p").asDouble(1.0);
    double penalty = o.repetitionPenalty() != null ? o.repetitionPenalty()
        : generationConfig.path("repetition_penalty").asDouble(1.0);
    SplittableRandom random = o.seed() != null ? new SplittableRandom(o.seed()) : new SplittableRandom();
    return new Sampler(greedy, greedy ? 1.0 : temperature, topK, topP, penalty, random);
  }

  private Map<String, OnnxTensor> feed(long[] input, int past, OrtSession.@Nullable Result previous,
      List<OnnxTensor> created) throws OrtException {
    Map<String, OnnxTensor> feed = new HashMap<>();
    int total = past + input.length;
    feed.put("input_ids", track(created, OnnxTensor.createTensor(env, LongBuffer.wrap(input), new long[] {1, input.length})));
    long[] mask = new long[total];
    java.util.Arrays.fill(mask, 1L);
    feed.put("attention_mask", track(created, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {1, total})));
    if (hasPositionIds) {
      long[] pos = new long[input.length];
      for (int i = 0; i < pos.length; i++) {
        pos[i] = past + i;
      }
      feed.put("position_ids", track(created, OnnxTensor.createTensor(env, LongBuffer.wrap(pos), new long[] {1, pos.length})));
    }
    if (hasUseCacheBranch) {
      feed.put("use_cache_branch", track(created, OnnxTensor.createTensor(env, new boolean[] {previous != null})));
    }
    for (int i = 0; i < pastNames.size(); i++) {
      if (previous == null) {
        long[] shape = {1, kvHeads, 0, headDim};
        OnnxTensor empty = kvType == OnnxJavaType.FLOAT
            ? OnnxTensor.createTensor(env, FloatBuffer.allocate(0), shape)
            : OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder()), shape,
                OnnxJavaType.FLOAT16);
        feed.put(pastNames.get(i), track(created, empty));
      } else {
        String present = presentNames.get(i);
        OnnxValue v = previous.get(present).orElseThrow(() -> new IllegalStateException("no output " + present));
        feed.put(pastNames.get(i), (OnnxTensor) v);
      }
    }
    return feed;
  }

  private static OnnxTensor track(List<OnnxTensor> created, OnnxTensor t) {
    created.add(t);
    return t;
  }

  private static float[] lastLogits(OrtSession.Result result) throws OrtException {
    OnnxTensor logits = (OnnxTensor) result.get("logits").orElseThrow();
    long[] shape = logits.getInfo().getShape();
    int vocab = (int) shape[shape.length - 1];
    int rows = (int) (logits.getInfo().getNumElements() / vocab);
    float[] out = new float[vocab];
    if (logits.getInfo().type == OnnxJavaType.FLOAT16) {
      ShortBuffer b = logits.getShortBuffer();
      for (int i = 0; i < vocab; i++) {
        out[i] = halfToFloat(b.get((rows - 1) * vocab + i));
      }
    } else {
      FloatBuffer b = logits.getFloatBuffer();
      b.position((rows - 1) * vocab);
      b.get(out);
    }
    return out;
  }

  /** IEEE 754 half to float (Float.float16ToFloat arrives in Java 20). */
  static float halfToFloat(short h) {
    int bits = h & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant / 1024f / 16384f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException(name + " is closed");
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        session.close();
      } catch (OrtException e) {
        // Closing frees native memory; a failure here leaves nothing to recover.
      }
      tokenizer.close();
    }
  }

  @Override
  public String toString() {
    return name + " (" + layers() + " layers, " + device + ")";
  }

  /** Configures an {@link OnnxLanguageModel}. */
  public static final class Builder {
    private final Path dir;
    private Device device = Device.CPU;
    private boolean strictDevice;
    private int cudaDeviceId;
    private int intraOpThreads;

    private Builder(Path dir) {
      this.dir = dir;
    }

    /**
     * Where to run: {@link Device#CPU} (the default) or {@link Device#CUDA}. When CUDA cannot be used
     * the model logs a warning and runs on the CPU, unless {@link #strictDevice(boolean)} is set.
     */
    public Builder device(Device device) {
      this.device = Objects.requireNonNull(device, "device");
      return this;
    }

    /** Whether a device that cannot be used fails the load instead of falling back to the CPU. */
    public Builder strictDevice(boolean strict) {
      this.strictDevice = strict;
      return this;
    }

    /** The CUDA device ordinal (default 0). */
    public Builder cudaDeviceId(int id) {
      if (id < 0) {
        throw new IllegalArgumentException("cudaDeviceId must not be negative: " + id);
      }
      this.cudaDeviceId = id;
      return this;
    }

    /** Threads ONNX Runtime uses inside one step; 0 (default) lets it choose. */
    public Builder intraOpThreads(int threads) {
      if (threads < 0) {
        throw new IllegalArgumentException("intraOpThreads must not be negative: " + threads);
      }
      this.intraOpThreads = threads;
      return this;
    }

    /**
     * Loads the model.
     *
     * @throws ModelLoadException if a file is missing or malformed, the model lacks a KV cache, or a
     *     strict device cannot be used
     */
    public OnnxLanguageModel build() {
      return new OnnxLanguageModel(this);
    }
  }
}
