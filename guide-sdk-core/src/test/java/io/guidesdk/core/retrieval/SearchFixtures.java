package io.guidesdk.core.retrieval;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.catalog.Catalog;
import java.util.List;
import java.util.Random;

/** Small catalogs with hand-made vectors, so lexical and filter tests need no encoder. */
final class SearchFixtures {
  static final int DIM = 8;

  private SearchFixtures() {}

  static Product product(String id, String title, String description, String brand, double price, String... category) {
    return Product.builder(id, title, Money.of(price, "USD")).description(description).brand(brand).category(category)
        .build();
  }

  /** Random unit vectors, seeded: one per product. */
  static float[] randomVectors(int n, int dim, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n * dim];
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (int d = 0; d < dim; d++) {
        v[i * dim + d] = (float) r.nextGaussian();
        norm += v[i * dim + d] * v[i * dim + d];
      }
      for (int d = 0; d < dim; d++) {
        v[i * dim + d] /= (float) Math.sqrt(norm);
      }
    }
    return v;
  }

  static ProductSearchIndex index(List<Product> products, SearchSettings settings) {
    Catalog c = Catalog.of(products);
    return ProductSearchIndex.build(EmbeddingIndex.of(c, DIM, randomVectors(c.size(), DIM, 7)), settings,
        IndexProgress.none());
  }

  static List<String> ids(ProductSearchIndex idx, Hits h) {
    return java.util.Arrays.stream(h.positions()).mapToObj(p -> idx.catalog().products().get(p).id()).toList();
  }
}
