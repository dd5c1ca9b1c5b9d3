package io.guidesdk.core.learning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.core.learning.DefaultRewardSink.PendingImpression;
import io.guidesdk.core.policy.QLearningPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Snapshots of what the learning loop has learned: the policy's action values, the shoppers'
 * profiles (interaction histories and product counts), the impressions still inside their credit
 * horizon with the rewards credited so far, when products arrived in the catalog, and the
 * recommender's purchase statistics, as JSON inside a {@link SnapshotFile} envelope (format version
 * 4; version 3 files, without the purchase statistics, version 2 files, whose impressions also lack
 * their action sets, and version 1 files, without pending impressions and arrivals, are still read).
 */
public final class LearningSnapshot {
  private LearningSnapshot() {}

  /**
   * What a snapshot holds.
   *
   * @param pending impressions awaiting the end of their credit horizon; {@code null} in a version 1
   *     file
   * @param arrivals when products arrived; {@code null} in a version 1 file
   * @param purchases the recommender's purchase statistics; {@code null} in a file before version 4
   *     (the restorer then rebuilds them from the profiles' histories)
   */
  public record Content(Instant createdAt, QLearningPolicy.@Nullable State policy,
      InteractionStore.Snapshot profiles, @Nullable List<PendingImpression> pending,
      ItemArrivals.@Nullable State arrivals, @Nullable Purchases purchases) {
    public Content {
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(profiles, "profiles");
      pending = pending == null ? null : List.copyOf(pending);
    }

    /** The content of a version 2 or 3 snapshot: no purchase statistics. */
    public Content(Instant createdAt, QLearningPolicy.@Nullable State policy, InteractionStore.Snapshot profiles,
        @Nullable List<PendingImpression> pending, ItemArrivals.@Nullable State arrivals) {
      this(createdAt, policy, profiles, pending, arrivals, null);
    }

    /** The content of a version 1 snapshot: no pending impressions, no arrivals. */
    public Content(Instant createdAt, QLearningPolicy.@Nullable State policy, InteractionStore.Snapshot profiles) {
      this(createdAt, policy, profiles, null, null, null);
    }
  }

  /**
   * The recommender's catalog-wide purchase statistics ({@code PurchaseStatistics}), plain data.
   * They are snapshotted because the histories cannot rebuild them exactly: they count purchases
   * older than the history kept per shopper, and their co-purchase sample is ordered by when
   * purchases were recorded, not by their timestamps.
   *
   * @param epoch the instant the trending masses are relative to
   * @param shoppers each buyer's purchases by product, and the products they bought most recently
   * @param products each bought product's trending mass and most recent buyers
   */
  public record Purchases(Instant epoch, Map<String, Shopper> shoppers, Map<String, Bought> products) {
    // About a million years either side of 1970: milliseconds between any two fit in a long.
    private static final Instant MIN_EPOCH = Instant.ofEpochMilli(-(1L << 55));
    private static final Instant MAX_EPOCH = Instant.ofEpochMilli(1L << 55);

    public Purchases {
      Objects.requireNonNull(epoch, "epoch");
      if (epoch.isBefore(MIN_EPOCH) || epoch.isAfter(MAX_EPOCH)) {
        throw new IllegalArgumentException("epoch must be between " + MIN_EPOCH + " and " + MAX_EPOCH + ", was "
            + epoch);
      }
      shoppers = sorted(shoppers);
      products = sorted(products);
    }

    /**
     * One buyer.
     *
     * @param items what they bought, by product id
     * @param recent the products they bought most recently, oldest first
     */
    public record Shopper(Map<String, Item> items, List<String> recent) {
      public Shopper {
        items = sorted(items);
        recent = List.copyOf(recent);
      }
    }

    /**
     * One buyer's purchases of one product.
     *
     * @param days on how many distinct days (UTC) they bought it
     * @param lastDay the latest of those days, in days since 1970-01-01
     * @param trendMass their purchases' trending mass, relative to {@link Purchases#epoch()}
     */
    public record Item(int days, long lastDay, double trendMass) {
      public Item {
        if (days < 1) {
          throw new IllegalArgumentException("days must be >= 1, was " + days);
        }
        requireMass(trendMass);
      }
    }

    /**
     * One bought product.
     *
     * @param trendMass its purchases' trending mass, relative to {@link Purchases#epoch()}
     * @param recentBuyers its most recent buyers, oldest first
     */
    public record Bought(double trendMass, List<String> recentBuyers) {
      public Bought {
        requireMass(trendMass);
        recentBuyers = List.copyOf(recentBuyers);
      }
    }

    /** An unmodifiable copy in key order, so that equal statistics write equal files. */
    private static <V> Map<String, V> sorted(Map<String, V> map) {
      TreeMap<String, V> copy = new TreeMap<>(map);
      copy.values().forEach(v -> Objects.requireNonNull(v, "value"));
      return Collections.unmodifiableMap(copy);
    }

    private static void requireMass(double mass) {
      if (!(mass >= 0) || Double.isInfinite(mass)) {
        throw new IllegalArgumentException("trendMass must be finite and >= 0, was " + mass);
      }
    }
  }

  /**
   * Writes the policy (if any) and the profiles to {@code file} atomically (no pending impressions,
   * no purchase statistics: a restore rebuilds those from the histories).
   */
  public static void write(Path file, @Nullable QLearningPolicy policy, InteractionStore profiles, Instant now) {
    Objects.requireNonNull(profiles, "profiles");
    Objects.requireNonNull(now, "now");
    write(file, new Content(now, policy == null ? null : policy.exportState(), profiles.exportState(), List.of(),
        null, null));
  }

  /** Writes {@code content} to {@code file} atomically. */
  public static void write(Path file, Content content) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(content, "content");
    try {
      SnapshotFile.write(file, DecisionLog.mapper().writeValueAsBytes(content));
    } catch (JsonProcessingException e) {
      throw new SnapshotException("cannot encode snapshot: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads and verifies {@code file}. */
  public static Content read(Path file) {
    byte[] payload = SnapshotFile.read(file);
    ObjectMapper mapper = DecisionLog.mapper();
    try {
      return mapper.readValue(payload, Content.class);
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      // Jackson's own message without its "at [Source: ...]" location: one JSON document, no lines to point at.
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new SnapshotException("refusing " + file + ": the checksum matches but the content does not decode ("
          + why + ")", e);
    }
  }

  /**
   * Restores {@code file} into {@code policy} and {@code profiles}; nothing is changed when the file is
   * refused. The caller restores {@link Content#pending()}, {@link Content#arrivals()} and {@link
   * Content#purchases()} where it keeps them (GuideSdk: the reward sink, the recommender's arrivals
   * and its purchase statistics). Restoring tells no {@link InteractionStore.Listener}: what listens
   * to the store restores its own state.
   */
  public static Content restore(Path file, @Nullable QLearningPolicy policy, InteractionStore profiles) {
    Content c = read(file);
    if (policy != null && c.policy() != null) {
      try {
        policy.importState(c.policy());
      } catch (IllegalArgumentException e) {
        throw new SnapshotException("refusing " + file + ": " + e.getMessage(), e);
      }
    }
    // Files written with the statistics keep the shoppers in recency order; older ones sort them by id.
    profiles.importState(c.purchases() != null ? c.profiles() : c.profiles().byLatestInteraction());
    return c;
  }
}
