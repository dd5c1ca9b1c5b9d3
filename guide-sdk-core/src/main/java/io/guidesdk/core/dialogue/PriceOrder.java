package io.guidesdk.core.dialogue;

/**
 * An order by price that the shopper asked for ("the cheapest one", "the most expensive"), in place of
 * the guide's relevance order. A session keeps it while the shopper pages on or narrows the same
 * search, and drops it with a new search.
 */
public enum PriceOrder {
  /** The cheapest first. */
  CHEAPEST_FIRST,
  /** The most expensive first. */
  DEAREST_FIRST
}
