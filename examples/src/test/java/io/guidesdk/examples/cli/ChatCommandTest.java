package io.guidesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code guide chat} fed from standard input, as a newcomer trying their own catalog would type. */
class ChatCommandTest {

  @Test
  void theChineseDemoShopAnswersInChinese() {
    CliRun run = CliRun.withInput("我想要500元以下的跑步鞋\n怎么退货\nquit\n", "chat", "--language", "zh");
    assertEquals(0, run.exit(), run.out());
    assertThat(run.out()).contains("为您找到 3 件商品（跑步鞋，¥500.00 以内）")
        .contains("李宁 男款轻量跑步鞋 透气网面 — ¥399.00")
        .contains("安踏 女款缓震跑步鞋 — ¥459.00")
        .contains("李宁 女款入门跑步鞋 — ¥259.00")
        .doesNotContain("特步")
        .contains("签收后7天内可无理由退货");
  }

  @Test
  void anUnknownLanguageIsRefusedByName() {
    CliRun run = CliRun.of("chat", "--language", "fr");
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("--language must be en or zh, was 'fr'");
  }
}
