package io.guidesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.Recommendations;
import io.guidesdk.RewardEvent;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.learning.SnapshotException;
import io.guidesdk.core.simulate.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import io.guidesdk.spi.Encoder;
import io.guidesdk.spi.EncoderProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learning loop wired through GuideSdk: recommend, reward, learn, snapshot, restore, decision log. */
class GuideSdkLearningTest {
  private static final Catalog CATALOG = Catalog.of(List.of(
      Product.builder("tent-1", "Two-person backpacking tent", Money.of(199, "USD")).category("Camping", "Tents").build(),
      Product.builder("tent-2", "Family dome tent", Money.of(149, "USD")).category("Camping", "Tents").build(),
      Product.builder("jacket-1", "Waterproof rain jacket", Money.of(89, "USD")).category("Clothing", "Jackets").build(),
      Product.builder("boots-1", "Leather hiking boots", Money.of(129, "USD")).category("Shoes", "Boots").build()));

  private static Encoder encoder;

  @BeforeAll
  static void loadEncoder() {
    encoder = ServiceLoader.load(EncoderProvider.class).findFirst().orElseThrow().create();
  }

  @AfterAll
  static void closeEncoder() {
    encoder.close();
  }

  private static GuideSdk sdk(MutableClock clock, Path log) {
    return GuideSdk.builder().catalog(CATALOG).encoder(encoder).clock(clock).decisionLog(log)
        .random(RandomGeneratorFactory.of("L64X128MixRandom").create(3)).build();
  }

  @Test
  void rewardsTeachThePolicyAndSurviveASnapshot(@TempDir Path dir) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    Path snap = dir.resolve("learned.snap");
    long updates;
    try (GuideSdk sdk = sdk(clock, dir.resolve("decisions.jsonl"))) {
      Recommendations recs = sdk.recommender().topN("alice", 3);
      String shown = recs.items().get(0).product().id();
      sdk.rewards().accept(new RewardEvent(RewardEventType.CLICK, "alice", shown, recs.recommendationId(), null,
          clock.instant()));
      clock.advance(Duration.ofMinutes(31));
      sdk.rewards().flush();
      updates = sdk.policy().updates();
      assertThat(updates).isEqualTo(recs.items().size());
      sdk.snapshot(snap);
      assertThat(Files.readAllLines(dir.resolve("decisions.jsonl"))).hasSize(recs.items().size());
    }
    try (GuideSdk restored = sdk(clock, dir.resolve("decisions2.jsonl"))) {
      assertThat(restored.policy().updates()).isZero();
      restored.restore(snap);
      assertThat(restored.policy().updates()).isEqualTo(updates);
      Files.write(snap, new byte[] {1, 2, 3});
      assertThatThrownBy(() -> restored.restore(snap)).isInstanceOf(SnapshotException.class)
          .hasMessageContaining("not a guide-sdk snapshot");
      assertThat(restored.policy().updates()).isEqualTo(updates);
    }
  }
}
