package io.guidesdk.core.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.eval.Bootstrap;
import io.guidesdk.core.learning.Interaction;
import io.guidesdk.core.policy.QLearningConfig;
import io.guidesdk.core.policy.QLearningPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  /**
   * A small shop where what works depends on the shopper: returning shoppers (with a history) buy
   * from "for-you" candidates, new shoppers from "bestsellers"; "clearance" appeals to nobody.
   */
  static final class TwoKindsWorld implements ShopperWorld {
    private final Catalog catalog;

    TwoKindsWorld() {
      List<Product> products = new ArrayList<>();
      for (String group : List.of("forYou", "best", "clear")) {
        for (int i = 0; i < 40; i++) {
          products.add(Product.builder(group + i, group + " " + i, Money.of(20 + i, "USD"))
              .category("Shop", group + (i % 10)).build());
        }
      }
      catalog = Catalog.of(products);
    }

    @Override
    public String name() {
      return "two kinds of shoppers";
    }

    @Override
    public Catalog catalog() {
      return catalog;
    }

    @Override
    public List<String> strategies() {
      return List.of("clearance", "bestsellers", "for-you");
    }

    @Override
    public int shoppers() {
      return 200;
    }

    @Override
    public String shopperId(int shopper) {
      return "s" + shopper;
    }

    @Override
    public List<Interaction> initialHistory(int shopper, Instant start) {
      return shopper % 2 == 0 ? List.of(new Interaction("forYou0", RewardEventType.PURCHASE,
          start.minus(Duration.ofDays(3)))) : List.of();
    }

    @Override
    public List<String> candidates(String strategy, int shopper, List<Interaction> history, int n,
        ToDoubleFunction<String> liveWeight) {
      String prefix = switch (strategy) {
        case "for-you" -> "forYou";
        case "bestsellers" -> "best";
        default -> "clear";
      };
      List<String> out = new ArrayList<>();
      for (int i = 1; out.size() < n && i < 40; i++) {
        out.add(prefix + ((shopper + i) % 40));
      }
      return out;
    }

    @Override
    public double appeal(int shopper, String productId, List<Interaction> history) {
      boolean returning = shopper % 2 == 0;
      if (productId.startsWith("forYou")) {
        return returning ? 0.5 : 0.02;
      }
      if (productId.startsWith("best")) {
        return returning ? 0.1 : 0.3;
      }
      return 0.02;
    }
  }

  @Test
  void learningPolicyBeatsRandomOverSeeds() {
    ShopperWorld world = new TwoKindsWorld();
    Simulator.Config config = new Simulator.Config(1000, 5, 10, Duration.ofMinutes(1),
        io.guidesdk.core.learning.RewardWeights.DEFAULT, Simulator.ResponseModel.defaults());
    int seeds = 3;
    double[] learned = new double[seeds];
    double[] random = new double[seeds];
    for (int s = 0; s < seeds; s++) {
      Simulator.Run q = Simulator.run(world, "q", r -> new QLearningPolicy(QLearningConfig.defaults(), r), s, config);
      assertThat(q.stats().applied()).isEqualTo(q.stats().accepted());
      assertThat(q.stats().transitions()).isGreaterThan(4_000);
      learned[s] = q.total();
      random[s] = Simulator.run(world, "random", Simulator::randomPolicy, s, config).total();
    }
    Bootstrap.Interval diff = new Bootstrap(500, 1).pairedDifference(learned, random);
    assertThat(diff.low()).as("learned - random %s", diff.format(1)).isGreaterThan(0);
  }

  @Test
  void runsAreReproducible() {
    LatentPreferenceWorld world = new LatentPreferenceWorld(DemoData.catalog(), 100, 0.3, 5);
    Simulator.Config config = Simulator.Config.of(150);
    Simulator.Run a = Simulator.run(world, "q", r -> new QLearningPolicy(QLearningConfig.defaults(), r), 9, config);
    Simulator.Run b = Simulator.run(world, "q", r -> new QLearningPolicy(QLearningConfig.defaults(), r), 9, config);
    assertThat(a.curve()).containsExactly(b.curve());
    assertThat(a.total()).isGreaterThan(0);
  }
}
