package io.guidesdk.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.ChatReply;
import io.guidesdk.core.GuideSdk;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.onnx.OnnxEncoder;
import io.guidesdk.spi.Encoder;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Discovery of a configured language model (the local ONNX provider on the tiny test model), an
 * explicit model winning over it, and the guide staying grounded with a model whose output is noise.
 */
class LanguageModelDiscoveryTest {
  static final Path TINY = Path.of("../guide-sdk-onnx/src/test/resources/tiny-llm/with-position-ids");
  static Encoder encoder;
  static Catalog catalog;

  @BeforeAll
  static void setUp() {
    encoder = OnnxEncoder.bundledDefault();
    catalog = Catalog.of(DemoData.catalog().products().subList(0, 6));
  }

  @AfterAll
  static void tearDown() {
    encoder.close();
  }

  @Test
  void withoutConfigurationThereIsNoModel() {
    try (GuideSdk sdk = GuideSdk.builder().catalog(catalog).encoder(encoder).build()) {
      assertThat(sdk.languageModel()).isEmpty();
    }
  }

  @Test
  void aConfiguredProviderIsDiscoveredAndAnExplicitModelWins() {
    System.setProperty("guide.llm.onnx.dir", TINY.toString());
    try {
      try (GuideSdk sdk = GuideSdk.builder().catalog(catalog).encoder(encoder).build()) {
        assertThat(sdk.languageModel()).isPresent();
        assertThat(sdk.languageModel().get().name()).isEqualTo("onnx:with-position-ids");
        // The guide's prompts exceed the tiny model's 512-token context: both calls fail cleanly, are
        // reported, and the rules and the template answer.
        ChatReply reply = sdk.guide().chat("s1", "running shoes");
        assertThat(reply.text()).startsWith("Here ");
        assertThat(reply.products()).isNotEmpty();
        LlmStats.Snapshot s = sdk.llmStats();
        assertThat(s.backendFailures()).as(s.toString()).isEqualTo(2);
        assertThat(s.lastProblem()).contains("model's context is 512 tokens");
      }
      ScriptedModel explicit = new ScriptedModel(r -> "");
      try (GuideSdk sdk = GuideSdk.builder().catalog(catalog).encoder(encoder).languageModel(explicit).build()) {
        assertThat(sdk.languageModel()).containsSame(explicit);
      }
      try (GuideSdk sdk = GuideSdk.builder().catalog(catalog).encoder(encoder).languageModel(null).build()) {
        assertThat(sdk.languageModel()).isEmpty();
      }
    } finally {
      System.clearProperty("guide.llm.onnx.dir");
    }
  }
}
