package io.guidesdk.core.text;

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

/**
 * Shopper-facing text templates bundled per language: {@code <name>_<language>.properties} next to a
 * class, read as UTF-8 (Java's {@code ResourceBundle} reads ISO-8859-1 property files and caches per
 * class loader; these files are written in Chinese and read once per SDK). Placeholders are
 * {@code {name}}.
 */
public final class Templates {
  private Templates() {}

  /**
   * The templates for {@code locale}: the English file's, overlaid with those of the locale's language
   * when a file exists for it (so a key the translation lacks stays English).
   */
  public static Map<String, String> load(Class<?> anchor, String name, Locale locale) {
    Map<String, String> out = new LinkedHashMap<>(read(anchor, name, "en"));
    if (!locale.getLanguage().equals("en")) {
      out.putAll(read(anchor, name, locale.getLanguage()));
    }
    return out;
  }

  /** The templates of one language's file, empty when there is none. */
  public static Map<String, String> read(Class<?> anchor, String name, String language) {
    String file = file(name, language);
    InputStream in = anchor.getResourceAsStream(file);
    if (in == null) {
      return Map.of();
    }
    Properties p = new Properties();
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled templates " + file, e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    return out;
  }

  private static String file(String name, String language) {
    return name + "_" + language + ".properties";
  }

  /**
   * {@code template} with each {@code {name}} replaced by the value after that name in {@code args}
   * (name/value pairs); a placeholder without a value stays as written.
   */
  public static String fill(String template, String... args) {
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("arguments come in name/value pairs");
    }
    StringBuilder sb = new StringBuilder(template.length() + 32);
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      int close = c == '{' ? template.indexOf('}', i) : -1;
      if (close > 0) {
        String name = template.substring(i + 1, close);
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
