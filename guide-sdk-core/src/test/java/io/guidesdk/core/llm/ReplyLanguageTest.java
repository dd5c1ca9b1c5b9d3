package io.guidesdk.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.core.GuideSdk;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.dialogue.DialogueOptions;
import io.guidesdk.core.retrieval.SearchSettings;
import io.guidesdk.onnx.OnnxEncoder;
import io.guidesdk.spi.GenerationRequest;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A language model writes the shopper's text in the shop's reply language. */
class ReplyLanguageTest {

  @Test
  void theLanguageRuleNamesTheReplyLanguage() {
    assertThat(Prompts.languageRule(Locale.ENGLISH)).isEqualTo("Write in English.");
    assertThat(Prompts.languageRule(Locale.SIMPLIFIED_CHINESE)).isEqualTo("Write in Simplified Chinese.");
    assertThat(Prompts.languageRule(Locale.CHINESE)).isEqualTo("Write in Simplified Chinese.");
    assertThat(Prompts.languageRule(Locale.TRADITIONAL_CHINESE)).isEqualTo("Write in Traditional Chinese.");
    assertThat(Prompts.languageRule(Locale.forLanguageTag("zh-Hant"))).isEqualTo("Write in Traditional Chinese.");
    assertThat(Prompts.languageRule(Locale.forLanguageTag("zh-HK"))).isEqualTo("Write in Traditional Chinese.");
    assertThat(Prompts.languageRule(Locale.FRENCH)).isEqualTo("Write in French.");
    assertThat(Prompts.languageRule(Locale.ROOT)).isEqualTo("Write in English.");
  }

  @Test
  void aChineseShopsModelIsAskedForChineseRepliesAndCopy() {
    ScriptedModel model = new ScriptedModel(r -> "");
    try (OnnxEncoder zh = OnnxEncoder.bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15);
        GuideSdk sdk = GuideSdk.builder().catalog(DemoData.chineseCatalog()).faq(DemoData.chineseFaq()).encoder(zh)
            .searchSettings(SearchSettings.builder().analysis(SearchSettings.Analysis.CJK).build())
            .dialogue(DialogueOptions.builder().locale(Locale.SIMPLIFIED_CHINESE).build())
            .languageModel(model).build()) {
      sdk.guide().chat("zh-llm", "我想要500元以下的跑步鞋");
      sdk.describe(sdk.catalog().get("ZH-RUN-01").orElseThrow(), null);
    }
    List<String> systems = model.requests.stream().map(GenerationRequest::messages)
        .map(m -> m.get(0).content()).toList();
    assertThat(systems).filteredOn(s -> s.startsWith("You are the shopping assistant")).isNotEmpty()
        .allMatch(s -> s.contains("Write in Simplified Chinese."));
    assertThat(systems).filteredOn(s -> s.startsWith("You write short product copy")).isNotEmpty()
        .allMatch(s -> s.contains("Write in Simplified Chinese."));
  }

  @Test
  void aFaithfulChineseReplyIsUsedAndAnInventedDiscountFallsBackToTheTemplate() {
    java.util.concurrent.atomic.AtomicReference<String> reply = new java.util.concurrent.atomic.AtomicReference<>();
    ScriptedModel model = new ScriptedModel(r -> ScriptedModel.isWriter(r) ? reply.get() : "{}");
    try (OnnxEncoder zh = OnnxEncoder.bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15);
        GuideSdk sdk = GuideSdk.builder().catalog(DemoData.chineseCatalog()).faq(DemoData.chineseFaq()).encoder(zh)
            .searchSettings(SearchSettings.builder().analysis(SearchSettings.Analysis.CJK).build())
            .dialogue(DialogueOptions.builder().locale(Locale.SIMPLIFIED_CHINESE).build())
            .languageModel(model).build()) {
      String faithful = "推荐李宁 男款轻量跑步鞋 透气网面，售价¥399.00，轻量缓震，适合日常慢跑。";
      reply.set(faithful);
      io.guidesdk.ChatReply used = sdk.guide().chat("zh-llm-1", "我想要500元以下的跑步鞋");
      assertThat(used.products()).extracting(io.guidesdk.Product::id).contains("ZH-RUN-01");
      assertThat(used.text()).isEqualTo(faithful);

      reply.set("李宁 男款轻量跑步鞋 透气网面今天打八折，只要¥319.20。");
      io.guidesdk.ChatReply fallback = sdk.guide().chat("zh-llm-2", "我想要500元以下的跑步鞋");
      assertThat(fallback.text()).startsWith("为您找到").doesNotContain("八折").doesNotContain("319");
      assertThat(sdk.llmStats().repliesAccepted()).isEqualTo(1);
      assertThat(sdk.llmStats().repliesRejected()).isEqualTo(1);
    }
  }
}
