package io.guidesdk.core.retrieval;

/**
 * Weights of the re-ranking stage. The final score of a candidate is a weighted sum of features,
 * each in [0, 1] (see {@link RankFeatures}):
 *
 * @param lexical the BM25 score, min-max normalised over the candidates
 * @param dense the cosine similarity of query and product embeddings, min-max normalised over the candidates
 * @param titleLexical BM25 of the query against the title alone, normalised over the candidates
 * @param titleDense cosine of the query with the embedding of the title alone (when
 *     {@link SearchSettings#titleVectors()} is on; otherwise the passage cosine), normalised
 * @param fused the fused score (RRF or linear) from the retrieval stage, normalised
 * @param titleCoverage the share of the query's distinct terms found in the title
 * @param phrase 1 when the whole query occurs as a phrase in the title
 * @param brand 1 when the product's brand is named in the query
 * @param modelNumber 1 when a model-number-like query token (letters and digits) is in the title
 * @param priceFit closeness of the price to the shopper's target price (0 without a target)
 * @param popularity the product's popularity prior, log-scaled to [0, 1] over the catalog
 * @param personal the shopper's affinity for the product from the request's personalisation hook
 */
public record RerankWeights(
    double lexical,
    double dense,
    double titleLexical,
    double titleDense,
    double fused,
    double titleCoverage,
    double phrase,
    double brand,
    double modelNumber,
    double priceFit,
    double popularity,
    double personal) {

  public RerankWeights {
    double[] all = {lexical, dense, titleLexical, titleDense, fused, titleCoverage, phrase, brand, modelNumber, priceFit, popularity, personal};
    for (double w : all) {
      if (!Double.isFinite(w)) {
        throw new IllegalArgumentException("rerank weights must be finite: " + w);
      }
    }
  }

  /**
   * The defaults, chosen by coordinate ascent on nDCG@10 over the CrowdFlower development split
   * (re-rank task), see docs/decisions/0503-rerank-features.md.
   */
  public static RerankWeights defaults() {
    return new RerankWeights(0.02, 1.00, 0.0, 0.0, 0.0, 0.40, 0.20, 0.10, 0.0, 0.10, 0.02, 0.20);
  }

  /** Keeps the fused order: all weight on the fused score. */
  public static RerankWeights none() {
    return new RerankWeights(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0);
  }

  /** The weights as an array in declaration order. */
  public double[] toArray() {
    return new double[] {lexical, dense, titleLexical, titleDense, fused, titleCoverage, phrase, brand, modelNumber, priceFit, popularity, personal};
  }

  /** Weights from an array in declaration order. */
  public static RerankWeights fromArray(double[] w) {
    if (w.length != 12) {
      throw new IllegalArgumentException("expected 12 weights, got " + w.length);
    }
    return new RerankWeights(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], w[9], w[10], w[11]);
  }

  /** The feature names in declaration order. */
  public static String[] names() {
    return new String[] {"lexical", "dense", "titleLexical", "titleDense", "fused", "titleCoverage", "phrase", "brand", "modelNumber", "priceFit",
        "popularity", "personal"};
  }
}
