package io.guidesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code guide bench llm} on the tiny test model: it prints its inputs and ends with one JSON object. */
class LlmBenchCommandTest {
  static final String MODEL = "../guide-sdk-onnx/src/test/resources/tiny-llm/with-position-ids";

  record Run(int exit, String out) {}

  static Run run(String... args) {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int exit = GuideCli.run(args);
      return new Run(exit, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(saved);
    }
  }

  @Test
  void printsItsInputsAndEndsWithOneJsonObject() throws Exception {
    Run r = run("bench", "llm", "--model-dir", MODEL, "--tokens", "6", "--runs", "1", "--threads", "2");
    assertThat(r.exit()).isZero();
    List<String> lines = r.out().strip().lines().toList();
    assertThat(lines.get(0)).contains("prompt").contains("6 tokens per run");
    JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(json.path("tokens_per_run").asInt()).isEqualTo(6);
    assertThat(json.path("kv_tokens_per_s").asDouble()).isPositive();
    assertThat(json.path("no_cache_tokens_per_s").asDouble()).isPositive();
    assertThat(json.path("concurrent_tokens_per_s").asDouble()).isPositive();
    assertThat(json.has("kv_speedup")).isTrue();
  }

  @Test
  void aMissingModelDirectoryIsAClearError() {
    assertThat(run("bench", "llm", "--model-dir", "no/such/dir").exit()).isEqualTo(1);
  }

  @Test
  void chatRefusesTwoLanguageModelsAtOnce() {
    LlmOptions o = new LlmOptions();
    o.dir = java.nio.file.Path.of(MODEL);
    o.openAi = "http://localhost:1/v1";
    o.device = "cpu";
    org.assertj.core.api.Assertions.assertThatThrownBy(o::create).hasMessageContaining("only one of");
  }
}
