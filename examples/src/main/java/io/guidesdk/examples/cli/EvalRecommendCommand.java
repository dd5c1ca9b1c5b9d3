package io.guidesdk.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidesdk.core.eval.Bootstrap;
import io.guidesdk.core.recommend.DefaultRecommender;
import io.guidesdk.core.recommend.RecommenderTuning;
import io.guidesdk.core.recommend.eval.OnlineRetail;
import io.guidesdk.core.recommend.eval.RecommendEvaluation;
import io.guidesdk.onnx.OnnxEncoder;
import io.guidesdk.spi.Encoder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guide eval recommend}: HR@10, Recall@10 and NDCG@10 of the SDK's recommender and of three
 * baselines on the Online Retail data, with bootstrap intervals over customers and the paired
 * difference to the best baseline.
 */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = "Next-period purchase recommendation on Online Retail: the SDK vs popularity, repeat and item-kNN.")
public final class EvalRecommendCommand implements Runnable {

  @Option(names = "--data", description = "the online-retail folder (default: ${DEFAULT-VALUE})",
      defaultValue = "../shared/data/online-retail")
  Path data;

  @Option(names = "--split", description = "dev or test (default: ${DEFAULT-VALUE})", defaultValue = "dev")
  String split;

  @Option(names = "--order", split = ",",
      description = "slot order of the deterministic policy (default: the SDK's default order)")
  List<String> order;

  @Option(names = "--embeddings", description = "embed the products with the bundled MiniLM (profile strategy)")
  boolean embeddings;

  @Option(names = "--repeat-half-life-days", description = "override the tuned repeat half-life (tuning on dev only)")
  Integer repeatHalfLifeDays;

  @Option(names = "--trend-boost", description = "override the tuned trend boost (tuning on dev only)")
  Double trendBoost;

  @Option(names = "--cycle-weight", description = "override the tuned repurchase-cycle weight (tuning on dev only)")
  Double cycleWeight;

  @Option(names = "--prior-buyers", description = "override the tuned repurchase-rate shrinkage (tuning on dev only)")
  Double priorBuyers;

  @Override
  public void run() {
    RecommendEvaluation.Split s = switch (split.toLowerCase(Locale.ROOT)) {
      case "dev" -> RecommendEvaluation.Split.DEV;
      case "test" -> RecommendEvaluation.Split.TEST;
      default -> throw new IllegalArgumentException("--split must be dev or test, was '" + split + "'");
    };
    RecommenderTuning tuning = RecommenderTuning.DEFAULT;
    if (repeatHalfLifeDays != null) {
      tuning = tuning.withRepeatHalfLife(Duration.ofDays(repeatHalfLifeDays));
    }
    if (trendBoost != null) {
      tuning = tuning.withTrendBoost(trendBoost);
    }
    if (cycleWeight != null) {
      tuning = tuning.withCycleWeight(cycleWeight);
    }
    if (priorBuyers != null) {
      tuning = tuning.withRepurchasePriorBuyers(priorBuyers);
    }
    List<String> slots = order == null ? DefaultRecommender.DEFAULT_ORDER : order;
    for (String o : slots) {
      if (!DefaultRecommender.STRATEGIES.contains(o)) {
        throw new IllegalArgumentException("--order: unknown strategy '" + o + "'; known: "
            + DefaultRecommender.STRATEGIES);
      }
    }
    long t0 = System.nanoTime();
    OnlineRetail retail = OnlineRetail.load(data);
    System.out.printf(Locale.ROOT, "data: %s (%d products, %d purchase lines) loaded in %.1f s%n",
        data.toAbsolutePath().normalize(), retail.catalog().size(), retail.purchases().size(),
        (System.nanoTime() - t0) / 1e9);
    System.out.printf(Locale.ROOT, "split: %s (history before %s, period from %s); K = %d%n", s.name().toLowerCase(Locale.ROOT),
        s.historyEnd(), s.start(), RecommendEvaluation.K);
    System.out.println("SDK: DefaultRecommender.topN, policy fixedOrder" + slots + ", " + tuning
        + (embeddings ? ", MiniLM embeddings" : ", no embeddings"));
    RecommendEvaluation eval = new RecommendEvaluation(retail).tuning(tuning).order(slots);
    Encoder encoder = embeddings ? OnnxEncoder.bundledDefault() : null;
    try {
      if (encoder != null) {
        eval.encoder(encoder);
      }
      RecommendEvaluation.Result r = eval.run(s);
      Bootstrap bootstrap = Bootstrap.defaults();
      System.out.printf(Locale.ROOT, "customers: %d; history purchase lines: %d%n%n", r.customers(), r.historyPurchases());
      System.out.printf(Locale.ROOT, "%-16s %-24s %-24s %-24s%n", "system", "HR@10", "Recall@10", "NDCG@10");
      ObjectMapper json = new ObjectMapper();
      ObjectNode out = json.createObjectNode();
      out.put("split", s.name().toLowerCase(Locale.ROOT));
      out.put("customers", r.customers());
      for (RecommendEvaluation.SystemResult sys : r.systems()) {
        Bootstrap.Interval hr = bootstrap.mean(sys.hr());
        Bootstrap.Interval recall = bootstrap.mean(sys.recall());
        Bootstrap.Interval ndcg = bootstrap.mean(sys.ndcg());
        System.out.printf(Locale.ROOT, "%-16s %-24s %-24s %-24s%n", sys.name(), hr.format(3), recall.format(3),
            ndcg.format(3));
        ObjectNode o = out.putObject(sys.name());
        o.put("hr10", round(hr.mean()));
        o.put("recall10", round(recall.mean()));
        o.put("ndcg10", round(ndcg.mean()));
        o.put("ndcg10_low", round(ndcg.low()));
        o.put("ndcg10_high", round(ndcg.high()));
      }
      System.out.printf(Locale.ROOT, "%nguide-sdk - %s (best baseline): NDCG@10 %s, HR@10 %s (paired, 95%% bootstrap)%n",
          r.bestBaseline().name(), r.ndcgDifference().format(3), r.hrDifference().format(3));
      System.out.printf(Locale.ROOT, "guide-sdk topN: %.2f ms per customer (sequential, this machine)%n",
          r.sdkMillisPerCustomer());
      out.put("best_baseline", r.bestBaseline().name());
      out.put("ndcg10_diff", round(r.ndcgDifference().mean()));
      out.put("ndcg10_diff_low", round(r.ndcgDifference().low()));
      out.put("ndcg10_diff_high", round(r.ndcgDifference().high()));
      out.put("ndcg10", round(r.sdk().meanNdcg()));
      System.out.println(out);
    } finally {
      if (encoder != null) {
        encoder.close();
      }
    }
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
