package io.guidesdk.examples.cli;

import io.guidesdk.core.GuideSdk;
import io.guidesdk.core.dialogue.DialogueOptions;
import io.guidesdk.core.retrieval.SearchSettings;
import io.guidesdk.onnx.OnnxEncoder;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The {@code --language} option of {@code guide demo}, {@code guide chat} and {@code guide eval
 * dialogue}: {@code en} leaves the builder as it is; {@code zh} applies the Chinese set-up of
 * docs/search.md ("Chinese catalogs"): CJK analysis, bge-small-zh-v1.5 for the catalog and, with
 * 8-bit weights, for queries, and the Chinese locale for replies and recommendation reasons. The
 * caller closes it after the SDK; closing it closes the encoders it opened.
 */
record LanguageSetup(@Nullable OnnxEncoder catalog, @Nullable OnnxEncoder queries) implements AutoCloseable {

  static LanguageSetup apply(String language, GuideSdk.Builder builder) {
    switch (language) {
      case "en" -> {
        return new LanguageSetup(null, null);
      }
      case "zh" -> {
        OnnxEncoder catalog = OnnxEncoder.bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15);
        OnnxEncoder queries;
        try {
          queries = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15).int8Weights(true).build();
        } catch (RuntimeException e) {
          catalog.close();
          throw e;
        }
        builder.encoder(catalog).queryEncoder(queries)
            .searchSettings(SearchSettings.builder().analysis(SearchSettings.Analysis.CJK).build())
            .dialogue(DialogueOptions.builder().locale(Locale.SIMPLIFIED_CHINESE).build());
        return new LanguageSetup(catalog, queries);
      }
      default -> throw new IllegalArgumentException("--language must be en or zh, was '" + language + "'");
    }
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
