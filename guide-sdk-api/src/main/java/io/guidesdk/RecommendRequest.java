package io.guidesdk;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A request for recommendations.
 *
 * @param userId the shopper (unknown ids are a cold start, not an error)
 * @param n how many products, 1 to {@link #MAX_N}
 * @param sessionId the current session, if any, so in-session behaviour counts
 * @param anchorProductId a product the shopper is looking at (product page), if any
 * @param filter hard constraints every recommended product satisfies
 * @param excludePurchased whether products the shopper already bought are left out
 */
public record RecommendRequest(
    String userId,
    int n,
    @Nullable String sessionId,
    @Nullable String anchorProductId,
    ProductFilter filter,
    boolean excludePurchased) {

  /** The most products one request may ask for. */
  public static final int MAX_N = 1_000;

  public RecommendRequest {
    Checks.requireId(userId, "userId", Product.MAX_ID_LENGTH);
    if (n < 1 || n > MAX_N) {
      throw new IllegalArgumentException("n must be between 1 and " + MAX_N + ", was " + n);
    }
    if (sessionId != null) {
      Checks.requireId(sessionId, "sessionId", Product.MAX_ID_LENGTH);
    }
    if (anchorProductId != null) {
      Checks.requireId(anchorProductId, "anchorProductId", Product.MAX_ID_LENGTH);
    }
    Objects.requireNonNull(filter, "filter");
  }

  /** {@code n} products for {@code userId}, no filter. */
  public static RecommendRequest of(String userId, int n) {
    return new RecommendRequest(userId, n, null, null, ProductFilter.none(), false);
  }

  public static Builder builder(String userId, int n) {
    return new Builder(userId, n);
  }

  public Optional<String> session() {
    return Optional.ofNullable(sessionId);
  }

  public Optional<String> anchor() {
    return Optional.ofNullable(anchorProductId);
  }

  /** Builds a {@link RecommendRequest}. */
  public static final class Builder {
    private final String userId;
    private final int n;
    private @Nullable String sessionId;
    private @Nullable String anchorProductId;
    private ProductFilter filter = ProductFilter.none();
    private boolean excludePurchased;

    private Builder(String userId, int n) {
      this.userId = userId;
      this.n = n;
    }

    public Builder session(String sessionId) {
      this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
      return this;
    }

    public Builder anchor(String productId) {
      this.anchorProductId = Objects.requireNonNull(productId, "productId");
      return this;
    }

    public Builder filter(ProductFilter filter) {
      this.filter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    public Builder excludePurchased(boolean excludePurchased) {
      this.excludePurchased = excludePurchased;
      return this;
    }

    public RecommendRequest build() {
      return new RecommendRequest(userId, n, sessionId, anchorProductId, filter, excludePurchased);
    }
  }
}
