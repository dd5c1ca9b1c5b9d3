package io.guidesdk.core.retrieval;

import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Ranks products by cosine similarity between the query's and the products' embeddings. */
public final class DenseRetriever implements ProductRetriever {
  private final EmbeddingIndex index;
  private final Encoder encoder;

  public DenseRetriever(EmbeddingIndex index, Encoder encoder) {
    this.index = Objects.requireNonNull(index, "index");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  @Override
  public List<ScoredProduct> search(String query, ProductFilter filter, int k) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(filter, "filter");
    if (k < 0) {
      throw new IllegalArgumentException("k must not be negative: " + k);
    }
    if (query.isBlank()) {
      return index.catalog().products().stream()
          .filter(filter::test)
          .sorted(Comparator.comparingDouble(Product::popularity).reversed())
          .limit(k)
          .map(p -> new ScoredProduct(p, p.popularity()))
          .toList();
    }
    float[] q = encoder.embed(query, EmbeddingPurpose.QUERY);
    return index.nearest(q, filter::test, k);
  }
}
