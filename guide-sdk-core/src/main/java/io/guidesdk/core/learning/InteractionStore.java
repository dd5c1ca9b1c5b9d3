package io.guidesdk.core.learning;

import io.guidesdk.RewardEventType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Each shopper's recent interactions (at most {@code perUserLimit}, oldest dropped first) and the
 * catalog-wide interaction counts that popularity is computed from. Thread-safe.
 *
 * <h2>Bound on shoppers held</h2>
 * At most {@code maxShoppers} shoppers are held ({@code GuideLimits.maxShoppers()}, default
 * 1,000,000). Adding an interaction for a new shopper beyond that drops the least recently active
 * shopper, the one whose latest interaction was added longest ago (reading a history is not
 * activity). A dropped shopper is told to the {@link Listener}s as forgotten, so the recommender's
 * purchase statistics drop their contribution too; their product counts stay (anonymous, as after
 * {@link #forget}). A shopper who comes back starts a new history.
 *
 * <p>The recency order is a doubly linked list threaded through the entries, guarded by one write
 * lock that every change takes; reads go through a {@link ConcurrentHashMap} and lock only the
 * shopper's entry. Caffeine (used for the dialogue sessions) is not used here: its size eviction
 * (W-TinyLFU) may refuse a new shopper in favour of frequent ones and evicts after the write, in its
 * own maintenance cycle, while this bound must be exact and strictly least-recently-active, and each
 * drop must reach the listeners in order with the additions (the purchase statistics mirror the
 * shoppers held). The links cost two references per shopper, against a second map entry for an
 * order index.
 */
public final class InteractionStore {
  /** {@code maxShoppers} of {@link #InteractionStore(int)}, the default of {@code GuideLimits}. */
  public static final long DEFAULT_MAX_SHOPPERS = 1_000_000;

  private final int perUserLimit;
  private final long maxShoppers;
  private final ConcurrentHashMap<String, Held> byUser = new ConcurrentHashMap<>();
  private final Map<String, DoubleAdder> productCounts = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  /** Taken by every change to the shoppers held; guards the recency list and {@link #held}. */
  private final ReentrantLock write = new ReentrantLock();
  /** The recency list's sentinel: {@code newer} is the least recently active shopper, {@code older} the most. */
  private final Held recency = new Held("");
  private long held;

  /** A held shopper: their history (guarded by the entry's monitor) and their place in the recency list. */
  private static final class Held {
    final String userId;
    final ArrayDeque<Interaction> history = new ArrayDeque<>();
    Held older = this;
    Held newer = this;

    Held(String userId) {
      this.userId = userId;
    }
  }

  /**
   * Told of every interaction added and every shopper forgotten or dropped (by the bound on shoppers
   * held), after the store has changed (used by the recommender to keep its catalog-wide purchase
   * statistics incremental). Listeners are called in the order of the changes, on the caller's
   * thread while the store's write lock is held: they must be fast and thread-safe, and must not add
   * to the store or forget a shopper. {@link #importState} tells them nothing.
   */
  public interface Listener {
    void added(String userId, Interaction interaction);

    /** The shopper was erased by {@link #forget} or dropped to stay within {@code maxShoppers}. */
    void forgotten(String userId);
  }

  /** Registers a listener; it sees only what is added or forgotten from now on. */
  public void addListener(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** A store holding at most {@value #DEFAULT_MAX_SHOPPERS} shoppers. */
  public InteractionStore(int perUserLimit) {
    this(perUserLimit, DEFAULT_MAX_SHOPPERS);
  }

  /**
   * @param perUserLimit how many interactions per shopper are kept, oldest dropped first
   * @param maxShoppers how many shoppers are held, the least recently active dropped first
   */
  public InteractionStore(int perUserLimit, long maxShoppers) {
    if (perUserLimit < 1) {
      throw new IllegalArgumentException("perUserLimit must be >= 1, was " + perUserLimit);
    }
    if (maxShoppers < 1) {
      throw new IllegalArgumentException("maxShoppers must be >= 1, was " + maxShoppers);
    }
    this.perUserLimit = perUserLimit;
    this.maxShoppers = maxShoppers;
  }

  public void add(String userId, Interaction interaction, double popularityWeight) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(interaction, "interaction");
    write.lock();
    try {
      Held h = byUser.get(userId);
      if (h == null) {
        h = new Held(userId);
        byUser.put(userId, h);
        held++;
      } else {
        unlink(h);
      }
      linkNewest(h);
      synchronized (h) {
        h.history.addLast(interaction);
        while (h.history.size() > perUserLimit) {
          h.history.removeFirst();
        }
      }
      if (popularityWeight != 0) {
        productCounts.computeIfAbsent(interaction.productId(), k -> new DoubleAdder()).add(popularityWeight);
      }
      for (Listener l : listeners) {
        l.added(userId, interaction);
      }
      while (held > maxShoppers) {
        Held oldest = recency.newer;
        unlink(oldest);
        byUser.remove(oldest.userId);
        held--;
        for (Listener l : listeners) {
          l.forgotten(oldest.userId);
        }
      }
    } finally {
      write.unlock();
    }
  }

  private void unlink(Held h) {
    h.older.newer = h.newer;
    h.newer.older = h.older;
    h.older = h;
    h.newer = h;
  }

  private void linkNewest(Held h) {
    h.older = recency.older;
    h.newer = recency;
    recency.older.newer = h;
    recency.older = h;
  }

  /** A snapshot of the shopper's interactions, oldest first; empty for an unknown shopper. */
  public List<Interaction> history(String userId) {
    Held h = byUser.get(userId);
    if (h == null) {
      return new ArrayList<>();
    }
    synchronized (h) {
      return new ArrayList<>(h.history);
    }
  }

  public boolean hasPurchased(String userId, String productId) {
    return history(userId).stream()
        .anyMatch(i -> i.type() == RewardEventType.PURCHASE && i.productId().equals(productId));
  }

  /** The weighted count of interactions with a product, across all shoppers. */
  public double interactionWeight(String productId) {
    DoubleAdder a = productCounts.get(productId);
    return a == null ? 0 : a.sum();
  }

  /**
   * Drops the counts of the products {@code keep} rejects (GuideSdk: those no longer in the
   * catalog, after each catalog update), so a catalog's churn does not accumulate here. An event
   * applied after the update for a product it removed counts again until the next update.
   */
  public void retainProductCounts(Predicate<String> keep) {
    Objects.requireNonNull(keep, "keep");
    productCounts.keySet().removeIf(id -> !keep.test(id));
  }

  /** Erases the shopper's history (their contribution to product counts is anonymous and stays). */
  public void forget(String userId) {
    Objects.requireNonNull(userId, "userId");
    write.lock();
    try {
      Held h = byUser.remove(userId);
      if (h != null) {
        unlink(h);
        held--;
      }
      for (Listener l : listeners) {
        l.forgotten(userId);
      }
    } finally {
      write.unlock();
    }
  }

  /**
   * A copy of every shopper's history, least recently active first, and the product counts, for
   * snapshots. The order is taken at one instant; each history is copied after it, without holding
   * up additions.
   */
  public Snapshot exportState() {
    List<Held> order = new ArrayList<>();
    write.lock();
    try {
      for (Held h = recency.newer; h != recency; h = h.newer) {
        order.add(h);
      }
    } finally {
      write.unlock();
    }
    Map<String, List<Interaction>> users = new LinkedHashMap<>(order.size() * 2);
    for (Held h : order) {
      List<Interaction> copy;
      synchronized (h) {
        copy = new ArrayList<>(h.history);
      }
      if (!copy.isEmpty()) {
        users.put(h.userId, copy);
      }
    }
    Map<String, Double> counts = new TreeMap<>();
    productCounts.forEach((k, v) -> counts.put(k, v.sum()));
    return new Snapshot(perUserLimit, users, counts);
  }

  /**
   * Replaces all histories and counts with those of {@code snapshot}, its shoppers taken as least
   * recently active first; beyond {@code maxShoppers}, the least recently active are left out.
   * Listeners are not told.
   */
  public void importState(Snapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    write.lock();
    try {
      byUser.clear();
      productCounts.clear();
      recency.older = recency;
      recency.newer = recency;
      held = 0;
      List<Map.Entry<String, List<Interaction>>> shoppers = new ArrayList<>(snapshot.histories().size());
      snapshot.histories().entrySet().stream().filter(e -> !e.getValue().isEmpty()).forEach(shoppers::add);
      int from = (int) Math.max(0, shoppers.size() - maxShoppers);
      for (Map.Entry<String, List<Interaction>> e : shoppers.subList(from, shoppers.size())) {
        Held h = new Held(e.getKey());
        List<Interaction> list = e.getValue();
        h.history.addAll(list.subList(Math.max(0, list.size() - perUserLimit), list.size()));
        byUser.put(h.userId, h);
        linkNewest(h);
        held++;
      }
      snapshot.productCounts().forEach((k, v) -> {
        DoubleAdder a = new DoubleAdder();
        a.add(v);
        productCounts.put(k, a);
      });
    } finally {
      write.unlock();
    }
  }

  /** Whether the store holds a history of {@code userId}. */
  public boolean holds(String userId) {
    return byUser.containsKey(userId);
  }

  /** How many shoppers have a history. */
  public int users() {
    return byUser.size();
  }

  /** The most shoppers held at once. */
  public long maxShoppers() {
    return maxShoppers;
  }

  /**
   * Plain data of an {@link InteractionStore}.
   *
   * @param histories each shopper's interactions, oldest first, the shoppers least recently active
   *     first (in files before format 4, by shopper id: see {@link #byLatestInteraction()})
   */
  public record Snapshot(int perUserLimit, Map<String, List<Interaction>> histories,
      Map<String, Double> productCounts) {

    /**
     * A copy with the shoppers ordered by their latest interaction's time, ties in their present
     * order: the recency order for snapshots that did not keep it.
     */
    public Snapshot byLatestInteraction() {
      List<Map.Entry<String, List<Interaction>>> entries = new ArrayList<>(histories.entrySet());
      entries.sort(Comparator.comparing(e -> latest(e.getValue())));
      Map<String, List<Interaction>> ordered = new LinkedHashMap<>(entries.size() * 2);
      entries.forEach(e -> ordered.put(e.getKey(), e.getValue()));
      return new Snapshot(perUserLimit, ordered, productCounts);
    }

    private static Instant latest(List<Interaction> history) {
      Instant latest = Instant.MIN;
      for (Interaction i : history) {
        if (i.at().isAfter(latest)) {
          latest = i.at();
        }
      }
      return latest;
    }
  }
}
