package io.guidesdk.core.simulate;

import io.guidesdk.Product;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.learning.Interaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Shoppers with latent preferences over a catalog's leaf categories and prices. Each shopper likes
 * two or three categories (weights drawn from a Dirichlet-like split), has a preferred price (drawn
 * from the prices of their favourite category) and a taste for popular products; a share of them are
 * new (no history), the rest start with a few interactions drawn from their own preferences.
 *
 * <p>Appeal of product p: {@code base + like·pref(category(p))·priceFit(p) + pop·popularity(p)},
 * where {@code priceFit = exp(-|ln(price/preferred)|)}; an already bought product is far less
 * appealing (×0.2), an already clicked one a little less (×0.7).
 *
 * <p>Strategies: {@code profile} (the shopper's categories by frequency in the history, each by
 * popularity), {@code popular} (catalog popularity), {@code trending} (most interactions during the
 * simulation), {@code co-purchase} (products other shoppers interacted with alongside the shopper's
 * newest product), {@code repeat} (the history, newest first).
 */
public final class LatentPreferenceWorld implements ShopperWorld {
  private static final double BASE = 0.01;
  private static final double LIKE = 0.45;
  private static final double POP = 0.08;

  private final Catalog catalog;
  private final int shoppers;
  private final List<Map<String, Double>> prefs = new ArrayList<>();
  private final double[] preferredPrice;
  private final List<List<Interaction>> initial = new ArrayList<>();
  private final List<Integer> initialAgeMinutes = new ArrayList<>();
  private final Map<String, Double> popularity = new HashMap<>();
  private final List<String> byPopularity;
  private final Map<String, List<String>> categoryByPopularity = new HashMap<>();
  private final Map<String, List<String>> coInteracted = new HashMap<>();

  /**
   * @param newShare the share of shoppers with no history
   */
  public LatentPreferenceWorld(Catalog catalog, int shoppers, double newShare, long seed) {
    this.catalog = catalog;
    this.shoppers = shoppers;
    this.preferredPrice = new double[shoppers];
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    double maxPop = catalog.products().stream().mapToDouble(Product::popularity).max().orElse(1);
    for (Product p : catalog.products()) {
      popularity.put(p.id(), maxPop == 0 ? 0 : p.popularity() / maxPop);
      categoryByPopularity.computeIfAbsent(p.category(), k -> new ArrayList<>()).add(p.id());
    }
    Comparator<String> popular = Comparator.comparingDouble((String id) -> -popularity.get(id)).thenComparing(id -> id);
    byPopularity = catalog.products().stream().map(Product::id).sorted(popular).toList();
    categoryByPopularity.values().forEach(l -> l.sort(popular));
    List<String> categories = new ArrayList<>(categoryByPopularity.keySet());
    categories.sort(null);
    for (int i = 0; i < shoppers; i++) {
      int k = 2 + r.nextInt(2);
      Map<String, Double> pref = new LinkedHashMap<>();
      double sum = 0;
      double[] w = new double[k];
      for (int j = 0; j < k; j++) {
        w[j] = -Math.log(1 - r.nextDouble());
        sum += w[j];
      }
      for (int j = 0; j < k; j++) {
        pref.merge(categories.get(r.nextInt(categories.size())), w[j] / sum, Double::sum);
      }
      prefs.add(pref);
      String fav = pref.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      List<String> favItems = categoryByPopularity.get(fav);
      preferredPrice[i] = price(favItems.get(r.nextInt(favItems.size())));
      List<Interaction> h = new ArrayList<>();
      if (r.nextDouble() >= newShare) {
        int count = 2 + r.nextInt(8);
        for (int j = 0; j < count; j++) {
          String cat = sample(pref, r);
          List<String> items = categoryByPopularity.get(cat);
          String pid = items.get(Math.min(items.size() - 1, (int) (-Math.log(1 - r.nextDouble()) * 4)));
          RewardEventType type = r.nextDouble() < 0.3 ? RewardEventType.PURCHASE : RewardEventType.CLICK;
          h.add(new Interaction(pid, type, Instant.EPOCH.plus(Duration.ofMinutes(j))));
        }
      }
      initial.add(h);
      initialAgeMinutes.add(60 * (1 + r.nextInt(24 * 20)));
    }
    // Co-interaction from the initial histories: products that share a shopper.
    Map<String, Map<String, Integer>> co = new HashMap<>();
    for (List<Interaction> h : initial) {
      Set<String> ids = new LinkedHashSet<>();
      h.forEach(x -> ids.add(x.productId()));
      for (String a : ids) {
        for (String b : ids) {
          if (!a.equals(b)) {
            co.computeIfAbsent(a, x -> new HashMap<>()).merge(b, 1, Integer::sum);
          }
        }
      }
    }
    co.forEach((a, m) -> coInteracted.put(a, m.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(20).map(Map.Entry::getKey).toList()));
  }

  private static String sample(Map<String, Double> pref, RandomGenerator r) {
    double u = r.nextDouble();
    String last = null;
    for (Map.Entry<String, Double> e : pref.entrySet()) {
      last = e.getKey();
      u -= e.getValue();
      if (u < 0) {
        return last;
      }
    }
    return last;
  }

  private double price(String id) {
    return catalog.get(id).orElseThrow().price().amount().doubleValue();
  }

  @Override
  public String name() {
    return "latent-preference shoppers over the bundled catalog";
  }

  @Override
  public Catalog catalog() {
    return catalog;
  }

  @Override
  public List<String> strategies() {
    return List.of("profile", "co-purchase", "repeat", "popular", "trending");
  }

  @Override
  public int shoppers() {
    return shoppers;
  }

  @Override
  public String shopperId(int shopper) {
    return "latent-" + shopper;
  }

  @Override
  public List<Interaction> initialHistory(int shopper, Instant start) {
    List<Interaction> h = initial.get(shopper);
    Instant base = start.minus(Duration.ofMinutes(initialAgeMinutes.get(shopper)));
    return h.stream().map(x -> new Interaction(x.productId(), x.type(),
        base.plus(Duration.between(Instant.EPOCH, x.at())))).toList();
  }

  @Override
  public List<String> candidates(String strategy, int shopper, List<Interaction> history, int n,
      ToDoubleFunction<String> liveWeight) {
    Set<String> seen = new LinkedHashSet<>();
    for (int i = history.size() - 1; i >= 0; i--) {
      seen.add(history.get(i).productId());
    }
    List<String> out = new ArrayList<>();
    switch (strategy) {
      case "repeat" -> seen.stream().limit(n).forEach(out::add);
      case "popular" -> byPopularity.stream().filter(id -> !seen.contains(id)).limit(n).forEach(out::add);
      case "trending" -> byPopularity.stream().filter(id -> liveWeight.applyAsDouble(id) > 0)
          .sorted(Comparator.comparingDouble((String id) -> -liveWeight.applyAsDouble(id)))
          .filter(id -> !seen.contains(id)).limit(n).forEach(out::add);
      case "co-purchase" -> {
        for (String anchor : seen) {
          for (String c : coInteracted.getOrDefault(anchor, List.of())) {
            if (!seen.contains(c) && !out.contains(c) && out.size() < n) {
              out.add(c);
            }
          }
        }
      }
      case "profile" -> {
        Map<String, Integer> cats = new LinkedHashMap<>();
        for (int i = history.size() - 1; i >= 0; i--) {
          cats.merge(catalog.get(history.get(i).productId()).orElseThrow().category(), 1, Integer::sum);
        }
        cats.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .forEach(e -> categoryByPopularity.get(e.getKey()).stream()
                .filter(id -> !seen.contains(id) && !out.contains(id)).limit(n - out.size()).forEach(out::add));
      }
      default -> throw new IllegalArgumentException("unknown strategy " + strategy);
    }
    return out.size() > n ? out.subList(0, n) : out;
  }

  @Override
  public double appeal(int shopper, String productId, List<Interaction> history) {
    Product p = catalog.get(productId).orElseThrow();
    double fit = Math.exp(-Math.abs(Math.log(p.price().amount().doubleValue() / preferredPrice[shopper])));
    double a = BASE + LIKE * prefs.get(shopper).getOrDefault(p.category(), 0.0) * fit
        + POP * popularity.get(productId);
    for (Interaction x : history) {
      if (x.productId().equals(productId)) {
        a *= x.type() == RewardEventType.PURCHASE ? 0.2 : 0.7;
      }
    }
    return a;
  }
}
