package io.guidesdk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One shopper reaction.
 *
 * @param type what happened
 * @param userId who did it
 * @param productId to which product
 * @param recommendationId the impression it answers ({@link Recommendations#recommendationId()} or
 *     {@link ChatReply#recommendationId()}); {@code null} for organic behaviour, which updates the
 *     shopper's profile but is not credited to the policy
 * @param value the amount paid, for purchases; {@code null} otherwise. Not negative and at most
 *     10<sup>18</sup> (far above any real purchase in any currency): a larger value is a unit or
 *     parsing error, and one beyond the range of a {@code double} would turn the reward into NaN
 * @param timestamp when it happened
 */
public record RewardEvent(
    RewardEventType type,
    String userId,
    String productId,
    @Nullable String recommendationId,
    @Nullable BigDecimal value,
    Instant timestamp) {

  /** The largest purchase value taken (see {@code value}). */
  private static final BigDecimal MAX_VALUE = BigDecimal.TEN.pow(18);

  public RewardEvent {
    Objects.requireNonNull(type, "type");
    Checks.requireId(userId, "userId", Product.MAX_ID_LENGTH);
    Checks.requireId(productId, "productId", Product.MAX_ID_LENGTH);
    if (recommendationId != null) {
      Checks.requireText(recommendationId, "recommendationId");
    }
    if (value != null && value.signum() < 0) {
      throw new IllegalArgumentException("value must not be negative: " + shown(value));
    }
    if (value != null && value.compareTo(MAX_VALUE) > 0) {
      throw new IllegalArgumentException("value must be at most 1E+18, was " + shown(value));
    }
    if (value != null && type != RewardEventType.PURCHASE) {
      throw new IllegalArgumentException("value is only for PURCHASE events, not " + type);
    }
    Objects.requireNonNull(timestamp, "timestamp");
  }

  public static RewardEvent click(String userId, String productId, @Nullable String recommendationId) {
    return new RewardEvent(RewardEventType.CLICK, userId, productId, recommendationId, null, Instant.now());
  }

  public static RewardEvent addToCart(String userId, String productId, @Nullable String recommendationId) {
    return new RewardEvent(RewardEventType.ADD_TO_CART, userId, productId, recommendationId, null, Instant.now());
  }

  public static RewardEvent purchase(
      String userId, String productId, @Nullable String recommendationId, BigDecimal value) {
    Objects.requireNonNull(value, "value");
    return new RewardEvent(RewardEventType.PURCHASE, userId, productId, recommendationId, value, Instant.now());
  }

  public static RewardEvent dismiss(String userId, String productId, @Nullable String recommendationId) {
    return new RewardEvent(RewardEventType.DISMISS, userId, productId, recommendationId, null, Instant.now());
  }

  /** The same event at another time (for replaying history). */
  public RewardEvent at(Instant when) {
    return new RewardEvent(type, userId, productId, recommendationId, value, when);
  }

  public Optional<String> recommendation() {
    return Optional.ofNullable(recommendationId);
  }

  /** The value for a message: plain when short, else in scientific notation to 10 digits (1E+400). */
  private static String shown(BigDecimal value) {
    String plain = value.precision() - value.scale() <= 20 && value.scale() <= 20 ? value.toPlainString() : "";
    return !plain.isEmpty() ? plain : value.round(new java.math.MathContext(10)).toString();
  }
}
