package io.guidesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.core.dialogue.eval.DialogueCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code guide eval dialogue --language zh}: the Chinese set runs end to end and every reply is grounded. */
class EvalDialogueCommandTest {

  @Test
  void theChineseSetRunsAndEndsWithItsFigures() throws Exception {
    CliRun run = CliRun.of("eval", "dialogue", "--language", "zh");
    String out = run.out();
    assertEquals(0, run.exit(), out);
    List<String> lines = out.lines().toList();
    JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(last.get("language").asText()).isEqualTo("zh");
    assertThat(last.get("conversations").asInt()).isEqualTo(DialogueCase.bundledChinese().size());
    assertThat(last.get("groundingRate").asDouble()).isEqualTo(1.0);
    assertThat(last.get("test").get("turns").asInt()).isPositive();
    assertThat(last.get("hard").get("turns").asInt()).isPositive();
    assertThat(last.get("hard2").get("turns").asInt()).isPositive();
    assertThat(out).contains("catalog: bundled Chinese demo (36 products), encoder: bge-small-zh-v1.5");
  }

  @Test
  void traditionalMessages_areConvertedToTheShopsScript_andStillGrounded() throws Exception {
    CliRun run = CliRun.of("eval", "dialogue", "--language", "zh", "--script", "traditional");
    assertEquals(0, run.exit(), run.out());
    List<String> lines = run.out().lines().toList();
    JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(last.get("script").asText()).isEqualTo("traditional");
    assertThat(last.get("scriptConversion").asBoolean()).isTrue();
    assertThat(last.get("groundingRate").asDouble()).isEqualTo(1.0);
    assertThat(run.out()).contains("messages: converted to Traditional Chinese; converted to the catalog's script: yes");
  }

  @Test
  void traditionalScript_needsChinese() {
    CliRun run = CliRun.of("eval", "dialogue", "--script", "traditional");
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("--script traditional needs --language zh");
  }
}
