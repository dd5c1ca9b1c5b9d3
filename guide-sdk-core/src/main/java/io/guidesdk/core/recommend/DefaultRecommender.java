package io.guidesdk.core.recommend;

import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.RecommendRequest;
import io.guidesdk.RecommendedItem;
import io.guidesdk.Recommendations;
import io.guidesdk.Recommender;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.learning.Impression;
import io.guidesdk.core.learning.ImpressionLog;
import io.guidesdk.core.learning.InteractionStore;
import io.guidesdk.core.learning.ItemArrivals;
import io.guidesdk.core.policy.ShopperContext;
import io.guidesdk.core.policy.SlotDecision;
import io.guidesdk.core.policy.SlotPolicy;
import io.guidesdk.core.retrieval.EmbeddingIndex;
import io.guidesdk.core.retrieval.FilterCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Fills the N slots of a top-N from candidate strategies, asking a {@link SlotPolicy} which strategy
 * fills each slot and taking that strategy's best candidate not shown yet.
 *
 * <p>Strategies (each with its own reason text): {@code repeat} (the shopper's own purchases, by
 * decayed frequency, the product's repurchase rate and trend), {@code co-purchase} (what buyers of
 * the shopper's products, or of the anchor, also bought), {@code profile} (embedding similarity to
 * the shopper's decayed profile), {@code similar-item} (embedding neighbours of the anchor product),
 * {@code new-arrivals} (products added to the catalog lately, by fit to the shopper plus an
 * exploration bonus that shrinks as they are shown; see {@link ItemArrivals}), {@code trending} and
 * {@code popular}. A strategy is offered to the policy only while it has a
 * candidate left that passes the request's filter, the exclusions and the {@link Diversity} limits;
 * a new shopper therefore gets trending and popular products.
 *
 * <p>Every answer is recorded in the {@link ImpressionLog} with the strategy and the policy's
 * probability for each slot. The shopper's history is read from the {@link InteractionStore} on
 * every call, and catalog-wide statistics follow it through a listener, so a purchase or click
 * changes the next answer at once. The catalog (and embedding index) are read through suppliers on
 * every call, so a replaced catalog is used without a restart. Thread-safe.
 */
public final class DefaultRecommender implements Recommender {
  /**
   * The default slot order when no learned policy is set: anchor neighbours, then the shopper's
   * repeat purchases, then co-purchase neighbours, then products like their profile, then new
   * arrivals (at most {@link RecommenderTuning#newArrivalsPerList()} per list, 2 by default), then
   * popular fill; trending products only where the strategies before them have run out. Chosen on the
   * development period (decision note 0702; new arrivals: decision note 0807).
   */
  public static final List<String> DEFAULT_ORDER = List.of(SimilarToAnchor.NAME, RepeatPurchases.NAME,
      CoPurchase.NAME, ProfileSimilarity.NAME, NewArrivals.NAME, RankedProducts.POPULAR, RankedProducts.TRENDING);

  /** Every strategy name this recommender can offer to a policy. */
  public static final List<String> STRATEGIES = List.of(RepeatPurchases.NAME, CoPurchase.NAME,
      ProfileSimilarity.NAME, SimilarToAnchor.NAME, NewArrivals.NAME, RankedProducts.TRENDING,
      RankedProducts.POPULAR);

  private final Supplier<Catalog> catalog;
  private final @Nullable Supplier<EmbeddingIndex> embeddings;
  private final InteractionStore interactions;
  private final ImpressionLog impressions;
  private final SlotPolicy policy;
  private final Clock clock;
  private final RecommenderTuning tuning;
  private final Diversity diversity;
  private final PurchaseStatistics stats;
  private final ItemArrivals arrivals;
  private final List<CandidateGenerator> generators;
  private final Reasons reasons;

  private DefaultRecommender(Builder b) {
    this.catalog = b.catalog;
    this.embeddings = b.embeddings;
    this.interactions = b.interactions;
    this.impressions = b.impressions;
    this.policy = b.policy;
    this.clock = b.clock;
    this.tuning = b.tuning;
    this.diversity = b.diversity;
    this.reasons = b.locale.getLanguage().equals("en") ? Reasons.ENGLISH : new Reasons(b.locale);
    if (b.statistics != null) {
      this.stats = b.statistics;
    } else {
      this.stats = new PurchaseStatistics(tuning.trendHalfLife(), tuning.recentBuyersPerProduct(),
          tuning.recentItemsPerUser(), clock.instant());
      interactions.addListener(stats);
    }
    if (b.arrivals != null) {
      this.arrivals = b.arrivals;
    } else {
      this.arrivals = new ItemArrivals(clock);
      arrivals.listenTo(impressions, interactions);
      // The catalog at build time is the baseline: its products are not new arrivals.
      arrivals.observe(embeddings != null ? embeddings.get().catalog() : catalog.get());
    }
    List<CandidateGenerator> g = new ArrayList<>();
    g.add(new RepeatPurchases(stats, tuning));
    g.add(new CoPurchase(stats, tuning.coPurchaseSeeds()));
    if (embeddings != null) {
      g.add(new ProfileSimilarity());
      g.add(new SimilarToAnchor());
    }
    g.add(new NewArrivals(arrivals, tuning));
    g.add(RankedProducts.trending(stats, tuning.rankingRefresh()));
    g.add(RankedProducts.popular(stats, tuning.rankingRefresh()));
    g.removeIf(x -> b.disabled.contains(x.strategy()));
    this.generators = List.copyOf(g);
  }

  /**
   * A builder over the catalog (read on every call), the shoppers' interactions and the impression
   * log.
   */
  public static Builder builder(Supplier<Catalog> catalog, InteractionStore interactions, ImpressionLog impressions) {
    return new Builder(catalog, interactions, impressions);
  }

  /** The catalog-wide purchase statistics this recommender reads (fed by the interaction store). */
  public PurchaseStatistics statistics() {
    return stats;
  }

  /** When products arrived in the catalog, for the {@code new-arrivals} strategy. */
  public ItemArrivals arrivals() {
    return arrivals;
  }

  /** The policy deciding the slots. */
  public SlotPolicy policy() {
    return policy;
  }

  @Override
  public Recommendations topN(RecommendRequest request) {
    Objects.requireNonNull(request, "request");
    EmbeddingIndex idx = embeddings == null ? null : embeddings.get();
    Catalog cat = idx != null ? idx.catalog() : catalog.get();
    arrivals.observe(cat); // a replaced catalog's new products arrive now (no-op for the same catalog)
    Product anchor = null;
    if (request.anchorProductId() != null) {
      anchor = cat.get(request.anchorProductId()).orElseThrow(() -> new IllegalArgumentException(
          "anchorProductId '" + request.anchorProductId() + "' is not in the catalog"));
    }
    String id = impressions.newId();
    ProductFilter filter = request.filter();
    if (filter.isContradictory()) {
      String why = "no products: " + String.join("; ", FilterCheck.problems(cat, filter));
      return record(new Recommendations(id, List.of(), policy.version(), why), request.userId(), List.of());
    }
    Instant now = clock.instant();
    Shopper shopper = new Shopper(request.userId(), interactions.history(request.userId()), now,
        tuning.profileHalfLife());
    String anchorId = anchor == null ? null : anchor.id();
    boolean exclude = request.excludePurchased();
    Predicate<Product> accept = p -> filter.test(p) && !p.id().equals(anchorId)
        && !(exclude && shopper.hasBought(p.id()));
    int n = request.n();
    int perStrategy = diversity.limits() ? 4 * n + 20 : n + 10;
    CandidateGenerator.Query query = new CandidateGenerator.Query(shopper, anchor, cat, idx, accept, now, reasons);

    Map<String, Lane> lanes = new LinkedHashMap<>();
    for (CandidateGenerator g : generators) {
      List<Candidate> c = g.generate(query, perStrategy);
      if (!c.isEmpty()) {
        lanes.put(g.strategy(), new Lane(c));
      }
    }
    ShopperContext context = shopper.context(cat, now, anchorId, request.sessionId() != null);
    Picked picked = new Picked(diversity);
    List<RecommendedItem> items = new ArrayList<>(n);
    List<List<String>> actionSets = new ArrayList<>(n);
    for (int slot = 0; slot < n; slot++) {
      List<String> available = new ArrayList<>();
      lanes.forEach((name, lane) -> {
        if (lane.peek(picked) != null) {
          available.add(name);
        }
      });
      if (available.isEmpty()) {
        break;
      }
      List<String> actions = List.copyOf(available);
      SlotDecision d = policy.decide(context, actions, slot);
      Lane lane = lanes.get(d.strategy());
      if (lane == null || !actions.contains(d.strategy())) {
        throw new IllegalStateException("policy " + policy.version() + " chose strategy '" + d.strategy()
            + "', which is not among the available " + available);
      }
      Candidate c = lane.peek(picked);
      lane.advance();
      picked.add(c.product());
      items.add(new RecommendedItem(c.product(), c.score(), d.probability(), d.strategy(), c.reason().get()));
      actionSets.add(actions);
    }
    String note = "";
    if (items.size() < n) {
      String why = cat.size() == 0 ? "the catalog is empty"
          : filter.isEmpty() && !exclude && anchor == null && !diversity.limits() ? "the catalog has no more products"
          : "no more products satisfy the filter" + (exclude ? ", the exclusion of purchased products" : "")
              + (diversity.limits() ? " and the diversity limits" : "");
      note = items.isEmpty() ? "no products: " + why : "only " + items.size() + " of " + n + " products: " + why;
      // name what in the filter the catalog cannot satisfy: "unknown category 'Runing Shoes'; did you mean …?"
      List<String> problems = FilterCheck.problems(cat, filter);
      if (!problems.isEmpty()) {
        note += " (" + String.join("; ", problems) + ")";
      }
    }
    return record(new Recommendations(id, items, policy.version(), note), request.userId(), items, context,
        actionSets);
  }

  private Recommendations record(Recommendations r, String userId, List<RecommendedItem> items) {
    return record(r, userId, items, null, List.of());
  }

  /**
   * Logs the impression with the context the policy decided in (so the learner updates that state) and
   * each slot's action set (so the decision log supports off-policy evaluation).
   */
  private Recommendations record(Recommendations r, String userId, List<RecommendedItem> items,
      @Nullable ShopperContext context, List<List<String>> actionSets) {
    impressions.record(new Impression(r.recommendationId(), userId,
        items.stream().map(i -> i.product().id()).toList(),
        items.stream().map(RecommendedItem::strategy).toList(),
        items.stream().map(RecommendedItem::propensity).toList(),
        r.policyVersion(), clock.instant(), context, true, actionSets));
    return r;
  }

  /** The products chosen so far, with the per-category and per-brand counts diversity needs. */
  private static final class Picked {
    private final Diversity diversity;
    private final Set<String> ids = new HashSet<>();
    private final Map<String, Integer> categories = new HashMap<>();
    private final Map<String, Integer> brands = new HashMap<>();

    Picked(Diversity diversity) {
      this.diversity = diversity;
    }

    boolean allows(Product p) {
      if (ids.contains(p.id())) {
        return false;
      }
      String category = p.category().toLowerCase(java.util.Locale.ROOT);
      String brand = p.brand().toLowerCase(java.util.Locale.ROOT);
      return (category.isEmpty() || categories.getOrDefault(category, 0) < diversity.maxPerCategory())
          && (brand.isEmpty() || brands.getOrDefault(brand, 0) < diversity.maxPerBrand());
    }

    void add(Product p) {
      ids.add(p.id());
      categories.merge(p.category().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
      brands.merge(p.brand().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
    }
  }

  /**
   * One strategy's candidates with a cursor. A candidate skipped because it was already picked or
   * breaks a diversity limit stays skipped: counts only grow within one request.
   */
  private static final class Lane {
    private final List<Candidate> candidates;
    private int cursor;

    Lane(List<Candidate> candidates) {
      this.candidates = candidates;
    }

    @Nullable Candidate peek(Picked picked) {
      while (cursor < candidates.size() && !picked.allows(candidates.get(cursor).product())) {
        cursor++;
      }
      return cursor < candidates.size() ? candidates.get(cursor) : null;
    }

    void advance() {
      cursor++;
    }
  }

  /** Configures a {@link DefaultRecommender}. */
  public static final class Builder {
    private final Supplier<Catalog> catalog;
    private final InteractionStore interactions;
    private final ImpressionLog impressions;
    private @Nullable Supplier<EmbeddingIndex> embeddings;
    private SlotPolicy policy = SlotPolicy.fixedOrder(DEFAULT_ORDER);
    private Clock clock = Clock.systemUTC();
    private RecommenderTuning tuning = RecommenderTuning.DEFAULT;
    private Diversity diversity = Diversity.none();
    private @Nullable PurchaseStatistics statistics;
    private @Nullable ItemArrivals arrivals;
    private Locale locale = Locale.ENGLISH;
    private final Set<String> disabled = new HashSet<>();

    private Builder(Supplier<Catalog> catalog, InteractionStore interactions, ImpressionLog impressions) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      this.interactions = Objects.requireNonNull(interactions, "interactions");
      this.impressions = Objects.requireNonNull(impressions, "impressions");
    }

    /**
     * The products' embeddings (read on every call; its catalog then wins over the catalog supplier).
     * Without it the {@code profile} and {@code similar-item} strategies are off.
     */
    public Builder embeddings(Supplier<EmbeddingIndex> index) {
      this.embeddings = Objects.requireNonNull(index, "index");
      return this;
    }

    /** Which strategy fills each slot; default {@code SlotPolicy.fixedOrder(DEFAULT_ORDER)}. */
    public Builder policy(SlotPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder tuning(RecommenderTuning tuning) {
      this.tuning = Objects.requireNonNull(tuning, "tuning");
      return this;
    }

    /**
     * The language of {@code RecommendedItem.reason()}: bundled for English (the default) and
     * Simplified Chinese ({@code Locale.SIMPLIFIED_CHINESE}); English for any other. {@code GuideSdk}
     * passes {@code DialogueOptions.locale()}, so replies and reasons share one language.
     */
    public Builder locale(Locale locale) {
      this.locale = Objects.requireNonNull(locale, "locale");
      return this;
    }

    /** At most k products per category / brand in one answer; default no limit. */
    public Builder diversity(Diversity diversity) {
      this.diversity = Objects.requireNonNull(diversity, "diversity");
      return this;
    }

    /**
     * Shares statistics that are already fed (e.g. between recommenders over one store). When not
     * set, the recommender creates them and registers them on the interaction store: only
     * interactions added after {@link #build()} are counted, so build before replaying history.
     */
    public Builder statistics(PurchaseStatistics statistics) {
      this.statistics = Objects.requireNonNull(statistics, "statistics");
      return this;
    }

    /**
     * Shares the record of when products arrived (GuideSdk passes its own, kept in snapshots). When
     * not set, the recommender creates one, listening to the impression log and the interaction
     * store, with the catalog at {@link #build()} as its baseline (not new).
     */
    public Builder arrivals(ItemArrivals arrivals) {
      this.arrivals = Objects.requireNonNull(arrivals, "arrivals");
      return this;
    }

    /** Switches strategies off by name (see {@link #STRATEGIES}). */
    public Builder disable(String... strategies) {
      for (String s : strategies) {
        if (!STRATEGIES.contains(s)) {
          throw new IllegalArgumentException("unknown strategy '" + s + "'; known: " + STRATEGIES);
        }
        disabled.add(s);
      }
      return this;
    }

    public DefaultRecommender build() {
      return new DefaultRecommender(this);
    }
  }
}
