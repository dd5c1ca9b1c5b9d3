package io.guidesdk.core.recommend;

import io.guidesdk.RewardEventType;
import io.guidesdk.core.learning.Interaction;
import io.guidesdk.core.learning.InteractionStore;
import io.guidesdk.core.learning.LearningSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * Catalog-wide purchase statistics kept incrementally from the interaction stream: for each product
 * the number of distinct buyers, of buyers who bought it again on another day, a trending mass
 * (purchases decayed with a half-life), and its most recent buyers (the sample co-purchase
 * neighbours are counted from). Each shopper's contribution is remembered so that
 * {@link #forgotten(String)} removes it entirely: a forgotten shopper, or one the interaction store
 * dropped to stay within its bound on shoppers held, leaves no trace here.
 *
 * <p>The statistics are snapshotted with the histories ({@link #exportState}, {@link #importState}):
 * they cannot be rebuilt exactly from them (see {@link LearningSnapshot.Purchases}).
 *
 * <p>Thread-safe: updates take a write lock, reads a read lock.
 */
public final class PurchaseStatistics implements InteractionStore.Listener {
  private static final long DAY_SECONDS = Duration.ofDays(1).getSeconds();
  /** Past this many half-lives a trending mass is below the smallest double: it is 0. */
  private static final int MAX_REBASE_HALF_LIVES = 1_100;

  private final int recentPerProduct;
  private final int recentPerUser;
  private final double trendTauMs;
  private final long halfLifeMs;
  /** The epoch given at construction; an import moves {@link #epochMs} near it. */
  private final long ownEpochMs;
  /** The epoch of the trending masses: mass = sum of exp((t - EPOCH) / tau). Guarded by the lock. */
  private long epochMs;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, ProductStats> products = new HashMap<>();
  private final Map<String, UserStats> users = new HashMap<>();
  private final AtomicLong version = new AtomicLong();
  private final AtomicLong generation = new AtomicLong();

  /**
   * @param trendHalfLife how fast a purchase stops counting as trending
   * @param recentBuyersPerProduct how many recent buyers per product the co-purchase sample keeps
   * @param recentItemsPerUser how many recently bought products per shopper the sample reads
   * @param epoch a reference instant near the data (the trending masses are stored relative to it)
   */
  public PurchaseStatistics(Duration trendHalfLife, int recentBuyersPerProduct, int recentItemsPerUser,
      Instant epoch) {
    Objects.requireNonNull(trendHalfLife, "trendHalfLife");
    if (trendHalfLife.isNegative() || trendHalfLife.isZero()) {
      throw new IllegalArgumentException("trendHalfLife must be positive, was " + trendHalfLife);
    }
    if (recentBuyersPerProduct < 1 || recentItemsPerUser < 1) {
      throw new IllegalArgumentException("recentBuyersPerProduct and recentItemsPerUser must be >= 1");
    }
    this.halfLifeMs = Math.max(1, trendHalfLife.toMillis());
    this.trendTauMs = trendHalfLife.toMillis() / Math.log(2);
    this.recentPerProduct = recentBuyersPerProduct;
    this.recentPerUser = recentItemsPerUser;
    this.ownEpochMs = Objects.requireNonNull(epoch, "epoch").toEpochMilli();
    this.epochMs = ownEpochMs;
  }

  private static final class ProductStats {
    int buyers;
    int repeatBuyers;
    double trendMass;
    final ArrayDeque<String> recentBuyers = new ArrayDeque<>();
  }

  private static final class UserItem {
    int days;
    long lastDay = Long.MIN_VALUE;
    double trendMass;
  }

  private static final class UserStats {
    final Map<String, UserItem> items = new HashMap<>();
    final ArrayDeque<String> recent = new ArrayDeque<>();
  }

  @Override
  public void added(String userId, Interaction interaction) {
    if (interaction.type() != RewardEventType.PURCHASE) {
      return;
    }
    lock.writeLock().lock();
    try {
      addPurchase(userId, interaction);
      version.incrementAndGet();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Counts one purchase (the caller holds the write lock). */
  private void addPurchase(String userId, Interaction interaction) {
    String productId = interaction.productId();
    // From epoch seconds, not toEpochMilli(): an interaction at any instant (restored from an old
    // snapshot) must not overflow a long of milliseconds.
    Instant when = interaction.at();
    double at = when.getEpochSecond() * 1000.0 + when.getNano() / 1_000_000;
    long day = Math.floorDiv(when.getEpochSecond(), DAY_SECONDS);
    UserStats u = users.computeIfAbsent(userId, k -> new UserStats());
    ProductStats p = products.computeIfAbsent(productId, k -> new ProductStats());
    UserItem item = u.items.get(productId);
    if (item == null) {
      item = new UserItem();
      u.items.put(productId, item);
      p.buyers++;
    }
    if (day != item.lastDay) {
      // One contribution per shopper and day: a basket with the product twice is one purchase.
      item.days++;
      if (item.days == 2) {
        p.repeatBuyers++;
      }
      double mass = Math.exp((at - epochMs) / trendTauMs);
      item.trendMass += mass;
      p.trendMass += mass;
      item.lastDay = Math.max(item.lastDay, day);
    }
    moveToBack(u.recent, productId, recentPerUser);
    moveToBack(p.recentBuyers, userId, recentPerProduct);
  }

  /**
   * Removes the shopper's contribution: called when the shopper is forgotten, or dropped by the
   * interaction store's bound on shoppers held.
   */
  @Override
  public void forgotten(String userId) {
    lock.writeLock().lock();
    try {
      if (removeUser(userId)) {
        version.incrementAndGet();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes a shopper's contribution (the caller holds the write lock); false if there was none. */
  private boolean removeUser(String userId) {
    UserStats u = users.remove(userId);
    if (u == null) {
      return false;
    }
    u.items.forEach((productId, item) -> {
      ProductStats p = products.get(productId);
      p.buyers--;
      if (item.days >= 2) {
        p.repeatBuyers--;
      }
      p.trendMass = Math.max(0, p.trendMass - item.trendMass);
      p.recentBuyers.remove(userId);
      if (p.buyers == 0) {
        products.remove(productId);
      }
    });
    return true;
  }

  /**
   * A copy of the statistics for snapshots. Taken under the read lock, so it is consistent with
   * itself; the interaction store's histories are copied separately (see {@link #importState}).
   */
  public LearningSnapshot.Purchases exportState() {
    lock.readLock().lock();
    try {
      Map<String, LearningSnapshot.Purchases.Shopper> shoppers = new HashMap<>(users.size() * 2);
      users.forEach((id, u) -> {
        Map<String, LearningSnapshot.Purchases.Item> items = new HashMap<>(u.items.size() * 2);
        u.items.forEach((pid, i) -> items.put(pid, new LearningSnapshot.Purchases.Item(i.days, i.lastDay,
            i.trendMass)));
        shoppers.put(id, new LearningSnapshot.Purchases.Shopper(items, List.copyOf(u.recent)));
      });
      Map<String, LearningSnapshot.Purchases.Bought> bought = new HashMap<>(products.size() * 2);
      products.forEach((id, p) -> bought.put(id, new LearningSnapshot.Purchases.Bought(p.trendMass,
          List.copyOf(p.recentBuyers))));
      return new LearningSnapshot.Purchases(Instant.ofEpochMilli(epochMs), shoppers, bought);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Replaces all statistics with {@code state} (nothing held before is kept), keeping only the
   * shoppers {@code held} accepts: the interaction store's shoppers, whose histories are copied apart
   * from the statistics, so a shopper dropped or forgotten between the two copies must not linger
   * here.
   *
   * <p>The trending masses move to an epoch a whole number of half-lives after the snapshot's, as
   * near this object's own as that allows: scaling by a power of two is exact, so the restored
   * rankings order products exactly as the snapshotted ones did, and the masses stay small however
   * old the snapshot's epoch is.
   */
  public void importState(LearningSnapshot.Purchases state, Predicate<String> held) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(held, "held");
    long stateEpochMs = state.epoch().toEpochMilli();
    lock.writeLock().lock();
    try {
      products.clear();
      users.clear();
      // In double: two epochs far apart would overflow a long difference.
      double halfLives = Math.max(0, Math.floor(((double) ownEpochMs - stateEpochMs) / halfLifeMs));
      double scale;
      if (halfLives > MAX_REBASE_HALF_LIVES) {
        // Every stored mass is below 2^-1100 of a purchase now: all of them round to 0 anyway.
        scale = Double.POSITIVE_INFINITY;
        epochMs = ownEpochMs;
      } else {
        scale = Math.scalb(1.0, (int) halfLives);
        epochMs = stateEpochMs + (long) halfLives * halfLifeMs;
      }
      state.shoppers().forEach((id, s) -> {
        UserStats u = new UserStats();
        s.items().forEach((pid, i) -> {
          UserItem item = new UserItem();
          item.days = i.days();
          item.lastDay = i.lastDay();
          item.trendMass = i.trendMass() / scale;
          u.items.put(pid, item);
          ProductStats p = products.computeIfAbsent(pid, k -> new ProductStats());
          p.buyers++;
          if (item.days >= 2) {
            p.repeatBuyers++;
          }
          p.trendMass += item.trendMass; // replaced below by the product's own sum where the state has it
        });
        for (String pid : s.recent()) {
          if (u.items.containsKey(pid)) {
            moveToBack(u.recent, pid, recentPerUser);
          }
        }
        users.put(id, u);
      });
      state.products().forEach((pid, b) -> {
        ProductStats p = products.get(pid);
        if (p != null) {
          p.trendMass = b.trendMass() / scale;
          for (String buyer : b.recentBuyers()) {
            UserStats u = users.get(buyer);
            if (u != null && u.items.containsKey(pid)) {
              moveToBack(p.recentBuyers, buyer, recentPerProduct);
            }
          }
        }
      });
      for (String id : List.copyOf(users.keySet())) {
        if (!held.test(id)) {
          removeUser(id);
        }
      }
      version.incrementAndGet();
      generation.incrementAndGet();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Replaces all statistics with those counted from {@code histories} (each shopper's interactions,
   * oldest first), the purchases taken in time order. For snapshots written before the statistics
   * were part of them: purchases older than the kept histories are not counted, and purchases
   * recorded at one instant are taken shopper by shopper, so the co-purchase sample can differ from
   * the one the statistics had.
   */
  public void rebuild(Map<String, List<Interaction>> histories) {
    Objects.requireNonNull(histories, "histories");
    record Purchase(String userId, Interaction interaction) {}
    List<Purchase> purchases = new ArrayList<>();
    histories.forEach((id, list) -> list.forEach(i -> {
      if (i.type() == RewardEventType.PURCHASE) {
        purchases.add(new Purchase(id, i));
      }
    }));
    purchases.sort(java.util.Comparator.comparing(p -> p.interaction().at())); // stable: ties keep their order
    lock.writeLock().lock();
    try {
      products.clear();
      users.clear();
      epochMs = ownEpochMs;
      for (Purchase p : purchases) {
        addPurchase(p.userId(), p.interaction());
      }
      version.incrementAndGet();
      generation.incrementAndGet();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static void moveToBack(ArrayDeque<String> deque, String value, int limit) {
    deque.remove(value);
    deque.addLast(value);
    while (deque.size() > limit) {
      deque.removeFirst();
    }
  }

  /** Changes whenever the statistics do (for caches). */
  public long version() {
    return version.get();
  }

  /**
   * Changes when the statistics are replaced wholesale ({@link #importState}, {@link #rebuild}), so
   * caches that refresh lazily on {@link #version()} rebuild at once instead.
   */
  public long generation() {
    return generation.get();
  }

  /** How many distinct shoppers bought the product. */
  public int buyers(String productId) {
    lock.readLock().lock();
    try {
      ProductStats p = products.get(productId);
      return p == null ? 0 : p.buyers;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The share of the product's buyers who bought it again on another day, shrunk towards
   * {@code prior} with the weight of {@code priorBuyers} pseudo-buyers.
   */
  public double repurchaseRate(String productId, double prior, double priorBuyers) {
    lock.readLock().lock();
    try {
      ProductStats p = products.get(productId);
      int buyers = p == null ? 0 : p.buyers;
      int repeat = p == null ? 0 : p.repeatBuyers;
      return (repeat + prior * priorBuyers) / (buyers + priorBuyers);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The product's purchases decayed to {@code now} with the trend half-life (about "purchases lately"). */
  public double trending(String productId, Instant now) {
    lock.readLock().lock();
    try {
      ProductStats p = products.get(productId);
      return p == null ? 0 : p.trendMass * Math.exp((epochMs - now.toEpochMilli()) / trendTauMs);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A snapshot of every product's buyers and trending mass (relative units), for rankings. */
  Map<String, double[]> snapshot() {
    lock.readLock().lock();
    try {
      Map<String, double[]> out = new HashMap<>(products.size() * 2);
      products.forEach((id, p) -> out.put(id, new double[] {p.buyers, p.trendMass}));
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Co-purchase counts from a sample: for each seed product, its most recent buyers other than
   * {@code userId}, and the products each of them bought most recently. Returns, for each product
   * bought by those co-buyers, the number of (seed, co-buyer) pairs in which it appeared, and which
   * seed contributed most, as {@code [count, seedIndex, seedCount]}.
   */
  Map<String, double[]> coPurchases(List<String> seeds, String userId) {
    // acc = [count, best seed, best seed's count, current seed, current seed's count]
    Map<String, double[]> out = new HashMap<>(4_096);
    lock.readLock().lock();
    try {
      for (int s = 0; s < seeds.size(); s++) {
        ProductStats p = products.get(seeds.get(s));
        if (p == null) {
          continue;
        }
        for (String buyer : p.recentBuyers) {
          UserStats u = buyer.equals(userId) ? null : users.get(buyer);
          if (u == null) {
            continue;
          }
          for (String item : u.recent) {
            double[] acc = out.computeIfAbsent(item, k -> new double[] {0, 0, 0, -1, 0});
            if (acc[3] != s) {
              acc[3] = s;
              acc[4] = 0;
            }
            acc[0]++;
            if (++acc[4] > acc[2]) {
              acc[2] = acc[4];
              acc[1] = s;
            }
          }
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    return out;
  }

  /** The shoppers the statistics hold a contribution from (for tests of forgetting). */
  List<String> users() {
    lock.readLock().lock();
    try {
      return new ArrayList<>(users.keySet());
    } finally {
      lock.readLock().unlock();
    }
  }
}
