package io.guidesdk.core.dialogue;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.FaqEntry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Writes reply text from the shop's templates, using only the products, attribute values and FAQ
 * answers it is given, so every name and price in the text comes from the catalog or the FAQ.
 */
final class ReplyComposer {
  private final Currency currency;
  private final ReplyTemplates t;

  ReplyComposer(Currency currency, ReplyTemplates templates) {
    this.currency = currency;
    this.t = templates;
  }

  ReplyTemplates templates() {
    return t;
  }

  String products(List<Product> products, ProductFilter filter, boolean recommend, boolean personal) {
    return products(products, filter, recommend, personal, null);
  }

  /** As {@link #products(List, ProductFilter, boolean, boolean)}, saying first when they are in price order. */
  String products(List<Product> products, ProductFilter filter, boolean recommend, boolean personal,
      @Nullable PriceOrder order) {
    String byPrice = order == null ? ""
        : t.format(order == PriceOrder.CHEAPEST_FIRST ? "products.order.cheapest"
            : "products.order.dearest") + "\n";
    return byPrice + list(products, filter, recommend, personal);
  }

  private String list(List<Product> products, ProductFilter filter, boolean recommend, boolean personal) {
    String forText = forClause(filter);
    String intro = recommend ? t.format(personal ? "recommend.intro.personal" : "recommend.intro", "for", forText)
        : products.size() == 1 ? t.format("products.intro.one", "for", forText)
        : t.format("products.intro.many", "count", Integer.toString(products.size()), "for", forText);
    StringBuilder sb = new StringBuilder(intro);
    for (int i = 0; i < products.size(); i++) {
      Product p = products.get(i);
      String facts = facts(p);
      sb.append('\n').append(t.format("products.line", "n", Integer.toString(i + 1), "title", p.title(),
          "price", p.price().format(), "facts", facts.isEmpty() ? "" : " (" + facts + ")"));
      if (!p.inStock()) {
        sb.append(t.format("products.outOfStock"));
      }
    }
    return sb.toString();
  }

  String moreNone(ProductFilter filter) {
    return t.format("more.none", "for", forClause(filter));
  }

  /** "Nothing fits X; the cheapest Y is $64" or "Without the brand condition there are 4 matches; the cheapest is $80". */
  String nothingFits(ProductFilter filter, Relaxation relaxation) {
    String described = describe(filter);
    if (relaxation == null) {
      return t.format("nothing.plain", "for", forClause(filter));
    }
    if (relaxation.dropped().equals("price")) {
      return t.format("nothing.price", "constraints", described, "price", relaxation.cheapest().format());
    }
    String dropped = switch (relaxation.dropped()) {
      case "brand" -> t.format("dropped.brand");
      case "category" -> t.format("dropped.category");
      default -> t.format("dropped.attribute", "name", relaxation.dropped().replace('_', ' '));
    };
    String count = relaxation.count() == 1 ? t.format("nothing.count.one")
        : t.format("nothing.count.many", "count", Integer.toString(relaxation.count()));
    return t.format("nothing.relaxed", "constraints", described, "dropped", dropped, "count", count,
        "price", relaxation.cheapest().format());
  }

  /** What was dropped to find something, how many products then fit, and the cheapest of them. */
  record Relaxation(String dropped, int count, Money cheapest) {}

  /** Says that an amount was ignored without repeating it: no template echoes the shopper's words. */
  String ignoredPrices() {
    return t.format("price.ignored");
  }

  String greeting(boolean thanks) {
    return t.format(thanks ? "thanks" : "greeting");
  }

  String outOfScope() {
    return t.format("outOfScope");
  }

  String policy(FaqEntry entry) {
    return t.format("policy.quote", "question", entry.question(), "answer", entry.answer());
  }

  String policyNone() {
    return t.format("policy.none");
  }

  String orderHandOff(FaqEntry policy) {
    String handOff = t.format("order.handoff");
    return policy == null ? handOff : policy(policy) + "\n" + handOff;
  }

  String compare(List<Product> products) {
    return compare(products, null, 0);
  }

  /**
   * The comparison table, led by the answer where the question asks for the most or the least of a
   * numeric attribute ({@code direction} 1 or -1): "Of these, the Sennheiser Momentum 4 has the most
   * battery: 60 hours." Ties are all named.
   */
  String compare(List<Product> products, @Nullable String attribute, int direction) {
    if (products.size() < 2) {
      return t.format("compare.needTwo");
    }
    String best = attribute == null || direction == 0 ? null : best(products, attribute, direction);
    return best == null ? table(products) : best + "\n" + table(products);
  }

  private @Nullable String best(List<Product> products, String attribute, int direction) {
    Map<Product, Double> values = new java.util.LinkedHashMap<>();
    for (Product p : products) {
      p.attribute(attribute).flatMap(v -> {
        java.util.OptionalDouble n = ProductFilter.Range.numberOf(v);
        return n.isPresent() ? java.util.Optional.of(n.getAsDouble()) : java.util.Optional.empty();
      }).ifPresent(n -> values.put(p, n));
    }
    if (values.size() < 2) {
      return null; // nothing to rank by
    }
    double top = direction > 0 ? java.util.Collections.max(values.values()) : java.util.Collections.min(values.values());
    List<String> titles = values.entrySet().stream().filter(e -> e.getValue() == top).map(e -> e.getKey().title())
        .toList();
    String value = products.stream().filter(p -> values.get(p) != null && values.get(p) == top).findFirst()
        .flatMap(p -> p.attribute(attribute)).orElseThrow();
    return t.format(direction > 0 ? "compare.most" : "compare.least", "titles",
        String.join(t.format("constraint.or"), titles), "label", label(attribute), "value",
        value + unit(attribute));
  }

  private String table(List<Product> products) {
    Set<String> keys = new LinkedHashSet<>();
    products.forEach(p -> keys.addAll(p.attributes().keySet()));
    StringBuilder sb = new StringBuilder(t.format("compare.intro")).append("\n| |");
    products.forEach(p -> sb.append(' ').append(cell(p.title())).append(" |"));
    sb.append("\n|---|");
    products.forEach(p -> sb.append("---|"));
    sb.append("\n| ").append(t.format("compare.price")).append(" |");
    products.forEach(p -> sb.append(' ').append(p.price().format()).append(" |"));
    sb.append("\n| ").append(t.format("compare.brand")).append(" |");
    products.forEach(p -> sb.append(' ').append(cell(p.brand())).append(" |"));
    for (String k : keys) {
      String unit = unit(k).trim();
      sb.append("\n| ").append(label(k)).append(unit.isEmpty() ? "" : " (" + unit + ")").append(" |");
      products.forEach(p -> sb.append(' ').append(cell(p.attributes().getOrDefault(k, "—"))).append(" |"));
    }
    return sb.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "/").replace('\n', ' ');
  }

  String question(Product p, String attribute) {
    if (attribute == null) {
      return t.format("question.facts", "title", p.title(), "price", p.price().format(), "facts", allFacts(p));
    }
    if (attribute.equals("price")) {
      return t.format("question.facts", "title", p.title(), "price", p.price().format(), "facts", allFacts(p));
    }
    if (attribute.equals("in stock")) {
      return t.format("question.answer", "title", p.title(), "price", p.price().format(), "attribute",
          t.format("question.stock"), "value", t.format(p.inStock() ? "question.stock.yes" : "question.stock.no"));
    }
    String value = p.attributes().get(attribute);
    String label = label(attribute);
    if (value == null) {
      return t.format("question.missing", "title", p.title(), "price", p.price().format(), "attribute", label,
          "facts", allFacts(p));
    }
    return t.format("question.answer", "title", p.title(), "price", p.price().format(), "attribute", label,
        "value", NUMBER.matcher(value).matches() ? value + unit(attribute) : value);
  }

  String questionWhich() {
    return t.format("question.which");
  }

  List<String> suggestions(boolean shown, int count) {
    List<String> out = new ArrayList<>();
    if (shown) {
      out.add(t.format("suggest.cheaper"));
      out.add(t.format("suggest.more"));
      if (count >= 2) {
        out.add(t.format("suggest.compare"));
      }
    }
    return out;
  }

  private static String facts(Product p) {
    List<String> parts = new ArrayList<>();
    if (!p.brand().isBlank()) {
      parts.add(p.brand());
    }
    p.attribute("color").ifPresent(parts::add);
    return String.join(", ", parts);
  }

  private String allFacts(Product p) {
    List<String> parts = new ArrayList<>();
    if (!p.brand().isBlank()) {
      parts.add(t.format("compare.brand") + " " + p.brand());
    }
    p.attributes().forEach((k, v) -> parts.add(label(k) + " " + v + (NUMBER.matcher(v).matches() ? unit(k) : "")));
    return String.join("; ", parts);
  }

  private String forClause(ProductFilter filter) {
    String d = describe(filter);
    return d.isEmpty() ? "" : t.format("for", "constraints", d);
  }

  /** The constraints in words, e.g. "black, Nike, running shoes, up to $100, not Adidas". */
  String describe(ProductFilter f) {
    List<String> parts = new ArrayList<>();
    String or = t.format("constraint.or");
    for (Map.Entry<String, Set<String>> e : f.attributes().entrySet()) {
      if (e.getValue().equals(Set.of("yes"))) {
        parts.add(e.getKey().replace('_', ' '));
      } else if (e.getValue().equals(Set.of("no"))) {
        parts.add(t.format("constraint.not", "values", e.getKey().replace('_', ' ')));
      } else if (e.getKey().equals("size_range") || e.getKey().equals("sizes")) {
        parts.add("sizes " + String.join(or, e.getValue()));
      } else {
        parts.add(values(e.getKey(), e.getValue(), or));
      }
    }
    f.attributeRanges().forEach((name, r) -> parts.add(label(name) + " " + bounds(r, name)));
    if (!f.brands().isEmpty()) {
      parts.add(String.join(or, f.brands()));
    }
    if (!f.categories().isEmpty()) {
      parts.add(String.join(or, f.categories()).toLowerCase(Locale.ROOT));
    }
    if (f.minPrice() != null || f.maxPrice() != null) {
      parts.add(bounds(f.minPrice(), f.maxPrice(), this::money));
    }
    if (!f.excludedBrands().isEmpty()) {
      parts.add(t.format("constraint.not", "values", String.join(or, f.excludedBrands())));
    }
    for (Map.Entry<String, Set<String>> e : f.excludedAttributes().entrySet()) {
      parts.add(t.format("constraint.not", "values", values(e.getKey(), e.getValue(), or)));
    }
    return String.join(t.format("constraint.sep"), parts);
  }

  /** A range on attribute {@code name}: "up to 2 kg", "under 2 kg", "over 10 and up to 20 days". */
  private String bounds(ProductFilter.Range r, String name) {
    Function<BigDecimal, String> write = v -> v.stripTrailingZeros().toPlainString() + unit(name);
    if (!r.minExclusive() && !r.maxExclusive()) {
      return bounds(r.min(), r.max(), write);
    }
    String from = r.min() == null ? null : r.minExclusive() ? t.format("constraint.above", "min", write.apply(r.min()))
        : bounds(r.min(), null, write);
    String to = r.max() == null ? null : r.maxExclusive() ? t.format("constraint.below", "max", write.apply(r.max()))
        : bounds(null, r.max(), write);
    if (from == null || to == null) {
      return from == null ? to : from;
    }
    return t.format("constraint.both", "min", from, "max", to);
  }

  /** "between 10 and 20", "up to 20" or "from 10", in the reply's language; at least one bound is set. */
  private String bounds(@Nullable BigDecimal min, @Nullable BigDecimal max, Function<BigDecimal, String> write) {
    if (min != null && max != null) {
      return t.format("constraint.between", "min", write.apply(min), "max", write.apply(max));
    }
    return max != null ? t.format("constraint.max", "max", write.apply(max))
        : t.format("constraint.min", "min", write.apply(Objects.requireNonNull(min, "min")));
  }

  /** Units by how attribute names end ({@code thickness_mm}), as a reply writes them after a number. */
  private static final Map<String, String> UNITS = Map.ofEntries(Map.entry("_mm", " mm"), Map.entry("_f", " °F"),
      Map.entry("_in", " in"), Map.entry("_l", " L"), Map.entry("_oz", " oz"), Map.entry("_lb", " lb"),
      Map.entry("_kg", " kg"), Map.entry("_g", " g"), Map.entry("_gb", " GB"), Map.entry("_hours", " hours"),
      Map.entry("_days", " days"), Map.entry("_w", " W"));
  private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:[.,]\\d+)?(?:-\\d+(?:\\.\\d+)?)?");

  /**
   * An attribute's values as a reply names them: words as they are ("black", "espresso"), numbers with
   * the attribute's name and unit, which a bare number lacks ("capacity 4", "thickness 6 mm", "temp
   * rating 0 °F" rather than "4", "6", "0").
   */
  static String values(String name, Set<String> values, String or) {
    if (values.isEmpty() || !values.stream().allMatch(v -> NUMBER.matcher(v).matches())) {
      return String.join(or, values);
    }
    String label = label(name);
    String unit = unit(name);
    if (values.stream().allMatch(v -> PLAIN_NUMBER.matcher(v).matches())) {
      List<String> sorted = values.stream().sorted(Comparator.comparing(BigDecimal::new)).toList();
      if (sorted.size() >= 3) { // a bound asked for ("at least 16 GB") arrives as every value on its side
        return label + " " + sorted.get(0) + "–" + sorted.get(sorted.size() - 1) + unit;
      }
      return label + " " + String.join(or, sorted) + unit;
    }
    return label + " " + String.join(or, values) + unit;
  }

  /** An attribute's name as a reply writes it: without its unit, spaces for underscores ("weight" for weight_g). */
  static String label(String name) {
    String suffix = unitSuffix(name);
    return (suffix == null ? name : name.substring(0, name.length() - suffix.length())).replace('_', ' ');
  }

  /** The unit an attribute's name ends in, as written after a number (" g" for weight_g), or "". */
  static String unit(String name) {
    String suffix = unitSuffix(name);
    return suffix == null ? "" : UNITS.get(suffix);
  }

  private static @Nullable String unitSuffix(String name) {
    for (String suffix : UNITS.keySet()) {
      if (name.endsWith(suffix) && name.length() > suffix.length()) {
        return suffix;
      }
    }
    return null;
  }

  String money(BigDecimal amount) {
    return new Money(amount, currency).format();
  }
}
