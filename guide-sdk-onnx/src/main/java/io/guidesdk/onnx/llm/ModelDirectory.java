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
    this.tokenizer = require("tokenizer.json");
    this.tokenizerConfig = read(require("tokenizer_config.json"));
    Path gen = dir.resolve("generation_config.json");
    this.generationConfig = Files.isRegularFile(gen) ? read(gen) : JSON.createObjectNode();
    Path cfg = dir.resolve("config.json");
    this.config = Files.isRegularFile(cfg) ? read(cfg) : JSON.createObjectNode();
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
      if (config.has(f)) {
        return config.get(f).asInt();
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

  private static JsonNode read(Path p) {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new ModelLoadException("cannot parse " + p + " as JSON: " + e.getMessage(), e);
    }
  }
}
