package io.guidesdk.core.dialogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The reply templates in force: the bundled file for the configured language
 * ({@code templates_en.properties}, {@code templates_zh.properties}), English for any key it lacks,
 * then the shop's overrides. Placeholders are {@code {name}}; unknown placeholders stay as written.
 */
final class ReplyTemplates {
  static final Locale DEFAULT_LOCALE = Locale.ENGLISH;
  private final Map<String, String> templates;
  private final Locale locale;

  private ReplyTemplates(Map<String, String> templates, Locale locale) {
    this.templates = templates;
    this.locale = locale;
  }

  static ReplyTemplates of(Locale locale, Map<String, String> overrides) {
    Map<String, String> out = new LinkedHashMap<>(load("en"));
    if (!locale.getLanguage().equals("en")) {
      out.putAll(load(locale.getLanguage()));
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      if (!out.containsKey(e.getKey())) {
        throw new IllegalArgumentException("unknown reply template key '" + e.getKey() + "'; known keys: "
            + new TreeSet<>(out.keySet()));
      }
      out.put(e.getKey(), e.getValue());
    }
    return new ReplyTemplates(Map.copyOf(out), locale);
  }

  /** Whether a bundled template file exists for this language. */
  static boolean bundled(Locale locale) {
    return ReplyTemplates.class.getResource(file(locale.getLanguage())) != null;
  }

  static Map<String, String> load(String language) {
    String name = file(language);
    InputStream in = ReplyTemplates.class.getResourceAsStream(name);
    if (in == null) {
      return Map.of();
    }
    Properties p = new Properties();
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled reply templates " + name, e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    return out;
  }

  private static String file(String language) {
    return "templates_" + language + ".properties";
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
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("arguments come in name/value pairs");
    }
    StringBuilder sb = new StringBuilder(t.length() + 32);
    int i = 0;
    while (i < t.length()) {
      char c = t.charAt(i);
      int close = c == '{' ? t.indexOf('}', i) : -1;
      if (close > 0) {
        String name = t.substring(i + 1, close);
        String value = null;
        for (int a = 0; a < args.length; a += 2) {
          if (args[a].equals(name)) {
            value = args[a + 1];
            break;
          }
        }
        if (value != null) {
          sb.append(value);
          i = close + 1;
          continue;
        }
      }
      sb.append(c);
      i++;
    }
    return sb.toString();
  }
}
