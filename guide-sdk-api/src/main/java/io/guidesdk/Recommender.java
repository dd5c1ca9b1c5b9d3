package io.guidesdk;

/**
 * Personalised recommendations: home page, product page (with an anchor product) and cart.
 *
 * <p>Thread-safe. Shopper reactions reported to the {@link RewardSink} change the next answers: a
 * purchase or click is reflected in the shopper's next {@code topN}.
 */
public interface Recommender {

  /**
   * Recommends up to {@code request.n()} products.
   *
   * @throws NullPointerException if {@code request} is null
   * @throws IllegalArgumentException if the anchor product is not in the catalog
   */
  Recommendations topN(RecommendRequest request);

  /** Shorthand for {@code topN(RecommendRequest.of(userId, n))}. */
  default Recommendations topN(String userId, int n) {
    return topN(RecommendRequest.of(userId, n));
  }
}
