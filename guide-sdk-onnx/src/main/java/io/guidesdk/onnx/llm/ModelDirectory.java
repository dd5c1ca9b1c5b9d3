package io.guidesdk.onnx.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** The files of a Hugging Face Optimum export of a causal LM, read and checked. */
final class ModelDirectory {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String LAYOUT = "expected the Hugging Face Optimum layout: model.onnx (+ external data), tokenizer.json, "
      + "tokenizer_config.json with a chat_template, generation_config.json (e.g. from `optimum-cli export onnx "
      + "--task text-generation-with-past`)";

  final Path dir;
  final Path model;
  final Path tokenizer;
  /** The parsed tokenizer.json, checked to be a Hugging Face fast tokenizer (it has a {@code model} object). */
  final JsonNode tokenizerJson;
  final JsonNode tokenizerConfig;
  final JsonNode generationConfig;
  final JsonNode config;

  ModelDirectory(Path dir) {
    this.dir = dir;
    if (!Files.isDirectory(dir)) {
      throw new ModelLoadException("LLM model directory " + dir + " does not exist or is not a directory; " + LAYOUT, null);
    }
    Path m = dir.resolve("model.onnx");
    if (!Files.isRegularFile(m)) {
      m = dir.resolve("decoder_model_merged.onnx");
    }
    if (!Files.isRegularFile(m)) {
      throw new ModelLoadException("no model.onnx (or decoder_model_merged.onnx) in " + dir + "; " + LAYOUT, null);
    }
    this.model = m;
    requireNotEmpty(m);
    this.tokenizer = require("tokenizer.json");
    this.tokenizerJson = readTokenizer(tokenizer);
    this.tokenizerConfig = read(require("tokenizer_config.json"));
    Path gen = dir.resolve("generation_config.json");
    this.generationConfig = Files.isRegularFile(gen) ? read(gen) : JSON.createObjectNode();
    checkGenerationConfig(gen);
    Path cfg = dir.resolve("config.json");
    this.config = Files.isRegularFile(cfg) ? read(cfg) : JSON.createObjectNode();
  }

  private static void requireNotEmpty(Path file) {
    try {
      if (Files.size(file) == 0) {
        throw new ModelLoadException(file + " is empty (0 bytes); the download or export did not finish", null);
      }
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode readTokenizer(Path file) {
    requireNotEmpty(file);
    JsonNode t = read(file);
    if (!t.path("model").isObject()) {
      throw new ModelLoadException(file + " is JSON but not a Hugging Face fast tokenizer (it has no \"model\""
          + " object); save one with tokenizer.save_pretrained(dir)", null);
    }
    return t;
  }

  /**
   * The number of token ids the tokenizer can produce: one more than the largest id of its vocabulary
   * ({@code model.vocab}, a map for BPE and WordPiece, a list for Unigram) and of its added tokens.
   */
  long tokenizerVocabSize() {
    long max = -1;
    JsonNode vocab = tokenizerJson.path("model").path("vocab");
    if (vocab.isObject()) {
      for (JsonNode id : vocab) {
        max = Math.max(max, id.asLong(-1));
      }
    } else if (vocab.isArray()) {
      max = vocab.size() - 1;
    }
    for (JsonNode added : tokenizerJson.path("added_tokens")) {
      max = Math.max(max, added.path("id").asLong(-1));
    }
    return max + 1;
  }

  /** config.json's {@code vocab_size}, or 0 when it does not give one. */
  long configVocabSize() {
    JsonNode v = config.get("vocab_size");
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || v.asLong() <= 0) {
      throw new ModelLoadException(dir.resolve("config.json") + ": vocab_size must be a positive whole number, was "
          + v, null);
    }
    return v.asLong();
  }

  /**
   * Checks the sampling fields {@link OnnxLanguageModel} reads from generation_config.json, so a value of the
   * wrong type fails here, naming the field, instead of being silently replaced by a default.
   */
  private void checkGenerationConfig(Path file) {
    if (!generationConfig.isObject()) {
      throw new ModelLoadException(file + " must be a JSON object, was " + generationConfig.getNodeType(), null);
    }
    JsonNode eos = generationConfig.get("eos_token_id");
    if (eos != null && !eos.isNull()) {
      boolean ok = eos.isIntegralNumber() && eos.asLong() >= 0;
      if (eos.isArray()) {
        ok = true;
        for (JsonNode id : eos) {
          ok &= id.isIntegralNumber() && id.asLong() >= 0;
        }
      }
      if (!ok) {
        throw generationError(file, "eos_token_id", "a token id or a list of token ids", eos);
      }
    }
    JsonNode doSample = generationConfig.get("do_sample");
    if (doSample != null && !doSample.isNull() && !doSample.isBoolean()) {
      throw generationError(file, "do_sample", "true or false", doSample);
    }
    checkNumber(file, "temperature", 0, Double.MAX_VALUE, false, "a number >= 0");
    checkNumber(file, "top_p", 0, 1, false, "a number in (0, 1]");
    checkNumber(file, "repetition_penalty", 0, Double.MAX_VALUE, false, "a number > 0");
    checkNumber(file, "top_k", 0, Integer.MAX_VALUE, true, "a whole number >= 0");
    checkNumber(file, "max_new_tokens", 1, Integer.MAX_VALUE, true, "a whole number >= 1");
  }

  private void checkNumber(Path file, String field, double min, double max, boolean integral, String expected) {
    JsonNode v = generationConfig.get(field);
    if (v == null || v.isNull()) {
      return;
    }
    boolean ok = integral ? v.isIntegralNumber() : v.isNumber();
    double d = v.asDouble();
    boolean exclusiveMin = field.equals("top_p") || field.equals("repetition_penalty");
    if (!ok || (exclusiveMin ? d <= min : d < min) || d > max) {
      throw generationError(file, field, expected, v);
    }
  }

  private static ModelLoadException generationError(Path file, String field, String expected, JsonNode was) {
    return new ModelLoadException(file + ": " + field + " must be " + expected + ", was " + was, null);
  }

  String chatTemplate() {
    JsonNode t = tokenizerConfig.get("chat_template");
    if (t != null && t.isTextual()) {
      return t.asText();
    }
    if (t != null && t.isArray()) {
      for (JsonNode named : t) {
        if ("default".equals(named.path("name").asText())) {
          return named.path("template").asText();
        }
      }
    }
    Path jinja = dir.resolve("chat_template.jinja");
    if (Files.isRegularFile(jinja)) {
      try {
        return Files.readString(jinja);
      } catch (IOException e) {
        throw new ModelLoadException("cannot read " + jinja + ": " + e.getMessage(), e);
      }
    }
    throw new ModelLoadException("tokenizer_config.json in " + dir + " has no chat_template (and there is no "
        + "chat_template.jinja); use an instruct/chat model export", null);
  }

  /** A special token's text from tokenizer_config.json ({@code "eos_token": "..."} or {@code {"content": ...}}). */
  String token(String field) {
    JsonNode t = tokenizerConfig.get(field);
    if (t == null || t.isNull()) {
      return "";
    }
    return t.isTextual() ? t.asText() : t.path("content").asText("");
  }

  /** The end-of-sequence token ids of generation_config.json (an int or a list). */
  Set<Long> eosTokenIds() {
    Set<Long> out = new LinkedHashSet<>();
    JsonNode e = generationConfig.get("eos_token_id");
    if (e != null && e.isArray()) {
      e.forEach(n -> out.add(n.asLong()));
    } else if (e != null && e.canConvertToLong()) {
      out.add(e.asLong());
    }
    return out;
  }

  int contextLength() {
    for (String f : new String[] {"max_position_embeddings", "n_positions", "max_sequence_length"}) {
      JsonNode v = config.get(f);
      if (v != null && !v.isNull()) {
        if (!v.isIntegralNumber() || v.asLong() <= 0 || v.asLong() > Integer.MAX_VALUE) {
          // Read as 0, it would refuse every prompt with "the model's context is 0 tokens".
          throw new ModelLoadException(dir.resolve("config.json") + ": " + f + " must be a positive whole number"
              + " of tokens, was " + v, null);
        }
        return v.asInt();
      }
    }
    int fromTokenizer = tokenizerConfig.path("model_max_length").asInt(0);
    return fromTokenizer > 0 && fromTokenizer < 10_000_000 ? fromTokenizer : 4096;
  }

  private Path require(String name) {
    Path p = dir.resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new ModelLoadException("no " + name + " in " + dir + "; " + LAYOUT, null);
    }
    return p;
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

  private static JsonNode read(Path p) {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new ModelLoadException("cannot parse " + p + " as JSON: " + jsonProblem(e), e);
    }
  }
}
