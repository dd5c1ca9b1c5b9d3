package io.guidesdk.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Product;
import io.guidesdk.RecommendedItem;
import io.guidesdk.RewardEvent;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.learning.Interaction;
import io.guidesdk.core.learning.InteractionStore;
import io.guidesdk.core.learning.LearningSnapshot;
import io.guidesdk.core.simulate.MutableClock;
import io.guidesdk.spi.Encoder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restored SDK recommends as the original did when the snapshot was taken: the catalog-wide
 * purchase statistics (co-purchase, trending, popular, repeat) come back with the profiles.
 */
class GuideSdkRestoreTest {
  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  private static final Encoder encoder = BundledEncoder.shared();

  private static GuideSdk sdk(MutableClock clock) {
    return sdk(clock, new Reseedable());
  }

  private static GuideSdk sdk(MutableClock clock, RandomGenerator random) {
    return GuideSdk.builder().demoCatalog().encoder(encoder).clock(clock).random(random).build();
  }

  /** Seeded randomness that can start over, so that two SDKs explore alike from a chosen moment. */
  private static final class Reseedable implements RandomGenerator {
    private RandomGenerator random;

    Reseedable() {
      reseed();
    }

    void reseed() {
      random = RandomGeneratorFactory.of("L64X128MixRandom").create(3);
    }

    @Override
    public long nextLong() {
      return random.nextLong();
    }
  }

  /** 40 shoppers with 8 purchases each among the first 40 products, half of them bought again 3 days before. */
  private static void purchases(GuideSdk sdk, String prefix, int seed) {
    List<Product> products = sdk.catalog().products();
    SplittableRandom random = new SplittableRandom(seed);
    for (int u = 0; u < 40; u++) {
      for (int k = 0; k < 8; k++) {
        Product p = products.get(random.nextInt(40));
        sdk.rewards().accept(RewardEvent.purchase(prefix + u, p.id(), null, p.price().amount()).at(NOW));
        if (k % 2 == 0) {
          sdk.rewards().accept(RewardEvent.purchase(prefix + u, p.id(), null, p.price().amount())
              .at(NOW.minus(Duration.ofDays(3))));
        }
      }
    }
    sdk.rewards().flush();
  }

  /** Each shopper's top 10 as "product/strategy". */
  private static Map<String, List<String>> lists(GuideSdk sdk) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int u = 0; u < 40; u += 3) {
      List<String> items = new ArrayList<>();
      for (RecommendedItem i : sdk.recommender().topN("u" + u, 10).items()) {
        items.add(i.product().id() + "/" + i.strategy());
      }
      out.put("u" + u, items);
    }
    return out;
  }

  @Test
  void aRestoredSdk_recommendsAsTheOriginalDid(@TempDir Path dir) {
    MutableClock clock = new MutableClock(NOW);
    Path snap = dir.resolve("learned.snap");
    Map<String, List<String>> original;
    try (GuideSdk sdk = sdk(clock)) {
      purchases(sdk, "u", 3);
      sdk.snapshot(snap);
      original = lists(sdk);
    }
    assertThat(original.values().stream().flatMap(List::stream))
        .anyMatch(s -> s.endsWith("/co-purchase")).anyMatch(s -> s.endsWith("/trending"));
    try (GuideSdk restored = sdk(clock)) {
      restored.restore(snap);
      assertThat(lists(restored)).isEqualTo(original);
    }
  }

  @Test
  void restore_replacesTheStatisticsAlreadyHeld_ratherThanAddingToThem(@TempDir Path dir) {
    MutableClock clock = new MutableClock(NOW);
    Path snap = dir.resolve("learned.snap");
    Map<String, List<String>> original;
    try (GuideSdk sdk = sdk(clock)) {
      purchases(sdk, "u", 3);
      sdk.snapshot(snap);
      original = lists(sdk);
    }
    Reseedable random = new Reseedable();
    try (GuideSdk busy = sdk(clock, random)) {
      // Other shoppers' purchases, and rankings already cached from them, before the restore.
      purchases(busy, "other", 17);
      purchases(busy, "u", 29);
      lists(busy);
      busy.restore(snap);
      random.reseed(); // the policy explores as the original did after its snapshot
      assertThat(lists(busy)).isEqualTo(original);
    }
  }

  @Test
  void aSnapshotWithoutPurchaseStatistics_countsThemFromTheHistories(@TempDir Path dir) {
    MutableClock clock = new MutableClock(NOW);
    Path snap = dir.resolve("old.snap");
    try (GuideSdk sdk = sdk(clock)) {
      List<Product> products = sdk.catalog().products();
      // As a snapshot before format 4 restores: histories only.
      InteractionStore profiles = new InteractionStore(200);
      for (int u = 0; u < 5; u++) {
        profiles.add("u" + u, new Interaction(products.get(0).id(), RewardEventType.PURCHASE, NOW), 1);
        profiles.add("u" + u, new Interaction(products.get(u + 1).id(), RewardEventType.PURCHASE, NOW), 1);
      }
      LearningSnapshot.write(snap, null, profiles, NOW);
      sdk.restore(snap);
      assertThat(sdk.recommender().topN("u0", 10).items()).filteredOn(i -> i.strategy().equals("co-purchase"))
          .extracting(i -> i.product().id()).isNotEmpty().isSubsetOf(products.get(2).id(), products.get(3).id(),
              products.get(4).id(), products.get(5).id());
    }
  }

  @Test
  void theSdkHoldsAtMostMaxShoppers_inItsHistoriesAndStatistics_andSnapshotsRoundTrip(@TempDir Path dir) {
    MutableClock clock = new MutableClock(NOW);
    Path snap = dir.resolve("bounded.snap");
    GuideLimits limits = GuideLimits.defaults().withMaxShoppers(12);
    Map<String, List<String>> original;
    LearningSnapshot.Content written;
    try (GuideSdk sdk = GuideSdk.builder().demoCatalog().encoder(encoder).clock(clock).limits(limits)
        .random(new Reseedable()).build()) {
      purchases(sdk, "u", 3); // 40 shoppers: u28 to u39 stay
      sdk.snapshot(snap);
      original = lists(sdk);
      written = LearningSnapshot.read(snap);
    }
    List<String> last12 = new ArrayList<>();
    for (int u = 28; u < 40; u++) {
      last12.add("u" + u);
    }
    assertThat(written.profiles().histories().keySet()).containsExactlyElementsOf(last12);
    assertThat(written.purchases().shoppers().keySet()).containsExactlyInAnyOrderElementsOf(last12);
    try (GuideSdk restored = GuideSdk.builder().demoCatalog().encoder(encoder).clock(clock).limits(limits)
        .random(new Reseedable()).build()) {
      restored.restore(snap);
      assertThat(lists(restored)).isEqualTo(original);
      restored.snapshot(dir.resolve("again.snap"));
      LearningSnapshot.Content again = LearningSnapshot.read(dir.resolve("again.snap"));
      assertThat(again.profiles()).isEqualTo(written.profiles());
      assertThat(again.profiles().histories().keySet()).containsExactlyElementsOf(last12);
      assertThat(again.purchases()).isEqualTo(written.purchases());
    }
  }

  @Test
  void aProductRemovedFromTheCatalog_losesItsInteractionCount(@TempDir Path dir) {
    MutableClock clock = new MutableClock(NOW);
    try (GuideSdk sdk = sdk(clock)) {
      List<Product> products = sdk.catalog().products();
      String gone = products.get(0).id();
      String kept = products.get(1).id();
      sdk.rewards().accept(RewardEvent.click("alice", gone, null).at(NOW));
      sdk.rewards().accept(RewardEvent.click("alice", kept, null).at(NOW));
      sdk.rewards().flush();
      sdk.updateCatalog(List.of(), java.util.Set.of(gone)).join();
      sdk.snapshot(dir.resolve("s.snap"));
      assertThat(LearningSnapshot.read(dir.resolve("s.snap")).profiles().productCounts()).containsKey(kept)
          .doesNotContainKey(gone);
    }
  }
}
