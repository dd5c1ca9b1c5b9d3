package io.guidesdk.core.catalog;

import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable set of products with lookup by id and the vocabularies the guide understands: the
 * catalog's own brands, categories and attribute values. All its products are priced in one currency,
 * so that prices compare and a price bound means one thing.
 */
public final class Catalog {
  private final List<Product> products;
  private final Map<String, Product> byId;
  private final Map<String, Integer> positions;
  private final Set<String> brands;
  private final Set<String> categories;
  private final Map<String, Set<String>> attributeValues;
  private final Set<String> numericAttributes;

  private Catalog(List<Product> products) {
    this.products = List.copyOf(products);
    Map<String, Product> ids = new LinkedHashMap<>();
    Map<String, Integer> pos = new LinkedHashMap<>();
    Set<String> brandSet = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    Set<String> categorySet = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, Set<String>> values = new TreeMap<>();
    Product first = null;
    for (int i = 0; i < this.products.size(); i++) {
      Product p = this.products.get(i);
      if (ids.putIfAbsent(p.id(), p) != null) {
        throw new IllegalArgumentException("duplicate product id: " + p.id());
      }
      Currency currency = p.price().currency();
      if (first == null) {
        first = p;
      } else if (!currency.equals(first.price().currency())) {
        throw new IllegalArgumentException("product " + p.id() + " is priced in " + currency + " but the catalog is in "
            + first.price().currency() + " (product " + first.id() + "); a catalog has one currency");
      }
      pos.put(p.id(), i);
      if (!p.brand().isBlank()) {
        brandSet.add(p.brand());
      }
      categorySet.addAll(p.categoryPath());
      p.attributes().forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(v.toLowerCase(Locale.ROOT)));
    }
    this.byId = Collections.unmodifiableMap(ids);
    this.positions = Collections.unmodifiableMap(pos);
    this.brands = Collections.unmodifiableSet(brandSet);
    this.categories = Collections.unmodifiableSet(categorySet);
    Map<String, Set<String>> frozen = new TreeMap<>();
    values.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSet(v)));
    this.attributeValues = Collections.unmodifiableMap(frozen);
    Set<String> numeric = new TreeSet<>();
    frozen.forEach((k, vs) -> {
      if (vs.stream().anyMatch(v -> ProductFilter.Range.numberOf(v).isPresent())) {
        numeric.add(k);
      }
    });
    this.numericAttributes = Collections.unmodifiableSet(numeric);
  }

  /**
   * A catalog of these products, in this order.
   *
   * @throws IllegalArgumentException if two products share an id, or are priced in different currencies
   */
  public static Catalog of(List<Product> products) {
    Objects.requireNonNull(products, "products");
    return new Catalog(products);
  }

  /** Every product, in load order. */
  public List<Product> products() {
    return products;
  }

  public int size() {
    return products.size();
  }

  public Optional<Product> get(String id) {
    return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
  }

  public boolean contains(String id) {
    return byId.containsKey(Objects.requireNonNull(id, "id"));
  }

  /** The position of a product in {@link #products()}, or -1. */
  public int indexOf(String id) {
    Integer i = positions.get(id);
    return i == null ? -1 : i;
  }

  /** The distinct brands, case-insensitively sorted. */
  public Set<String> brands() {
    return brands;
  }

  /** Every category at any level of any product's path. */
  public Set<String> categories() {
    return categories;
  }

  /** For each attribute name, its distinct values in lower case. */
  public Map<String, Set<String>> attributeValues() {
    return attributeValues;
  }

  /**
   * The attributes at least one product gives a number for (see {@link ProductFilter.Range#numberOf}),
   * which a {@link ProductFilter.Range} can bound.
   */
  public Set<String> numericAttributes() {
    return numericAttributes;
  }

  /**
   * A new catalog with these products added or replaced (by id) and those ids removed.
   *
   * @throws IllegalArgumentException if the products it would hold are priced in different currencies
   */
  public Catalog with(List<Product> upserts, Set<String> removals) {
    Map<String, Product> next = new LinkedHashMap<>(byId);
    removals.forEach(next::remove);
    upserts.forEach(p -> next.put(p.id(), p));
    return new Catalog(new ArrayList<>(next.values()));
  }
}
