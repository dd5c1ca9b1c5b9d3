package io.guidesdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A product of the shop's catalog. Immutable.
 *
 * @param id the shop's unique product id (at most 256 characters, no control characters)
 * @param title the product's name as shown to shoppers
 * @param description free text; may be empty
 * @param categoryPath the category from the root down, e.g. {@code [Shoes, Running Shoes]}; may be empty
 * @param brand the brand; may be empty
 * @param price the current price
 * @param attributes further facts as name to value (e.g. {@code color=black}); names are lower case
 * @param inStock whether it can be bought now
 * @param popularity a non-negative popularity prior (e.g. recent sales count) used before any feedback
 */
public record Product(
    String id,
    String title,
    String description,
    List<String> categoryPath,
    String brand,
    Money price,
    Map<String, String> attributes,
    boolean inStock,
    double popularity) {

  public static final int MAX_ID_LENGTH = 256;

  public Product {
    Checks.requireId(id, "id", MAX_ID_LENGTH);
    Checks.requireText(title, "title");
    Objects.requireNonNull(description, "description");
    categoryPath = List.copyOf(categoryPath);
    Objects.requireNonNull(brand, "brand");
    Objects.requireNonNull(price, "price");
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    attributes.forEach((k, v) -> {
      Objects.requireNonNull(k, "attribute name");
      Objects.requireNonNull(v, "attribute value");
    });
    if (!(popularity >= 0) || Double.isInfinite(popularity)) {
      throw new IllegalArgumentException("popularity must be a finite number >= 0: " + popularity);
    }
  }

  /** The deepest category, or the empty string when the product has none. */
  public String category() {
    return categoryPath.isEmpty() ? "" : categoryPath.get(categoryPath.size() - 1);
  }

  /** The value of one attribute. */
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /** A builder, for code and tests that set a few fields. */
  public static Builder builder(String id, String title, Money price) {
    return new Builder(id, title, price);
  }

  /** Builds a {@link Product}; unset fields are empty, in stock, popularity 0. */
  public static final class Builder {
    private final String id;
    private final String title;
    private final Money price;
    private String description = "";
    private List<String> categoryPath = List.of();
    private String brand = "";
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private boolean inStock = true;
    private double popularity;

    private Builder(String id, String title, Money price) {
      this.id = id;
      this.title = title;
      this.price = price;
    }

    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    public Builder category(String... path) {
      this.categoryPath = List.of(path);
      return this;
    }

    public Builder brand(String brand) {
      this.brand = Objects.requireNonNull(brand, "brand");
      return this;
    }

    public Builder attribute(String name, String value) {
      attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder inStock(boolean inStock) {
      this.inStock = inStock;
      return this;
    }

    public Builder popularity(double popularity) {
      this.popularity = popularity;
      return this;
    }

    public Product build() {
      return new Product(id, title, description, categoryPath, brand, price, attributes, inStock, popularity);
    }
  }
}
