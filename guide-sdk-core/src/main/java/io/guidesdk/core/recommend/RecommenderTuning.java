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
    Duration rankingRefresh) {

  /** The defaults tuned on the development period. */
  public static final RecommenderTuning DEFAULT = new RecommenderTuning(Duration.ofDays(253), 0.3, 5,
      Duration.ofDays(10), 1.0, 20, 0.0, 10, 50, 50, Duration.ofDays(30), Duration.ofSeconds(1));

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
  }

  public RecommenderTuning withRepeatHalfLife(Duration value) {
    return new RecommenderTuning(value, repurchasePrior, repurchasePriorBuyers, trendHalfLife, trendBoost,
        trendSaturation, cycleWeight, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, profileHalfLife,
        rankingRefresh);
  }

  public RecommenderTuning withTrendBoost(double value) {
    return new RecommenderTuning(repeatHalfLife, repurchasePrior, repurchasePriorBuyers, trendHalfLife, value,
        trendSaturation, cycleWeight, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, profileHalfLife,
        rankingRefresh);
  }

  public RecommenderTuning withCycleWeight(double value) {
    return new RecommenderTuning(repeatHalfLife, repurchasePrior, repurchasePriorBuyers, trendHalfLife, trendBoost,
        trendSaturation, value, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, profileHalfLife,
        rankingRefresh);
  }

  public RecommenderTuning withRepurchasePriorBuyers(double value) {
    return new RecommenderTuning(repeatHalfLife, repurchasePrior, value, trendHalfLife, trendBoost,
        trendSaturation, cycleWeight, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, profileHalfLife,
        rankingRefresh);
  }

  public RecommenderTuning withProfileHalfLife(Duration value) {
    return new RecommenderTuning(repeatHalfLife, repurchasePrior, repurchasePriorBuyers, trendHalfLife, trendBoost,
        trendSaturation, cycleWeight, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, value,
        rankingRefresh);
  }

  public RecommenderTuning withRankingRefresh(Duration value) {
    return new RecommenderTuning(repeatHalfLife, repurchasePrior, repurchasePriorBuyers, trendHalfLife, trendBoost,
        trendSaturation, cycleWeight, coPurchaseSeeds, recentBuyersPerProduct, recentItemsPerUser, profileHalfLife,
        value);
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
