package io.guidesdk.core.learning;

import io.guidesdk.RewardEventType;
import java.time.Instant;
import java.util.Objects;

/** One thing a shopper did with a product. */
public record Interaction(String productId, RewardEventType type, Instant at) {
  public Interaction {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
  }
}
