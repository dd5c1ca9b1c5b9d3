package io.guidesdk.core.learning;

import io.guidesdk.RewardEventType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Each shopper's recent interactions (at most {@code perUserLimit}, oldest dropped first) and the
 * catalog-wide interaction counts that popularity is computed from. Thread-safe.
 */
public final class InteractionStore {
  private final int perUserLimit;
  private final Map<String, Deque<Interaction>> byUser = new ConcurrentHashMap<>();
  private final Map<String, DoubleAdder> productCounts = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /**
   * Told of every interaction added and every shopper forgotten, after the store has changed (used
   * by the recommender to keep its catalog-wide purchase statistics incremental). Listeners run on
   * the caller's thread and must be fast and thread-safe.
   */
  public interface Listener {
    void added(String userId, Interaction interaction);

    void forgotten(String userId);
  }

  /** Registers a listener; it sees only what is added or forgotten from now on. */
  public void addListener(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public InteractionStore(int perUserLimit) {
    if (perUserLimit < 1) {
      throw new IllegalArgumentException("perUserLimit must be >= 1, was " + perUserLimit);
    }
    this.perUserLimit = perUserLimit;
  }

  public void add(String userId, Interaction interaction, double popularityWeight) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(interaction, "interaction");
    byUser.compute(userId, (k, deque) -> {
      Deque<Interaction> d = deque == null ? new ArrayDeque<>() : deque;
      d.addLast(interaction);
      while (d.size() > perUserLimit) {
        d.removeFirst();
      }
      return d;
    });
    if (popularityWeight != 0) {
      DoubleAdder a = productCounts.get(interaction.productId());
      if (a == null) {
        a = productCounts.computeIfAbsent(interaction.productId(), k -> new DoubleAdder());
      }
      a.add(popularityWeight);
    }
    for (Listener l : listeners) {
      l.added(userId, interaction);
    }
  }

  /** A snapshot of the shopper's interactions, oldest first; empty for an unknown shopper. */
  public List<Interaction> history(String userId) {
    List<Interaction> out = new ArrayList<>();
    byUser.computeIfPresent(userId, (k, d) -> {
      out.addAll(d);
      return d;
    });
    return out;
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

  /** Erases the shopper's history (their contribution to product counts is anonymous and stays). */
  public void forget(String userId) {
    byUser.remove(userId);
    for (Listener l : listeners) {
      l.forgotten(userId);
    }
  }

  /** A copy of every shopper's history and the product counts, for snapshots. */
  public Snapshot exportState() {
    Map<String, List<Interaction>> users = new java.util.TreeMap<>();
    for (String user : byUser.keySet()) {
      List<Interaction> h = history(user);
      if (!h.isEmpty()) {
        users.put(user, h);
      }
    }
    Map<String, Double> counts = new java.util.TreeMap<>();
    productCounts.forEach((k, v) -> counts.put(k, v.sum()));
    return new Snapshot(perUserLimit, users, counts);
  }

  /** Replaces all histories and counts with those of {@code snapshot}. */
  public void importState(Snapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    byUser.clear();
    productCounts.clear();
    snapshot.histories().forEach((user, list) -> {
      Deque<Interaction> d = new ArrayDeque<>(list);
      while (d.size() > perUserLimit) {
        d.removeFirst();
      }
      byUser.put(user, d);
    });
    snapshot.productCounts().forEach((k, v) -> {
      DoubleAdder a = new DoubleAdder();
      a.add(v);
      productCounts.put(k, a);
    });
  }

  /** Whether the store holds a history of {@code userId}. */
  public boolean holds(String userId) {
    return byUser.containsKey(userId);
  }

  /** How many shoppers have a history. */
  public int users() {
    return byUser.size();
  }

  /** Plain data of an {@link InteractionStore}. */
  public record Snapshot(int perUserLimit, Map<String, List<Interaction>> histories,
      Map<String, Double> productCounts) {}
}
