package io.guidesdk;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Hard constraints on products: a product either satisfies all of them or is not shown. Used as the
 * filters of a {@link RecommendRequest} and as the constraints a {@link ChatReply} understood.
 *
 * <p>Within one set, values are alternatives ({@code brands = {Nike, Asics}} means either brand);
 * across fields they all apply. Matching of categories, brands and attribute values ignores case;
 * attribute names match as written.
 * A category matches a product when it equals any element of the product's category path, so a top
 * category selects its whole subtree.
 *
 * <p>An attribute whose values are numbers ({@code weight_g=265}, {@code oven_safe_f=500}) can also be
 * bounded with a {@link Range}: {@code attributeAtLeast("oven_safe_f", 500)} lets through every product
 * whose value is 500 or more, including values added to the catalog later ({@code attributeBelow}
 * and {@code attributeAbove} leave the bound itself out). A value counts as a number
 * when it is a decimal number, optionally signed and followed by a unit in letters ({@code 10 atm},
 * {@code 500°F}); see {@link Range#numberOf}. A product whose value is missing or not a number fails a
 * range, as a missing value fails a value set.
 *
 * @param minPrice the lowest price allowed, inclusive; {@code null} for no bound
 * @param maxPrice the highest price allowed, inclusive; {@code null} for no bound
 * @param categories the allowed categories; empty for any
 * @param brands the allowed brands; empty for any
 * @param excludedBrands brands never shown
 * @param attributes for each attribute name, the allowed values
 * @param excludedAttributes for each attribute name, values never shown
 * @param attributeRanges for each attribute name, the numeric range its value must fall in
 * @param inStockOnly whether out-of-stock products are left out
 */
public record ProductFilter(
    @Nullable BigDecimal minPrice,
    @Nullable BigDecimal maxPrice,
    Set<String> categories,
    Set<String> brands,
    Set<String> excludedBrands,
    Map<String, Set<String>> attributes,
    Map<String, Set<String>> excludedAttributes,
    Map<String, Range> attributeRanges,
    boolean inStockOnly) {

  private static final ProductFilter NONE =
      new ProductFilter(null, null, Set.of(), Set.of(), Set.of(), Map.of(), Map.of(), Map.of(), false);

  public ProductFilter {
    if (minPrice != null && minPrice.signum() < 0) {
      throw new IllegalArgumentException("minPrice must not be negative: " + minPrice.toPlainString());
    }
    if (maxPrice != null && maxPrice.signum() < 0) {
      throw new IllegalArgumentException("maxPrice must not be negative: " + maxPrice.toPlainString());
    }
    categories = copy(categories, "categories");
    brands = copy(brands, "brands");
    excludedBrands = copy(excludedBrands, "excludedBrands");
    attributes = copy(attributes, "attributes");
    excludedAttributes = copy(excludedAttributes, "excludedAttributes");
    Map<String, Range> ranges = new LinkedHashMap<>();
    Objects.requireNonNull(attributeRanges, "attributeRanges").forEach((k, v) -> ranges.put(Objects.requireNonNull(k, "attribute name"),
        Objects.requireNonNull(v, () -> "range of attribute " + k)));
    attributeRanges = Collections.unmodifiableMap(ranges);
  }

  /** A filter without attribute ranges: the constructor before ranges existed, kept for its callers. */
  public ProductFilter(
      @Nullable BigDecimal minPrice,
      @Nullable BigDecimal maxPrice,
      Set<String> categories,
      Set<String> brands,
      Set<String> excludedBrands,
      Map<String, Set<String>> attributes,
      Map<String, Set<String>> excludedAttributes,
      boolean inStockOnly) {
    this(minPrice, maxPrice, categories, brands, excludedBrands, attributes, excludedAttributes, Map.of(), inStockOnly);
  }

  /** The filter that lets every product through. */
  public static ProductFilter none() {
    return NONE;
  }

  /** A builder starting from no constraint. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this filter's constraints. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.minPrice = minPrice;
    b.maxPrice = maxPrice;
    b.categories.addAll(categories);
    b.brands.addAll(brands);
    b.excludedBrands.addAll(excludedBrands);
    attributes.forEach((k, v) -> b.attributes.put(k, new LinkedHashSet<>(v)));
    excludedAttributes.forEach((k, v) -> b.excludedAttributes.put(k, new LinkedHashSet<>(v)));
    b.attributeRanges.putAll(attributeRanges);
    b.inStockOnly = inStockOnly;
    return b;
  }

  /**
   * Whether the price bounds leave no possible price (minimum above maximum), or an attribute range
   * leaves no possible value.
   */
  public boolean isContradictory() {
    return minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0
        || attributeRanges.values().stream().anyMatch(Range::isEmpty);
  }

  /** Whether this filter constrains nothing. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /** Whether the product satisfies every constraint. */
  public boolean test(Product product) {
    Objects.requireNonNull(product, "product");
    if (inStockOnly && !product.inStock()) {
      return false;
    }
    BigDecimal price = product.price().amount();
    if (minPrice != null && price.compareTo(minPrice) < 0) {
      return false;
    }
    if (maxPrice != null && price.compareTo(maxPrice) > 0) {
      return false;
    }
    if (!categories.isEmpty() && product.categoryPath().stream().noneMatch(c -> containsIgnoreCase(categories, c))) {
      return false;
    }
    if (!brands.isEmpty() && !containsIgnoreCase(brands, product.brand())) {
      return false;
    }
    if (containsIgnoreCase(excludedBrands, product.brand())) {
      return false;
    }
    for (Map.Entry<String, Set<String>> e : attributes.entrySet()) {
      String value = product.attributes().get(e.getKey());
      if (value == null || !containsIgnoreCase(e.getValue(), value)) {
        return false;
      }
    }
    for (Map.Entry<String, Set<String>> e : excludedAttributes.entrySet()) {
      String value = product.attributes().get(e.getKey());
      if (value != null && containsIgnoreCase(e.getValue(), value)) {
        return false;
      }
    }
    for (Map.Entry<String, Range> e : attributeRanges.entrySet()) {
      String value = product.attributes().get(e.getKey());
      if (value == null || !e.getValue().contains(value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsIgnoreCase(Set<String> values, String value) {
    for (String v : values) {
      if (v.equalsIgnoreCase(value)) {
        return true;
      }
    }
    return false;
  }

  /** An immutable copy of {@code values}; a null set or element is named ("brands must not contain null"). */
  private static Set<String> copy(Set<String> values, String field) {
    Objects.requireNonNull(values, field);
    if (values.stream().anyMatch(Objects::isNull)) {
      throw new NullPointerException(field + " must not contain null");
    }
    return Set.copyOf(values);
  }

  private static Map<String, Set<String>> copy(Map<String, Set<String>> map, String field) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    Objects.requireNonNull(map, field).forEach((k, v) -> {
      Objects.requireNonNull(k, () -> field + " must not contain a null attribute name");
      Set<String> values = copy(v, field + " of " + k);
      if (!values.isEmpty()) {
        out.put(k, values);
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /**
   * Numeric bounds on an attribute's value; either end may be open ({@code null}), not both, and each
   * end is inclusive unless marked exclusive ("lighter than 2 kg" leaves 2 kg out and lets 1.95 kg
   * through). Bounds are compared as {@code double}s, the same way the search index compares them.
   *
   * @param min the lowest value allowed; {@code null} for no lower bound
   * @param max the highest value allowed; {@code null} for no upper bound
   * @param minExclusive whether {@code min} itself is left out; must be {@code false} when {@code min}
   *     is {@code null}
   * @param maxExclusive whether {@code max} itself is left out; must be {@code false} when {@code max}
   *     is {@code null}
   */
  public record Range(
      @Nullable BigDecimal min, @Nullable BigDecimal max, boolean minExclusive, boolean maxExclusive) {
    /**
     * A decimal number, optionally signed, then optionally a unit that starts with a letter, a degree
     * sign or a percent sign. Hand-written: the one format the catalogs' attribute values use.
     */
    private static final Pattern NUMBER =
        Pattern.compile("\\s*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(?:\\s*[\\p{L}°%][\\p{L}°%. ]*)?\\s*");

    public Range {
      if (min == null && max == null) {
        throw new IllegalArgumentException("a range needs a min, a max or both");
      }
      if (minExclusive && min == null) {
        throw new IllegalArgumentException("minExclusive needs a min");
      }
      if (maxExclusive && max == null) {
        throw new IllegalArgumentException("maxExclusive needs a max");
      }
    }

    /** Inclusive bounds: values from {@code min} to {@code max}, either end open ({@code null}). */
    public Range(@Nullable BigDecimal min, @Nullable BigDecimal max) {
      this(min, max, false, false);
    }

    /** Values of {@code min} or more. */
    public static Range atLeast(BigDecimal min) {
      return new Range(Objects.requireNonNull(min, "min"), null);
    }

    /** Values of {@code max} or less. */
    public static Range atMost(BigDecimal max) {
      return new Range(null, Objects.requireNonNull(max, "max"));
    }

    /** Values above {@code min}, {@code min} itself left out ("more than 10 days"). */
    public static Range above(BigDecimal min) {
      return new Range(Objects.requireNonNull(min, "min"), null, true, false);
    }

    /** Values below {@code max}, {@code max} itself left out ("lighter than 2 kg"). */
    public static Range below(BigDecimal max) {
      return new Range(null, Objects.requireNonNull(max, "max"), false, true);
    }

    /** Values from {@code min} to {@code max}, both inclusive. */
    public static Range between(BigDecimal min, BigDecimal max) {
      return new Range(Objects.requireNonNull(min, "min"), Objects.requireNonNull(max, "max"));
    }

    /** The lower bound as a double: negative infinity when open; see {@link #minExclusive}. */
    public double lower() {
      return min == null ? Double.NEGATIVE_INFINITY : min.doubleValue();
    }

    /** The upper bound as a double: positive infinity when open; see {@link #maxExclusive}. */
    public double upper() {
      return max == null ? Double.POSITIVE_INFINITY : max.doubleValue();
    }

    /**
     * The smallest double the range admits: {@link #lower} itself, or the next double above it when
     * the lower bound is exclusive. With {@link #highest} it turns the range into an inclusive one over
     * doubles, as an index's range query takes it.
     */
    public double lowest() {
      return minExclusive ? Math.nextUp(lower()) : lower();
    }

    /** The largest double the range admits: {@link #upper}, or the next double below it when exclusive. */
    public double highest() {
      return maxExclusive ? Math.nextDown(upper()) : upper();
    }

    /** Whether no number satisfies both bounds (min above max, or equal with either end exclusive). */
    public boolean isEmpty() {
      return lowest() > highest();
    }

    /** Whether {@code value} is within the bounds. */
    public boolean contains(double value) {
      return value >= lowest() && value <= highest();
    }

    /** Whether the attribute value {@code value} is a number (see {@link #numberOf}) within the bounds. */
    public boolean contains(String value) {
      OptionalDouble v = numberOf(value);
      return v.isPresent() && contains(v.getAsDouble());
    }

    /**
     * The number an attribute value holds: {@code "265"} 265, {@code "-5"} −5, {@code "10 atm"} 10,
     * {@code "500°F"} 500; empty for values that are not a number with an optional unit, such as
     * {@code "7-14"}, {@code "3-season"} or {@code "grey"}.
     */
    public static OptionalDouble numberOf(String value) {
      Matcher m = NUMBER.matcher(Objects.requireNonNull(value, "value"));
      return m.matches() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    /** {@code "≥ 16"}, {@code "< 2"}, {@code "10–20"}, {@code "> 1 and ≤ 5"}. */
    @Override
    public String toString() {
      String from = min == null ? null : (minExclusive ? "> " : "≥ ") + min.toPlainString();
      String to = max == null ? null : (maxExclusive ? "< " : "≤ ") + max.toPlainString();
      if (from == null || to == null) {
        return from == null ? to : from;
      }
      return minExclusive || maxExclusive ? from + " and " + to : min.toPlainString() + "–" + max.toPlainString();
    }
  }

  /** Builds a {@link ProductFilter}. */
  public static final class Builder {
    private @Nullable BigDecimal minPrice;
    private @Nullable BigDecimal maxPrice;
    private final Set<String> categories = new LinkedHashSet<>();
    private final Set<String> brands = new LinkedHashSet<>();
    private final Set<String> excludedBrands = new LinkedHashSet<>();
    private final Map<String, Set<String>> attributes = new LinkedHashMap<>();
    private final Map<String, Set<String>> excludedAttributes = new LinkedHashMap<>();
    private final Map<String, Range> attributeRanges = new LinkedHashMap<>();
    private boolean inStockOnly;

    private Builder() {}

    public Builder minPrice(@Nullable BigDecimal minPrice) {
      this.minPrice = minPrice;
      return this;
    }

    public Builder maxPrice(@Nullable BigDecimal maxPrice) {
      this.maxPrice = maxPrice;
      return this;
    }

    public Builder maxPrice(double maxPrice) {
      return maxPrice(price(maxPrice, "maxPrice"));
    }

    public Builder minPrice(double minPrice) {
      return minPrice(price(minPrice, "minPrice"));
    }

    private static BigDecimal price(double v, String field) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(field + " must be a finite number: " + v);
      }
      return BigDecimal.valueOf(v);
    }

    public Builder category(String category) {
      categories.add(Objects.requireNonNull(category, "category"));
      return this;
    }

    public Builder clearCategories() {
      categories.clear();
      return this;
    }

    public Builder brand(String brand) {
      brands.add(Objects.requireNonNull(brand, "brand"));
      return this;
    }

    public Builder clearBrands() {
      brands.clear();
      return this;
    }

    public Builder excludeBrand(String brand) {
      excludedBrands.add(Objects.requireNonNull(brand, "brand"));
      return this;
    }

    public Builder attribute(String name, String value) {
      attributes.computeIfAbsent(Objects.requireNonNull(name, "name"), k -> new LinkedHashSet<>())
          .add(Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder clearAttribute(String name) {
      attributes.remove(Objects.requireNonNull(name, "name"));
      return this;
    }

    public Builder excludeAttribute(String name, String value) {
      excludedAttributes.computeIfAbsent(Objects.requireNonNull(name, "name"), k -> new LinkedHashSet<>())
          .add(Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Bounds the numeric value of attribute {@code name}, replacing any range set for it before. */
    public Builder attributeRange(String name, Range range) {
      attributeRanges.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(range, "range"));
      return this;
    }

    /** Only products whose attribute {@code name} is a number of {@code min} or more. */
    public Builder attributeAtLeast(String name, double min) {
      return attributeRange(name, Range.atLeast(decimal(min)));
    }

    /** Only products whose attribute {@code name} is a number of {@code max} or less. */
    public Builder attributeAtMost(String name, double max) {
      return attributeRange(name, Range.atMost(decimal(max)));
    }

    /** Only products whose attribute {@code name} is a number above {@code min}, {@code min} left out. */
    public Builder attributeAbove(String name, double min) {
      return attributeRange(name, Range.above(decimal(min)));
    }

    /** Only products whose attribute {@code name} is a number below {@code max}, {@code max} left out. */
    public Builder attributeBelow(String name, double max) {
      return attributeRange(name, Range.below(decimal(max)));
    }

    /** Only products whose attribute {@code name} is a number from {@code min} to {@code max}. */
    public Builder attributeBetween(String name, double min, double max) {
      return attributeRange(name, Range.between(decimal(min), decimal(max)));
    }

    /** {@code 500.0} as 500, so a range reads as it was asked for; NaN and infinities are refused. */
    private static BigDecimal decimal(double v) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("a range bound must be a finite number: " + v);
      }
      return BigDecimal.valueOf(v).stripTrailingZeros();
    }

    public Builder clearAttributeRange(String name) {
      attributeRanges.remove(Objects.requireNonNull(name, "name"));
      return this;
    }

    public Builder inStockOnly(boolean inStockOnly) {
      this.inStockOnly = inStockOnly;
      return this;
    }

    public ProductFilter build() {
      return new ProductFilter(
          minPrice, maxPrice, categories, brands, excludedBrands, attributes, excludedAttributes, attributeRanges,
          inStockOnly);
    }
  }
}
