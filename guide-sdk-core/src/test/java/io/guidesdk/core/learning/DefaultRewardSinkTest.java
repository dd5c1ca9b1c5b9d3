package io.guidesdk.core.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.EventRejectedException;
import io.guidesdk.EventRejectedException.Reason;
import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.RewardEvent;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.policy.LearningPolicy;
import io.guidesdk.core.policy.QLearningConfig;
import io.guidesdk.core.policy.QLearningPolicy;
import io.guidesdk.core.policy.ShopperContext;
import io.guidesdk.core.policy.ShopperState;
import io.guidesdk.core.policy.SlotDecision;
import io.guidesdk.core.policy.Transition;
import io.guidesdk.core.simulate.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultRewardSinkTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final Catalog catalog = Catalog.of(List.of(product("p1", "Tents", 100), product("p2", "Tents", 50),
      product("p3", "Jackets", 80)));
  private final InteractionStore store = new InteractionStore(100);
  private final ImpressionLog impressions = new ImpressionLog(Duration.ofHours(2), 10_000, clock,
      RandomGeneratorFactory.of("L64X128MixRandom").create(1));
  private final List<Transition> learned = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private static Product product(String id, String category, double price) {
    return Product.builder(id, "Product " + id, Money.of(price, "USD")).category("Outdoor", category).build();
  }

  /** A policy that records transitions. */
  private LearningPolicy recording() {
    QLearningPolicy q = new QLearningPolicy(QLearningConfig.defaults(), RandomGeneratorFactory.of("L64X128MixRandom")
        .create(2));
    return new LearningPolicy() {
      @Override
      public ShopperState state(ShopperContext context, int slot) {
        return q.state(context, slot);
      }

      @Override
      public double[] distribution(ShopperContext context, List<String> available, int slot) {
        return q.distribution(context, available, slot);
      }

      @Override
      public void learn(Transition transition) {
        learned.add(transition);
        q.learn(transition);
      }

      @Override
      public long updates() {
        return q.updates();
      }

      @Override
      public SlotDecision decide(ShopperContext context, List<String> available, int slot) {
        return q.decide(context, available, slot);
      }

      @Override
      public String version() {
        return q.version();
      }
    };
  }

  private DefaultRewardSink sink(DefaultRewardSink.Builder b) {
    DefaultRewardSink s = b.build();
    toClose.add(s);
    return s;
  }

  private DefaultRewardSink.Builder builder() {
    return DefaultRewardSink.builder(() -> catalog, store, impressions).clock(clock)
        .attributionWindow(Duration.ofHours(2)).creditHorizon(Duration.ofMinutes(30));
  }

  private String show(String user, List<String> products, List<String> strategies) {
    String id = impressions.newId();
    impressions.record(new Impression(id, user, products, strategies,
        products.stream().map(p -> 0.5).toList(), "test", clock.instant()));
    return id;
  }

  @Test
  void rejectsEachBadEventKindVisiblyAndCountsIt() {
    DefaultRewardSink s = sink(builder());
    assertThatThrownBy(() -> s.accept(new RewardEvent(RewardEventType.CLICK, "u", "nope", null, null, T0)))
        .isInstanceOfSatisfying(EventRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_PRODUCT))
        .hasMessageContaining("'nope'");
    assertThatThrownBy(() -> s.accept(new RewardEvent(RewardEventType.CLICK, "u", "p1", "rec-x", null, T0)))
        .isInstanceOfSatisfying(EventRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_RECOMMENDATION))
        .hasMessageContaining("rec-x");
    assertThatThrownBy(() -> s.accept(new RewardEvent(RewardEventType.CLICK, "u", "p1", null, null,
        T0.plus(Duration.ofHours(1))))).isInstanceOfSatisfying(EventRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_IN_FUTURE));
    assertThatThrownBy(() -> s.accept(new RewardEvent(RewardEventType.CLICK, "u", "p1", null, null, Instant.MAX)))
        .isInstanceOfSatisfying(EventRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_IN_FUTURE));
    // A negative value never reaches the sink: the event itself refuses it, naming the field.
    assertThatThrownBy(() -> new RewardEvent(RewardEventType.PURCHASE, "u", "p1", null, new BigDecimal("-1"), T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value must not be negative");
    s.accept(new RewardEvent(RewardEventType.CLICK, "u", "p1", null, null, T0.plus(Duration.ofMinutes(4))));
    s.close();
    assertThatThrownBy(() -> s.accept(new RewardEvent(RewardEventType.CLICK, "u", "p1", null, null, T0)))
        .isInstanceOfSatisfying(EventRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED));
    DefaultRewardSink.Stats st = s.stats();
    assertThat(st.rejected()).containsEntry(Reason.UNKNOWN_PRODUCT, 1L).containsEntry(Reason.UNKNOWN_RECOMMENDATION, 1L)
        .containsEntry(Reason.TIMESTAMP_IN_FUTURE, 2L).containsEntry(Reason.CLOSED, 1L);
    assertThat(st.accepted()).isEqualTo(1);
    assertThat(st.applied()).isEqualTo(1);
    assertThat(store.history("u")).hasSize(1);
  }

  @Test
  void timestampsBefore1970_areRefusedAndCounted_likeFarFutureOnes() {
    DefaultRewardSink s = sink(builder());
    for (Instant old : List.of(Instant.MIN, Instant.EPOCH.minusNanos(1))) {
      assertThatThrownBy(() -> s.accept(new RewardEvent(RewardEventType.CLICK, "u", "p1", null, null, old)))
          .isInstanceOfSatisfying(EventRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_TOO_OLD))
          .hasMessageContaining("timestamp " + old + " is before 1970-01-01T00:00:00Z");
    }
    s.accept(new RewardEvent(RewardEventType.CLICK, "u", "p1", null, null, DefaultRewardSink.EARLIEST_TIMESTAMP));
    s.flush();
    assertThat(s.stats().rejected()).containsEntry(Reason.TIMESTAMP_TOO_OLD, 2L);
    assertThat(s.stats().applied()).isEqualTo(1);
  }

  @Test
  void fullQueueRejectsWithCounterAndLosesNothingAccepted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch writerBlocked = new CountDownLatch(1);
    LearningPolicy blocking = new LearningPolicy() {
      final LearningPolicy inner = recording();

      @Override
      public ShopperState state(ShopperContext context, int slot) {
        return inner.state(context, slot);
      }

      @Override
      public double[] distribution(ShopperContext context, List<String> available, int slot) {
        return inner.distribution(context, available, slot);
      }

      @Override
      public void learn(Transition t) {
        writerBlocked.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public long updates() {
        return 0;
      }

      @Override
      public SlotDecision decide(ShopperContext context, List<String> available, int slot) {
        return inner.decide(context, available, slot);
      }

      @Override
      public String version() {
        return "blocking";
      }
    };
    DefaultRewardSink s = sink(builder().policy(blocking).creditHorizon(Duration.ZERO).queueCapacity(2)
        .offerTimeout(Duration.ofMillis(5)));
    show("u", List.of("p1"), List.of("popular"));
    assertThat(writerBlocked.await(5, TimeUnit.SECONDS)).isTrue();
    int accepted = 0;
    int full = 0;
    for (int i = 0; i < 10; i++) {
      try {
        s.accept(new RewardEvent(RewardEventType.CLICK, "u" + i, "p2", null, null, T0));
        accepted++;
      } catch (EventRejectedException e) {
        assertThat(e.reason()).isEqualTo(Reason.QUEUE_FULL);
        assertThat(e.getMessage()).contains("queueCapacity");
        full++;
      }
    }
    assertThat(accepted).isEqualTo(2);
    assertThat(full).isEqualTo(8);
    release.countDown();
    s.flush();
    assertThat(s.stats().applied()).isEqualTo(2);
    assertThat(s.stats().rejected()).containsEntry(Reason.QUEUE_FULL, 8L);
  }

  @Test
  void concurrentProducersLoseNoUpdate() throws Exception {
    DefaultRewardSink s = sink(builder().offerTimeout(Duration.ofSeconds(30)));
    int threads = 4;
    int perThread = 25_000;
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          s.accept(new RewardEvent(RewardEventType.CLICK, "user-" + (i % 50), "p" + (1 + (i + id) % 3), null, null, T0));
        }
      });
      ts.add(th);
      th.start();
    }
    for (Thread th : ts) {
      th.join();
    }
    s.flush();
    DefaultRewardSink.Stats st = s.stats();
    assertThat(st.accepted()).isEqualTo(threads * perThread);
    assertThat(st.applied()).isEqualTo(threads * perThread);
    double total = store.interactionWeight("p1") + store.interactionWeight("p2") + store.interactionWeight("p3");
    assertThat(total).isEqualTo(threads * perThread * RewardWeights.DEFAULT.click());
  }

  @Test
  void attributionJoinsWithinTheWindowOnlyAndCreditsTheRightSlot() {
    DefaultRewardSink s = sink(builder().policy(recording()));
    String rec = show("alice", List.of("p1", "p2"), List.of("profile", "popular"));
    s.accept(new RewardEvent(RewardEventType.CLICK, "alice", "p2", rec, null, T0.plus(Duration.ofMinutes(1))));
    s.accept(new RewardEvent(RewardEventType.ADD_TO_CART, "alice", "p2", rec, null, T0.plus(Duration.ofMinutes(2))));
    s.accept(new RewardEvent(RewardEventType.CLICK, "alice", "p3", rec, null, T0.plus(Duration.ofMinutes(2))));
    s.accept(new RewardEvent(RewardEventType.CLICK, "alice", "p1", null, null, T0.plus(Duration.ofMinutes(3))));
    s.flush(); // applied inside the horizon, whatever the writer's timing (see rewardWeightsAreConfigurable)
    // After the credit horizon but inside the attribution window: attributed, not policy reward.
    clock.advance(Duration.ofMinutes(40));
    s.accept(new RewardEvent(RewardEventType.PURCHASE, "alice", "p1", rec, new BigDecimal("100"),
        T0.plus(Duration.ofMinutes(39))));
    s.flush();
    DefaultRewardSink.Stats st = s.stats();
    assertThat(st.attributed()).isEqualTo(3);
    assertThat(st.organic()).isEqualTo(2);
    assertThat(st.lateForPolicy()).isEqualTo(1);
    assertThat(learned).hasSize(2);
    assertThat(learned.get(0).action()).isEqualTo("profile");
    assertThat(learned.get(0).reward()).isEqualTo(0.0);
    assertThat(learned.get(1).action()).isEqualTo("popular");
    assertThat(learned.get(1).reward()).isEqualTo(1.0 + 3.0);
    assertThat(learned.get(1).state().slot()).isEqualTo(1);
    // Every event updated alice's profile.
    assertThat(store.history("alice")).hasSize(5);
    // Outside the window (impression expired from the log): refused as unknown.
    clock.advance(Duration.ofHours(3));
    assertThatThrownBy(() -> s.accept(new RewardEvent(RewardEventType.CLICK, "alice", "p1", rec, null,
        clock.instant()))).isInstanceOfSatisfying(EventRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_RECOMMENDATION));
  }

  @Test
  void anEventForARecommendationShownToAnotherUser_isRefusedAndCounted() {
    DefaultRewardSink s = sink(builder().policy(recording()));
    String rec = show("alice", List.of("p1", "p2"), List.of("profile", "popular"));
    assertThatThrownBy(() -> s.accept(new RewardEvent(RewardEventType.CLICK, "bob", "p1", rec, null, T0)))
        .isInstanceOfSatisfying(EventRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.USER_MISMATCH))
        .hasMessage("event refused: recommendationId '" + rec + "' was shown to another user, not userId 'bob'; "
            + "send the event with the userId it was shown to, or with a null recommendationId (organic)");
    // Refused, not applied: bob's profile and alice's slot are untouched; the caller still holds the event.
    s.accept(new RewardEvent(RewardEventType.CLICK, "alice", "p1", rec, null, T0));
    s.flush();
    DefaultRewardSink.Stats st = s.stats();
    assertThat(st.rejected()).containsEntry(Reason.USER_MISMATCH, 1L);
    assertThat(st.accepted()).isEqualTo(1);
    assertThat(st.attributed()).isEqualTo(1);
    assertThat(store.history("bob")).isEmpty();
    // A chat reply to an anonymous shopper (empty user id) cannot be matched: taken as organic.
    String anonymous = showChat("", List.of("p3"));
    s.accept(new RewardEvent(RewardEventType.CLICK, "carol", "p3", anonymous, null, T0));
    s.flush();
    assertThat(s.stats().organic()).isEqualTo(1);
    assertThat(store.history("carol")).hasSize(1);
  }

  /*
   * The single writer applies events a little after accept() returns. A test that jumps the simulated
   * clock past the credit horizon must flush first: an event the writer reaches after the horizon has
   * passed no longer reopens its impression (in real time the writer is milliseconds behind).
   */
  @Test
  void rewardWeightsAreConfigurable() {
    RewardWeights w = new RewardWeights(0, 2, 5, 20, 0.1, -1);
    DefaultRewardSink s = sink(builder().policy(recording()).weights(w));
    String rec = show("u", List.of("p1"), List.of("profile"));
    s.accept(new RewardEvent(RewardEventType.CLICK, "u", "p1", rec, null, T0));
    s.accept(new RewardEvent(RewardEventType.PURCHASE, "u", "p1", rec, new BigDecimal("50"), T0));
    s.flush(); // applied inside the horizon, whatever the writer's timing
    clock.advance(Duration.ofMinutes(31));
    s.flush();
    assertThat(learned).hasSize(1);
    assertThat(learned.get(0).reward()).isEqualTo(2 + 20 + 0.1 * 50);
    assertThat(RewardWeights.DEFAULT.reward(new RewardEvent(RewardEventType.DISMISS, "u", "p1", null, null, T0)))
        .isEqualTo(-1);
    assertThatThrownBy(() -> new RewardWeights(0, Double.NaN, 0, 0, 0, 0)).hasMessageContaining("finite");
  }

  @Test
  void rewardsStayFinite_whateverTheWeightsAndValues() {
    // A value beyond double range never reaches the sink: the event refuses it, naming it.
    assertThatThrownBy(() -> RewardEvent.purchase("alice", "p1", null, new BigDecimal("1e400")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("value must be at most 1E+18, was 1E+400");
    // The largest value taken, with a weight that overflows a double: the reward saturates, so the
    // slot's sum, the learned reward and the product's popularity stay finite.
    RewardWeights huge = new RewardWeights(0, 1, 3, 10, 1e300, -1);
    DefaultRewardSink s = sink(builder().policy(recording()).weights(huge));
    String rec = show("alice", List.of("p1"), List.of("profile"));
    RewardEvent big = RewardEvent.purchase("alice", "p1", rec, new BigDecimal("1e18")).at(T0);
    assertThat(huge.reward(big)).isEqualTo(RewardWeights.MAX_REWARD);
    assertThat(RewardWeights.DEFAULT.reward(big)).isEqualTo(10.0);
    s.accept(big);
    s.accept(big);
    s.flush();
    assertThat(s.pendingImpressions()).singleElement()
        .satisfies(p -> assertThat(p.rewards()).containsExactly(2 * RewardWeights.MAX_REWARD));
    assertThat(store.interactionWeight("p1")).isEqualTo(2 * RewardWeights.MAX_REWARD);
    clock.advance(Duration.ofMinutes(31));
    s.flush();
    assertThat(learned).singleElement().satisfies(t -> assertThat(t.reward()).isEqualTo(2 * RewardWeights.MAX_REWARD));
    assertThat(s.stats().failed()).isZero();
  }

  @Test
  void aDecisionLogWithoutAPolicy_isRefusedAtBuild(@TempDir Path dir) {
    DecisionLog log = DecisionLog.jsonLines(dir.resolve("d.jsonl"));
    assertThatThrownBy(() -> builder().decisionLog(log).build()).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("a decision log needs a policy");
  }

  @Test
  void decisionLogWritesOneDocumentedLinePerSlot(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    DefaultRewardSink s = sink(builder().policy(recording()).decisionLog(DecisionLog.jsonLines(file)));
    String rec = show("u", List.of("p1", "p3"), List.of("profile", "popular"));
    s.accept(new RewardEvent(RewardEventType.CLICK, "u", "p3", rec, null, T0));
    s.flush(); // applied inside the horizon, whatever the writer's timing
    clock.advance(Duration.ofMinutes(31));
    s.flush();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    var json = DecisionLog.mapper().readTree(lines.get(1));
    assertThat(json.get("ts").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(json.get("recommendationId").asText()).isEqualTo(rec);
    assertThat(json.get("slot").asInt()).isEqualTo(1);
    assertThat(json.get("action").asText()).isEqualTo("popular");
    assertThat(json.get("propensity").asDouble()).isEqualTo(0.5);
    assertThat(json.get("reward").asDouble()).isEqualTo(1.0);
    assertThat(json.get("context").get("slot").asInt()).isEqualTo(1);
    assertThat(json.get("actions")).hasSize(2);
    assertThat(io.guidesdk.core.ope.DecisionLogReader.read(file)).hasSize(2);
  }

  // --- chat replies are attributed, never policy training (issue #8) ---

  private String showChat(String user, List<String> products) {
    String id = impressions.newId();
    impressions.record(new Impression(id, user, products, products.stream().map(p -> "chat").toList(),
        products.stream().map(p -> 1.0).toList(), "chat-rules-2", clock.instant(), null, false));
    return id;
  }

  @Test
  void chatImpressions_areAttributedAndLoggedButNeverTeachThePolicy(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    DefaultRewardSink s = sink(builder().policy(recording()).decisionLog(DecisionLog.jsonLines(file)));
    String chat = showChat("u", List.of("p1", "p2"));
    String rec = show("u", List.of("p3"), List.of("popular"));
    s.accept(new RewardEvent(RewardEventType.CLICK, "u", "p2", chat, null, T0.plus(Duration.ofMinutes(1))));
    s.accept(new RewardEvent(RewardEventType.PURCHASE, "u", "p2", chat, null, T0.plus(Duration.ofMinutes(2))));
    s.accept(new RewardEvent(RewardEventType.CLICK, "u", "p3", rec, null, T0.plus(Duration.ofMinutes(2))));
    s.flush(); // applied inside the horizon, whatever the writer's timing
    clock.advance(Duration.ofMinutes(31));
    // After the horizon: still attributed (and profile), but neither policy reward nor "late for policy".
    s.accept(new RewardEvent(RewardEventType.CLICK, "u", "p1", chat, null, clock.instant()));
    s.flush();

    // Only the recommender's slot reached the policy.
    assertThat(learned).extracting(Transition::action).containsExactly("popular");
    DefaultRewardSink.Stats st = s.stats();
    assertThat(st.attributed()).isEqualTo(4);
    assertThat(st.organic()).isZero();
    assertThat(st.transitions()).isEqualTo(1);
    assertThat(st.nonPolicySlots()).isEqualTo(2);
    assertThat(st.lateForPolicy()).isZero();
    // The shopper's profile has every event.
    assertThat(store.history("u")).extracting(Interaction::productId).containsExactly("p2", "p2", "p3", "p1");

    // The decision log keeps the chat slots' rewards, marked as not chosen by the policy ...
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(3);
    var chatSlot = DecisionLog.mapper().readTree(lines.stream().filter(l -> l.contains("\"slot\":1")).findFirst()
        .orElseThrow());
    assertThat(chatSlot.get("action").asText()).isEqualTo("chat");
    assertThat(chatSlot.get("reward").asDouble()).isEqualTo(1.0 + 10.0);
    assertThat(chatSlot.get("policyDecision").asBoolean()).isFalse();
    // ... and off-policy evaluation reads only the policy's decision.
    assertThat(io.guidesdk.core.ope.DecisionLogReader.read(file)).singleElement()
        .satisfies(r -> assertThat(r.action()).isEqualTo("popular"));
  }

  @Test
  void chatImpressions_withoutADecisionLog_areNotKeptPending() {
    DefaultRewardSink s = sink(builder().policy(recording()));
    String chat = showChat("u", List.of("p1"));
    s.accept(new RewardEvent(RewardEventType.CLICK, "u", "p1", chat, null, T0));
    s.flush();
    assertThat(s.stats().pendingImpressions()).isZero();
    assertThat(s.stats().attributed()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(31));
    s.flush();
    assertThat(learned).isEmpty();
  }

  // --- pending impressions survive a restart (issue #8) ---

  @Test
  void pendingImpressions_roundTripThroughARestartAndAreCreditedAfterIt() {
    DefaultRewardSink before = sink(builder().policy(recording()));
    String rec = show("alice", List.of("p1", "p2"), List.of("profile", "popular"));
    before.accept(new RewardEvent(RewardEventType.CLICK, "alice", "p2", rec, null, T0.plus(Duration.ofMinutes(1))));
    clock.advance(Duration.ofMinutes(5));
    List<DefaultRewardSink.PendingImpression> saved = before.pendingImpressions();
    assertThat(saved).singleElement().satisfies(p -> {
      assertThat(p.impression().recommendationId()).isEqualTo(rec);
      assertThat(p.rewards()).containsExactly(0.0, 1.0);
    });
    assertThat(learned).isEmpty();

    // "Restart": a new log and sink that know nothing of rec.
    ImpressionLog log2 = new ImpressionLog(Duration.ofHours(2), 10_000, clock,
        RandomGeneratorFactory.of("L64X128MixRandom").create(5));
    DefaultRewardSink after = sink(DefaultRewardSink.builder(() -> catalog, store, log2).clock(clock)
        .attributionWindow(Duration.ofHours(2)).creditHorizon(Duration.ofMinutes(30)).policy(recording()));
    after.restorePending(saved);
    assertThat(after.stats().pendingImpressions()).isEqualTo(1);
    // An event after the restart, quoting the recommendation shown before it, is accepted and credited.
    after.accept(new RewardEvent(RewardEventType.ADD_TO_CART, "alice", "p2", rec, null, clock.instant()));
    after.flush(); // applied inside the horizon, whatever the writer's timing
    clock.advance(Duration.ofMinutes(26));
    after.flush();
    assertThat(learned).hasSize(2);
    assertThat(learned.get(0).action()).isEqualTo("profile");
    assertThat(learned.get(0).reward()).isZero();
    assertThat(learned.get(1).action()).isEqualTo("popular");
    assertThat(learned.get(1).reward()).isEqualTo(1.0 + 3.0);
    assertThat(after.stats().attributed()).isEqualTo(1);
    // The restored impression expires at shownAt + window, not a full window after the restore.
    clock.advance(Duration.ofMinutes(90));
    assertThat(log2.contains(rec)).isFalse();
  }

  @Test
  void restoredImpressionsWhoseHorizonPassedWhileDown_areLearnedAtOnce_andExpiredOnesAreSkipped() {
    String rec = show("bob", List.of("p1"), List.of("popular"));
    Impression shown = impressions.get(rec).orElseThrow();
    Impression ancient = new Impression("old", "bob", List.of("p3"), List.of("popular"), List.of(0.5), "test",
        T0.minus(Duration.ofHours(3)));
    clock.advance(Duration.ofHours(1));
    DefaultRewardSink s = sink(builder().policy(recording()));
    s.restorePending(List.of(new DefaultRewardSink.PendingImpression(shown, List.of(10.0)),
        new DefaultRewardSink.PendingImpression(ancient, List.of(1.0))));
    assertThat(learned).singleElement().satisfies(t -> assertThat(t.reward()).isEqualTo(10.0));
    assertThat(s.stats().pendingImpressions()).isZero();
    assertThat(impressions.contains("old")).isFalse();
  }

  @Test
  void pendingImpression_badInputIsRefusedClearly() {
    Impression imp = new Impression("r", "u", List.of("p1", "p2"), List.of("a", "b"), List.of(0.5, 0.5), "t", T0);
    assertThatThrownBy(() -> new DefaultRewardSink.PendingImpression(imp, List.of(1.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 slot rewards for 2 slots");
    assertThatThrownBy(() -> new DefaultRewardSink.PendingImpression(imp, List.of(1.0, Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
    DefaultRewardSink s = sink(builder().policy(recording()));
    assertThatThrownBy(() -> s.restorePending(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> s.forget(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void forget_dropsTheShoppersPendingImpressions() {
    DefaultRewardSink s = sink(builder().policy(recording()));
    show("carol", List.of("p1"), List.of("popular"));
    show("dave", List.of("p2"), List.of("popular"));
    s.flush();
    assertThat(s.pendingImpressions()).hasSize(2);
    s.forget("carol");
    assertThat(s.pendingImpressions()).extracting(p -> p.impression().userId()).containsExactly("dave");
  }
}
