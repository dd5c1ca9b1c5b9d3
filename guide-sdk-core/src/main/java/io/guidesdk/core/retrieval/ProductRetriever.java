package io.guidesdk.core.retrieval;

import io.guidesdk.ProductFilter;
import java.util.List;

/** Finds the catalog products that best match a query and satisfy a filter. Thread-safe. */
public interface ProductRetriever {

  /**
   * The best {@code k} products for {@code query} among those {@code filter} lets through, best
   * first. A blank query ranks the filtered products by popularity.
   */
  List<ScoredProduct> search(String query, ProductFilter filter, int k);
}
