package io.guidesdk.core.retrieval;

import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.Catalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Explains filters that can match nothing: contradictory price or attribute bounds; brands, categories,
 * attributes or attribute values the catalog does not have, with the nearest known values as
 * suggestions; and numeric ranges on attributes that hold no numbers.
 */
public final class FilterCheck {
  private static final int SUGGESTIONS = 3;

  private FilterCheck() {}

  /** One message per problem; empty when the filter is satisfiable by the catalog's vocabulary. */
  public static List<String> problems(Catalog catalog, ProductFilter filter) {
    List<String> out = new ArrayList<>();
    if (filter.minPrice() != null && filter.maxPrice() != null && filter.minPrice().compareTo(filter.maxPrice()) > 0) {
      out.add("price filter is contradictory: minPrice " + filter.minPrice().toPlainString() + " is above maxPrice "
          + filter.maxPrice().toPlainString());
    }
    for (String c : filter.categories()) {
      if (!catalog.categories().contains(c)) {
        out.add(unknown("category", c, catalog.categories()));
      }
    }
    for (String b : filter.brands()) {
      if (!catalog.brands().contains(b)) {
        out.add(unknown("brand", b, catalog.brands()));
      }
    }
    for (Map.Entry<String, Set<String>> e : filter.attributes().entrySet()) {
      Set<String> known = catalog.attributeValues().get(e.getKey());
      if (known == null) {
        out.add(unknown("attribute", e.getKey(), catalog.attributeValues().keySet()));
        continue;
      }
      for (String v : e.getValue()) {
        if (!known.contains(v.toLowerCase(Locale.ROOT))) {
          out.add(unknown("value of attribute " + e.getKey(), v, known));
        }
      }
    }
    for (Map.Entry<String, ProductFilter.Range> e : filter.attributeRanges().entrySet()) {
      String name = e.getKey();
      ProductFilter.Range range = e.getValue();
      Set<String> known = catalog.attributeValues().get(name);
      if (known == null) {
        out.add(unknown("attribute", name, catalog.numericAttributes()));
      } else if (range.isEmpty()) {
        out.add("range of attribute " + name + " is contradictory: " + (range.lower() > range.upper()
            ? "min " + range.min().toPlainString() + " is above max " + range.max().toPlainString()
            : "no value is " + range));
      } else if (!catalog.numericAttributes().contains(name)) {
        out.add("attribute " + name + " has no numeric values to compare with " + range + " (values: "
            + String.join(", ", known.stream().sorted().limit(5).toList()) + (known.size() > 5 ? ", …" : "") + ")");
      }
    }
    return out;
  }

  private static String unknown(String what, String value, Collection<String> known) {
    List<String> near = nearest(value, known, SUGGESTIONS);
    return "unknown " + what + " '" + value + "'" + (near.isEmpty() ? "" : "; did you mean " + String.join(", ", near)
        + "?");
  }

  /** The known values closest to {@code value} by edit distance (case-insensitive), at most {@code n}. */
  public static List<String> nearest(String value, Collection<String> known, int n) {
    String v = value.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, v.length() / 2);
    return known.stream()
        .map(k -> Map.entry(k, distance(v, k.toLowerCase(Locale.ROOT))))
        .filter(e -> e.getValue() <= limit || e.getKey().toLowerCase(Locale.ROOT).contains(v))
        .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * Levenshtein distance. Hand-written (a dozen lines) rather than pulling in commons-text or
   * lucene-suggest for one function.
   */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

}
