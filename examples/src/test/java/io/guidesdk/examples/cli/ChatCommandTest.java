package io.guidesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code guide chat} fed from standard input, as a newcomer trying their own catalog would type. */
class ChatCommandTest {

  private static String chat(String input, String... args) {
    PrintStream out = System.out;
    InputStream in = System.in;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      String[] all = new String[args.length + 1];
      all[0] = "chat";
      System.arraycopy(args, 0, all, 1, args.length);
      assertEquals(0, GuideCli.run(all), () -> buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setIn(in);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theChineseDemoShopAnswersInChinese() {
    String out = chat("我想要500元以下的跑步鞋\n怎么退货\nquit\n", "--language", "zh");
    assertThat(out).contains("为您找到 3 件商品（跑步鞋，¥500.00 以内）")
        .contains("李宁 男款轻量跑步鞋 透气网面 — ¥399.00")
        .contains("安踏 女款缓震跑步鞋 — ¥459.00")
        .contains("李宁 女款入门跑步鞋 — ¥259.00")
        .doesNotContain("特步")
        .contains("签收后7天内可无理由退货");
  }

  @Test
  void anUnknownLanguageIsRefusedByName() {
    PrintStream err = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int exit;
    try {
      System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(new byte[0]));
      exit = GuideCli.run("chat", "--language", "fr");
    } finally {
      System.setErr(err);
    }
    assertThat(exit).isNotZero();
    assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("--language must be en or zh, was 'fr'");
  }
}
