package io.guidesdk.examples.cli;

import io.guidesdk.core.GuideSdk;
import io.guidesdk.core.catalog.DemoData;
import picocli.CommandLine.Option;

/** The {@code --language} option of {@code guide demo}, {@code guide chat} and {@code guide eval dialogue}. */
final class LanguageOption {

  @Option(names = "--language", defaultValue = "en", description = "en (default), or zh: the Chinese demo shop (in chat, "
      + "unless --catalog is given), the bge-small-zh-v1.5 encoder (8-bit weights for queries), CJK analysis, and Chinese "
      + "replies and reasons (docs/search.md, \"Chinese catalogs\").")
  String language = "en";

  /** Whether the option asks for Chinese; throws with the option's name for anything but en or zh. */
  boolean chinese() {
    return chinese(language);
  }

  /** Whether a {@code --language} value asks for Chinese; throws with the option's name for anything but en or zh. */
  static boolean chinese(String language) {
    return switch (language) {
      case "en" -> false;
      case "zh" -> true;
      default -> throw new IllegalArgumentException("--language must be en or zh, was '" + language + "'");
    };
  }

  /** Sets the language's demo shop on {@code builder}: its catalog and, for Chinese, its FAQ. */
  void demoShop(GuideSdk.Builder builder) {
    if (chinese()) {
      builder.catalog(DemoData.chineseCatalog()).faq(DemoData.chineseFaq());
    } else {
      builder.demoCatalog();
    }
  }

  /** Applies the language's set-up to {@code builder} (see {@link LanguageSetup}). */
  LanguageSetup apply(GuideSdk.Builder builder) {
    return LanguageSetup.apply(chinese(), builder);
  }

  /** As {@link #apply(GuideSdk.Builder)}, with or without converting Chinese messages to the catalog's script. */
  LanguageSetup apply(GuideSdk.Builder builder, boolean convertScript) {
    return LanguageSetup.apply(chinese(), convertScript, builder);
  }
}
