package io.guidesdk.core.retrieval;

import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * One product search: the text, the hard filters, how many results, and optional signals for the
 * re-ranking stage.
 *
 * @param query what the shopper typed; blank browses the filtered products by popularity
 * @param filter hard constraints applied inside retrieval
 * @param k how many results (at most 1,000)
 * @param targetPrice the price the shopper aims at, for the price-fit feature; {@code null} for none
 * @param affinity the personalisation hook: the shopper's affinity for a product in [0, 1] (e.g. from
 *     their history); {@link #NO_AFFINITY} for anonymous shoppers
 */
public record SearchRequest(
    String query, ProductFilter filter, int k, @Nullable BigDecimal targetPrice, ToDoubleFunction<Product> affinity) {
  public static final int MAX_K = 1_000;
  public static final ToDoubleFunction<Product> NO_AFFINITY = p -> 0;

  public SearchRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(affinity, "affinity");
    if (k < 0 || k > MAX_K) {
      throw new IllegalArgumentException("k must be in [0, " + MAX_K + "]: " + k);
    }
    if (targetPrice != null && targetPrice.signum() < 0) {
      throw new IllegalArgumentException("targetPrice must not be negative: " + targetPrice.toPlainString());
    }
  }

  /** A plain search: no target price, no personalisation. */
  public static SearchRequest of(String query, ProductFilter filter, int k) {
    return new SearchRequest(query, filter, k, null, NO_AFFINITY);
  }
}
