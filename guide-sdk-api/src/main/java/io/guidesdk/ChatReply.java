package io.guidesdk;

import java.util.List;
import java.util.Objects;

/**
 * The guide's answer to one {@link ChatRequest}.
 *
 * <p>The reply is grounded: {@link #text()} names only products in {@link #products()}, with their
 * catalog prices, and quotes policies only from the shop's own FAQ.
 *
 * @param text the reply to show the shopper
 * @param products the products the reply shows, best first; may be empty
 * @param intent what the guide understood the shopper wants
 * @param constraints the hard constraints in force after this turn (remembered across turns)
 * @param suggestions short follow-up messages the shopper may click, e.g. "Show cheaper ones"
 * @param recommendationId the id to quote in {@link RewardEvent}s about the products shown; a reply
 *     without products has one too, but nothing is recorded under it: an event quoting it is
 *     accepted and counts as organic (credited to no recommendation)
 */
public record ChatReply(
    String text,
    List<Product> products,
    Intent intent,
    ProductFilter constraints,
    List<String> suggestions,
    String recommendationId) {

  public ChatReply {
    Objects.requireNonNull(text, "text");
    products = List.copyOf(products);
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(constraints, "constraints");
    suggestions = List.copyOf(suggestions);
    Checks.requireText(recommendationId, "recommendationId");
  }
}
