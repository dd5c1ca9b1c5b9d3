package io.guidesdk.core.recommend;

import io.guidesdk.Product;
import java.util.function.Supplier;

/**
 * One product a strategy proposes, its score within that strategy, and the reason shown to the
 * shopper (built only for candidates that are shown).
 */
record Candidate(Product product, double score, Supplier<String> reason) {
  static Candidate of(Product product, double score, String reason) {
    return new Candidate(product, score, () -> reason);
  }
}
