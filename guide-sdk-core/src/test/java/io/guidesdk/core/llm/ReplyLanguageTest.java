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
}
