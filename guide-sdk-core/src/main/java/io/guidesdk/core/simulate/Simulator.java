package io.guidesdk.core.simulate;

import io.guidesdk.Product;
import io.guidesdk.RewardEvent;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.learning.DecisionLog;
import io.guidesdk.core.learning.DefaultRewardSink;
import io.guidesdk.core.learning.Impression;
import io.guidesdk.core.learning.ImpressionLog;
import io.guidesdk.core.learning.Interaction;
import io.guidesdk.core.learning.InteractionStore;
import io.guidesdk.core.learning.RewardWeights;
import io.guidesdk.core.learning.ShopperContexts;
import io.guidesdk.core.policy.LearningPolicy;
import io.guidesdk.core.policy.ShopperContext;
import io.guidesdk.core.policy.SlotDecision;
import io.guidesdk.core.policy.SlotPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs a policy against a {@link ShopperWorld}: each round a shopper arrives, the policy fills a list
 * slot by slot from the world's candidate strategies, the shopper reacts through the response model,
 * and every reaction goes through a real {@link DefaultRewardSink} (so a learning policy learns
 * exactly as it would in production: attribution, credit horizon, TD updates on the writer thread).
 *
 * <p>Time advances by {@link Config#step()} per round and the credit horizon equals one step, so the
 * policy learns from round {@code t} before deciding round {@code t+1}. Runs are reproducible: the
 * arrivals, the responses and the policy draw from separate generators seeded from the run's seed.
 */
public final class Simulator {
  private Simulator() {}

  /**
   * The shopper's response model.
   *
   * @param positionDecay the click probability in slot k is divided by {@code 1 + positionDecay·k}
   * @param satiation the j-th product of one category in a list has its appeal multiplied by
   *     {@code satiation^(j-1)} (shoppers tire of more of the same)
   * @param cartBase add-to-cart probability after a click is {@code cartBase + cartAppeal·appeal}
   * @param cartAppeal see {@code cartBase}
   * @param purchaseGivenCart purchase probability after add-to-cart
   */
  public record ResponseModel(double positionDecay, double satiation, double cartBase, double cartAppeal,
      double purchaseGivenCart) {
    public static ResponseModel defaults() {
      return new ResponseModel(0.25, 0.6, 0.2, 0.5, 0.5);
    }
  }

  /** What a run does: rounds, list size, curve resolution, time step, reward weights, responses. */
  public record Config(int rounds, int listSize, int points, Duration step, RewardWeights weights,
      ResponseModel response) {
    public Config {
      if (rounds < 1 || listSize < 1 || points < 1) {
        throw new IllegalArgumentException("rounds, listSize and points must be >= 1");
      }
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(weights, "weights");
      Objects.requireNonNull(response, "response");
    }

    public static Config of(int rounds) {
      return new Config(rounds, 10, 50, Duration.ofMinutes(1), RewardWeights.DEFAULT, ResponseModel.defaults());
    }
  }

  /** Creates a fresh policy for a run from the run's policy generator. */
  @FunctionalInterface
  public interface PolicyFactory {
    SlotPolicy create(RandomGenerator random);
  }

  /**
   * The outcome of one run.
   *
   * @param curve cumulative reward after rounds {@code rounds·(i+1)/points}
   * @param total the cumulative reward at the end
   * @param stats the reward sink's counters at the end
   */
  public record Run(String policy, long seed, double[] curve, double total, DefaultRewardSink.Stats stats) {}

  /** The uniform-random choice among the available strategies. */
  public static SlotPolicy randomPolicy(RandomGenerator random) {
    return new SlotPolicy() {
      @Override
      public SlotDecision decide(ShopperContext context, List<String> available, int slot) {
        int i;
        synchronized (random) {
          i = random.nextInt(available.size());
        }
        return new SlotDecision(available.get(i), 1.0 / available.size());
      }

      @Override
      public String version() {
        return "uniform-random";
      }
    };
  }

  public static Run run(ShopperWorld world, String name, PolicyFactory factory, long seed, Config config) {
    return run(world, name, factory, seed, config, null);
  }

  /**
   * As {@link #run(ShopperWorld, String, PolicyFactory, long, Config)}, writing every closed slot
   * decision to {@code decisionLog} (when not null) as the production reward sink does; the log is
   * closed at the end of the run.
   *
   * @throws IllegalStateException if {@code decisionLog} is given and the policy is not a {@link
   *     LearningPolicy} (the log's lines hold the state it decided in)
   */
  public static Run run(ShopperWorld world, String name, PolicyFactory factory, long seed, Config config,
      @Nullable DecisionLog decisionLog) {
    Objects.requireNonNull(world, "world");
    RandomGenerator arrivals = RandomGeneratorFactory.of("L64X128MixRandom").create(seed * 1_000_003L + 1);
    RandomGenerator responses = RandomGeneratorFactory.of("L64X128MixRandom").create(seed * 1_000_003L + 2);
    RandomGenerator policyRandom = RandomGeneratorFactory.of("L64X128MixRandom").create(seed * 1_000_003L + 3);
    RandomGenerator ids = RandomGeneratorFactory.of("L64X128MixRandom").create(seed * 1_000_003L + 4);
    SlotPolicy policy = factory.create(policyRandom);
    Instant start = Instant.parse("2026-01-05T00:00:00Z");
    MutableClock clock = new MutableClock(start);
    InteractionStore store = new InteractionStore(200);
    for (int i = 0; i < world.shoppers(); i++) {
      for (Interaction x : world.initialHistory(i, start)) {
        store.add(world.shopperId(i), x, x.type() == RewardEventType.PURCHASE ? 10 : 1);
      }
    }
    ImpressionLog impressions = new ImpressionLog(Duration.ofHours(1), 1_000_000, clock, ids);
    DefaultRewardSink.Builder b = DefaultRewardSink.builder(world::catalog, store, impressions)
        .clock(clock).weights(config.weights()).attributionWindow(Duration.ofHours(1))
        .creditHorizon(config.step()).offerTimeout(Duration.ofSeconds(10));
    if (policy instanceof LearningPolicy lp) {
      b.policy(lp);
    }
    if (decisionLog != null) {
      b.decisionLog(decisionLog);
    }
    double[] curve = new double[config.points()];
    double total = 0;
    int next = 0;
    try (DefaultRewardSink sink = b.build()) {
      for (int round = 0; round < config.rounds(); round++) {
        clock.advance(config.step());
        sink.flush();
        int shopper = world.nextShopper(arrivals);
        total += round(world, shopper, policy, store, impressions, sink, clock.instant(), responses, config);
        sink.flush();
        while (next < curve.length && round + 1 >= (long) config.rounds() * (next + 1) / curve.length) {
          curve[next++] = total;
        }
      }
      sink.close();
      return new Run(name, seed, curve, total, sink.stats());
    }
  }

  private static double round(ShopperWorld world, int shopper, SlotPolicy policy, InteractionStore store,
      ImpressionLog impressions, DefaultRewardSink sink, Instant now, RandomGenerator responses, Config config) {
    String user = world.shopperId(shopper);
    List<Interaction> history = store.history(user);
    ShopperContext context = ShopperContexts.at(user, history, world.catalog(), now, null);
    int n = config.listSize();
    Map<String, List<String>> candidates = new LinkedHashMap<>();
    for (String s : world.strategies()) {
      candidates.put(s, world.candidates(s, shopper, history, n, store::interactionWeight));
    }
    Map<String, Integer> cursor = new HashMap<>();
    Set<String> used = new HashSet<>();
    List<String> products = new ArrayList<>();
    List<String> strategies = new ArrayList<>();
    List<Double> propensities = new ArrayList<>();
    List<List<String>> actionSets = new ArrayList<>();
    for (int slot = 0; slot < n; slot++) {
      List<String> available = new ArrayList<>();
      for (Map.Entry<String, List<String>> e : candidates.entrySet()) {
        List<String> c = e.getValue();
        int k = cursor.getOrDefault(e.getKey(), 0);
        while (k < c.size() && used.contains(c.get(k))) {
          k++;
        }
        cursor.put(e.getKey(), k);
        if (k < c.size()) {
          available.add(e.getKey());
        }
      }
      if (available.isEmpty()) {
        break;
      }
      SlotDecision d = policy.decide(context, available, slot);
      actionSets.add(available);
      int k = cursor.get(d.strategy());
      String product = candidates.get(d.strategy()).get(k);
      cursor.put(d.strategy(), k + 1);
      used.add(product);
      products.add(product);
      strategies.add(d.strategy());
      propensities.add(d.probability());
    }
    String id = impressions.newId();
    impressions.record(new Impression(id, user, products, strategies, propensities, policy.version(), now, context,
        true, actionSets));
    double reward = 0;
    ResponseModel m = config.response();
    Map<String, Integer> seen = new HashMap<>();
    for (int slot = 0; slot < products.size(); slot++) {
      String pid = products.get(slot);
      Product p = world.catalog().get(pid).orElseThrow();
      int same = seen.merge(p.category(), 1, Integer::sum);
      double appeal = world.appeal(shopper, pid, history) * Math.pow(m.satiation(), same - 1);
      double click = Math.min(0.95, appeal / (1 + m.positionDecay() * slot));
      if (responses.nextDouble() >= click) {
        continue;
      }
      reward += send(sink, config, new RewardEvent(RewardEventType.CLICK, user, pid, id, null, now));
      if (responses.nextDouble() >= m.cartBase() + m.cartAppeal() * Math.min(1, appeal)) {
        continue;
      }
      reward += send(sink, config, new RewardEvent(RewardEventType.ADD_TO_CART, user, pid, id, null, now));
      if (responses.nextDouble() >= m.purchaseGivenCart()) {
        continue;
      }
      reward += send(sink, config, new RewardEvent(RewardEventType.PURCHASE, user, pid, id,
          p.price().amount(), now));
    }
    return reward;
  }

  private static double send(DefaultRewardSink sink, Config config, RewardEvent e) {
    sink.accept(e);
    return config.weights().reward(e);
  }
}
