package io.guidesdk.core.policy;

import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The discretised state the Q-learning policy acts on: a {@link ShopperContext} reduced to a handful
 * of small integer features, plus the slot being filled. Two contexts with the same state are
 * indistinguishable to the policy.
 *
 * @param history interactions on record: 0 none (cold start), 1 for 1–3, 2 for 4–15, 3 for 16 or more
 * @param purchases 0 none, 1 for 1–2, 2 for 3 or more
 * @param recency time since the last action: 0 never, 1 under 30 minutes (in session), 2 under a
 *     day, 3 under 30 days, 4 older
 * @param priceBand typical price: 0 unknown, 1 under 20, 2 under 50, 3 under 150, 4 150 or more
 * @param category the newest recent category hashed into {@code 1..categoryBuckets}; 0 none
 * @param slot the slot: 0, 1, 2, 3 for slots 3–4, 4 for slots 5–9, 5 for slot 10 and later
 * @param anchored whether the request has an anchor product (product page)
 * @param before the strategies placed in the earlier slots of the same list, in slot order (so the
 *     value of an action can depend on how often it was already used: diminishing returns)
 */
public record ShopperState(int history, int purchases, int recency, int priceBand, int category, int slot,
    boolean anchored, List<String> before) {

  public ShopperState {
    before = List.copyOf(before);
  }

  /** A state with nothing placed before it. */
  public ShopperState(int history, int purchases, int recency, int priceBand, int category, int slot,
      boolean anchored) {
    this(history, purchases, recency, priceBand, category, slot, anchored, List.of());
  }

  /** How often {@code action} was placed in the earlier slots of the list, capped at 3. */
  public int uses(String action) {
    int n = 0;
    for (String b : before) {
      if (b.equals(action)) {
        n++;
      }
    }
    return Math.min(n, 3);
  }

  static final int HISTORY_VALUES = 4;
  static final int PURCHASE_VALUES = 3;
  static final int RECENCY_VALUES = 5;
  static final int PRICE_VALUES = 5;
  static final int SLOT_VALUES = 6;

  /** Discretises {@code context} for slot {@code slot} with {@code categoryBuckets} category buckets. */
  public static ShopperState of(ShopperContext context, int slot, int categoryBuckets) {
    return of(context, slot, categoryBuckets, List.of());
  }

  /** As {@link #of(ShopperContext, int, int)}, with the strategies placed in the earlier slots. */
  public static ShopperState of(ShopperContext context, int slot, int categoryBuckets, List<String> before) {
    int h = context.interactions();
    int history = h == 0 ? 0 : h <= 3 ? 1 : h <= 15 ? 2 : 3;
    int p = context.purchases();
    int purchases = p == 0 ? 0 : p <= 2 ? 1 : 2;
    Duration since = context.sinceLastAction();
    int recency = since == null ? 0
        : since.compareTo(Duration.ofMinutes(30)) < 0 ? 1
        : since.compareTo(Duration.ofDays(1)) < 0 ? 2
        : since.compareTo(Duration.ofDays(30)) < 0 ? 3 : 4;
    Double price = context.typicalPrice();
    int band = price == null ? 0 : price < 20 ? 1 : price < 50 ? 2 : price < 150 ? 3 : 4;
    int category = context.recentCategories().isEmpty() ? 0
        : 1 + Math.floorMod(context.recentCategories().get(0).hashCode(), categoryBuckets);
    int s = slot < 3 ? slot : slot < 5 ? 3 : slot < 10 ? 4 : 5;
    return new ShopperState(history, purchases, recency, band, category, s, context.anchorProductId() != null,
        before);
  }

  /**
   * A 64-bit key identifying the state without {@link #before} (for tabular storage and visit
   * counts; the action's use count is added per action).
   */
  public long key() {
    long k = history;
    k = k * 8 + purchases;
    k = k * 8 + recency;
    k = k * 8 + priceBand;
    k = k * 1024 + category;
    k = k * 8 + slot;
    return k * 2 + (anchored ? 1 : 0);
  }

  /**
   * The state a decision-log line's {@code context} describes (the inverse of {@link #toMap()}, with
   * values as text and {@code before} as its JSON array, as {@code DecisionLogReader} reads them).
   *
   * @throws IllegalArgumentException naming the field that is missing or malformed
   */
  public static ShopperState fromMap(Map<String, String> m) {
    String b = field(m, "before");
    List<String> before;
    try {
      before = List.of(BEFORE_READER.readValue(b, String[].class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | NullPointerException e) {
      throw new IllegalArgumentException("context field 'before' must be a JSON array of strategy names, was " + b);
    }
    String anchored = field(m, "anchored");
    if (!anchored.equals("true") && !anchored.equals("false")) {
      throw new IllegalArgumentException("context field 'anchored' must be true or false, was " + anchored);
    }
    return new ShopperState(number(m, "history"), number(m, "purchases"), number(m, "recency"),
        number(m, "priceBand"), number(m, "category"), number(m, "slot"), anchored.equals("true"), before);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper BEFORE_READER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static String field(Map<String, String> m, String name) {
    String v = m.get(name);
    if (v == null) {
      throw new IllegalArgumentException("context has no field '" + name + "'");
    }
    return v;
  }

  private static int number(Map<String, String> m, String name) {
    String v = field(m, name);
    try {
      int n = Integer.parseInt(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("context field '" + name + "' must be a whole number >= 0, was " + v);
    }
  }

  /** The features by name, as written to the decision log. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("history", history);
    m.put("purchases", purchases);
    m.put("recency", recency);
    m.put("priceBand", priceBand);
    m.put("category", category);
    m.put("slot", slot);
    m.put("anchored", anchored);
    m.put("before", before);
    return m;
  }
}
