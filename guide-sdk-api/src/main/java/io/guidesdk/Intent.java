package io.guidesdk;

/** What the shopper wants from a chat turn, as the guide understood it. */
public enum Intent {
  /** Looking for products that fit a need ("running shoes under $100"). */
  SEARCH,
  /** Asking for suggestions without a specific need ("what would you recommend for me?"). */
  RECOMMEND,
  /** Comparing products ("compare the first two"). */
  COMPARE,
  /** A question about a product ("is the X waterproof?"). */
  PRODUCT_QUESTION,
  /** A question about the shop's policies: shipping, returns, refunds, warranty, payment. */
  POLICY_QUESTION,
  /** A request about an order that the guide cannot fulfil itself (cancel, track, change): handed off. */
  ORDER_REQUEST,
  /** Greeting, thanks or goodbye. */
  GREETING,
  /** Anything the shop's guide is not for. */
  OUT_OF_SCOPE
}
