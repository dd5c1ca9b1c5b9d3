package io.guidesdk.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.Product;
import io.guidesdk.RewardEvent;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.learning.DefaultRewardSink;
import io.guidesdk.core.learning.Impression;
import io.guidesdk.core.learning.ImpressionLog;
import io.guidesdk.core.learning.InteractionStore;
import io.guidesdk.core.policy.QLearningConfig;
import io.guidesdk.core.policy.QLearningPolicy;
import io.guidesdk.core.policy.ShopperContext;
import io.guidesdk.core.policy.SlotDecision;
import io.guidesdk.core.policy.SlotPolicy;
import io.guidesdk.core.policy.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guide bench rewards}: sustained {@code RewardSink.accept} throughput from several producer
 * threads (with applied == accepted checked), against a bare queue hand-off as the ceiling, and the
 * policy's decision latency for a top-10 list (ten slot decisions, retrieval excluded) against a
 * fixed-order policy.
 */
@Command(name = "rewards", mixinStandardHelpOptions = true,
    description = "RewardSink.accept throughput and policy decision latency for topN(10).")
public final class BenchRewardsCommand implements Callable<Integer> {
  @Option(names = "--threads", description = "Producer threads (default 4).")
  int threads = 4;

  @Option(names = "--seconds", description = "Measured seconds per throughput run (default 5).")
  double seconds = 5;

  @Option(names = "--queue-capacity", description = "Reward queue capacity (default 65536).")
  int queueCapacity = DefaultRewardSink.DEFAULT_QUEUE_CAPACITY;

  @Option(names = "--lists", description = "topN(10) decisions timed (default 200000).")
  int lists = 200_000;

  private static final List<String> STRATEGIES = List.of("repeat", "co-purchase", "profile", "popular", "trending",
      "similar-item");

  @Override
  public Integer call() throws Exception {
    Catalog catalog = DemoData.catalog();
    System.out.printf(Locale.ROOT, "guide bench rewards --threads %d --seconds %.1f --lists %d --queue-capacity %d  "
        + "(%d cores; shared machine, figures are noisy)%n", threads, seconds, lists, queueCapacity,
        Runtime.getRuntime().availableProcessors());
    Map<String, Object> json = new LinkedHashMap<>();

    // Events: 20k impressions of 10 products for 10k users; events quote them (attributed) or not (organic).
    ImpressionLog impressions = new ImpressionLog(Duration.ofHours(24), 1_000_000, Clock.systemUTC(),
        RandomGeneratorFactory.of("L64X128MixRandom").create(1));
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(2);
    List<Product> products = catalog.products();
    List<RewardEvent> events = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < 20_000; i++) {
      String user = "u" + (i % 10_000);
      List<String> shown = new ArrayList<>();
      for (int k = 0; k < 10; k++) {
        shown.add(products.get(r.nextInt(products.size())).id());
      }
      String id = impressions.newId();
      impressions.record(new Impression(id, user, shown, List.of("popular", "profile", "popular", "profile", "popular",
          "profile", "popular", "profile", "popular", "profile"), List.of(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5,
          0.5), "bench", now));
      for (int k = 0; k < 3; k++) {
        RewardEventType t = k == 0 ? RewardEventType.CLICK : k == 1 ? RewardEventType.ADD_TO_CART
            : RewardEventType.CLICK;
        events.add(new RewardEvent(t, user, shown.get(r.nextInt(10)), i % 4 == 0 ? null : id, null, now));
      }
    }
    RewardEvent[] pool = events.toArray(RewardEvent[]::new);

    double ceiling = bareQueue(pool);
    System.out.printf(Locale.ROOT, "bare ArrayBlockingQueue hand-off (%d producers -> 1 consumer, no work): %,.0f events/s%n",
        threads, ceiling);
    QLearningPolicy policy = new QLearningPolicy(QLearningConfig.defaults(),
        RandomGeneratorFactory.of("L64X128MixRandom").create(3));
    InteractionStore store = new InteractionStore(200);
    // Producers block on a full queue (up to 5 s) instead of being refused: this measures the sustained
    // rate the single writer keeps up with.
    DefaultRewardSink sink = DefaultRewardSink.builder(() -> catalog, store, impressions).policy(policy)
        .offerTimeout(Duration.ofSeconds(5)).queueCapacity(queueCapacity).build();
    Sustained s = sustained(sink, pool);
    sink.flush();
    DefaultRewardSink.Stats st = sink.stats();
    sink.close();
    boolean equal = st.applied() == st.accepted() && st.failed() == 0;
    System.out.printf(Locale.ROOT, "DefaultRewardSink.accept (%d producers, validate + queue; single writer applies): "
        + "%,.0f accepted/s, %,.0f applied/s incl. final flush; accepted=%d applied=%d rejected=%d (%s) "
        + "attributed=%d organic=%d%n", threads, s.acceptedPerSec, s.appliedPerSec, st.accepted(), st.applied(),
        st.rejectedTotal(), st.rejected(), st.attributed(), st.organic());
    System.out.printf(Locale.ROOT, "  sink / bare queue = %.2f; applied == accepted: %s; goal >= 1,000,000/s: %s%n",
        s.appliedPerSec / ceiling, equal, s.appliedPerSec >= 1_000_000 ? "met" : "MISSED");
    json.put("acceptedPerSec", Math.round(s.acceptedPerSec));
    json.put("appliedPerSec", Math.round(s.appliedPerSec));
    json.put("appliedEqualsAccepted", equal);
    json.put("rejected", st.rejectedTotal());
    json.put("bareQueuePerSec", Math.round(ceiling));

    // TD updates alone, one thread (the reference point: tabular Q updates ~7-10M/s).
    double tdPerSec = tdUpdates(policy);
    System.out.printf(Locale.ROOT, "QLearningPolicy.learn alone, 1 thread: %,.0f updates/s%n", tdPerSec);
    json.put("tdUpdatesPerSec", Math.round(tdPerSec));

    // Decision latency for a top-10 list: ten slot decisions over six strategies, retrieval excluded.
    double[] q = latency(policy, lists);
    double[] f = latency(SlotPolicy.fixedOrder(STRATEGIES), lists);
    System.out.printf(Locale.ROOT, "topN(10) decisions, Q-learning: p50 %.2f us, p99 %.2f us, p99.9 %.2f us "
        + "(goal p99 < 1000 us: %s)%n", q[0], q[1], q[2], q[1] < 1000 ? "met" : "MISSED");
    System.out.printf(Locale.ROOT, "topN(10) decisions, fixed order:  p50 %.2f us, p99 %.2f us, p99.9 %.2f us "
        + "(Q-learning / fixed p99 = %.1f)%n", f[0], f[1], f[2], q[1] / f[1]);
    json.put("topN10P50us", round(q[0]));
    json.put("topN10P99us", round(q[1]));
    json.put("topN10P999us", round(q[2]));
    json.put("fixedOrderP99us", round(f[1]));
    System.out.println(new ObjectMapper().writeValueAsString(json));
    return 0;
  }

  private record Sustained(double acceptedPerSec, double appliedPerSec) {}

  private Sustained sustained(DefaultRewardSink sink, RewardEvent[] pool) throws InterruptedException {
    // Warm-up.
    run(threads, 1.0, i -> sink.accept(pool[i % pool.length]));
    sink.flush();
    long before = sink.stats().accepted();
    long t0 = System.nanoTime();
    long n = run(threads, seconds, i -> sink.accept(pool[i % pool.length]));
    long t1 = System.nanoTime();
    sink.flush();
    long t2 = System.nanoTime();
    long accepted = sink.stats().accepted() - before;
    if (accepted != n) {
      throw new IllegalStateException("accepted " + accepted + " but producers counted " + n);
    }
    return new Sustained(n / ((t1 - t0) / 1e9), n / ((t2 - t0) / 1e9));
  }

  private double bareQueue(RewardEvent[] pool) throws InterruptedException {
    ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(65_536);
    AtomicBoolean stop = new AtomicBoolean();
    LongAdder consumed = new LongAdder();
    Thread consumer = new Thread(() -> {
      List<Object> batch = new ArrayList<>(4096);
      while (!stop.get() || !queue.isEmpty()) {
        batch.clear();
        if (queue.drainTo(batch, 4096) == 0) {
          Thread.onSpinWait();
        }
        consumed.add(batch.size());
      }
    });
    consumer.start();
    long t0 = System.nanoTime();
    long n = run(threads, seconds, i -> {
      try {
        queue.put(pool[i % pool.length]);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    stop.set(true);
    consumer.join();
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  private interface Task {
    void run(int i);
  }

  /** Runs {@code task} on {@code threads} threads for {@code seconds}; returns the calls made. */
  private static long run(int threads, double seconds, Task task) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    LongAdder calls = new LongAdder();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t * 7919;
      Thread th = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        long c = 0;
        int i = offset;
        while (!stop.get()) {
          for (int k = 0; k < 256; k++) {
            task.run(i++);
          }
          c += 256;
        }
        calls.add(c);
      });
      th.start();
      ts.add(th);
    }
    start.countDown();
    Thread.sleep((long) (seconds * 1000));
    stop.set(true);
    for (Thread th : ts) {
      th.join();
    }
    return calls.sum();
  }

  private static double tdUpdates(QLearningPolicy policy) {
    ShopperContext ctx = new ShopperContext("u", 5, 1, 1, Duration.ofMinutes(3), List.of("Running Shoes"), 80.0,
        null, true);
    List<Transition> ts = new ArrayList<>();
    for (int slot = 0; slot < 10; slot++) {
      for (String s : STRATEGIES) {
        ts.add(new Transition(policy.state(ctx, slot), s, slot % 3, policy.state(ctx, 0), List.of()));
      }
    }
    int n = 2_000_000;
    for (int i = 0; i < 200_000; i++) {
      policy.learn(ts.get(i % ts.size()));
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      policy.learn(ts.get(i % ts.size()));
    }
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  private static double[] latency(SlotPolicy policy, int lists) {
    List<ShopperContext> contexts = new ArrayList<>();
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(5);
    List<String> cats = List.of("Running Shoes", "Tents", "Jackets", "Backpacks");
    for (int i = 0; i < 1000; i++) {
      contexts.add(new ShopperContext("u" + i, r.nextInt(30), r.nextInt(5), r.nextInt(3),
          i % 5 == 0 ? null : Duration.ofMinutes(r.nextInt(100_000)), List.of(cats.get(r.nextInt(cats.size()))),
          10.0 + r.nextInt(300), null, r.nextBoolean()));
    }
    long[] nanos = new long[lists];
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < lists; i++) {
        ShopperContext c = contexts.get(i % contexts.size());
        long t0 = System.nanoTime();
        List<String> available = new ArrayList<>(STRATEGIES);
        for (int slot = 0; slot < 10; slot++) {
          SlotDecision d = policy.decide(c, available, slot);
          if (slot % 4 == 3) {
            available.remove(d.strategy());
            if (available.isEmpty()) {
              available.addAll(STRATEGIES);
            }
          }
        }
        nanos[i] = System.nanoTime() - t0;
      }
    }
    Arrays.sort(nanos);
    return new double[] {nanos[lists / 2] / 1e3, nanos[(int) (lists * 0.99)] / 1e3, nanos[(int) (lists * 0.999)] / 1e3};
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
