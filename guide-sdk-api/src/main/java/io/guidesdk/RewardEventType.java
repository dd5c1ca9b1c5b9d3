package io.guidesdk;

/** The kinds of shopper reaction the learning loop takes. */
public enum RewardEventType {
  /** A product was shown. */
  IMPRESSION,
  /** A product was clicked or opened. */
  CLICK,
  /** A product was put in the cart. */
  ADD_TO_CART,
  /** A product was bought; carries the value paid. */
  PURCHASE,
  /** A product was dismissed ("not interested"). */
  DISMISS
}
