package io.guidesdk.core.recommend;

import java.time.Duration;
import java.util.Objects;

/**
 * The recommender's hyper-parameters. The defaults were chosen on the development period of the
 * Online Retail data (2011-09-01..2011-10-31, history before), never on its test period; see
 * docs/recommendations.md and decision note 0701.
 *
 * @param repeatHalfLife how fast an old purchase stops counting towards buying it again
 * @param repurchasePrior the repurchase rate assumed for a product with few buyers
 * @param repurchasePriorBuyers how many pseudo-buyers the prior weighs (shrinkage strength)
 * @param trendHalfLife how fast a purchase stops counting as "trending"
 * @param trendBoost how much a trending product's repeat score is raised (0 = not at all)
 * @param trendSaturation the trending mass at which half the boost is reached
 * @param cycleWeight how much a product whose repurchase cycle is due is raised (0 = not at all)
 * @param coPurchaseSeeds how many of the shopper's products seed co-purchase neighbours
 * @param recentBuyersPerProduct how many recent buyers per product the co-purchase sample reads
 * @param recentItemsPerUser how many recent products per co-buyer the co-purchase sample reads
 * @param profileHalfLife how fast old interactions fade from the shopper's embedding profile
 * @param rankingRefresh how stale the cached popular/trending rankings may get under a stream of
 *     events (a catalog change always refreshes them)
 * @param newItemAgeCap how long after its arrival a product is offered by the {@code new-arrivals}
 *     strategy (default {@value #DEFAULT_NEW_ITEM_AGE_CAP_DAYS} days; see docs/recommendations.md)
 * @param newItemBonus the exploration bonus {@code c} of a new arrival's score {@code fit + c /
 *     sqrt(1 + impressions)}: how strongly rarely shown arrivals are preferred over better-fitting
 *     ones (default {@value #DEFAULT_NEW_ITEM_BONUS}; 0 orders by fit alone)
 * @param newItemMaxUnclickedImpressions after this many impressions without a single click, add to
 *     cart or purchase, an arrival is no longer offered as new (default {@value
 *     #DEFAULT_NEW_ITEM_MAX_UNCLICKED_IMPRESSIONS}; {@link Integer#MAX_VALUE} for no limit)
 * @param newArrivalsPerList the most new arrivals the strategy offers for one list, so a batch of
 *     new products cannot take over every slot (default {@value #DEFAULT_NEW_ARRIVALS_PER_LIST};
 *     the slot policy learns how many of these slots to use)
 */
public record RecommenderTuning(
    Duration repeatHalfLife,
    double repurchasePrior,
    double repurchasePriorBuyers,
    Duration trendHalfLife,
    double trendBoost,
    double trendSaturation,
    double cycleWeight,
    int coPurchaseSeeds,
    int recentBuyersPerProduct,
    int recentItemsPerUser,
    Duration profileHalfLife,
    Duration rankingRefresh,
    Duration newItemAgeCap,
    double newItemBonus,
    int newItemMaxUnclickedImpressions,
    int newArrivalsPerList) {

  /** Default {@code newItemAgeCap}, in days. */
  public static final int DEFAULT_NEW_ITEM_AGE_CAP_DAYS = 30;
  /** Default {@code newItemBonus}. */
  public static final double DEFAULT_NEW_ITEM_BONUS = 0.5;
  /** Default {@code newItemMaxUnclickedImpressions}. */
  public static final int DEFAULT_NEW_ITEM_MAX_UNCLICKED_IMPRESSIONS = 200;
  /** Default {@code newArrivalsPerList}. */
  public static final int DEFAULT_NEW_ARRIVALS_PER_LIST = 2;

  /**
   * The defaults tuned on the development period (the new-item settings are not tuned: the Online
   * Retail evaluation has no catalog arrivals; see decision note 0807).
   */
  public static final RecommenderTuning DEFAULT = new RecommenderTuning(Duration.ofDays(253), 0.3, 5,
      Duration.ofDays(10), 1.0, 20, 0.0, 10, 50, 50, Duration.ofDays(30), Duration.ofSeconds(1));

  /** The tuning before new-item cold start, with the default new-item settings. */
  public RecommenderTuning(Duration repeatHalfLife, double repurchasePrior, double repurchasePriorBuyers,
      Duration trendHalfLife, double trendBoost, double trendSaturation, double cycleWeight, int coPurchaseSeeds,
      int recentBuyersPerProduct, int recentItemsPerUser, Duration profileHalfLife, Duration rankingRefresh) {
    this(repeatHalfLife, repurchasePrior, repurchasePriorBuyers, trendHalfLife, trendBoost, trendSaturation,
        cycleWeight, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, profileHalfLife, rankingRefresh,
        Duration.ofDays(DEFAULT_NEW_ITEM_AGE_CAP_DAYS), DEFAULT_NEW_ITEM_BONUS,
        DEFAULT_NEW_ITEM_MAX_UNCLICKED_IMPRESSIONS, DEFAULT_NEW_ARRIVALS_PER_LIST);
  }

  public RecommenderTuning {
    positive(repeatHalfLife, "repeatHalfLife");
    positive(trendHalfLife, "trendHalfLife");
    positive(profileHalfLife, "profileHalfLife");
    Objects.requireNonNull(rankingRefresh, "rankingRefresh");
    if (rankingRefresh.isNegative()) {
      throw new IllegalArgumentException("rankingRefresh must not be negative, was " + rankingRefresh);
    }
    if (!(repurchasePrior >= 0 && repurchasePrior <= 1)) {
      throw new IllegalArgumentException("repurchasePrior must be in [0, 1], was " + repurchasePrior);
    }
    nonNegative(repurchasePriorBuyers, "repurchasePriorBuyers");
    nonNegative(trendBoost, "trendBoost");
    if (!(trendSaturation > 0) || Double.isInfinite(trendSaturation)) {
      throw new IllegalArgumentException("trendSaturation must be a positive number, was " + trendSaturation);
    }
    nonNegative(cycleWeight, "cycleWeight");
    if (coPurchaseSeeds < 1 || recentBuyersPerProduct < 1 || recentItemsPerUser < 1) {
      throw new IllegalArgumentException("coPurchaseSeeds, recentBuyersPerProduct and recentItemsPerUser must be >= 1,"
          + " were " + coPurchaseSeeds + ", " + recentBuyersPerProduct + ", " + recentItemsPerUser);
    }
    positive(newItemAgeCap, "newItemAgeCap");
    nonNegative(newItemBonus, "newItemBonus");
    if (newItemMaxUnclickedImpressions < 1) {
      throw new IllegalArgumentException("newItemMaxUnclickedImpressions must be >= 1 (Integer.MAX_VALUE for no "
          + "limit), was " + newItemMaxUnclickedImpressions);
    }
    if (newArrivalsPerList < 0) {
      throw new IllegalArgumentException("newArrivalsPerList must be >= 0 (0 turns new arrivals off), was "
          + newArrivalsPerList);
    }
  }

  public RecommenderTuning withRepeatHalfLife(Duration value) {
    return new RecommenderTuning(value, repurchasePrior, repurchasePriorBuyers, trendHalfLife, trendBoost, trendSaturation, cycleWeight, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, profileHalfLife, rankingRefresh, newItemAgeCap, newItemBonus, newItemMaxUnclickedImpressions, newArrivalsPerList);
  }

  public RecommenderTuning withTrendBoost(double value) {
    return new RecommenderTuning(repeatHalfLife, repurchasePrior, repurchasePriorBuyers, trendHalfLife, value, trendSaturation, cycleWeight, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, profileHalfLife, rankingRefresh, newItemAgeCap, newItemBonus, newItemMaxUnclickedImpressions, newArrivalsPerList);
  }

  public RecommenderTuning withCycleWeight(double value) {
    return new RecommenderTuning(repeatHalfLife, repurchasePrior, repurchasePriorBuyers, trendHalfLife, trendBoost, trendSaturation, value, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, profileHalfLife, rankingRefresh, newItemAgeCap, newItemBonus, newItemMaxUnclickedImpressions, newArrivalsPerList);
  }

  public RecommenderTuning withRepurchasePriorBuyers(double value) {
    return new RecommenderTuning(repeatHalfLife, repurchasePrior, value, trendHalfLife, trendBoost, trendSaturation, cycleWeight, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, profileHalfLife, rankingRefresh, newItemAgeCap, newItemBonus, newItemMaxUnclickedImpressions, newArrivalsPerList);
  }

  public RecommenderTuning withProfileHalfLife(Duration value) {
    return new RecommenderTuning(repeatHalfLife, repurchasePrior, repurchasePriorBuyers, trendHalfLife, trendBoost, trendSaturation, cycleWeight, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, value, rankingRefresh, newItemAgeCap, newItemBonus, newItemMaxUnclickedImpressions, newArrivalsPerList);
  }

  public RecommenderTuning withRankingRefresh(Duration value) {
    return new RecommenderTuning(repeatHalfLife, repurchasePrior, repurchasePriorBuyers, trendHalfLife, trendBoost, trendSaturation, cycleWeight, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, profileHalfLife, value, newItemAgeCap, newItemBonus, newItemMaxUnclickedImpressions, newArrivalsPerList);
  }

  public RecommenderTuning withNewItemAgeCap(Duration value) {
    return new RecommenderTuning(repeatHalfLife, repurchasePrior, repurchasePriorBuyers, trendHalfLife, trendBoost, trendSaturation, cycleWeight, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, profileHalfLife, rankingRefresh, value, newItemBonus, newItemMaxUnclickedImpressions, newArrivalsPerList);
  }

  public RecommenderTuning withNewItemBonus(double value) {
    return new RecommenderTuning(repeatHalfLife, repurchasePrior, repurchasePriorBuyers, trendHalfLife, trendBoost, trendSaturation, cycleWeight, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, profileHalfLife, rankingRefresh, newItemAgeCap, value, newItemMaxUnclickedImpressions, newArrivalsPerList);
  }

  public RecommenderTuning withNewItemMaxUnclickedImpressions(int value) {
    return new RecommenderTuning(repeatHalfLife, repurchasePrior, repurchasePriorBuyers, trendHalfLife, trendBoost, trendSaturation, cycleWeight, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, profileHalfLife, rankingRefresh, newItemAgeCap, newItemBonus, value, newArrivalsPerList);
  }

  public RecommenderTuning withNewArrivalsPerList(int value) {
    return new RecommenderTuning(repeatHalfLife, repurchasePrior, repurchasePriorBuyers, trendHalfLife, trendBoost, trendSaturation, cycleWeight, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, profileHalfLife, rankingRefresh, newItemAgeCap, newItemBonus, newItemMaxUnclickedImpressions, value);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  private static void nonNegative(double v, String name) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + v);
    }
  }
}
