package io.guidesdk.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QLearningPolicyTest {
  private static final ShopperContext RETURNING = new ShopperContext("u1", 6, 1, 1, Duration.ofMinutes(5),
      List.of("Tents"), 120.0, null, true);
  private static final List<String> ACTIONS = List.of("profile", "popular", "repeat");

  private static RandomGenerator seeded(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  @Test
  void tdUpdateArithmetic_tabular() {
    QLearningConfig c = QLearningConfig.defaults().withEncoding(QLearningConfig.StateEncoding.TABULAR)
        .withLearningRate(0.5).withDiscount(0.9);
    QLearningPolicy p = new QLearningPolicy(c, seeded(1));
    ShopperState s = p.state(RETURNING, 0);
    ShopperState next = p.state(RETURNING, 1);
    // Q(next, popular) = 0 + 0.5 * (4 - 0) = 2 (terminal transition).
    p.learn(new Transition(next, "popular", 4, null, List.of()));
    assertThat(p.value(next, "popular")).isEqualTo(2.0);
    // Q(s, profile) = 0 + 0.5 * (1 + 0.9 * max(Q(next, ·)) - 0) = 0.5 * (1 + 1.8) = 1.4
    p.learn(new Transition(s, "profile", 1, next, List.of()));
    assertThat(p.value(s, "profile")).isCloseTo(1.4, within(1e-12));
    // Again: 1.4 + 0.5 * (1 + 1.8 - 1.4) = 2.1
    p.learn(new Transition(s, "profile", 1, next, List.of()));
    assertThat(p.value(s, "profile")).isCloseTo(2.1, within(1e-12));
    // nextActions restricts the max: only "profile" in next, never updated there → 0.
    p.learn(new Transition(s, "repeat", 2, next, List.of("profile")));
    assertThat(p.value(s, "repeat")).isCloseTo(1.0, within(1e-12));
    assertThat(p.updates()).isEqualTo(4);
  }

  @Test
  void tdUpdateMovesFeatureValueByAlphaDelta() {
    QLearningConfig c = QLearningConfig.defaults().withLearningRate(0.1).withDiscount(0.5).withInitialValue(0.2);
    QLearningPolicy p = new QLearningPolicy(c, seeded(1));
    ShopperState s = p.state(RETURNING, 2);
    ShopperState other = p.state(ShopperContext.newShopper("new"), 2);
    p.learn(new Transition(other, "profile", 3, null, List.of()));
    double q = p.value(s, "profile");
    double nextBest = Math.max(p.value(other, "profile"), c.initialValue());
    p.learn(new Transition(s, "profile", 1, other, List.of()));
    double delta = 1 + 0.5 * nextBest - q;
    assertThat(p.value(s, "profile")).isCloseTo(q + 0.1 * delta, within(1e-12));
    // States sharing features generalise: the new shopper in slot 2 shares the slot and bias tables.
    assertThat(p.value(other, "profile")).isNotEqualTo(c.initialValue());
  }

  @ParameterizedTest
  @EnumSource(Exploration.class)
  void probabilitiesSumToOneRespectTheFloorAndMatchTheLoggedPropensity(Exploration e) {
    QLearningConfig c = QLearningConfig.defaults().withExploration(e).withPropensityFloor(0.05);
    QLearningPolicy p = new QLearningPolicy(c, seeded(7));
    for (int i = 0; i < 50; i++) {
      p.learn(new Transition(p.state(RETURNING, 0), ACTIONS.get(i % 3), i % 3, null, List.of()));
    }
    double[] dist = p.distribution(RETURNING, ACTIONS, 0);
    assertThat(java.util.Arrays.stream(dist).sum()).isCloseTo(1.0, within(1e-12));
    for (double x : dist) {
      assertThat(x).isGreaterThanOrEqualTo(0.05 - 1e-12);
    }
    Map<String, Integer> counts = new HashMap<>();
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      SlotDecision d = p.decide(RETURNING, ACTIONS, 0);
      assertThat(d.probability()).isEqualTo(dist[ACTIONS.indexOf(d.strategy())]);
      counts.merge(d.strategy(), 1, Integer::sum);
    }
    for (int a = 0; a < ACTIONS.size(); a++) {
      double freq = counts.getOrDefault(ACTIONS.get(a), 0) / (double) n;
      assertThat(freq).isCloseTo(dist[a], within(0.015));
    }
  }

  /** The same invariants with the decaying ε and the prior order, early (ε high) and late (ε low). */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {0, 5, 400})
  void decayingEpsilonWithPriorKeepsExactFlooredPropensities(int updates) {
    QLearningConfig c = QLearningConfig.defaults().withEpsilon(0.3).withEpsilonDecayVisits(20)
        .withPriorOrder(List.of("repeat", "profile")).withPriorValue(0.1).withPropensityFloor(0.02);
    QLearningPolicy p = new QLearningPolicy(c, seeded(5));
    for (int i = 0; i < updates; i++) {
      p.learn(new Transition(p.state(RETURNING, 0), ACTIONS.get(i % 3), (i % 3) * 0.1, null, List.of()));
    }
    double eps = p.epsilon(RETURNING, 0);
    assertThat(eps).isCloseTo(0.3 * 20 / (20.0 + updates), within(1e-12));
    double[] dist = p.distribution(RETURNING, ACTIONS, 0);
    assertThat(java.util.Arrays.stream(dist).sum()).isCloseTo(1.0, within(1e-12));
    for (double x : dist) {
      assertThat(x).isGreaterThanOrEqualTo(0.02 - 1e-12);
    }
    // ε-greedy with the floor mixed in: (1 - 0.06)·(ε/3 + (1-ε)·[greedy]) + 0.02.
    int greedy = 0;
    for (int i = 1; i < 3; i++) {
      if (p.value(p.state(RETURNING, 0), ACTIONS.get(i)) > p.value(p.state(RETURNING, 0), ACTIONS.get(greedy))) {
        greedy = i;
      }
    }
    for (int i = 0; i < 3; i++) {
      double expected = 0.94 * (eps / 3 + (i == greedy ? 1 - eps : 0)) + 0.02;
      assertThat(dist[i]).as("action %s", ACTIONS.get(i)).isCloseTo(expected, within(1e-12));
    }
    Map<String, Integer> counts = new HashMap<>();
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      SlotDecision d = p.decide(RETURNING, ACTIONS, 0);
      assertThat(d.probability()).isEqualTo(dist[ACTIONS.indexOf(d.strategy())]);
      counts.merge(d.strategy(), 1, Integer::sum);
    }
    for (int a = 0; a < ACTIONS.size(); a++) {
      assertThat(counts.getOrDefault(ACTIONS.get(a), 0) / (double) n).isCloseTo(dist[a], within(0.015));
    }
  }

  @Test
  void epsilonDecaysWithTheLeastUpdatedFeatureOfTheState() {
    QLearningConfig c = QLearningConfig.defaults().withEpsilonDecayVisits(10);
    QLearningPolicy p = new QLearningPolicy(c, seeded(1));
    assertThat(p.epsilon(RETURNING, 0)).isEqualTo(c.epsilon());
    for (int i = 0; i < 30; i++) {
      p.learn(new Transition(p.state(RETURNING, 0), "repeat", 1, null, List.of()));
    }
    assertThat(p.epsilon(RETURNING, 0)).isCloseTo(0.1 * 10 / 40, within(1e-12));
    // A new shopper in slot 3 shares only the bias table: its other features were never updated.
    assertThat(p.epsilon(ShopperContext.newShopper("n"), 3)).isEqualTo(c.epsilon());
    // The tabular encoding counts the state itself; constant ε without decay.
    QLearningPolicy tab = new QLearningPolicy(c.withEncoding(QLearningConfig.StateEncoding.TABULAR), seeded(1));
    tab.learn(new Transition(tab.state(RETURNING, 0), "repeat", 1, null, List.of()));
    assertThat(tab.epsilon(RETURNING, 0)).isCloseTo(0.1 * 10 / 11, within(1e-12));
    assertThat(tab.epsilon(RETURNING, 1)).isEqualTo(0.1);
    QLearningPolicy constant = new QLearningPolicy(QLearningConfig.defaults().withEpsilonDecayVisits(0), seeded(1));
    constant.learn(new Transition(constant.state(RETURNING, 0), "repeat", 1, null, List.of()));
    assertThat(constant.epsilon(RETURNING, 0)).isEqualTo(0.1);
    // The counts survive a snapshot.
    QLearningPolicy restored = new QLearningPolicy(c, seeded(2));
    restored.importState(p.exportState());
    assertThat(restored.epsilon(RETURNING, 0)).isEqualTo(p.epsilon(RETURNING, 0));
  }

  @Test
  void priorOrderMakesTheDefaultGreedyUntilRewardsSayOtherwise() {
    QLearningConfig c = QLearningConfig.defaults().withEpsilon(0).withPropensityFloor(0)
        .withPriorOrder(List.of("repeat", "profile", "popular")).withPriorValue(0.3);
    QLearningPolicy p = new QLearningPolicy(c, seeded(1));
    ShopperState s = p.state(RETURNING, 0);
    // initialValue + priorValue·(m−r)/m: 0.3, 0.2, 0.1; an unlisted action starts at initialValue.
    assertThat(p.value(s, "repeat")).isCloseTo(0.3, within(1e-12));
    assertThat(p.value(s, "profile")).isCloseTo(0.2, within(1e-12));
    assertThat(p.value(s, "popular")).isCloseTo(0.1, within(1e-12));
    assertThat(p.value(s, "trending")).isEqualTo(0.0);
    assertThat(p.distribution(RETURNING, ACTIONS, 0)).containsExactly(0, 0, 1);
    assertThat(p.distribution(RETURNING, List.of("popular", "profile"), 0)).containsExactly(0, 1);
    // Rewards move the values away from the prior: "repeat" earns nothing, "popular" earns 1.
    for (int i = 0; i < 200; i++) {
      p.learn(new Transition(s, "repeat", 0, null, List.of()));
      p.learn(new Transition(s, "popular", 1, null, List.of()));
    }
    assertThat(p.distribution(RETURNING, ACTIONS, 0)).containsExactly(0, 1, 0);
    // With no spread the prior only breaks ties: all untried actions tie at 0, the first listed wins.
    QLearningPolicy ties = new QLearningPolicy(c.withPriorValue(0), seeded(1));
    assertThat(ties.distribution(RETURNING, ACTIONS, 0)).containsExactly(0, 0, 1);
    assertThat(ties.version()).endsWith("/prior");
  }

  @Test
  void defaultPriorIsTheRecommendersDefaultSlotOrder() {
    assertThat(QLearningConfig.defaults().priorOrder())
        .isEqualTo(io.guidesdk.core.recommend.DefaultRecommender.DEFAULT_ORDER);
  }

  @Test
  void epsilonGreedyAndSoftmaxDistributionsAreTheDocumentedFormulas() {
    double[] q = {1.0, 3.0, 3.0, 0.0};
    int[] n = {0, 0, 0, 0};
    QLearningConfig eg = QLearningConfig.defaults().withEpsilon(0.2).withPropensityFloor(0);
    assertThat(QLearningPolicy.probabilities(q, n, eg)).containsExactly(0.05, 0.45, 0.45, 0.05);
    QLearningConfig sm = eg.withExploration(Exploration.SOFTMAX).withTemperature(1.0);
    double z = Math.exp(1) + 2 * Math.exp(3) + 1;
    double[] p = QLearningPolicy.probabilities(q, n, sm);
    assertThat(p[0]).isCloseTo(Math.exp(1) / z, within(1e-12));
    assertThat(p[1]).isCloseTo(Math.exp(3) / z, within(1e-12));
    // Floor 0.1 with 4 actions mixes half uniform: (1 - 0.4) p + 0.1.
    double[] floored = QLearningPolicy.probabilities(q, n, eg.withPropensityFloor(0.1));
    assertThat(floored[0]).isCloseTo(0.6 * 0.05 + 0.1, within(1e-12));
  }

  @Test
  void ucbPrefersTheLeastTriedActionUntilValuesSeparate() {
    // No prior order: untried actions tie and share the greedy mass.
    QLearningConfig c = QLearningConfig.defaults().withExploration(Exploration.UCB).withPropensityFloor(0.01)
        .withPriorOrder(List.of());
    QLearningPolicy p = new QLearningPolicy(c, seeded(3));
    ShopperState s = p.state(RETURNING, 0);
    for (int i = 0; i < 20; i++) {
      p.learn(new Transition(s, "profile", 0.1, null, List.of()));
    }
    double[] d = p.distribution(RETURNING, ACTIONS, 0);
    // "popular" and "repeat" were never tried in this state: they share the greedy mass.
    assertThat(d[1]).isGreaterThan(0.4);
    assertThat(d[0]).isCloseTo(0.01, within(1e-9));
  }

  @Test
  void seededRunsAreReproducible() {
    QLearningPolicy a = new QLearningPolicy(QLearningConfig.defaults(), seeded(11));
    QLearningPolicy b = new QLearningPolicy(QLearningConfig.defaults(), seeded(11));
    for (int i = 0; i < 100; i++) {
      assertThat(a.decide(RETURNING, ACTIONS, i % 10)).isEqualTo(b.decide(RETURNING, ACTIONS, i % 10));
    }
  }

  @Test
  void exportImportRoundTripAndIncompatibleEncodingRefused() {
    QLearningPolicy a = new QLearningPolicy(QLearningConfig.defaults(), seeded(1));
    a.learn(new Transition(a.state(RETURNING, 0), "repeat", 5, null, List.of()));
    QLearningPolicy b = new QLearningPolicy(QLearningConfig.defaults(), seeded(2));
    b.importState(a.exportState());
    assertThat(b.value(b.state(RETURNING, 0), "repeat")).isEqualTo(a.value(a.state(RETURNING, 0), "repeat"));
    assertThat(b.updates()).isEqualTo(1);
    QLearningPolicy tab = new QLearningPolicy(QLearningConfig.defaults()
        .withEncoding(QLearningConfig.StateEncoding.TABULAR), seeded(2));
    assertThatThrownBy(() -> tab.importState(a.exportState())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("encoding LINEAR");
  }

  @Test
  void badHyperParametersAreRefusedNamingTheField() {
    assertThatThrownBy(() -> QLearningConfig.defaults().withLearningRate(0))
        .hasMessageContaining("learningRate");
    assertThatThrownBy(() -> QLearningConfig.defaults().withDiscount(1)).hasMessageContaining("discount");
    assertThatThrownBy(() -> QLearningConfig.defaults().withEpsilon(1.5)).hasMessageContaining("epsilon");
    assertThatThrownBy(() -> QLearningConfig.defaults().withPropensityFloor(-0.1))
        .hasMessageContaining("propensityFloor");
    assertThatThrownBy(() -> QLearningConfig.defaults().withEpsilonDecayVisits(-1))
        .hasMessageContaining("epsilonDecayVisits");
    assertThatThrownBy(() -> QLearningConfig.defaults().withPriorValue(-0.1)).hasMessageContaining("priorValue");
    assertThatThrownBy(() -> QLearningConfig.defaults().withPriorOrder(List.of("repeat", "repeat")))
        .hasMessageContaining("priorOrder");
    assertThatThrownBy(() -> QLearningConfig.defaults().withPriorOrder(null)).isInstanceOf(NullPointerException.class);
    QLearningPolicy p = new QLearningPolicy(QLearningConfig.defaults(), seeded(1));
    assertThatThrownBy(() -> p.decide(RETURNING, List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.decide(null, ACTIONS, 0)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void stateDiscretisation() {
    ShopperState s = ShopperState.of(RETURNING, 7, 32);
    assertThat(s.history()).isEqualTo(2);
    assertThat(s.purchases()).isEqualTo(1);
    assertThat(s.recency()).isEqualTo(1);
    assertThat(s.priceBand()).isEqualTo(3);
    assertThat(s.slot()).isEqualTo(4);
    assertThat(s.category()).isBetween(1, 32);
    ShopperState cold = ShopperState.of(ShopperContext.newShopper("x"), 0, 32);
    assertThat(cold).isEqualTo(new ShopperState(0, 0, 0, 0, 0, 0, false));
  }
}
