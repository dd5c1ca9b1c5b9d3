package io.guidesdk.core.learning;

import io.guidesdk.Product;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.catalog.Catalog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * When the SDK first saw each product, and how often the products that arrived since have been shown
 * and engaged with: the memory behind new-item cold start (the recommender's {@code new-arrivals}
 * strategy).
 *
 * <h2>What counts as an arrival</h2>
 * The first catalog {@link #observe observed} is the baseline: its products are not new, because a
 * shop that starts the SDK on its existing catalog does not expect every product to be a "new
 * arrival". Every product that first appears in a later catalog (a {@code GuideSdk.updateCatalog},
 * or a catalog found at restore that the snapshot had not seen) arrives at that moment, by the
 * injected clock. A shop that knows better states the time with {@link #arrived(String, Instant)},
 * for example for the products it listed last week before the SDK was started.
 *
 * <h2>Counters</h2>
 * For arrived products only (the baseline needs none), the number of impressions that showed the
 * product (recommendation lists and chat replies alike) and of engagements (click, add-to-cart,
 * purchase, from any source). They are anonymous counts: forgetting a shopper does not subtract
 * them, like the product counts of {@link InteractionStore}.
 *
 * <p>Thread-safe: {@link #observe} may be called from any thread (a new catalog is diffed once),
 * the counters are updated from the impression log's recording threads and the reward sink's writer.
 */
public final class ItemArrivals {
  /**
   * One arrived product.
   *
   * @param firstSeen when the SDK first saw it (or the time the shop gave)
   * @param impressions how many impressions showed it since it arrived
   * @param engagements how many clicks, adds to cart and purchases it had since it arrived
   */
  public record Arrival(Instant firstSeen, long impressions, long engagements) {
    public Arrival {
      Objects.requireNonNull(firstSeen, "firstSeen");
      if (impressions < 0 || engagements < 0) {
        throw new IllegalArgumentException("impressions and engagements must not be negative, were "
            + impressions + " and " + engagements);
      }
    }
  }

  /**
   * Plain data for snapshots.
   *
   * @param known every product id observed so far (baseline included), sorted
   * @param arrivals the arrived products by id
   */
  public record State(List<String> known, Map<String, Arrival> arrivals) {
    public State {
      known = List.copyOf(known);
      arrivals = java.util.Collections.unmodifiableMap(new TreeMap<>(arrivals));
    }
  }

  private static final class Entry {
    final Instant firstSeen;
    final LongAdder impressions = new LongAdder();
    final LongAdder engagements = new LongAdder();

    Entry(Instant firstSeen) {
      this.firstSeen = firstSeen;
    }

    Entry(Instant firstSeen, long impressions, long engagements) {
      this.firstSeen = firstSeen;
      this.impressions.add(impressions);
      this.engagements.add(engagements);
    }

    Arrival view() {
      return new Arrival(firstSeen, impressions.sum(), engagements.sum());
    }
  }

  private final Clock clock;
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, Entry> arrivals = new ConcurrentHashMap<>();
  // The same arrivals ordered by time, so the recommender's per-request scan of recent arrivals
  // visits only those, not every product that ever arrived. Written under this object's lock.
  private final ConcurrentSkipListSet<Key> byTime = new ConcurrentSkipListSet<>();
  private volatile @Nullable Catalog observed;

  private record Key(Instant at, String id) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }

  /** Records an arrival (the caller holds this object's lock). */
  private void put(String id, Entry e) {
    Entry old = arrivals.put(id, e);
    if (old != null) {
      byTime.remove(new Key(old.firstSeen, id));
    }
    byTime.add(new Key(e.firstSeen, id));
  }
  private final Consumer<Impression> impressionListener = this::shown;
  private final InteractionStore.Listener interactionListener = new InteractionStore.Listener() {
    @Override
    public void added(String userId, Interaction interaction) {
      engaged(interaction);
    }

    @Override
    public void forgotten(String userId) {
      // Anonymous counts: nothing of the shopper is kept here.
    }
  };

  /** An empty registry; its first {@link #observe observed} catalog is the baseline. */
  public ItemArrivals(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Counts impressions recorded in {@code impressions} and engagements added to {@code interactions}
   * from now on.
   */
  public void listenTo(ImpressionLog impressions, InteractionStore interactions) {
    Objects.requireNonNull(impressions, "impressions").addListener(impressionListener);
    Objects.requireNonNull(interactions, "interactions").addListener(interactionListener);
  }

  /**
   * Takes note of {@code catalog}: the first one observed is the baseline; in a later one, each
   * product never observed before arrives now. Returns at once when {@code catalog} is the one
   * observed last (callers may call it on every request).
   */
  public void observe(Catalog catalog) {
    Objects.requireNonNull(catalog, "catalog");
    if (observed == catalog) {
      return;
    }
    synchronized (this) {
      if (observed == catalog) {
        return;
      }
      boolean baseline = observed == null && known.isEmpty();
      Instant now = clock.instant();
      for (Product p : catalog.products()) {
        if (known.add(p.id()) && !baseline && !arrivals.containsKey(p.id())) {
          put(p.id(), new Entry(now));
        }
      }
      observed = catalog;
    }
  }

  /**
   * States when {@code productId} arrived in the shop, replacing the time the SDK noted (its
   * impression and engagement counts are kept). Use it for products that were already in the catalog
   * when the SDK started but are new to the shop, or to backdate an arrival.
   *
   * @throws IllegalArgumentException if the product was never in an observed catalog, or {@code at}
   *     is after now
   */
  public void arrived(String productId, Instant at) {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(at, "at");
    Instant now = clock.instant();
    if (at.isAfter(now)) {
      throw new IllegalArgumentException("arrival time " + at + " of product '" + productId
          + "' is after now (" + now + "); arrivals cannot be announced ahead of time");
    }
    synchronized (this) {
      if (!known.contains(productId)) {
        throw new IllegalArgumentException("productId '" + productId + "' is not in the catalog; add it (and "
            + "wait for updateCatalog to complete) before stating its arrival time");
      }
      Entry old = arrivals.get(productId);
      put(productId, old == null ? new Entry(at) : new Entry(at, old.impressions.sum(), old.engagements.sum()));
    }
  }

  /** When {@code productId} arrived; empty for a product of the baseline catalog or an unknown one. */
  public Optional<Instant> firstSeen(String productId) {
    Entry e = arrivals.get(Objects.requireNonNull(productId, "productId"));
    return e == null ? Optional.empty() : Optional.of(e.firstSeen);
  }

  /** The arrival of {@code productId} with its counters; empty when it is not an arrival. */
  public Optional<Arrival> arrival(String productId) {
    Entry e = arrivals.get(Objects.requireNonNull(productId, "productId"));
    return e == null ? Optional.empty() : Optional.of(e.view());
  }

  /** Calls {@code action} with every arrival that happened at or after {@code since}. */
  public void forEachSince(Instant since, BiConsumer<String, Arrival> action) {
    Objects.requireNonNull(since, "since");
    for (Key k : byTime.tailSet(new Key(since, ""), true)) {
      Entry e = arrivals.get(k.id());
      if (e != null && e.firstSeen.equals(k.at())) { // skips a key being replaced right now
        action.accept(k.id(), e.view());
      }
    }
  }

  /** How many products arrived after the baseline (or were stated to have arrived). */
  public int size() {
    return arrivals.size();
  }

  /** A copy for snapshots. */
  public State exportState() {
    Map<String, Arrival> a = new TreeMap<>();
    synchronized (this) {
      arrivals.forEach((id, e) -> a.put(id, e.view()));
      return new State(new ArrayList<>(new java.util.TreeSet<>(known)), a);
    }
  }

  /**
   * Replaces what is known with {@code state}, then observes {@code current}: products in it that
   * the snapshot had not seen arrive now (they were added while the SDK was down).
   */
  public void importState(State state, Catalog current) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(current, "current");
    synchronized (this) {
      known.clear();
      arrivals.clear();
      byTime.clear();
      known.addAll(state.known());
      state.arrivals().forEach((id, a) -> {
        known.add(id);
        put(id, new Entry(a.firstSeen(), a.impressions(), a.engagements()));
      });
      observed = null;
      if (known.isEmpty()) {
        // An empty state (nothing observed when it was taken): the current catalog is the baseline.
        observe(current);
      } else {
        Instant now = clock.instant();
        for (Product p : current.products()) {
          if (known.add(p.id()) && !arrivals.containsKey(p.id())) {
            put(p.id(), new Entry(now));
          }
        }
        observed = current;
      }
    }
  }

  private void shown(Impression impression) {
    if (arrivals.isEmpty()) {
      return;
    }
    for (String id : impression.productIds()) {
      Entry e = arrivals.get(id);
      if (e != null) {
        e.impressions.increment();
      }
    }
  }

  private void engaged(Interaction interaction) {
    RewardEventType t = interaction.type();
    if (t == RewardEventType.CLICK || t == RewardEventType.ADD_TO_CART || t == RewardEventType.PURCHASE) {
      Entry e = arrivals.get(interaction.productId());
      if (e != null) {
        e.engagements.increment();
      }
    }
  }
}
