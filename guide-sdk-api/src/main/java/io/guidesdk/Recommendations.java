package io.guidesdk;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link RecommendRequest}.
 *
 * @param recommendationId identifies this impression; quote it in {@link RewardEvent}s about its items
 * @param items the products, best first; fewer than asked when fewer satisfy the filter
 * @param policyVersion the version of the policy that chose them
 * @param note why the list is short or empty (e.g. "no product satisfies the filter"); empty otherwise
 */
public record Recommendations(String recommendationId, List<RecommendedItem> items, String policyVersion, String note) {
  public Recommendations {
    Checks.requireText(recommendationId, "recommendationId");
    items = List.copyOf(items);
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(note, "note");
  }

  /** The products alone, in order. */
  public List<Product> products() {
    return items.stream().map(RecommendedItem::product).toList();
  }
}
