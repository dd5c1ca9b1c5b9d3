package io.guidesdk.core.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.simulate.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ItemArrivalsTest {
  private static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");
  private final MutableClock clock = new MutableClock(T0);

  private static Catalog catalog(String... ids) {
    return Catalog.of(Stream.of(ids).map(id -> Product.builder(id, "Product " + id, Money.of(10, "USD"))
        .category("Shop", "Things").build()).toList());
  }

  @Test
  void theFirstCatalogIsTheBaseline_laterProductsArriveWhenFirstObserved() {
    ItemArrivals a = new ItemArrivals(clock);
    Catalog first = catalog("a", "b");
    a.observe(first);
    assertThat(a.firstSeen("a")).isEmpty();
    assertThat(a.size()).isZero();

    clock.advance(Duration.ofHours(2));
    Catalog second = catalog("a", "b", "c");
    a.observe(second);
    assertThat(a.firstSeen("c")).contains(T0.plus(Duration.ofHours(2)));
    // Observing again (the same or a later catalog) does not move the first sighting.
    clock.advance(Duration.ofHours(1));
    a.observe(second);
    a.observe(catalog("c", "d"));
    assertThat(a.firstSeen("c")).contains(T0.plus(Duration.ofHours(2)));
    assertThat(a.firstSeen("d")).contains(T0.plus(Duration.ofHours(3)));
    // A removed product that comes back is not new again.
    a.observe(catalog("a", "b", "c", "d"));
    assertThat(a.firstSeen("a")).isEmpty();
  }

  @Test
  void theShopCanStateAnArrivalTime_withClearErrors() {
    ItemArrivals a = new ItemArrivals(clock);
    a.observe(catalog("a", "b"));
    a.arrived("a", T0.minus(Duration.ofDays(3)));
    assertThat(a.firstSeen("a")).contains(T0.minus(Duration.ofDays(3)));
    assertThatThrownBy(() -> a.arrived("a", T0.plusSeconds(1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is after now");
    assertThatThrownBy(() -> a.arrived("zzz", T0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("productId 'zzz' is not in the catalog");
    assertThatThrownBy(() -> a.arrived(null, T0)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> a.arrived("a", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> a.observe(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new ItemArrivals(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void countsImpressionsAndEngagementsOfArrivalsOnly() {
    ItemArrivals a = new ItemArrivals(clock);
    ImpressionLog log = new ImpressionLog(Duration.ofHours(1), 100, clock,
        RandomGeneratorFactory.of("L64X128MixRandom").create(1));
    InteractionStore store = new InteractionStore(100);
    a.listenTo(log, store);
    a.observe(catalog("old"));
    a.observe(catalog("old", "new"));
    for (int i = 0; i < 3; i++) {
      log.record(new Impression("r" + i, "u", List.of("old", "new"), List.of("popular", "new-arrivals"),
          List.of(1.0, 1.0), "t", clock.instant()));
    }
    store.add("u", new Interaction("new", RewardEventType.CLICK, T0), 1);
    store.add("u", new Interaction("new", RewardEventType.DISMISS, T0), 0);
    store.add("u", new Interaction("old", RewardEventType.PURCHASE, T0), 10);
    assertThat(a.arrival("new")).contains(new ItemArrivals.Arrival(T0, 3, 1));
    assertThat(a.arrival("old")).isEmpty();
    // An explicit arrival time keeps the counts.
    a.arrived("new", T0.minusSeconds(60));
    assertThat(a.arrival("new")).contains(new ItemArrivals.Arrival(T0.minusSeconds(60), 3, 1));
    Map<String, ItemArrivals.Arrival> since = new LinkedHashMap<>();
    a.forEachSince(T0.minusSeconds(60), since::put);
    assertThat(since).containsOnlyKeys("new");
    since.clear();
    a.forEachSince(T0, since::put);
    assertThat(since).isEmpty();
  }

  @Test
  void exportAndImport_keepArrivals_andProductsAddedWhileDownArriveAtRestore() {
    ItemArrivals a = new ItemArrivals(clock);
    a.observe(catalog("a", "b"));
    clock.advance(Duration.ofDays(1));
    a.observe(catalog("a", "b", "c"));
    ItemArrivals.State state = a.exportState();
    assertThat(state.known()).containsExactly("a", "b", "c");

    // Restart: the new instance's baseline is today's catalog, which gained "d" while the SDK was down.
    clock.advance(Duration.ofDays(1));
    ItemArrivals restored = new ItemArrivals(clock);
    Catalog now = catalog("a", "b", "c", "d");
    restored.observe(now);
    assertThat(restored.size()).isZero();
    restored.importState(state, now);
    assertThat(restored.firstSeen("c")).contains(T0.plus(Duration.ofDays(1)));
    assertThat(restored.firstSeen("d")).contains(T0.plus(Duration.ofDays(2)));
    assertThat(restored.firstSeen("a")).isEmpty();
  }

  @Test
  void concurrentObserversAndCounters() throws Exception {
    ItemArrivals a = new ItemArrivals(clock);
    ImpressionLog log = new ImpressionLog(Duration.ofHours(1), 100_000, clock,
        RandomGeneratorFactory.of("L64X128MixRandom").create(1));
    a.listenTo(log, new InteractionStore(10));
    a.observe(catalog("x"));
    Catalog next = catalog("x", "y");
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      threads.add(new Thread(() -> {
        for (int i = 0; i < 500; i++) {
          a.observe(next);
          log.record(new Impression(id + "-" + i, "u", List.of("y"), List.of("new-arrivals"), List.of(1.0), "t",
              clock.instant()));
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(a.arrival("y")).hasValueSatisfying(v -> assertThat(v.impressions()).isEqualTo(2_000));
  }
}
