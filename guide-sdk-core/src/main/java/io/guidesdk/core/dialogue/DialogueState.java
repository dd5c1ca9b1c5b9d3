package io.guidesdk.core.dialogue;

import io.guidesdk.Intent;
import io.guidesdk.ProductFilter;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one session has established so far: the constraints in force, the need in words, the ids of
 * the products last shown (for "cheaper ones", "the first one", "compare them", "show me more") and
 * the page of results reached, and the price order asked for. Immutable; a {@link SessionStore} keeps one
 * per (user, session).
 *
 * <p>Products are remembered by id, not by value, so a store can serialise the state cheaply and a
 * price change in the catalog is seen on the next turn.
 *
 * @param filter the hard constraints in force
 * @param need the shopper's need in words, used as the retrieval query
 * @param lastShownIds the ids of the products shown by the last turn that showed any, best first
 * @param page the page of results the last search turn showed (0 for the first)
 * @param lastIntent the intent of the previous turn, or {@code null} before the first
 * @param priceOrder the price order the shopper asked for and that still holds ("the cheapest one", then
 *     "show me more"), or {@code null} for the guide's relevance order
 */
public record DialogueState(ProductFilter filter, String need, List<String> lastShownIds, int page,
    @Nullable Intent lastIntent, @Nullable PriceOrder priceOrder) {

  /** The state of a session before its first turn. */
  public static final DialogueState EMPTY = new DialogueState(ProductFilter.none(), "", List.of(), 0, null, null);

  public DialogueState {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(need, "need");
    lastShownIds = List.copyOf(lastShownIds);
    if (page < 0) {
      throw new IllegalArgumentException("page must not be negative: " + page);
    }
  }

  /** A state in the guide's relevance order (no price order asked for). */
  public DialogueState(ProductFilter filter, String need, List<String> lastShownIds, int page,
      @Nullable Intent lastIntent) {
    this(filter, need, lastShownIds, page, lastIntent, null);
  }
}
