package io.guidesdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Chinese quick start runs as docs/search.md shows it, and answers in Chinese within the budget. */
class ChineseQuickStartTest {
  @Test
  void answersInChinese_withRunningShoesUnderTheBudget_thenByPrice() {
    PrintStream before = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      ChineseQuickStart.main(new String[0]);
    } finally {
      System.setOut(before);
    }
    String out = buffer.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("跑步鞋").doesNotContain("899"); // the ¥899 racing shoe is over the budget
    assertThat(out).contains("按价格从低到高");
  }
}
