package io.guidesdk.core.recommend;

import io.guidesdk.Product;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The shopper's own purchases, to buy again. A product's score is its purchase frequency with each
 * purchase day decayed by age ({@code repeatHalfLife}), times how often shoppers in general buy that
 * product again (its repurchase rate, shrunk towards a prior), raised when the product is trending
 * and, optionally, when the shopper's own repurchase cycle for it is due.
 */
final class RepeatPurchases implements CandidateGenerator {
  static final String NAME = "repeat";
  private final PurchaseStatistics stats;
  private final RecommenderTuning tuning;

  RepeatPurchases(PurchaseStatistics stats, RecommenderTuning tuning) {
    this.stats = stats;
    this.tuning = tuning;
  }

  @Override
  public String strategy() {
    return NAME;
  }

  @Override
  public List<Candidate> generate(Query q, int limit) {
    long today = Shopper.epochDay(q.now());
    double halfLifeDays = tuning.repeatHalfLife().toMillis() / (double) Duration.ofDays(1).toMillis();
    List<Candidate> out = new ArrayList<>();
    for (Shopper.Purchased p : q.shopper().purchased.values()) {
      Product product = q.catalog().get(p.productId()).orElse(null);
      if (product == null || !q.accept().test(product)) {
        continue;
      }
      double frequency = 0;
      for (long day : p.days()) {
        frequency += Math.pow(0.5, Math.max(0, today - day) / halfLifeDays);
      }
      double rate = stats.repurchaseRate(p.productId(), tuning.repurchasePrior(), tuning.repurchasePriorBuyers());
      double trend = stats.trending(p.productId(), q.now());
      double score = frequency * rate * (1 + tuning.trendBoost() * trend / (trend + tuning.trendSaturation()));
      long[] days = p.days();
      long sinceLast = Math.max(0, today - days[days.length - 1]);
      double cycle = days.length >= 2 ? (days[days.length - 1] - days[0]) / (double) (days.length - 1) : 0;
      if (cycle > 0 && tuning.cycleWeight() > 0) {
        double z = (sinceLast - cycle) / Math.max(cycle, 7);
        score *= 1 + tuning.cycleWeight() * Math.exp(-z * z);
      }
      double c = cycle;
      out.add(new Candidate(product, score, () -> reason(q.reasons(), days.length, c, sinceLast)));
    }
    return CandidateGenerator.best(out, limit);
  }

  private static String reason(Reasons reasons, int times, double cycle, long sinceLast) {
    String last = reasons.daysAgo(sinceLast);
    if (times < 2) {
      return reasons.format("repeat.once", "last", last);
    }
    long every = Math.max(1, Math.round(cycle));
    return every == 1 ? reasons.format("repeat.daily", "last", last)
        : reasons.format("repeat.cycle", "every", Long.toString(every), "last", last);
  }
}
