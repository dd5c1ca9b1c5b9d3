package io.guidesdk.core.dialogue;

import io.guidesdk.Intent;
import io.guidesdk.ProductFilter;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one message means: its intent, the constraints after applying it to the session's state,
 * the need in words (for retrieval), whether it asked for the next page, the products it refers to
 * (by name or by position in the last list), the attribute a product question asks about, and the
 * price expressions it ignored as unusable, and the price order it asked for ("the cheapest one"), if any.
 */
record Understanding(Intent intent, ProductFilter filter, String need, boolean nextPage, List<String> referencedIds,
    @Nullable String askedAttribute, List<String> ignoredPrices, @Nullable PriceOrder priceOrder) {

  Understanding {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(need, "need");
    referencedIds = List.copyOf(referencedIds);
    ignoredPrices = List.copyOf(ignoredPrices);
  }

  Understanding with(Intent intent, ProductFilter filter, String need) {
    return new Understanding(intent, filter, need, nextPage, referencedIds, askedAttribute, ignoredPrices, priceOrder);
  }
}
