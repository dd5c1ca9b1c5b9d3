package io.guidesdk.core.dialogue;

import io.guidesdk.Intent;
import io.guidesdk.ProductFilter;
import java.util.Objects;

/**
 * What one message means: its intent, the constraints after applying it to the session's state,
 * the need in words (for retrieval), and whether it asked for the next page.
 */
record Understanding(Intent intent, ProductFilter filter, String need, boolean nextPage) {
  Understanding {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(need, "need");
  }
}
