package io.guidesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code guide eval recommend} and {@code guide bench topn}: one clear line, exit code 1. */
class EvalRecommendCommandTest {

  private static String runErr(String... args) {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(1, GuideCli.run(args));
    } finally {
      System.setErr(old);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void unknownSplit() {
    assertThat(runErr("eval", "recommend", "--split", "train")).contains("--split must be dev or test, was 'train'");
  }

  @Test
  void unknownStrategyInOrder() {
    assertThat(runErr("eval", "recommend", "--order", "repeat,magic")).contains("--order: unknown strategy 'magic'");
  }

  @Test
  void missingData(@TempDir Path empty) {
    assertThat(runErr("eval", "recommend", "--data", empty.toString())).contains("no online_retail.csv.gz in");
  }

  @Test
  void benchTooFewCalls() {
    assertThat(runErr("bench", "topn", "--calls", "3")).contains("--calls must be >= 10, was 3");
  }
}
