package io.guidesdk.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.guidesdk.RewardEventType;
import io.guidesdk.core.learning.Interaction;
import io.guidesdk.core.learning.LearningSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PurchaseStatisticsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration HALF_LIFE = Duration.ofDays(10);

  private static PurchaseStatistics stats(Instant epoch) {
    return new PurchaseStatistics(HALF_LIFE, 3, 4, epoch);
  }

  private static Interaction purchase(String product, Instant at) {
    return new Interaction(product, RewardEventType.PURCHASE, at);
  }

  /** 30 shoppers, 6 purchases each over 40 days among 12 products, many at the same instant. */
  private static PurchaseStatistics fed(Instant epoch) {
    PurchaseStatistics s = stats(epoch);
    SplittableRandom random = new SplittableRandom(5);
    for (int round = 0; round < 6; round++) {
      for (int u = 0; u < 30; u++) {
        Instant at = T0.plus(Duration.ofDays(random.nextInt(40)));
        s.added("u" + u, purchase("p" + random.nextInt(12), at));
      }
    }
    s.added("u1", new Interaction("p1", RewardEventType.CLICK, T0)); // not a purchase: not counted
    s.forgotten("u7");
    return s;
  }

  private static void assertSameStatistics(PurchaseStatistics a, PurchaseStatistics b, Instant now) {
    assertThat(b.users()).containsExactlyInAnyOrderElementsOf(a.users());
    for (int p = 0; p < 12; p++) {
      String id = "p" + p;
      assertThat(b.buyers(id)).as(id).isEqualTo(a.buyers(id));
      assertThat(b.repurchaseRate(id, 0.3, 5)).as(id).isEqualTo(a.repurchaseRate(id, 0.3, 5));
      assertThat(b.trending(id, now)).as(id).isCloseTo(a.trending(id, now), within(1e-12 * a.trending(id, now)));
    }
    for (int u = 0; u < 30; u++) {
      List<String> seeds = List.of("p" + u % 12, "p" + (u + 5) % 12);
      Map<String, double[]> x = a.coPurchases(seeds, "u" + u);
      Map<String, double[]> y = b.coPurchases(seeds, "u" + u);
      assertThat(y.keySet()).isEqualTo(x.keySet());
      x.forEach((k, v) -> assertThat(y.get(k)).as(k).containsExactly(v));
    }
  }

  @Test
  void exportAndImport_reproduceTheStatistics_evenUnderAnotherEpoch() {
    PurchaseStatistics original = fed(T0);
    Instant now = T0.plus(Duration.ofDays(41));
    // A later epoch, not a whole number of half-lives after the original's.
    PurchaseStatistics restored = stats(T0.plus(Duration.ofDays(37).plusHours(5)));
    restored.importState(original.exportState(), id -> true);
    assertSameStatistics(original, restored, now);
    // The trending order is the same exactly: the masses moved by a power of two.
    Map<String, double[]> a = original.snapshot();
    Map<String, double[]> b = restored.snapshot();
    a.forEach((id, v) -> assertThat(b.get(id)[1]).isEqualTo(Math.scalb(v[1], -3)));
    // And they keep counting alike.
    original.added("u3", purchase("p4", now));
    restored.added("u3", purchase("p4", now));
    assertSameStatistics(original, restored, now);
  }

  @Test
  void import_replacesWhatWasHeld_andLeavesOutShoppersTheStoreDoesNotHold() {
    PurchaseStatistics original = fed(T0);
    LearningSnapshot.Purchases state = original.exportState();
    PurchaseStatistics busy = stats(T0);
    busy.added("someone-else", purchase("p1", T0));
    busy.added("u2", purchase("p11", T0));
    long generation = busy.generation();
    busy.importState(state, id -> !id.equals("u2"));
    assertThat(busy.generation()).isNotEqualTo(generation);
    original.forgotten("u2");
    assertSameStatistics(original, busy, T0.plus(Duration.ofDays(41)));
    assertThat(busy.users()).doesNotContain("someone-else", "u2");
  }

  @Test
  void aSnapshotFromLongAgo_importsAsNothingTrending_andNewPurchasesStayFinite() {
    PurchaseStatistics original = fed(T0);
    PurchaseStatistics restored = stats(T0.plus(Duration.ofDays(365 * 400)));
    restored.importState(original.exportState(), id -> true);
    Instant now = T0.plus(Duration.ofDays(365 * 400));
    assertThat(restored.trending("p1", now)).isZero();
    assertThat(restored.buyers("p1")).isEqualTo(original.buyers("p1"));
    restored.added("u1", purchase("p1", now));
    assertThat(restored.trending("p1", now)).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void rebuild_countsThePurchasesInTheHistories_inTimeOrder() {
    Map<String, List<Interaction>> histories = new LinkedHashMap<>();
    histories.put("bob", List.of(purchase("p1", T0.plusSeconds(20)), purchase("p2", T0.plusSeconds(30))));
    histories.put("alice", List.of(purchase("p1", T0.plusSeconds(10)),
        new Interaction("p3", RewardEventType.CLICK, T0.plusSeconds(15)),
        purchase("p1", T0.plus(Duration.ofDays(2)))));
    PurchaseStatistics rebuilt = stats(T0);
    rebuilt.added("carol", purchase("p9", T0)); // replaced, not added to
    rebuilt.rebuild(histories);

    PurchaseStatistics live = stats(T0);
    live.added("alice", purchase("p1", T0.plusSeconds(10)));
    live.added("bob", purchase("p1", T0.plusSeconds(20)));
    live.added("bob", purchase("p2", T0.plusSeconds(30)));
    live.added("alice", purchase("p1", T0.plus(Duration.ofDays(2))));
    assertThat(rebuilt.users()).containsExactlyInAnyOrder("alice", "bob");
    assertThat(rebuilt.buyers("p1")).isEqualTo(2);
    assertThat(rebuilt.buyers("p3")).isZero();
    assertThat(rebuilt.repurchaseRate("p1", 0, 1e-9)).isCloseTo(0.5, within(1e-6));
    assertThat(rebuilt.exportState()).isEqualTo(live.exportState());
    assertThat(Set.copyOf(rebuilt.coPurchases(List.of("p2"), "x").keySet())).containsExactlyInAnyOrder("p1", "p2");
  }

  @Test
  void aShopperTheStoreDropsToStayWithinItsBound_leavesTheStatisticsToo() {
    io.guidesdk.core.learning.InteractionStore store = new io.guidesdk.core.learning.InteractionStore(10, 2);
    PurchaseStatistics s = stats(T0);
    store.addListener(s);
    store.add("a", purchase("p1", T0), 1);
    store.add("b", purchase("p1", T0), 1);
    store.add("c", purchase("p2", T0), 1);
    assertThat(s.users()).containsExactlyInAnyOrder("b", "c");
    assertThat(s.buyers("p1")).isEqualTo(1);
    for (int u = 0; u < 500; u++) {
      store.add("u" + u, purchase("p" + u % 7, T0), 1);
    }
    assertThat(s.users()).containsExactlyInAnyOrder("u498", "u499");
  }
}
