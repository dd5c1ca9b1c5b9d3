package io.guidesdk.core.dialogue;

import io.guidesdk.Intent;
import io.guidesdk.ProductFilter;
import java.util.Optional;

/**
 * An optional second reader of shopper messages (typically an LLM) consulted by the guide after its
 * rules. Its reading must use only the catalog's real categories, brands and attribute values; an
 * implementation validates that and returns empty when it cannot, so the rules' reading stands.
 */
public interface MessageInterpreter {

  /**
   * Reads {@code message} given the constraints in force before it and the rules' own reading.
   *
   * @return the interpretation to use instead of the rules', or empty to keep the rules'
   */
  Optional<Interpretation> interpret(String message, ProductFilter current, Interpretation rules);

  /** What a message means: its intent, the constraints after it, and the need in words for retrieval. */
  record Interpretation(Intent intent, ProductFilter filter, String need) {
    public Interpretation {
      java.util.Objects.requireNonNull(intent, "intent");
      java.util.Objects.requireNonNull(filter, "filter");
      java.util.Objects.requireNonNull(need, "need");
    }
  }

  /** Keeps the rules' reading every time. */
  static MessageInterpreter none() {
    return (message, current, rules) -> Optional.empty();
  }
}
