package io.guidesdk.core.retrieval;

import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks that a separate query encoder maps texts into the catalog encoder's vector space, so that a
 * query vector can be compared with product vectors at all. Both embed the same sample of catalog
 * passages; their vectors must have the same dimension and a mean cosine of at least
 * {@link #MIN_MEAN_COSINE}. The bundled all-MiniLM-L6-v2 and its int8 twin measure about 0.99; two
 * unrelated models of the same dimension measure near 0.
 */
public final class QuerySpace {
  /** The lowest mean cosine accepted between the two encoders' vectors of the same text. */
  public static final double MIN_MEAN_COSINE = 0.9;
  /** How many catalog passages the check embeds with each encoder. */
  static final int SAMPLE = 32;

  private QuerySpace() {}

  /**
   * The mean cosine of the two encoders' vectors of a sample of {@code catalog}'s passages.
   *
   * @throws IllegalArgumentException if the encoders do not share a space (another dimension, or a
   *     mean cosine below {@link #MIN_MEAN_COSINE})
   */
  public static double check(Catalog catalog, Encoder encoder, Encoder queryEncoder) {
    if (encoder.dimension() != queryEncoder.dimension()) {
      throw new IllegalArgumentException("the query encoder " + queryEncoder.modelId() + " makes vectors of dimension "
          + queryEncoder.dimension() + ", the catalog encoder " + encoder.modelId() + " of dimension "
          + encoder.dimension() + ": queries must be embedded into the catalog's vector space");
    }
    List<Product> products = catalog.products();
    List<String> texts = new ArrayList<>();
    int n = Math.min(SAMPLE, products.size());
    for (int i = 0; i < n; i++) {
      texts.add(EmbeddingIndex.passageText(products.get((int) ((long) i * products.size() / n))));
    }
    if (texts.isEmpty()) {
      texts.add("product");
    }
    // The same purpose on both sides, so that query prefixes (BGE, E5) do not count as disagreement.
    List<float[]> a = encoder.embedAll(texts, EmbeddingPurpose.PASSAGE);
    List<float[]> b = queryEncoder.embedAll(texts, EmbeddingPurpose.PASSAGE);
    double sum = 0;
    for (int i = 0; i < texts.size(); i++) {
      sum += cosine(a.get(i), b.get(i));
    }
    double mean = sum / texts.size();
    if (!(mean >= MIN_MEAN_COSINE)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "the query encoder %s does not embed into the "
          + "catalog encoder %s's vector space: the mean cosine of their vectors of the same %d catalog texts is "
          + "%.3f, expected at least %.2f (use the same model, or a quantised twin of it)", queryEncoder.modelId(),
          encoder.modelId(), texts.size(), mean, MIN_MEAN_COSINE));
    }
    return mean;
  }

  /** The cosine of two vectors of the same length; 0 when either is all zeros. */
  public static double cosine(float[] x, float[] y) {
    double dot = 0;
    double nx = 0;
    double ny = 0;
    for (int i = 0; i < x.length; i++) {
      dot += x[i] * y[i];
      nx += x[i] * x[i];
      ny += y[i] * y[i];
    }
    return nx == 0 || ny == 0 ? 0 : dot / Math.sqrt(nx * ny);
  }
}
