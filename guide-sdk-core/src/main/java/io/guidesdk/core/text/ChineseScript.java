package io.guidesdk.core.text;

import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Traditional and Simplified Chinese. A shopper may write either script whatever the catalog uses
 * (shoppers from Hong Kong and Taiwan write 運費 and 預算 to a shop that lists 运费 and 预算), and the
 * rules match the catalog's own words. So a message in the other script is converted to the
 * catalog's before it is read.
 *
 * <p>The conversion is ICU4J's ({@code Traditional-Simplified} and {@code Simplified-Traditional}
 * transliterators), an optional dependency: with {@code com.ibm.icu:icu4j} on the class path messages
 * are converted, without it they are read as written (and a Chinese catalog logs how to add it). ICU
 * converts by character and by common phrase (頭髮 → 头发, 乾淨 → 干净). From Simplified to Traditional
 * one character can stand for several (发: 發 or 髮), so a Traditional catalog is served less exactly
 * than a Simplified one.
 *
 * <p>The catalog's script is told from up to {@value #SAMPLE} titles: whichever script has more
 * characters that the other writes differently. The guide converts messages, and the hybrid ranker
 * converts search queries, so {@code search()} and {@code chat()} read either script alike.
 */
public final class ChineseScript {
  private static final Logger LOG = LoggerFactory.getLogger(ChineseScript.class);
  private static final int SAMPLE = 300;
  /** Fewer Han characters than this in the sampled titles: not a Chinese catalog. */
  private static final int MIN_HAN = 20;
  private static final boolean ICU = present();

  private ChineseScript() {}

  private static boolean present() {
    try {
      Class.forName("com.ibm.icu.text.Transliterator", false, ChineseScript.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * What converts a message to {@code catalog}'s Chinese script: the identity for a catalog that is
   * not Chinese, or without ICU4J.
   */
  public static UnaryOperator<String> forCatalog(Catalog catalog) {
    StringBuilder sample = new StringBuilder();
    int han = 0;
    int n = 0;
    for (Product p : catalog.products()) {
      if (n++ >= SAMPLE) {
        break;
      }
      for (int i = 0; i < p.title().length(); i++) {
        if (isHan(p.title().charAt(i))) {
          han++;
        }
      }
      sample.append(p.title()).append('\n');
    }
    if (han < MIN_HAN) {
      return UnaryOperator.identity();
    }
    if (!ICU) {
      LOG.info("a Chinese catalog: messages and queries in the other Chinese script (Traditional or Simplified) are "
          + "read as written; add com.ibm.icu:icu4j to convert them to the catalog's");
      return UnaryOperator.identity();
    }
    return Icu.forSample(sample.toString());
  }

  /** Whether {@code text} has a Han character: only such messages are converted. */
  private static boolean hasHan(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isHan(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHan(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
  }

  /** The only class that names ICU types: loaded only when ICU4J is present. */
  private static final class Icu {
    static UnaryOperator<String> forSample(String sample) {
      com.ibm.icu.text.Transliterator toSimplified = com.ibm.icu.text.Transliterator.getInstance("Traditional-Simplified");
      com.ibm.icu.text.Transliterator toTraditional = com.ibm.icu.text.Transliterator.getInstance("Simplified-Traditional");
      int traditionalOnly = changed(sample, toSimplified.transliterate(sample));
      int simplifiedOnly = changed(sample, toTraditional.transliterate(sample));
      com.ibm.icu.text.Transliterator toCatalog = traditionalOnly > simplifiedOnly ? toTraditional : toSimplified;
      // a Transliterator is not documented as safe for concurrent use: one caller at a time
      return message -> {
        if (!hasHan(message)) {
          return message;
        }
        synchronized (toCatalog) {
          return toCatalog.transliterate(message);
        }
      };
    }

    private static int changed(String before, String after) {
      int n = 0;
      for (int i = 0; i < Math.min(before.length(), after.length()); i++) {
        if (before.charAt(i) != after.charAt(i)) {
          n++;
        }
      }
      return n;
    }
  }
}
