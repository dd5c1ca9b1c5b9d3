package io.guidesdk.core.llm;

import io.guidesdk.core.catalog.Catalog;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The catalog's real categories, brands and attribute values, looked up case-insensitively. */
final class Vocabulary {
  final Catalog catalog;
  private final Map<String, String> categories = new HashMap<>();
  private final Map<String, String> brands = new HashMap<>();
  private final Map<String, Map<String, String>> attributes = new HashMap<>();
  final Set<String> words = new HashSet<>();

  Vocabulary(Catalog catalog) {
    this.catalog = catalog;
    catalog.categories().forEach(c -> put(categories, c));
    catalog.brands().forEach(b -> put(brands, b));
    catalog.attributeValues().forEach((name, values) -> {
      Map<String, String> m = new HashMap<>();
      values.forEach(v -> put(m, v));
      attributes.put(name.toLowerCase(Locale.ROOT), m);
      words.addAll(GroundingValidator.words(name.toLowerCase(Locale.ROOT).replace('_', ' ')));
    });
  }

  private void put(Map<String, String> map, String value) {
    map.put(value.toLowerCase(Locale.ROOT), value);
    words.addAll(GroundingValidator.words(value.toLowerCase(Locale.ROOT)));
  }

  Optional<String> category(String s) {
    return Optional.ofNullable(categories.get(s.toLowerCase(Locale.ROOT).trim()));
  }

  Optional<String> brand(String s) {
    return Optional.ofNullable(brands.get(s.toLowerCase(Locale.ROOT).trim()));
  }

  boolean hasAttribute(String name) {
    return attributes.containsKey(name.toLowerCase(Locale.ROOT));
  }

  Optional<String> attributeValue(String name, String value) {
    Map<String, String> m = attributes.get(name.toLowerCase(Locale.ROOT));
    return m == null ? Optional.empty() : Optional.ofNullable(m.get(value.toLowerCase(Locale.ROOT).trim()));
  }

  /** A compact listing for the interpreter's prompt (attribute values capped per attribute). */
  String describe(int maxValuesPerAttribute) {
    StringBuilder sb = new StringBuilder();
    sb.append("categories: ").append(String.join(", ", catalog.categories())).append('\n');
    sb.append("brands: ").append(String.join(", ", catalog.brands())).append('\n');
    sb.append("attributes:\n");
    catalog.attributeValues().forEach((name, values) -> {
      if (values.size() <= maxValuesPerAttribute) {
        sb.append("  ").append(name).append(": ").append(String.join(", ", values)).append('\n');
      }
    });
    if (!catalog.numericAttributes().isEmpty()) {
      sb.append("numeric attributes (attribute_ranges): ").append(String.join(", ", catalog.numericAttributes()))
          .append('\n');
    }
    return sb.toString();
  }
}
