package io.guidesdk.core.dialogue;

import io.guidesdk.Intent;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.FaqEntry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An optional writer of reply text (typically an LLM) consulted after the guide has chosen the
 * products and FAQ passages and written its grounded template reply. The writer must use only what
 * the draft holds; an implementation validates its own text (every product name, price and policy
 * claim) and returns empty when the text fails, so the template reply stands.
 */
public interface ReplyWriter {

  /** Writes the reply for {@code draft}, or returns empty to keep {@link Draft#templateText()}. */
  Optional<String> write(Draft draft);

  /** Everything a reply may draw on. */
  record Draft(String message, Intent intent, ProductFilter constraints, List<Product> products,
      List<FaqEntry> passages, String templateText) {
    public Draft {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(intent, "intent");
      Objects.requireNonNull(constraints, "constraints");
      products = List.copyOf(products);
      passages = List.copyOf(passages);
      Objects.requireNonNull(templateText, "templateText");
    }
  }

  /** Keeps the template reply every time. */
  static ReplyWriter templatesOnly() {
    return draft -> Optional.empty();
  }
}
