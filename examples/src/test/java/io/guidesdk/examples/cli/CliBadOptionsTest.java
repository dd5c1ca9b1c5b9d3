package io.guidesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad option values fail at once, with one line naming the option and the value, before any slow work. */
class CliBadOptionsTest {

  private static void assertFails(CliRun run, String message) {
    assertThat(run.exit()).as(run.out()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo("guide: " + message);
  }

  @Test
  void evalSearch_negativeQueryCount_andUnknownModel(@TempDir Path data) {
    assertFails(CliRun.of("eval", "search", "--data", data.toString(), "--queries", "-5"),
        "--queries must be 0 (all) or more, was -5");
    assertFails(CliRun.of("eval", "search", "--data", data.toString(), "--models", "fp32,bogus"),
        "--models: 'bogus' is neither fp32, fp32-w8, int8 nor a model folder");
  }

  @Test
  void evalSimulate_countsBelowOne() {
    assertFails(CliRun.of("eval", "simulate", "--rounds", "-5"), "--rounds must be 1 or more, was -5");
    assertFails(CliRun.of("eval", "simulate", "--seeds", "0"), "--seeds must be 1 or more, was 0");
  }

  @Test
  void evalPolicy_aFolderWithoutTheLogs(@TempDir Path data) throws Exception {
    Files.createDirectories(data.resolve("random").resolve("men"));
    CliRun run = CliRun.of("eval", "policy", "--data", data.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("guide: file not found: ").contains("item_context.csv")
        .contains("holds men.csv and item_context.csv");
  }

  @Test
  void chat_anApiKeyVariableNamedButNotSet() {
    assertFails(CliRun.of("chat", "--llm-openai", "http://127.0.0.1:9/v1", "--llm-model", "m", "--llm-api-key-env",
        "GUIDE_SDK_TEST_NO_SUCH_VARIABLE"), "--llm-api-key-env: the environment variable "
        + "GUIDE_SDK_TEST_NO_SUCH_VARIABLE is not set (leave the option out for a server that needs no key)");
  }

  @Test
  void chat_aBlankUserFailsAtStartUp() {
    CliRun run = CliRun.withInput("running shoes\n", "chat", "--user", " ");
    assertFails(run, "--user: userId must not be blank");
    assertThat(run.out()).doesNotContain("you >");
  }
}
