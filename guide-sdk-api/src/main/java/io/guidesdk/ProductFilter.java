package io.guidesdk;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Hard constraints on products: a product either satisfies all of them or is not shown. Used as the
 * filters of a {@link RecommendRequest} and as the constraints a {@link ChatReply} understood.
 *
 * <p>Within one set, values are alternatives ({@code brands = {Nike, Asics}} means either brand);
 * across fields they all apply. Matching of categories, brands and attribute values ignores case.
 * A category matches a product when it equals any element of the product's category path, so a top
 * category selects its whole subtree.
 *
 * @param minPrice the lowest price allowed, inclusive; {@code null} for no bound
 * @param maxPrice the highest price allowed, inclusive; {@code null} for no bound
 * @param categories the allowed categories; empty for any
 * @param brands the allowed brands; empty for any
 * @param excludedBrands brands never shown
 * @param attributes for each attribute name, the allowed values
 * @param excludedAttributes for each attribute name, values never shown
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
    boolean inStockOnly) {

  private static final ProductFilter NONE =
      new ProductFilter(null, null, Set.of(), Set.of(), Set.of(), Map.of(), Map.of(), false);

  public ProductFilter {
    if (minPrice != null && minPrice.signum() < 0) {
      throw new IllegalArgumentException("minPrice must not be negative: " + minPrice.toPlainString());
    }
    if (maxPrice != null && maxPrice.signum() < 0) {
      throw new IllegalArgumentException("maxPrice must not be negative: " + maxPrice.toPlainString());
    }
    categories = Set.copyOf(categories);
    brands = Set.copyOf(brands);
    excludedBrands = Set.copyOf(excludedBrands);
    attributes = copy(attributes);
    excludedAttributes = copy(excludedAttributes);
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
    b.inStockOnly = inStockOnly;
    return b;
  }

  /** Whether the price bounds leave no possible price (minimum above maximum). */
  public boolean isContradictory() {
    return minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0;
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

  private static Map<String, Set<String>> copy(Map<String, Set<String>> map) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      Objects.requireNonNull(k, "attribute name");
      if (!v.isEmpty()) {
        out.put(k, Set.copyOf(v));
      }
    });
    return Collections.unmodifiableMap(out);
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
      return maxPrice(BigDecimal.valueOf(maxPrice));
    }

    public Builder minPrice(double minPrice) {
      return minPrice(BigDecimal.valueOf(minPrice));
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

    public Builder inStockOnly(boolean inStockOnly) {
      this.inStockOnly = inStockOnly;
      return this;
    }

    public ProductFilter build() {
      return new ProductFilter(
          minPrice, maxPrice, categories, brands, excludedBrands, attributes, excludedAttributes, inStockOnly);
    }
  }
}
