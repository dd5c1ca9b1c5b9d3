package io.guidesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.core.dialogue.eval.DialogueCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code guide bench chat --language zh}: what it prints, not how fast it is. */
class BenchChatCommandTest {

  @Test
  void chinese_replaysTheChineseSetOnTheChineseShop_andEndsWithOneJsonLine() throws Exception {
    CliRun run = CliRun.of("bench", "chat", "--language", "zh", "--rounds", "1", "--warmup", "0");
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(last.get("language").asText()).isEqualTo("zh");
    assertThat(last.get("turns").asInt())
        .isEqualTo(DialogueCase.bundledChinese().stream().mapToInt(c -> c.turns().size()).sum());
    assertThat(last.get("chatP50Ms").asDouble()).isPositive();
    assertThat(last.get("embedP50Ms").asDouble()).isPositive();
    assertThat(run.out()).contains("language zh; catalog 36 products; encoder bge-small-zh-v1.5");
  }
}
