package io.guidesdk.core.recommend;

/**
 * How many products of one category, and of one brand, a single top-N may hold. Products without a
 * category (or brand) are not limited by that rule.
 *
 * @param maxPerCategory at most this many products per (deepest) category, >= 1
 * @param maxPerBrand at most this many products per brand, >= 1
 */
public record Diversity(int maxPerCategory, int maxPerBrand) {
  private static final Diversity NONE = new Diversity(Integer.MAX_VALUE, Integer.MAX_VALUE);

  public Diversity {
    if (maxPerCategory < 1 || maxPerBrand < 1) {
      throw new IllegalArgumentException("maxPerCategory and maxPerBrand must be >= 1, were "
          + maxPerCategory + " and " + maxPerBrand);
    }
  }

  /** No limit. */
  public static Diversity none() {
    return NONE;
  }

  public static Diversity perCategory(int max) {
    return new Diversity(max, Integer.MAX_VALUE);
  }

  public Diversity withMaxPerBrand(int max) {
    return new Diversity(maxPerCategory, max);
  }

  boolean limits() {
    return maxPerCategory != Integer.MAX_VALUE || maxPerBrand != Integer.MAX_VALUE;
  }
}
