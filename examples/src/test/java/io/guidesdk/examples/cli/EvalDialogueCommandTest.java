package io.guidesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code guide eval dialogue --language zh}: the Chinese set runs end to end and every reply is grounded. */
class EvalDialogueCommandTest {

  @Test
  void theChineseSetRunsAndEndsWithItsFigures() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      exit = GuideCli.run("eval", "dialogue", "--language", "zh");
    } finally {
      System.setOut(original);
    }
    String out = buffer.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, out);
    List<String> lines = out.lines().toList();
    JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(last.get("language").asText()).isEqualTo("zh");
    assertThat(last.get("conversations").asInt()).isEqualTo(33);
    assertThat(last.get("groundingRate").asDouble()).isEqualTo(1.0);
    assertThat(last.get("test").get("turns").asInt()).isPositive();
    assertThat(out).contains("catalog: bundled Chinese demo (36 products), encoder: bge-small-zh-v1.5");
  }
}
