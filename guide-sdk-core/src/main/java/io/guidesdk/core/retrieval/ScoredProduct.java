package io.guidesdk.core.retrieval;

import io.guidesdk.Product;
import java.util.Objects;

/** A product with its retrieval score (higher is better; comparable within one result list). */
public record ScoredProduct(Product product, double score) {
  public ScoredProduct {
    Objects.requireNonNull(product, "product");
  }
}
