package io.guidesdk.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The SDK's size and time limits in one immutable object. Every limit has a {@code DEFAULT_*}
 * constant, repeated in the README.
 *
 * @param productsPerReply how many products one chat reply shows (1..50)
 * @param maxSessions how many dialogue sessions are held at once; the least recently used go first
 * @param sessionIdleTimeout how long an idle session is remembered
 * @param attributionWindow how long after an impression an event quoting its id is credited to it
 * @param maxImpressions how many impressions are held for attribution at once
 * @param historyPerUser how many interactions per shopper are kept for their profile
 * @param profileHalfLife how fast old interactions fade from a shopper's profile
 * @param maxShoppers how many shoppers' histories (and purchase statistics) are held at once; the
 *     least recently active (whose latest interaction was recorded longest ago) are dropped first,
 *     as if forgotten, except for the anonymous product counts
 */
public record GuideLimits(
    int productsPerReply,
    long maxSessions,
    Duration sessionIdleTimeout,
    Duration attributionWindow,
    long maxImpressions,
    int historyPerUser,
    Duration profileHalfLife,
    long maxShoppers) {

  public static final int DEFAULT_PRODUCTS_PER_REPLY = 5;
  public static final long DEFAULT_MAX_SESSIONS = 100_000;
  public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(30);
  public static final Duration DEFAULT_ATTRIBUTION_WINDOW = Duration.ofHours(24);
  public static final long DEFAULT_MAX_IMPRESSIONS = 1_000_000;
  public static final int DEFAULT_HISTORY_PER_USER = 200;
  public static final Duration DEFAULT_PROFILE_HALF_LIFE = Duration.ofDays(30);
  public static final long DEFAULT_MAX_SHOPPERS = 1_000_000;

  private static final GuideLimits DEFAULTS = new GuideLimits(DEFAULT_PRODUCTS_PER_REPLY, DEFAULT_MAX_SESSIONS,
      DEFAULT_SESSION_IDLE_TIMEOUT, DEFAULT_ATTRIBUTION_WINDOW, DEFAULT_MAX_IMPRESSIONS, DEFAULT_HISTORY_PER_USER,
      DEFAULT_PROFILE_HALF_LIFE, DEFAULT_MAX_SHOPPERS);

  public GuideLimits {
    if (productsPerReply < 1 || productsPerReply > 50) {
      throw new IllegalArgumentException("productsPerReply must be between 1 and 50, was " + productsPerReply);
    }
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be >= 1, was " + maxSessions);
    }
    requirePositive(sessionIdleTimeout, "sessionIdleTimeout");
    requirePositive(attributionWindow, "attributionWindow");
    if (maxImpressions < 1) {
      throw new IllegalArgumentException("maxImpressions must be >= 1, was " + maxImpressions);
    }
    if (historyPerUser < 1) {
      throw new IllegalArgumentException("historyPerUser must be >= 1, was " + historyPerUser);
    }
    requirePositive(profileHalfLife, "profileHalfLife");
    if (maxShoppers < 1) {
      throw new IllegalArgumentException("maxShoppers must be >= 1, was " + maxShoppers);
    }
  }

  /** The limits before {@code maxShoppers}, which is {@link #DEFAULT_MAX_SHOPPERS} here. */
  public GuideLimits(int productsPerReply, long maxSessions, Duration sessionIdleTimeout, Duration attributionWindow,
      long maxImpressions, int historyPerUser, Duration profileHalfLife) {
    this(productsPerReply, maxSessions, sessionIdleTimeout, attributionWindow, maxImpressions, historyPerUser,
        profileHalfLife, DEFAULT_MAX_SHOPPERS);
  }

  /** The defaults. */
  public static GuideLimits defaults() {
    return DEFAULTS;
  }

  public GuideLimits withProductsPerReply(int value) {
    return new GuideLimits(value, maxSessions, sessionIdleTimeout, attributionWindow, maxImpressions,
        historyPerUser, profileHalfLife, maxShoppers);
  }

  public GuideLimits withSessionIdleTimeout(Duration value) {
    return new GuideLimits(productsPerReply, maxSessions, value, attributionWindow, maxImpressions,
        historyPerUser, profileHalfLife, maxShoppers);
  }

  public GuideLimits withAttributionWindow(Duration value) {
    return new GuideLimits(productsPerReply, maxSessions, sessionIdleTimeout, value, maxImpressions,
        historyPerUser, profileHalfLife, maxShoppers);
  }

  public GuideLimits withMaxShoppers(long value) {
    return new GuideLimits(productsPerReply, maxSessions, sessionIdleTimeout, attributionWindow, maxImpressions,
        historyPerUser, profileHalfLife, value);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}
