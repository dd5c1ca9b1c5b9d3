package io.guidesdk.core.learning;

import io.guidesdk.EventRejectedException;
import io.guidesdk.RewardEvent;
import io.guidesdk.RewardEventType;
import io.guidesdk.RewardSink;
import io.guidesdk.core.catalog.Catalog;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Validates events and applies them to the shoppers' interaction histories. Events quoting a live
 * recommendation id are also credited to the impression that showed the product.
 */
public final class DefaultRewardSink implements RewardSink {
  /** Events further in the future than this are refused (clock skew allowance). */
  static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

  private final Supplier<Catalog> catalog;
  private final InteractionStore interactions;
  private final ImpressionLog impressions;
  private final RewardWeights weights;
  private final Clock clock;
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong attributed = new AtomicLong();

  public DefaultRewardSink(Supplier<Catalog> catalog, InteractionStore interactions, ImpressionLog impressions,
      RewardWeights weights, Clock clock) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.interactions = Objects.requireNonNull(interactions, "interactions");
    this.impressions = Objects.requireNonNull(impressions, "impressions");
    this.weights = Objects.requireNonNull(weights, "weights");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void accept(RewardEvent event) {
    Objects.requireNonNull(event, "event");
    if (!catalog.get().contains(event.productId())) {
      throw new EventRejectedException(EventRejectedException.Reason.UNKNOWN_PRODUCT,
          "event refused: productId '" + event.productId() + "' is not in the catalog");
    }
    if (event.timestamp().isAfter(clock.instant().plus(MAX_FUTURE_SKEW))) {
      throw new EventRejectedException(EventRejectedException.Reason.TIMESTAMP_IN_FUTURE,
          "event refused: timestamp " + event.timestamp() + " is more than " + MAX_FUTURE_SKEW.toMinutes()
              + " minutes after now (" + clock.instant() + ")");
    }
    if (event.recommendationId() != null) {
      Impression shown = impressions.get(event.recommendationId()).orElse(null);
      if (shown != null && shown.userId().equals(event.userId()) && shown.slotOf(event.productId()) >= 0) {
        attributed.incrementAndGet();
      }
    }
    if (event.type() != RewardEventType.IMPRESSION) {
      interactions.add(event.userId(), new Interaction(event.productId(), event.type(), event.timestamp()),
          Math.max(0, weights.reward(event)));
    }
    applied.incrementAndGet();
  }

  /** Events applied so far. */
  public long appliedCount() {
    return applied.get();
  }

  /** Events that matched the impression they quote. */
  public long attributedCount() {
    return attributed.get();
  }
}
