package io.guidesdk.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.RecommendRequest;
import io.guidesdk.Recommender;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.learning.ImpressionLog;
import io.guidesdk.core.learning.Interaction;
import io.guidesdk.core.learning.InteractionStore;
import io.guidesdk.core.recommend.DefaultRecommender;
import io.guidesdk.core.recommend.eval.OnlineRetail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guide bench topn}: p50/p99 latency of {@code Recommender.topN(10)} for shoppers with and
 * without history, over the Online Retail catalog and a synthetic catalog, against the repeat +
 * popular baseline (the shopper's most-bought products from the same store, filled from a
 * precomputed popular list) timed in the same run.
 */
@Command(name = "topn", mixinStandardHelpOptions = true,
    description = "p50/p99 latency of Recommender.topN(10) on Online Retail and a synthetic catalog.")
public final class BenchTopNCommand implements Runnable {
  private static final Instant NOW = Instant.parse("2011-12-10T00:00:00Z");

  @Option(names = "--data", description = "the online-retail folder (default: ${DEFAULT-VALUE}); skipped if absent",
      defaultValue = "../shared/data/online-retail")
  Path data;

  @Option(names = "--calls", description = "timed calls per scenario (default: ${DEFAULT-VALUE})", defaultValue = "2000")
  int calls;

  @Option(names = "--synthetic-products", description = "synthetic catalog size, 0 to skip (default: ${DEFAULT-VALUE})",
      defaultValue = "1000000")
  int syntheticProducts;

  @Option(names = "--synthetic-users", description = "synthetic shoppers with history (default: ${DEFAULT-VALUE})",
      defaultValue = "50000")
  int syntheticUsers;

  private final ObjectMapper json = new ObjectMapper();

  @Override
  public void run() {
    if (calls < 10) {
      throw new IllegalArgumentException("--calls must be >= 10, was " + calls);
    }
    System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MiB, %s %s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"));
    System.out.println("each scenario: " + calls + " timed calls of topN(10) after " + calls / 4
        + " warm-up calls, one thread; no embeddings (profile/similar-item strategies off)");
    ObjectNode out = json.createObjectNode();
    if (Files.isDirectory(data)) {
      OnlineRetail retail = OnlineRetail.load(data);
      Setup s = new Setup(retail.catalog());
      List<String> customers = new ArrayList<>();
      for (OnlineRetail.Purchase p : retail.purchases()) {
        if (s.interactions.history(p.customerId()).isEmpty()) {
          customers.add(p.customerId());
        }
        s.interactions.add(p.customerId(), new Interaction(p.productId(), RewardEventType.PURCHASE, p.at()), 10);
      }
      bench(out, "online-retail", s, customers, null);
    } else {
      System.out.println("online-retail: skipped, no data at " + data);
    }
    if (syntheticProducts > 0) {
      RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(42);
      List<Product> products = new ArrayList<>(syntheticProducts);
      for (int i = 0; i < syntheticProducts; i++) {
        products.add(Product.builder("p" + i, "product " + i, Money.of((1 + random.nextInt(20_000)) / 100.0, "EUR"))
            .category("Shop", "c" + random.nextInt(200)).brand("b" + random.nextInt(1_000))
            .popularity(Math.floor(1000 * Math.pow(random.nextDouble(), 8))).build());
      }
      Setup s = new Setup(Catalog.of(products));
      List<String> users = new ArrayList<>();
      for (int u = 0; u < syntheticUsers; u++) {
        String user = "s" + u;
        users.add(user);
        int n = 5 + random.nextInt(30);
        for (int k = 0; k < n; k++) {
          // Skewed towards a popular head, as real purchases are.
          int product = (int) (syntheticProducts * Math.pow(random.nextDouble(), 4));
          s.interactions.add(user, new Interaction("p" + product, RewardEventType.PURCHASE,
              NOW.minus(Duration.ofDays(random.nextInt(365)))), 10);
        }
      }
      bench(out, "synthetic-" + syntheticProducts, s, users,
          ProductFilter.builder().category("c7").maxPrice(100).build());
    }
    System.out.println(out);
  }

  /** A recommender over one catalog, with its own stores. */
  private static final class Setup {
    final Catalog catalog;
    final InteractionStore interactions = new InteractionStore(100_000);
    final DefaultRecommender recommender;

    Setup(Catalog catalog) {
      this.catalog = catalog;
      Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
      ImpressionLog impressions = new ImpressionLog(Duration.ofMinutes(5), 10_000, clock,
          RandomGeneratorFactory.of("L64X128MixRandom").create(1));
      this.recommender = DefaultRecommender.builder(() -> catalog, interactions, impressions).clock(clock).build();
    }
  }

  private void bench(ObjectNode out, String name, Setup s, List<String> withHistory, ProductFilter filter) {
    System.out.printf(Locale.ROOT, "%n%s: %d products, %d shoppers with history%n", name, s.catalog.size(),
        withHistory.size());
    RepeatBaseline baseline = new RepeatBaseline(s);
    Recommender r = s.recommender;
    ObjectNode o = out.putObject(name);
    o.put("products", s.catalog.size());
    Map<String, Function<Integer, Object>> scenarios = new java.util.LinkedHashMap<>();
    scenarios.put("history", i -> r.topN(withHistory.get(i % withHistory.size()), 10));
    scenarios.put("new", i -> r.topN("new-" + i, 10));
    scenarios.put("baseline_history", i -> baseline.topN(withHistory.get(i % withHistory.size()), 10));
    if (filter != null) {
      scenarios.put("new_filtered", i -> r.topN(RecommendRequest.builder("new-" + i, 10).filter(filter).build()));
    }
    System.out.printf(Locale.ROOT, "  %-18s %10s %10s%n", "scenario", "p50 ms", "p99 ms");
    Map<String, double[]> results = new HashMap<>();
    for (Map.Entry<String, Function<Integer, Object>> e : scenarios.entrySet()) {
      int warm = e.getKey().endsWith("filtered") ? Math.min(20, calls / 4) : calls / 4;
      int timed = e.getKey().endsWith("filtered") ? Math.min(200, calls) : calls;
      for (int i = 0; i < warm; i++) {
        e.getValue().apply(i * 7919);
      }
      double[] ms = new double[timed];
      for (int i = 0; i < timed; i++) {
        long t0 = System.nanoTime();
        e.getValue().apply(i * 104_729 + 13);
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(ms);
      double p50 = ms[ms.length / 2];
      double p99 = ms[(int) Math.ceil(0.99 * (ms.length - 1))];
      results.put(e.getKey(), new double[] {p50, p99});
      System.out.printf(Locale.ROOT, "  %-18s %10.3f %10.3f  (%d calls)%n", e.getKey(), p50, p99, timed);
      o.put(e.getKey() + "_p50_ms", round(p50));
      o.put(e.getKey() + "_p99_ms", round(p99));
    }
    double ratio = results.get("history")[0] / results.get("baseline_history")[0];
    System.out.printf(Locale.ROOT, "  SDK / baseline p50 (shoppers with history): %.1fx%n", ratio);
    o.put("history_p50_vs_baseline", round(ratio));
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** The repeat + popular baseline over the same store: most-bought first, filled from a fixed popular list. */
  private static final class RepeatBaseline {
    private final InteractionStore interactions;
    private final List<String> popular;

    RepeatBaseline(Setup s) {
      this.interactions = s.interactions;
      this.popular = s.recommender.topN("baseline-popular-probe", 20).products().stream().map(Product::id).toList();
    }

    List<String> topN(String user, int n) {
      Map<String, Integer> counts = new HashMap<>();
      for (Interaction i : interactions.history(user)) {
        if (i.type() == RewardEventType.PURCHASE) {
          counts.merge(i.productId(), 1, Integer::sum);
        }
      }
      List<String> out = counts.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
          .limit(n).map(Map.Entry::getKey).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
      for (String p : popular) {
        if (out.size() >= n) {
          break;
        }
        if (!out.contains(p)) {
          out.add(p);
        }
      }
      return out;
    }
  }
}
