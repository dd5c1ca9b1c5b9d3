package io.guidesdk.core.dialogue;

import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import java.util.List;
import java.util.Objects;

/**
 * What a session has established so far: the constraints in force, the need in words, and the
 * products last shown (for "cheaper ones", "the first one", "show me more").
 */
record DialogueState(ProductFilter filter, String need, List<Product> lastShown, int page) {
  static final DialogueState EMPTY = new DialogueState(ProductFilter.none(), "", List.of(), 0);

  DialogueState {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(need, "need");
    lastShown = List.copyOf(lastShown);
  }
}
