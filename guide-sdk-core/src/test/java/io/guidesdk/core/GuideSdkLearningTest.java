package io.guidesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.ChatReply;
import io.guidesdk.ChatRequest;
import io.guidesdk.EventRejectedException;
import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.Recommendations;
import io.guidesdk.RewardEvent;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.learning.Interaction;
import io.guidesdk.core.learning.InteractionStore;
import io.guidesdk.core.learning.LearningSnapshot;
import io.guidesdk.core.learning.SnapshotException;
import io.guidesdk.core.simulate.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.guidesdk.spi.Encoder;
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

  private static final Encoder encoder = BundledEncoder.shared();

  private static GuideSdk sdk(MutableClock clock, Path log) {
    return GuideSdk.builder().catalog(CATALOG).encoder(encoder).clock(clock).decisionLog(log)
        .random(RandomGeneratorFactory.of("L64X128MixRandom").create(3)).build();
  }

  @Test
  void theRewardSinkIsTunedThroughTheBuilder_butKeepsTheSdksClock() {
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    java.time.Clock elsewhere = java.time.Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
    try (GuideSdk sdk = GuideSdk.builder().catalog(CATALOG).encoder(encoder).clock(clock)
        .rewardSink(s -> s.maxFutureSkew(Duration.ZERO).clock(elsewhere)).build()) {
      // a second ahead of the SDK's clock: refused under a skew of zero (the default allows 5 minutes);
      // were the sink on the other clock, 2026 would be in its past and pass
      RewardEvent ahead = new RewardEvent(RewardEventType.CLICK, "alice", "tent-1", null, null,
          clock.instant().plusSeconds(1));
      assertThatThrownBy(() -> sdk.rewards().accept(ahead)).isInstanceOf(EventRejectedException.class)
          .extracting(e -> ((EventRejectedException) e).reason())
          .isEqualTo(EventRejectedException.Reason.TIMESTAMP_IN_FUTURE);
      sdk.rewards().accept(new RewardEvent(RewardEventType.CLICK, "alice", "tent-1", null, null, clock.instant()));
    }
    try (GuideSdk sdk = GuideSdk.builder().catalog(CATALOG).encoder(encoder).clock(clock).build()) {
      sdk.rewards().accept(new RewardEvent(RewardEventType.CLICK, "alice", "tent-1", null, null,
          clock.instant().plusSeconds(1)));
    }
    assertThatThrownBy(() -> GuideSdk.builder().catalog(CATALOG).encoder(encoder).rewardSink(s -> null).build())
        .isInstanceOf(NullPointerException.class).hasMessage("rewardSink(...) returned null");
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
      sdk.rewards().flush(); // applied inside the credit horizon, before the clock moves past it
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

  @Test
  void aRecommendationShownBeforeARestart_isCreditedToThePolicyAfterIt(@TempDir Path dir) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    Path snap = dir.resolve("pending.snap");
    Recommendations recs;
    try (GuideSdk sdk = sdk(clock, dir.resolve("d1.jsonl"))) {
      recs = sdk.recommender().topN("alice", 2);
      sdk.rewards().accept(new RewardEvent(RewardEventType.CLICK, "alice", recs.items().get(1).product().id(),
          recs.recommendationId(), null, clock.instant()));
      clock.advance(Duration.ofMinutes(5));
      sdk.snapshot(snap);
      assertThat(sdk.policy().updates()).isZero(); // still inside the credit horizon
    }
    clock.advance(Duration.ofMinutes(5));
    Path log = dir.resolve("d2.jsonl");
    try (GuideSdk restarted = sdk(clock, log)) {
      restarted.restore(snap);
      // The id shown before the restart is accepted, and the purchase is credited to its slot.
      restarted.rewards().accept(new RewardEvent(RewardEventType.PURCHASE, "alice",
          recs.items().get(1).product().id(), recs.recommendationId(), null, clock.instant()));
      restarted.rewards().flush(); // applied inside the horizon, whatever the writer's timing
      clock.advance(Duration.ofMinutes(21));
      restarted.rewards().flush();
      assertThat(restarted.policy().updates()).isEqualTo(2);
      List<String> lines = Files.readAllLines(log);
      assertThat(lines).hasSize(2);
      var slot1 = io.guidesdk.core.learning.DecisionLog.mapper().readTree(lines.get(1));
      assertThat(slot1.get("recommendationId").asText()).isEqualTo(recs.recommendationId());
      assertThat(slot1.get("reward").asDouble()).isEqualTo(1.0 + 10.0);
    }
  }

  @Test
  void chatReplies_countForTheProfileAndTheLogButDoNotTrainThePolicy(@TempDir Path dir) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    Path log = dir.resolve("decisions.jsonl");
    try (GuideSdk sdk = sdk(clock, log)) {
      ChatReply reply = sdk.guide().chat(new ChatRequest("s1", "alice", "a tent for backpacking"));
      assertThat(reply.products()).isNotEmpty();
      String shown = reply.products().get(0).id();
      sdk.rewards().accept(new RewardEvent(RewardEventType.CLICK, "alice", shown, reply.recommendationId(), null,
          clock.instant()));
      sdk.rewards().flush();
      clock.advance(Duration.ofMinutes(31));
      sdk.rewards().flush();
      assertThat(sdk.policy().updates()).isZero();
      var stats = ((io.guidesdk.core.learning.DefaultRewardSink) sdk.rewards()).stats();
      assertThat(stats.attributed()).isEqualTo(1);
      assertThat(stats.transitions()).isZero();
      assertThat(stats.nonPolicySlots()).isEqualTo(reply.products().size());
      List<String> lines = Files.readAllLines(log);
      assertThat(lines).hasSize(reply.products().size())
          .allSatisfy(l -> assertThat(l).contains("\"action\":\"chat\"").contains("\"policyDecision\":false"));
      assertThat(lines.get(0)).contains("\"reward\":1.0");
      assertThat(io.guidesdk.core.ope.DecisionLogReader.read(log)).isEmpty();
      // The click is the shopper's profile signal: the next recommendations see it.
      assertThat(sdk.recommender().topN("alice", 4).items()).extracting(i -> i.strategy())
          .doesNotContain("chat");
    }
  }

  @Test
  void aProductAddedByUpdateCatalog_isANewArrival_andKeepsItsAgeAcrossARestart(@TempDir Path dir) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    Path snap = dir.resolve("arrivals.snap");
    Product stove = Product.builder("stove-1", "Compact camping stove", Money.of(59, "USD"))
        .category("Camping", "Stoves").build();
    Instant added = clock.instant().plus(Duration.ofHours(1));
    try (GuideSdk sdk = sdk(clock, dir.resolve("d.jsonl"))) {
      assertThat(sdk.newArrivals().size()).isZero(); // the starting catalog is not "new"
      clock.advance(Duration.ofHours(1));
      sdk.updateCatalog(List.of(stove), java.util.Set.of()).get();
      assertThat(sdk.newArrivals().firstSeen("stove-1")).contains(added);
      Recommendations recs = sdk.recommender().topN("bob", 4);
      assertThat(recs.items()).anySatisfy(i -> {
        assertThat(i.product().id()).isEqualTo("stove-1");
        assertThat(i.strategy()).isEqualTo("new-arrivals");
        assertThat(i.reason()).isEqualTo("New arrival in Stoves, added today");
      });
      sdk.snapshot(snap);
    }
    clock.advance(Duration.ofDays(2));
    Catalog withStove = CATALOG.with(List.of(stove), java.util.Set.of());
    try (GuideSdk restarted = GuideSdk.builder().catalog(withStove).encoder(encoder).clock(clock)
        .random(RandomGeneratorFactory.of("L64X128MixRandom").create(3)).build()) {
      assertThat(restarted.newArrivals().firstSeen("stove-1")).isEmpty(); // baseline of this start
      restarted.restore(snap);
      assertThat(restarted.newArrivals().firstSeen("stove-1")).contains(added);
      assertThat(restarted.newArrivals().arrival("stove-1").orElseThrow().impressions()).isEqualTo(1);
      assertThat(restarted.recommender().topN("carol", 4).items())
          .anySatisfy(i -> assertThat(i.reason()).isEqualTo("New arrival in Stoves, added 2 days ago"));
    }
  }

  @Test
  void recommenderTuningIsSetOnTheBuilder() {
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    try (GuideSdk sdk = GuideSdk.builder().catalog(CATALOG).encoder(encoder).clock(clock)
        .recommenderTuning(io.guidesdk.core.recommend.RecommenderTuning.DEFAULT.withNewArrivalsPerList(0)).build()) {
      sdk.newArrivals().arrived("tent-1", clock.instant());
      assertThat(sdk.recommender().topN("dan", 4).items()).extracting(i -> i.strategy())
          .doesNotContain("new-arrivals");
    }
    assertThatThrownBy(() -> GuideSdk.builder().recommenderTuning(io.guidesdk.core.recommend.RecommenderTuning.DEFAULT)
        .recommenderTuning(io.guidesdk.core.recommend.RecommenderTuning.DEFAULT))
        .isInstanceOf(IllegalStateException.class).hasMessage("recommenderTuning was already set");
    assertThatThrownBy(() -> GuideSdk.builder().recommenderTuning(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void theDecisionLogRecordsEachSlotsActionSet_soAUniformPolicyIsEvaluatedExactlyOnItsOwnLog(@TempDir Path dir)
      throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    Path log = dir.resolve("uniform.jsonl");
    io.guidesdk.core.policy.QLearningConfig uniform = io.guidesdk.core.policy.QLearningConfig.defaults()
        .withEpsilon(1).withEpsilonDecayVisits(0);
    double onPolicy = 0;
    int lists = 0;
    io.guidesdk.core.policy.QLearningPolicy logger = new io.guidesdk.core.policy.QLearningPolicy(uniform,
        RandomGeneratorFactory.of("L64X128MixRandom").create(5));
    try (GuideSdk sdk = GuideSdk.builder().catalog(CATALOG).encoder(encoder).clock(clock).decisionLog(log)
        .policy(logger).build()) {
      // Histories make the profile, repeat and co-purchase lanes available next to popular, so a list
      // of two shows fewer strategies than the slot policy chose among.
      for (String user : List.of("ann", "ben", "cat", "dev")) {
        sdk.rewards().accept(new RewardEvent(RewardEventType.PURCHASE, user, "tent-1", null, new java.math.BigDecimal("199"), clock.instant()));
        sdk.rewards().accept(new RewardEvent(RewardEventType.CLICK, user, "jacket-1", null, null, clock.instant()));
      }
      sdk.rewards().flush();
      for (int round = 0; round < 12; round++) {
        for (String user : List.of("ann", "ben", "cat", "dev")) {
          clock.advance(Duration.ofSeconds(1));
          Recommendations recs = sdk.recommender().topN(user, 2);
          lists++;
          String clicked = recs.items().get(round % recs.items().size()).product().id();
          sdk.rewards().accept(new RewardEvent(RewardEventType.CLICK, user, clicked, recs.recommendationId(), null,
              clock.instant()));
          onPolicy += 1;
        }
        sdk.rewards().flush();
      }
      clock.advance(Duration.ofHours(1));
      sdk.rewards().flush();
    }
    List<io.guidesdk.core.ope.LoggedRound> rounds = io.guidesdk.core.ope.DecisionLogReader.read(log);
    assertThat(rounds).hasSize(2 * lists);
    // Uniform over the slot's action set: the logged propensity is 1 / |actions| in every round.
    assertThat(rounds).allSatisfy(r -> assertThat(r.propensity() * r.actions().size()).isCloseTo(1.0,
        org.assertj.core.data.Offset.offset(1e-9)));
    assertThat(rounds).anySatisfy(r -> assertThat(r.actions()).hasSizeGreaterThan(2));
    // So IPW of the uniform policy on its own log reproduces its on-policy reward per slot exactly.
    double[] w = io.guidesdk.core.ope.OffPolicyEvaluator.weights(rounds, io.guidesdk.core.ope.TargetPolicy.uniform());
    assertThat(w).containsOnly(1.0);
    assertThat(rounds.stream().mapToDouble(io.guidesdk.core.ope.LoggedRound::reward).sum()).isEqualTo(onPolicy);
    // Per list too: every cumulative weight is 1, so the estimate is the logged mean reward per list.
    List<io.guidesdk.core.ope.LoggedList> byList = io.guidesdk.core.ope.DecisionLogReader.readLists(log);
    assertThat(byList).hasSize(lists);
    io.guidesdk.core.ope.OffPolicyEvaluator ope = io.guidesdk.core.ope.OffPolicyEvaluator.defaults();
    assertThat(ope.listIpw(byList, io.guidesdk.core.ope.TargetPolicy.uniform()).value())
        .isEqualTo(ope.listOnPolicy(byList).value()).isEqualTo(onPolicy / lists);
    // The logging policy itself, as a target: its distribution in each logged state (rebuilt from the
    // line's context, "before" included) gives every logged action the logged propensity.
    assertThat(java.util.Arrays.stream(io.guidesdk.core.ope.OffPolicyEvaluator.weights(rounds,
        io.guidesdk.core.ope.TargetPolicy.learned(logger))).boxed()).allSatisfy(x -> assertThat(x).isCloseTo(1.0,
            org.assertj.core.data.Offset.offset(1e-12)));
    assertThat(rounds).anySatisfy(r -> assertThat(r.context().get("before")).startsWith("[\""));
  }

  @Test
  void anEventBefore1970_isRefused_andAncientEventsInARestoredSnapshotDoNotBreakRecommendations(@TempDir Path dir) {
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    // A snapshot written before the sink refused such events: alice's history starts at Instant.MIN,
    // which overflowed Duration.toMillis() in every topN for her.
    Path snap = dir.resolve("ancient.snap");
    InteractionStore profiles = new InteractionStore(10);
    profiles.add("alice", new Interaction("tent-1", RewardEventType.PURCHASE, Instant.MIN), 1);
    profiles.add("alice", new Interaction("jacket-1", RewardEventType.CLICK, Instant.MIN.plusSeconds(1)), 1);
    LearningSnapshot.write(snap, null, profiles, clock.instant());
    try (GuideSdk sdk = sdk(clock, dir.resolve("decisions.jsonl"))) {
      assertThatThrownBy(() -> sdk.rewards().accept(RewardEvent.click("bob", "tent-1", null).at(Instant.MIN)))
          .isInstanceOfSatisfying(EventRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(EventRejectedException.Reason.TIMESTAMP_TOO_OLD))
          .hasMessage("event refused: timestamp -1000000000-01-01T00:00:00Z is before 1970-01-01T00:00:00Z, the "
              + "earliest the reward sink takes; check the caller's clock and the timestamp's unit");
      sdk.restore(snap);
      assertThat(sdk.recommender().topN("alice", 3).items()).isNotEmpty();
      sdk.rewards().accept(RewardEvent.click("alice", "boots-1", null).at(clock.instant()));
      sdk.rewards().flush();
      assertThat(sdk.recommender().topN("alice", 3).items()).isNotEmpty();
      sdk.snapshot(snap); // and the old events survive a further snapshot
    }
  }

  @Test
  void snapshotToAPathThatNamesNoFile_isRefusedClearly(@TempDir Path dir) {
    try (GuideSdk sdk = sdk(new MutableClock(Instant.parse("2026-05-01T12:00:00Z")), dir.resolve("d.jsonl"))) {
      assertThatThrownBy(() -> sdk.snapshot(Path.of("/"))).isInstanceOf(SnapshotException.class)
          .hasMessage("cannot write snapshot /: the path names no file; give the path of a file");
      assertThatThrownBy(() -> sdk.snapshot(dir)).isInstanceOf(SnapshotException.class)
          .hasMessageContaining("it is a directory");
      assertThatThrownBy(() -> sdk.restore(dir)).isInstanceOf(SnapshotException.class)
          .hasMessageContaining("it is a directory");
      sdk.snapshot(dir.resolve("new-folder").resolve("learned.snap"));
      sdk.restore(dir.resolve("new-folder").resolve("learned.snap"));
    }
  }
}
