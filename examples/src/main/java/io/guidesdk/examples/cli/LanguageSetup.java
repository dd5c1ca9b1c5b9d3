package io.guidesdk.examples.cli;

import io.guidesdk.core.GuideSdk;
import io.guidesdk.core.dialogue.DialogueOptions;
import io.guidesdk.core.retrieval.SearchSettings;
import io.guidesdk.onnx.OnnxEncoder;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What {@link LanguageOption} sets up: for English nothing; for Chinese the set-up of
 * docs/search.md ("Chinese catalogs"): CJK analysis, bge-small-zh-v1.5 for the catalog and, with
 * 8-bit weights and without its query instruction, for queries, whose vectors a {@code QueryMap} fitted on
 * the catalog's titles maps to where the instruction puts them (GuideSdk.Builder#mappedQueryEncoder),
 * and the Chinese locale for replies and recommendation reasons. The
 * caller closes it after the SDK; closing it closes the encoders it opened.
 */
record LanguageSetup(@Nullable OnnxEncoder catalog, @Nullable OnnxEncoder queries) implements AutoCloseable {

  static LanguageSetup apply(boolean chinese, GuideSdk.Builder builder) {
    return apply(chinese, true, builder);
  }

  /**
   * As {@link #apply(boolean, GuideSdk.Builder)}; {@code convertScript} false reads Chinese messages in the
   * other script as written ({@code DialogueOptions.Builder#chineseScriptConversion}).
   */
  static LanguageSetup apply(boolean chinese, boolean convertScript, GuideSdk.Builder builder) {
    if (!chinese) {
      return new LanguageSetup(null, null);
    }
    OnnxEncoder catalog = OnnxEncoder.bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15);
    OnnxEncoder queries;
    try {
      // 8-bit weights and no query instruction, mapped to where the instruction puts queries (decision 0610)
      queries = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15).int8Weights(true).queryPrefix("")
          .build();
    } catch (RuntimeException e) {
      catalog.close();
      throw e;
    }
    builder.encoder(catalog).mappedQueryEncoder(queries)
        .searchSettings(SearchSettings.builder().analysis(SearchSettings.Analysis.CJK).build())
        .dialogue(DialogueOptions.builder().locale(Locale.SIMPLIFIED_CHINESE).chineseScriptConversion(convertScript)
            .build());
    return new LanguageSetup(catalog, queries);
  }

  @Override
  public void close() {
    if (queries != null) {
      queries.close();
    }
    if (catalog != null) {
      catalog.close();
    }
  }
}
