package io.guidesdk.core.dialogue;

import io.guidesdk.core.text.Templates;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The reply templates in force: the bundled file for the configured language
 * ({@code templates_en.properties}, {@code templates_zh.properties}), English for any key it lacks,
 * then the shop's overrides. Placeholders are {@code {name}}; unknown placeholders stay as written.
 */
final class ReplyTemplates {
  static final Locale DEFAULT_LOCALE = Locale.ENGLISH;
  private static final String NAME = "templates";
  private final Map<String, String> templates;
  private final Locale locale;

  private ReplyTemplates(Map<String, String> templates, Locale locale) {
    this.templates = templates;
    this.locale = locale;
  }

  static ReplyTemplates of(Locale locale, Map<String, String> overrides) {
    Map<String, String> out = Templates.load(ReplyTemplates.class, NAME, locale);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      if (!out.containsKey(e.getKey())) {
        throw new IllegalArgumentException("unknown reply template key '" + e.getKey() + "'; known keys: "
            + new TreeSet<>(out.keySet()));
      }
      out.put(e.getKey(), e.getValue());
    }
    return new ReplyTemplates(Map.copyOf(out), locale);
  }

  Locale locale() {
    return locale;
  }

  /** The template for {@code key} with each {@code {name}} replaced by the value after it in {@code args}. */
  String format(String key, String... args) {
    String t = templates.get(key);
    if (t == null) {
      throw new IllegalStateException("no reply template '" + key + "'");
    }
    return Templates.fill(t, args);
  }
}
