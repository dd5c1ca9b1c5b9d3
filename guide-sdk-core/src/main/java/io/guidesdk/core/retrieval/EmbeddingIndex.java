package io.guidesdk.core.retrieval;

import io.guidesdk.Product;
import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * The catalog's product vectors in one contiguous {@code float[]} (row i is product i of the
 * catalog), searched by exact dot-product scan. Immutable and thread-safe.
 */
public final class EmbeddingIndex {
  private static final int CHUNK = 256;

  private final Catalog catalog;
  private final int dimension;
  private final float[] vectors;

  private EmbeddingIndex(Catalog catalog, int dimension, float[] vectors) {
    this.catalog = catalog;
    this.dimension = dimension;
    this.vectors = vectors;
  }

  /** Embeds every product of {@code catalog} with {@code encoder}, reporting progress in chunks. */
  public static EmbeddingIndex build(Catalog catalog, Encoder encoder, IndexProgress progress) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(progress, "progress");
    int dim = encoder.dimension();
    List<Product> products = catalog.products();
    float[] vectors = new float[products.size() * dim];
    progress.onProgress(0, products.size());
    for (int start = 0; start < products.size(); start += CHUNK) {
      int end = Math.min(products.size(), start + CHUNK);
      List<String> texts = new ArrayList<>(end - start);
      for (int i = start; i < end; i++) {
        texts.add(passageText(products.get(i)));
      }
      List<float[]> embedded = encoder.embedAll(texts, EmbeddingPurpose.PASSAGE);
      for (int i = start; i < end; i++) {
        System.arraycopy(embedded.get(i - start), 0, vectors, i * dim, dim);
      }
      progress.onProgress(end, products.size());
    }
    return new EmbeddingIndex(catalog, dim, vectors);
  }

  /**
   * An index over vectors computed elsewhere (e.g. read from a cache): row i of {@code vectors}
   * ({@code dimension} floats) belongs to product i of {@code catalog}. The array is not copied.
   */
  public static EmbeddingIndex of(Catalog catalog, int dimension, float[] vectors) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(vectors, "vectors");
    if (dimension < 1 || vectors.length != (long) catalog.size() * dimension) {
      throw new IllegalArgumentException("expected " + catalog.size() + " x " + dimension + " floats, got "
          + vectors.length);
    }
    return new EmbeddingIndex(catalog, dimension, vectors);
  }

  /** The backing array, row-major; never modified after construction. */
  float[] rawVectors() {
    return vectors;
  }

  /** Description characters that go into {@link #passageText}. */
  public static final int PASSAGE_DESCRIPTION_CHARS = 200;

  /**
   * The text a product is embedded from: title, brand, category path and the start of the
   * description (at most {@value #PASSAGE_DESCRIPTION_CHARS} characters, cut at a word). The title
   * carries a product's identity; a long description dilutes the mean-pooled vector and, since a
   * batch is padded to its longest text, makes indexing many times slower (docs/decisions/0502).
   */
  public static String passageText(Product p) {
    StringBuilder sb = new StringBuilder(p.title());
    if (!p.brand().isBlank() && !p.title().contains(p.brand())) {
      sb.append(" by ").append(p.brand());
    }
    if (!p.categoryPath().isEmpty()) {
      sb.append(". ").append(String.join(" > ", p.categoryPath()));
    }
    if (!p.description().isBlank()) {
      String d = p.description().strip();
      if (d.length() > PASSAGE_DESCRIPTION_CHARS) {
        int cut = d.lastIndexOf(' ', PASSAGE_DESCRIPTION_CHARS);
        d = d.substring(0, cut > PASSAGE_DESCRIPTION_CHARS / 2 ? cut : PASSAGE_DESCRIPTION_CHARS);
      }
      sb.append(". ").append(d);
    }
    return sb.toString();
  }

  public Catalog catalog() {
    return catalog;
  }

  public int dimension() {
    return dimension;
  }

  /** A copy of product {@code position}'s vector. */
  public float[] vector(int position) {
    Objects.checkIndex(position, catalog.size());
    float[] v = new float[dimension];
    System.arraycopy(vectors, position * dimension, v, 0, dimension);
    return v;
  }

  /** The dot product of {@code query} with product {@code position}'s vector. */
  public double similarity(float[] query, int position) {
    int base = position * dimension;
    double dot = 0;
    for (int d = 0; d < dimension; d++) {
      dot += query[d] * vectors[base + d];
    }
    return dot;
  }

  /**
   * The {@code k} products most similar to {@code query} among those {@code accept} lets through,
   * best first. The filter runs inside the scan, so the result holds k products whenever k pass.
   */
  public List<ScoredProduct> nearest(float[] query, Predicate<Product> accept, int k) {
    if (query.length != dimension) {
      throw new IllegalArgumentException("query has dimension " + query.length + ", index has " + dimension);
    }
    if (k <= 0) {
      return List.of();
    }
    PriorityQueue<ScoredProduct> heap = new PriorityQueue<>(k + 1, Comparator.comparingDouble(ScoredProduct::score));
    List<Product> products = catalog.products();
    for (int i = 0; i < products.size(); i++) {
      Product p = products.get(i);
      if (!accept.test(p)) {
        continue;
      }
      double s = similarity(query, i);
      if (heap.size() < k) {
        heap.add(new ScoredProduct(p, s));
      } else if (s > heap.peek().score()) {
        heap.poll();
        heap.add(new ScoredProduct(p, s));
      }
    }
    List<ScoredProduct> out = new ArrayList<>(heap);
    out.sort(Collections.reverseOrder(Comparator.comparingDouble(ScoredProduct::score)));
    return out;
  }
}
