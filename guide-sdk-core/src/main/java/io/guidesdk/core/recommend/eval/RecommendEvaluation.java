package io.guidesdk.core.recommend.eval;

import io.guidesdk.Product;
import io.guidesdk.RecommendRequest;
import io.guidesdk.RewardEvent;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.eval.Bootstrap;
import io.guidesdk.core.learning.DefaultRewardSink;
import io.guidesdk.core.learning.ImpressionLog;
import io.guidesdk.core.learning.InteractionStore;
import io.guidesdk.core.learning.RewardWeights;
import io.guidesdk.core.policy.SlotPolicy;
import io.guidesdk.core.recommend.DefaultRecommender;
import io.guidesdk.core.recommend.RecommenderTuning;
import io.guidesdk.core.retrieval.EmbeddingIndex;
import io.guidesdk.spi.Encoder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGeneratorFactory;
import org.jspecify.annotations.Nullable;

/**
 * Next-period purchase recommendation on Online Retail: the SDK's recommender against three
 * baselines (global popularity, the customer's own most-bought products filled with popular ones,
 * and item-kNN co-purchase with cosine similarity), all recommending {@link #K} products per
 * customer and scored against the distinct products the customer bought in the period.
 *
 * <p>Splits: {@code dev} = history before 2011-09-01, period 2011-09-01..2011-10-31; {@code test} =
 * history before 2011-11-01, period 2011-11-01 onward. The customers are those with a purchase in
 * the training split (before 2011-09-01) and in the period. The SDK's figure comes from the public
 * {@code Recommender.topN} over a catalog of the data's products: the history is replayed as
 * purchase {@link RewardEvent}s through the reward sink, the clock stands at the start of the
 * period, and the slot policy is deterministic (greedy).
 */
public final class RecommendEvaluation {
  public static final int K = 10;
  static final Instant TRAIN_END = Instant.parse("2011-09-01T00:00:00Z");
  static final Instant TEST_START = Instant.parse("2011-11-01T00:00:00Z");

  /** Which period is evaluated. */
  public enum Split {
    DEV(TRAIN_END, TRAIN_END, TEST_START),
    TEST(TEST_START, TEST_START, Instant.MAX);

    final Instant historyEnd;
    final Instant start;
    final Instant end;

    Split(Instant historyEnd, Instant start, Instant end) {
      this.historyEnd = historyEnd;
      this.start = start;
      this.end = end;
    }

    public Instant start() {
      return start;
    }

    public Instant historyEnd() {
      return historyEnd;
    }
  }

  /** Per-customer metrics of one system, in customer order. */
  public record SystemResult(String name, double[] hr, double[] recall, double[] ndcg) {
    public double meanNdcg() {
      return mean(ndcg);
    }
  }

  /** The outcome of one run. */
  public record Result(Split split, int customers, int historyPurchases, int products, List<SystemResult> systems,
      SystemResult sdk, SystemResult bestBaseline, Bootstrap.Interval ndcgDifference, Bootstrap.Interval hrDifference,
      double sdkMillisPerCustomer) {}

  private final OnlineRetail data;
  private RecommenderTuning tuning = RecommenderTuning.DEFAULT;
  private List<String> order = DefaultRecommender.DEFAULT_ORDER;
  private @Nullable Encoder encoder;
  private int customerStride = 1;

  public RecommendEvaluation(OnlineRetail data) {
    this.data = Objects.requireNonNull(data, "data");
  }

  public RecommendEvaluation tuning(RecommenderTuning tuning) {
    this.tuning = Objects.requireNonNull(tuning, "tuning");
    return this;
  }

  /** The slot order of the SDK's (deterministic) policy. */
  public RecommendEvaluation order(List<String> order) {
    this.order = List.copyOf(order);
    return this;
  }

  /** Embeds the products with this encoder so the {@code profile} strategy is available. */
  public RecommendEvaluation encoder(Encoder encoder) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    return this;
  }

  /** Evaluates every {@code stride}-th customer only (for quick regression runs). */
  public RecommendEvaluation customerStride(int stride) {
    if (stride < 1) {
      throw new IllegalArgumentException("stride must be >= 1, was " + stride);
    }
    this.customerStride = stride;
    return this;
  }

  public Result run(Split split) {
    Catalog catalog = data.catalog();
    List<OnlineRetail.Purchase> history = new ArrayList<>();
    Set<String> trainCustomers = new HashSet<>();
    Map<String, Set<String>> bought = new HashMap<>();
    for (OnlineRetail.Purchase p : data.purchases()) {
      if (p.at().isBefore(TRAIN_END)) {
        trainCustomers.add(p.customerId());
      }
      if (p.at().isBefore(split.historyEnd)) {
        history.add(p);
      } else if (!p.at().isBefore(split.start) && p.at().isBefore(split.end)) {
        bought.computeIfAbsent(p.customerId(), k -> new HashSet<>()).add(p.productId());
      }
    }
    List<String> customers = new ArrayList<>(new TreeSet<>(bought.keySet()));
    customers.removeIf(c -> !trainCustomers.contains(c));
    if (customerStride > 1) {
      List<String> sampled = new ArrayList<>();
      for (int i = 0; i < customers.size(); i += customerStride) {
        sampled.add(customers.get(i));
      }
      customers = sampled;
    }
    if (customers.isEmpty()) {
      throw new IllegalStateException("no customer has purchases both before " + TRAIN_END + " and in the period");
    }

    Baselines baselines = new Baselines(catalog, history);
    List<SystemResult> systems = new ArrayList<>();
    systems.add(score("popularity", customers, bought, c -> baselines.popular(K)));
    systems.add(score("repeat+popular", customers, bought, c -> baselines.repeat(c, K)));
    systems.add(score("item-kNN", customers, bought, c -> baselines.itemKnn(c, K)));

    Clock clock = Clock.fixed(split.start, ZoneOffset.UTC);
    InteractionStore interactions = new InteractionStore(100_000);
    ImpressionLog impressions = new ImpressionLog(Duration.ofDays(1), 10_000, clock,
        RandomGeneratorFactory.of("L64X128MixRandom").create(1));
    DefaultRecommender.Builder b = DefaultRecommender.builder(() -> catalog, interactions, impressions)
        .clock(clock).tuning(tuning).policy(SlotPolicy.fixedOrder(order));
    if (encoder != null) {
      EmbeddingIndex index = EmbeddingIndex.build(catalog, encoder, IndexProgress.none());
      b.embeddings(() -> index);
    }
    DefaultRecommender recommender = b.build();
    // The history is replayed through the real reward sink; a bulk replay waits for room in its
    // bounded queue instead of being rejected, and is fully applied before the first topN.
    try (DefaultRewardSink sink = DefaultRewardSink.builder(() -> catalog, interactions, impressions)
        .weights(RewardWeights.DEFAULT).clock(clock).offerTimeout(Duration.ofMinutes(1)).build()) {
      for (OnlineRetail.Purchase p : history) {
        sink.accept(new RewardEvent(RewardEventType.PURCHASE, p.customerId(), p.productId(), null,
            p.unitPrice().multiply(BigDecimal.valueOf(p.quantity())), p.at()));
      }
      sink.flush();
    }
    long t0 = System.nanoTime();
    SystemResult sdk = score("guide-sdk", customers, bought, c -> recommender.topN(RecommendRequest.of(c, K))
        .products().stream().map(Product::id).toList());
    double msPerCustomer = (System.nanoTime() - t0) / 1e6 / customers.size();
    SystemResult best = systems.stream().max(Comparator.comparingDouble(SystemResult::meanNdcg)).orElseThrow();
    systems.add(sdk);
    Bootstrap bootstrap = Bootstrap.defaults();
    return new Result(split, customers.size(), history.size(), catalog.size(), systems, sdk, best,
        bootstrap.pairedDifference(sdk.ndcg(), best.ndcg()), bootstrap.pairedDifference(sdk.hr(), best.hr()),
        msPerCustomer);
  }

  private static SystemResult score(String name, List<String> customers, Map<String, Set<String>> bought,
      java.util.function.Function<String, List<String>> recommend) {
    double[] hr = new double[customers.size()];
    double[] recall = new double[customers.size()];
    double[] ndcg = new double[customers.size()];
    for (int u = 0; u < customers.size(); u++) {
      Set<String> relevant = bought.get(customers.get(u));
      List<String> recs = recommend.apply(customers.get(u));
      double dcg = 0;
      int hits = 0;
      for (int r = 0; r < Math.min(K, recs.size()); r++) {
        if (relevant.contains(recs.get(r))) {
          hits++;
          dcg += 1 / log2(r + 2);
        }
      }
      double idcg = 0;
      for (int r = 0; r < Math.min(K, relevant.size()); r++) {
        idcg += 1 / log2(r + 2);
      }
      hr[u] = hits > 0 ? 1 : 0;
      recall[u] = hits / (double) relevant.size();
      ndcg[u] = dcg / idcg;
    }
    return new SystemResult(name, hr, recall, ndcg);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? 0 : s / v.length;
  }

  /**
   * The baselines, written as plainly as the SQL a shop would run: counts over the history, no
   * decay, no tuning.
   */
  static final class Baselines {
    private final List<String> popular;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Map<String, int[]>> invoicesByCustomer = new HashMap<>();
    private final int[] buyers;
    private final float[] cosine;

    Baselines(Catalog catalog, List<OnlineRetail.Purchase> history) {
      for (Product p : catalog.products()) {
        index.put(p.id(), ids.size());
        ids.add(p.id());
      }
      Map<String, Set<String>> invoices = new HashMap<>();
      Map<String, Long> last = new HashMap<>();
      for (OnlineRetail.Purchase p : history) {
        if (invoices.computeIfAbsent(p.customerId() + '\u0000' + p.productId(), k -> new HashSet<>())
            .add(p.invoice())) {
          invoicesByCustomer.computeIfAbsent(p.customerId(), k -> new LinkedHashMap<>())
              .computeIfAbsent(p.productId(), k -> new int[2])[0]++;
        }
        int[] e = invoicesByCustomer.get(p.customerId()).get(p.productId());
        e[1] = (int) (p.at().getEpochSecond() / 60);
      }
      int n = ids.size();
      buyers = new int[n];
      int[] co = new int[n * n];
      for (Map<String, int[]> items : invoicesByCustomer.values()) {
        int[] idx = items.keySet().stream().mapToInt(index::get).toArray();
        for (int i : idx) {
          buyers[i]++;
          for (int j : idx) {
            co[i * n + j]++;
          }
        }
      }
      cosine = new float[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          int c = co[i * n + j];
          if (c > 0 && i != j) {
            cosine[i * n + j] = (float) (c / Math.sqrt((double) buyers[i] * buyers[j]));
          }
        }
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        order.add(i);
      }
      order.sort(Comparator.<Integer>comparingInt(i -> -buyers[i]).thenComparing(i -> ids.get(i)));
      popular = order.stream().limit(200).map(ids::get).toList();
    }

    List<String> popular(int k) {
      return popular.subList(0, k);
    }

    /** The customer's products by number of invoices (ties: bought more recently), then popular ones. */
    List<String> repeat(String customer, int k) {
      Map<String, int[]> items = invoicesByCustomer.getOrDefault(customer, Map.of());
      List<String> out = new ArrayList<>(items.keySet());
      out.sort(Comparator.<String>comparingInt(i -> -items.get(i)[0]).thenComparingInt(i -> -items.get(i)[1])
          .thenComparing(i -> i));
      return fill(out.size() > k ? new ArrayList<>(out.subList(0, k)) : out, k);
    }

    /**
     * Sum of cosine similarities to the customer's products (a product's similarity to itself is left
     * out, but products they bought may be recommended when similar to their other products).
     */
    List<String> itemKnn(String customer, int k) {
      Map<String, int[]> items = invoicesByCustomer.getOrDefault(customer, Map.of());
      int n = ids.size();
      double[] score = new double[n];
      for (String j : items.keySet()) {
        int row = index.get(j) * n;
        for (int i = 0; i < n; i++) {
          score[i] += cosine[row + i];
        }
      }
      List<Integer> cands = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (score[i] > 0) {
          cands.add(i);
        }
      }
      cands.sort(Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparing(i -> ids.get(i)));
      List<String> out = new ArrayList<>();
      for (int i = 0; i < Math.min(k, cands.size()); i++) {
        out.add(ids.get(cands.get(i)));
      }
      return fill(out, k);
    }

    private List<String> fill(List<String> out, int k) {
      for (String p : popular) {
        if (out.size() >= k) {
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
