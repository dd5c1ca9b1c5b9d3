package io.guidesdk.core.recommend;

import io.guidesdk.core.text.Templates;
import java.util.Locale;
import java.util.Map;

/**
 * The text of {@code RecommendedItem.reason()} in the shop's language: {@code reasons_en.properties}
 * and {@code reasons_zh.properties} next to this class, English for any key or language without a
 * file.
 */
final class Reasons {
  static final Reasons ENGLISH = new Reasons(Locale.ENGLISH);

  private final Map<String, String> texts;

  Reasons(Locale locale) {
    this.texts = Map.copyOf(Templates.load(Reasons.class, "reasons", locale));
  }

  String format(String key, String... args) {
    String t = texts.get(key);
    if (t == null) {
      throw new IllegalStateException("no reason text '" + key + "'");
    }
    return Templates.fill(t, args);
  }

  /** "today", "yesterday", "3 days ago" in the shop's language. */
  String daysAgo(long days) {
    return days <= 0 ? format("when.today") : days == 1 ? format("when.yesterday")
        : format("when.days", "days", Long.toString(days));
  }
}
