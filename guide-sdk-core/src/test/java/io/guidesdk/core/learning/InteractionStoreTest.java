package io.guidesdk.core.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.RewardEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InteractionStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private static Interaction click(String product, int second) {
    return new Interaction(product, RewardEventType.CLICK, T0.plusSeconds(second));
  }

  /** Records what listeners are told, in order. */
  private static final class Recorder implements InteractionStore.Listener {
    final List<String> events = new ArrayList<>();

    @Override
    public void added(String userId, Interaction interaction) {
      events.add("+" + userId);
    }

    @Override
    public void forgotten(String userId) {
      events.add("-" + userId);
    }
  }

  @Test
  void beyondMaxShoppers_theLeastRecentlyActiveShopperIsDropped_andListenersAreTold() {
    InteractionStore store = new InteractionStore(5, 3);
    Recorder recorder = new Recorder();
    store.addListener(recorder);
    store.add("a", click("p1", 1), 1);
    store.add("b", click("p2", 2), 1);
    store.add("c", click("p3", 3), 1);
    store.add("a", click("p4", 4), 1); // a is active again: b is now the least recently active
    store.history("b"); // reading is not activity
    store.add("d", click("p5", 5), 1);

    assertThat(store.users()).isEqualTo(3);
    assertThat(store.holds("b")).isFalse();
    assertThat(store.history("b")).isEmpty();
    assertThat(store.history("a")).extracting(Interaction::productId).containsExactly("p1", "p4");
    assertThat(recorder.events).containsExactly("+a", "+b", "+c", "+a", "+d", "-b");
    assertThat(store.interactionWeight("p2")).isEqualTo(1); // anonymous counts stay
    assertThat(store.exportState().histories().keySet()).containsExactly("c", "a", "d");

    store.add("b", click("p6", 6), 1); // a dropped shopper who comes back starts anew
    assertThat(store.history("b")).extracting(Interaction::productId).containsExactly("p6");
    assertThat(store.holds("c")).isFalse();
    assertThat(recorder.events).endsWith("+b", "-c");
  }

  @Test
  void manyShoppers_stayWithinTheBound() {
    InteractionStore store = new InteractionStore(2, 1_000);
    for (int i = 0; i < 30_000; i++) {
      store.add("user-" + i, click("p" + i % 50, i), 1);
    }
    assertThat(store.users()).isEqualTo(1_000);
    assertThat(store.holds("user-29999")).isTrue();
    assertThat(store.holds("user-29000")).isTrue();
    assertThat(store.holds("user-28999")).isFalse();
  }

  @Test
  void forget_takesTheShopperOutOfTheRecencyOrder() {
    InteractionStore store = new InteractionStore(5, 2);
    store.add("a", click("p1", 1), 1);
    store.add("b", click("p2", 2), 1);
    store.forget("a");
    store.add("c", click("p3", 3), 1);
    assertThat(store.exportState().histories().keySet()).containsExactly("b", "c");
    store.add("d", click("p4", 4), 1);
    assertThat(store.exportState().histories().keySet()).containsExactly("c", "d");
  }

  @Test
  void exportAndImport_keepTheRecencyOrder_andImportKeepsTheMostRecentWithinTheBound() {
    InteractionStore store = new InteractionStore(3, 10);
    store.add("zoe", click("p1", 1), 1);
    store.add("adam", click("p2", 2), 2);
    store.add("mia", click("p3", 3), 1);
    store.add("zoe", click("p4", 4), 1);
    InteractionStore.Snapshot snapshot = store.exportState();
    assertThat(snapshot.histories().keySet()).containsExactly("adam", "mia", "zoe");

    InteractionStore copy = new InteractionStore(3, 10);
    copy.add("someone", click("p9", 9), 1); // replaced, not merged
    copy.importState(snapshot);
    assertThat(copy.exportState()).isEqualTo(snapshot);
    assertThat(copy.exportState().histories().keySet()).containsExactly("adam", "mia", "zoe");
    copy.add("new", click("p5", 5), 1);
    assertThat(copy.exportState().histories().keySet()).containsExactly("adam", "mia", "zoe", "new");

    InteractionStore small = new InteractionStore(3, 2);
    small.importState(snapshot);
    assertThat(small.exportState().histories().keySet()).containsExactly("mia", "zoe");
    assertThat(small.interactionWeight("p2")).isEqualTo(2);
  }

  @Test
  void aSnapshotSortedById_isOrderedByLatestInteraction() {
    Map<String, List<Interaction>> byId = new LinkedHashMap<>();
    byId.put("adam", List.of(click("p1", 1), click("p2", 50)));
    byId.put("mia", List.of(click("p3", 10)));
    byId.put("zoe", List.of(click("p4", 30), click("p5", 20)));
    InteractionStore.Snapshot old = new InteractionStore.Snapshot(10, byId, Map.of());
    assertThat(old.byLatestInteraction().histories().keySet()).containsExactly("mia", "zoe", "adam");
  }

  @Test
  void retainProductCounts_dropsTheCountsOfProductsNotKept() {
    InteractionStore store = new InteractionStore(3);
    store.add("a", click("kept", 1), 1);
    store.add("a", click("removed", 2), 1);
    store.retainProductCounts("kept"::equals);
    assertThat(store.interactionWeight("kept")).isEqualTo(1);
    assertThat(store.interactionWeight("removed")).isZero();
    assertThat(store.exportState().productCounts()).containsOnlyKeys("kept");
    assertThat(store.history("a")).hasSize(2); // histories are the shopper's: they stay
  }

  @Test
  void limitsAreChecked() {
    assertThatThrownBy(() -> new InteractionStore(1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxShoppers must be >= 1, was 0");
    assertThat(new InteractionStore(1).maxShoppers()).isEqualTo(InteractionStore.DEFAULT_MAX_SHOPPERS);
  }
}
