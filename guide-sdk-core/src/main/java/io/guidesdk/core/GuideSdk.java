package io.guidesdk.core;

import io.guidesdk.ModelLoadException;
import io.guidesdk.Product;
import io.guidesdk.Recommender;
import io.guidesdk.RewardSink;
import io.guidesdk.ShoppingGuide;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.CatalogLoader;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.catalog.FaqEntry;
import io.guidesdk.core.catalog.FaqLoader;
import io.guidesdk.core.dialogue.DefaultShoppingGuide;
import io.guidesdk.core.dialogue.DialogueOptions;
import io.guidesdk.core.dialogue.MessageInterpreter;
import io.guidesdk.core.dialogue.Personaliser;
import io.guidesdk.core.dialogue.ReplyWriter;
import io.guidesdk.core.learning.DecisionLog;
import io.guidesdk.core.learning.DefaultRewardSink;
import io.guidesdk.core.learning.ImpressionLog;
import io.guidesdk.core.learning.Interaction;
import io.guidesdk.core.learning.InteractionStore;
import io.guidesdk.core.learning.ItemArrivals;
import io.guidesdk.core.learning.LearningSnapshot;
import io.guidesdk.core.learning.RewardWeights;
import io.guidesdk.core.llm.CatalogTools;
import io.guidesdk.core.llm.LlmAssist;
import io.guidesdk.core.llm.LlmStats;
import io.guidesdk.core.llm.ProductCopywriter;
import io.guidesdk.core.policy.LearningPolicy;
import io.guidesdk.core.policy.QLearningConfig;
import io.guidesdk.core.policy.QLearningPolicy;
import io.guidesdk.core.recommend.DefaultRecommender;
import io.guidesdk.core.recommend.RecommenderTuning;
import io.guidesdk.core.retrieval.EmbeddingIndex;
import io.guidesdk.core.retrieval.ProductSearch;
import io.guidesdk.core.retrieval.QueryMap;
import io.guidesdk.core.retrieval.ScoredProduct;
import io.guidesdk.core.retrieval.SearchSettings;
import io.guidesdk.core.retrieval.VectorCache;
import io.guidesdk.spi.Encoder;
import io.guidesdk.spi.EncoderProvider;
import io.guidesdk.spi.LanguageModel;
import io.guidesdk.spi.LanguageModelProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK: one catalog, one encoder, and the guide, recommender and reward sink built on them.
 *
 * <pre>{@code
 * try (GuideSdk sdk = GuideSdk.builder().demoCatalog().build()) {
 *   ChatReply reply = sdk.guide().chat("session-1", "running shoes under $100");
 *   Recommendations recs = sdk.recommender().topN("user-42", 10);
 *   sdk.rewards().accept(RewardEvent.click("user-42", recs.items().get(0).product().id(), recs.recommendationId()));
 * }
 * }</pre>
 *
 * <p>Build one per catalog and share it: every component is thread-safe. {@link #close()} frees the
 * encoder if the SDK created it (an encoder set on the builder stays the caller's to close).
 *
 * <p>After {@link #close()}, {@code guide().chat}, {@code recommender().topN}, {@link #snapshot},
 * {@link #restore}, {@link #updateCatalog} and {@link #describe} throw {@link IllegalStateException}
 * ({@code "guide-sdk is closed"}), and {@code rewards().accept} refuses events with reason {@code
 * CLOSED}.
 */
public final class GuideSdk implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GuideSdk.class);
  /** A vector cache is compacted once it holds more than twice the catalog's vectors plus this many. */
  private static final int VECTOR_CACHE_SLACK = 1024;

  private final Encoder encoder;
  private final boolean ownsEncoder;
  private final @Nullable Encoder ownedQueryEncoder;
  private final @Nullable VectorCache vectorCache;
  private final ProductSearch search;
  private final InteractionStore interactions;
  private final ImpressionLog impressions;
  private final DefaultShoppingGuide guide;
  private final DefaultRecommender recommender;
  private final DefaultRewardSink rewards;
  private final ItemArrivals arrivals;
  private final GuideLimits limits;
  private final LearningPolicy policy;
  private final Clock clock;
  private final @Nullable LanguageModel languageModel;
  private final boolean ownsLanguageModel;
  private final @Nullable LlmAssist llm;
  private final ProductCopywriter copywriter;
  private final AtomicBoolean closed = new AtomicBoolean();

  private GuideSdk(Builder b, Catalog catalog, List<FaqEntry> faq, Encoder encoder, boolean ownsEncoder,
      @Nullable Encoder ownedQueryEncoder, @Nullable VectorCache vectorCache, @Nullable LanguageModel languageModel,
      boolean ownsLanguageModel) {
    this.languageModel = languageModel;
    this.ownsLanguageModel = ownsLanguageModel;
    this.encoder = encoder;
    this.ownsEncoder = ownsEncoder;
    this.ownedQueryEncoder = ownedQueryEncoder;
    this.vectorCache = vectorCache;
    // Products (and the guide's passages) are embedded through the cache when there is one; queries never are.
    Encoder passages = vectorCache != null ? vectorCache : encoder;
    this.limits = b.limits;
    Encoder queries = b.queryEncoder == null ? ownedQueryEncoder != null ? ownedQueryEncoder : passages
        : b.mapQueries ? QueryMap.fitted(catalog, encoder, b.queryEncoder) : b.queryEncoder;
    this.search = ProductSearch.open(catalog, passages, queries, b.searchSettings, b.progress);
    if (vectorCache != null && vectorCache.size() > 2 * catalog.size() + VECTOR_CACHE_SLACK) {
      try {
        int dropped = vectorCache.retainOnly(catalog.products().stream().map(EmbeddingIndex::passageText).toList());
        LOG.info("vector cache {}: dropped {} vectors no product uses any more", vectorCache.file(), dropped);
      } catch (UncheckedIOException e) {
        // Housekeeping only: the cache keeps working from the file as it was.
        LOG.warn("vector cache {}: could not compact it: {}", vectorCache.file(), e.getMessage());
      }
    }
    this.interactions = new InteractionStore(limits.historyPerUser(), limits.maxShoppers());
    this.impressions = new ImpressionLog(limits.attributionWindow(), limits.maxImpressions(), b.clock, b.random);
    // The catalog the SDK starts with is the baseline: its products are not new arrivals.
    this.arrivals = new ItemArrivals(b.clock);
    arrivals.observe(search.catalog());
    arrivals.listenTo(impressions, interactions);
    Currency currency = catalog.products().isEmpty() ? Currency.getInstance("USD")
        : catalog.products().get(0).price().currency();
    CatalogTools tools = new CatalogTools(search::catalog, (need, filter, limit) ->
        search.retriever().search(need, filter, limit).stream().map(ScoredProduct::product).toList(), faq);
    this.llm = languageModel == null ? null : new LlmAssist(languageModel, search::catalog, tools, b.dialogue.locale());
    this.copywriter = llm == null ? ProductCopywriter.templatesOnly(search::catalog, b.dialogue.locale()) : llm.copywriter();
    // The guide embeds shoppers' messages (intent examples, FAQ) with the query encoder, as search does.
    // The guide and the recommender read the catalog through servingCatalog() first on every call, so
    // after close() both fail with "guide-sdk is closed", not deep inside a closed index.
    this.guide = new DefaultShoppingGuide(this::servingCatalog, search.retriever(), impressions, faq,
        search.queryEncoder(), b.clock, limits.productsPerReply(), limits.sessionIdleTimeout(), limits.maxSessions(),
        currency,
        llm == null ? MessageInterpreter.none() : llm.interpreter(),
        llm == null ? ReplyWriter.templatesOnly() : llm.writer(),
        Personaliser.fromHistory(() -> search.current().embeddings(), interactions), b.dialogue);
    guide.prepare(); // the first shopper's message does not wait for the rules to read the catalog
    this.clock = b.clock;
    this.policy = b.policy != null ? b.policy : new QLearningPolicy(QLearningConfig.defaults(), b.random);
    this.recommender = DefaultRecommender.builder(this::servingCatalog, interactions, impressions)
        .embeddings(() -> {
          ensureOpen();
          return search.current().embeddings();
        })
        .clock(b.clock)
        .tuning(b.tuning.withProfileHalfLife(limits.profileHalfLife()))
        .locale(b.dialogue.locale())
        .arrivals(arrivals)
        .policy(policy)
        .build();
    // The shop's tuning first, then what must agree with the rest of the SDK, so it cannot be undone
    DefaultRewardSink.Builder sink = Objects.requireNonNull(
        b.rewardSink.apply(DefaultRewardSink.builder(search::catalog, interactions, impressions)),
        "rewardSink(...) returned null")
        .weights(b.weights).clock(b.clock).attributionWindow(limits.attributionWindow()).policy(policy);
    if (b.decisionLog != null) {
      sink.decisionLog(DecisionLog.jsonLines(b.decisionLog));
    }
    this.rewards = sink.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The conversational guide. */
  public ShoppingGuide guide() {
    return guide;
  }

  /** Personalised recommendations. */
  public Recommender recommender() {
    return recommender;
  }

  /** Where shopper reactions go. */
  public RewardSink rewards() {
    return rewards;
  }

  /**
   * The learning policy (by default Q-learning with {@link QLearningConfig#defaults()}): the
   * recommender asks it which strategy fills each slot, and the reward sink teaches it.
   */
  public LearningPolicy policy() {
    return policy;
  }

  /**
   * Writes what has been learned to {@code file} atomically: the policy's values, the shoppers'
   * profiles, the impressions still inside their credit horizon (with the rewards credited so far),
   * when products arrived in the catalog and the recommender's purchase statistics. It waits for queued events to be applied, copies the
   * policy and the pending impressions between two events (so they agree), then writes a temporary file,
   * forces it to disk and renames it over {@code file}, so a crash leaves the previous snapshot intact.
   * A missing folder is created.
   *
   * @throws io.guidesdk.core.learning.SnapshotException if it cannot be written, or {@code file} names
   *     no file ({@code /}) or is a directory
   */
  public void snapshot(Path file) {
    Objects.requireNonNull(file, "file");
    ensureOpen();
    QLearningPolicy q = policy instanceof QLearningPolicy x ? x : null;
    // The policy's tables and the pending impressions are copied together on the reward writer, so no
    // transition is both in the tables and still pending (learned twice after a restore) or in
    // neither; the profiles (larger) are copied after, without holding the writer up.
    record Cut(QLearningPolicy.@Nullable State policy, List<DefaultRewardSink.PendingImpression> pending) {}
    Cut cut = rewards.withPending(pending -> new Cut(q == null ? null : q.exportState(), pending));
    // The statistics before the histories: a shopper who buys in between is in the histories only,
    // and a shopper in the statistics only (dropped in between) is left out on restore.
    LearningSnapshot.Purchases purchases = recommender.statistics().exportState();
    LearningSnapshot.write(file, new LearningSnapshot.Content(clock.instant(), cut.policy(),
        interactions.exportState(), cut.pending(), arrivals.exportState(), purchases));
  }

  /**
   * Replaces the policy's values, the shoppers' profiles, the impressions awaiting their credit
   * horizon, the product arrivals and the recommender's purchase statistics with those in {@code
   * file} (nothing held before is kept), so the recommender answers as it did when the snapshot was
   * taken. A snapshot written before version 4 of the format has no purchase statistics: they are
   * counted from the restored histories, without the purchases older than the history kept per
   * shopper. Restored impressions are accepted
   * again as recommendation ids until their attribution window ends, and the policy learns from them
   * when their credit horizon ends (at once if it ended while the SDK was down). Products in the
   * current catalog that the snapshot had not seen arrive now. A version 1 snapshot restores the
   * policy and the profiles, and leaves no impression pending. Meant for start-up, before traffic.
   *
   * @throws io.guidesdk.core.learning.SnapshotException if the file is missing, corrupt, truncated,
   *     of a newer format, or learned with an incompatible state encoding; nothing changes then
   */
  public void restore(Path file) {
    Objects.requireNonNull(file, "file");
    ensureOpen();
    rewards.flush();
    LearningSnapshot.Content c = LearningSnapshot.restore(file, policy instanceof QLearningPolicy q ? q : null,
        interactions);
    if (c.arrivals() != null) {
      arrivals.importState(c.arrivals(), search.catalog());
    }
    if (c.purchases() != null) {
      recommender.statistics().importState(c.purchases(), interactions::holds);
    } else {
      // A snapshot from before the statistics were kept in it: count them from the histories.
      recommender.statistics().rebuild(interactions.exportState().histories());
    }
    rewards.restorePending(c.pending() == null ? List.of() : c.pending());
  }

  /**
   * When products arrived in the catalog (for the recommender's {@code new-arrivals} strategy): the
   * catalog the SDK was built with is the baseline (not new), products added later by {@link
   * #updateCatalog} arrive when the SDK first serves them; {@link ItemArrivals#arrived} states an
   * arrival time explicitly.
   */
  public ItemArrivals newArrivals() {
    return arrivals;
  }

  /** The catalog the SDK serves now (it changes with {@link #updateCatalog}). */
  public Catalog catalog() {
    return search.catalog();
  }

  /** Product search over the catalog: the hybrid ranker, the index snapshot, its settings. */
  public ProductSearch search() {
    return search;
  }

  /**
   * Adds or replaces {@code upserts} (matched by id) and removes the products with ids in
   * {@code removals}, re-embedding and re-indexing only those products, on a background thread.
   * The guide, recommender and reward sink keep serving the current catalog until the new one is
   * complete, then all switch to it. Updates apply in call order.
   *
   * @return completes with the new catalog, or exceptionally with {@link io.guidesdk.CatalogException}
   *     if a removal names an unknown id, or with {@link IllegalArgumentException} if an upsert is priced
   *     in another currency than the catalog (then nothing changed), or with {@link
   *     IllegalStateException} ({@code "guide-sdk is closed"}) if {@link #close()} began before the new
   *     catalog was served: the update then stops at its next step (at worst after the chunk of 256
   *     products it is embedding), and {@code close()} waits for that
   * @throws NullPointerException if an argument is null or holds a null ({@code "upserts[3] is null"})
   * @throws IllegalArgumentException if two upserts share an id, or an id is both upserted and removed
   * @throws IllegalStateException if the SDK is closed
   */
  public CompletableFuture<Catalog> updateCatalog(List<Product> upserts, Set<String> removals) {
    return updateCatalog(upserts, removals, IndexProgress.none());
  }

  /** As {@link #updateCatalog(List, Set)}, telling {@code progress} how far indexing has got. */
  public CompletableFuture<Catalog> updateCatalog(List<Product> upserts, Set<String> removals, IndexProgress progress) {
    Objects.requireNonNull(upserts, "upserts");
    Objects.requireNonNull(removals, "removals");
    Objects.requireNonNull(progress, "progress");
    ensureOpen();
    CompletableFuture<io.guidesdk.core.retrieval.ProductSearchIndex> update;
    try {
      update = search.update(upserts, removals, progress);
    } catch (IllegalStateException e) {
      throw closedSince(e); // close() began after ensureOpen()
    }
    return update.handle((index, failure) -> {
      if (failure != null) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof IllegalStateException e && closed.get()) {
          throw closedSince(e);
        }
        throw failure instanceof java.util.concurrent.CompletionException c ? c
            : new java.util.concurrent.CompletionException(cause);
      }
      arrivals.observe(index.catalog()); // added products arrive now (the recommender also observes on use)
      interactions.retainProductCounts(index.catalog()::contains); // removed products' counts go
      guide.prepare(); // here, on the update's thread, not on the next shopper's message
      return index.catalog();
    });
  }

  /** The SDK's own "closed" failure, with the component's as its cause; rethrows {@code e} while open. */
  private IllegalStateException closedSince(IllegalStateException e) {
    return closed.get() ? new IllegalStateException("guide-sdk is closed", e) : e;
  }

  /** The limits in force. */
  public GuideLimits limits() {
    return limits;
  }

  /** The encoder in use. */
  public Encoder encoder() {
    return encoder;
  }

  /** The language model the guide uses, if any (set on the builder or discovered). */
  public Optional<LanguageModel> languageModel() {
    return Optional.ofNullable(languageModel);
  }

  /** What the language model did for the guide: accepted and rejected outputs, failures, tokens. */
  public LlmStats.Snapshot llmStats() {
    return llm == null ? new LlmStats().snapshot() : llm.stats().snapshot();
  }

  /**
   * A short description of {@code product} for this shopper, from the product's real attributes and
   * the categories and brands the shopper engaged with. Written by the language model when there is
   * one (and checked like a reply), by a template otherwise.
   *
   * @param userId the shopper, or {@code null} for anonymous copy
   */
  public String describe(Product product, @Nullable String userId) {
    Objects.requireNonNull(product, "product");
    ensureOpen();
    Set<String> interests = new LinkedHashSet<>();
    if (userId != null) {
      List<Interaction> history = interactions.history(userId);
      Catalog current = search.catalog();
      for (int i = history.size() - 1; i >= 0 && interests.size() < 6; i--) {
        current.get(history.get(i).productId()).ifPresent(p -> {
          if (!p.category().isEmpty()) {
            interests.add(p.category());
          }
          if (!p.brand().isBlank()) {
            interests.add(p.brand());
          }
        });
      }
    }
    return copywriter.describe(product, List.copyOf(interests));
  }

  /** Erases everything held about a shopper: dialogue state, history and impressions. */
  public void forget(String userId) {
    Objects.requireNonNull(userId, "userId");
    rewards.flush(); // events still queued for this user must not re-create what is erased
    guide.forget(userId);
    interactions.forget(userId);
    impressions.forget(userId);
    rewards.forget(userId); // their impressions awaiting the credit horizon, which snapshots would keep
  }

  /** The catalog the guide and the recommender serve; fails once the SDK is closed. */
  private Catalog servingCatalog() {
    ensureOpen();
    return search.catalog();
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("guide-sdk is closed");
    }
  }

  /**
   * Applies the events already accepted, closes the reward sink, the search index and what the SDK
   * created (encoder, language model). A catalog update in progress stops at its next step and its
   * future fails with {@link IllegalStateException} ({@code "guide-sdk is closed"}); this waits for it
   * (at worst the time the update takes to embed one chunk of 256 products) before closing the
   * encoder. Searches already running finish. Idempotent. Calls made after it fail: see the class
   * comment.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    rewards.close();
    search.close();
    if (vectorCache != null) {
      vectorCache.close();
    }
    if (ownsEncoder) {
      encoder.close();
    }
    if (ownedQueryEncoder != null) {
      ownedQueryEncoder.close();
    }
    if (ownsLanguageModel && languageModel != null) {
      languageModel.close();
    }
  }

  /**
   * Configures a {@link GuideSdk}. Each setting may be set once; {@link #build()} checks that a
   * catalog was given and does not change the builder.
   */
  public static final class Builder {
    private @Nullable Catalog catalog;
    private @Nullable Path catalogPath;
    private @Nullable List<FaqEntry> faq;
    private @Nullable Encoder encoder;
    private @Nullable Encoder queryEncoder;
    private boolean mapQueries;
    private @Nullable Path vectorCache;
    private boolean demoVectors;
    private GuideLimits limits = GuideLimits.defaults();
    private boolean limitsSet;
    private Clock clock = Clock.systemUTC();
    private boolean clockSet;
    private RandomGenerator random = RandomGenerator.getDefault();
    private boolean randomSet;
    private IndexProgress progress = IndexProgress.none();
    private boolean progressSet;
    private SearchSettings searchSettings = SearchSettings.defaults();
    private boolean searchSettingsSet;
    private DialogueOptions dialogue = DialogueOptions.defaults();
    private boolean dialogueSet;
    private RewardWeights weights = RewardWeights.DEFAULT;
    private boolean weightsSet;
    private @Nullable LearningPolicy policy;
    private RecommenderTuning tuning = RecommenderTuning.DEFAULT;
    private boolean tuningSet;
    private @Nullable Path decisionLog;
    private UnaryOperator<DefaultRewardSink.Builder> rewardSink = UnaryOperator.identity();
    private @Nullable LanguageModel languageModel;
    private boolean languageModelSet;

    private Builder() {}

    /** Serves this catalog. */
    public Builder catalog(Catalog catalog) {
      requireUnset(this.catalog == null && catalogPath == null, "catalog");
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /** Serves the catalog in this file, loaded fail-fast at {@link #build()} (see {@link CatalogLoader}). */
    public Builder catalog(Path file) {
      requireUnset(this.catalog == null && catalogPath == null, "catalog");
      this.catalogPath = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Serves the bundled demo catalog and its FAQ. Its product vectors for the bundled
     * all-MiniLM-L6-v2 ship with it ({@link DemoData#vectors()}), so that the demo starts without
     * embedding the catalog; with any other encoder they are ignored and the products are embedded.
     */
    public Builder demoCatalog() {
      catalog(DemoData.catalog());
      demoVectors = true;
      if (faq == null) {
        faq = DemoData.faq();
      }
      return this;
    }

    /** The shop's FAQ the guide quotes policies from. */
    public Builder faq(List<FaqEntry> entries) {
      this.faq = List.copyOf(Objects.requireNonNull(entries, "entries"));
      return this;
    }

    /** The shop's FAQ from a JSON Lines file (see {@link FaqLoader}). */
    public Builder faq(Path file) {
      return faq(FaqLoader.load(Objects.requireNonNull(file, "file")));
    }

    /**
     * The encoder to embed products and messages with; the caller keeps ownership. When not set, the
     * highest-priority {@link EncoderProvider} on the classpath creates one (guide-sdk-onnx provides
     * the bundled all-MiniLM-L6-v2).
     */
    public Builder encoder(Encoder encoder) {
      requireUnset(this.encoder == null, "encoder");
      this.encoder = Objects.requireNonNull(encoder, "encoder");
      return this;
    }

    /**
     * Embeds search queries (from {@code search()} and the guide) with this encoder instead of the
     * catalog's; the caller keeps ownership. It must embed into the same vector space, such as the
     * same model with 8-bit weights ({@code OnnxEncoder.builder().int8Weights(true)}) or its int8
     * twin. When neither this nor {@link #encoder} is set, the encoder provider's own query encoder is
     * used if it has one ({@code EncoderProvider#createQueryEncoder}): with guide-sdk-onnx, the
     * bundled all-MiniLM-L6-v2 with 8-bit weights, which embeds a query in about 1.1 instead of 2.4 ms
     * at the same nDCG@10 on the CrowdFlower development split (docs/search.md). {@link #build()}
     * checks the two agree on a sample of the catalog and fails with {@link IllegalArgumentException}
     * otherwise.
     */
    public Builder queryEncoder(Encoder queryEncoder) {
      requireUnset(this.queryEncoder == null, "queryEncoder");
      this.queryEncoder = Objects.requireNonNull(queryEncoder, "queryEncoder");
      return this;
    }

    /**
     * Embeds search queries with {@code fastEncoder} and maps its vectors to where the catalog encoder
     * puts queries, by an affine map that {@link #build()} fits on 250 to 600 short queries cut from
     * the catalog's titles ({@link QueryMap}). For a model that asks for an instruction before each
     * query, such as BGE: give the same model without it ({@code OnnxEncoder.builder().queryPrefix("")},
     * and 8-bit weights if wanted), and queries cost a third of the tokens while ranking as with the
     * instruction (docs/search.md, "The query encoder"; decision 0610). {@link #build()} takes one to a
     * few seconds more for the fit; catalog updates keep the map. The caller keeps ownership of the
     * encoder. {@link #build()} fails with {@link IllegalArgumentException} if its vectors have another
     * dimension than the catalog encoder's, or do not share its space.
     */
    public Builder mappedQueryEncoder(Encoder fastEncoder) {
      requireUnset(this.queryEncoder == null, "queryEncoder");
      this.queryEncoder = Objects.requireNonNull(fastEncoder, "fastEncoder");
      this.mapQueries = true;
      return this;
    }

    /**
     * Keeps the catalog's product vectors in {@code file} (created if absent; its folder must exist), so
     * that a restarted application embeds only the products that are new or changed since the file was
     * last written, instead of the whole catalog (docs/search.md, "Vector cache"). Search queries are
     * never cached there. The file belongs to the catalog encoder's model: another model, or another
     * version of it, starts the file afresh; a file that is not a vector cache is refused by
     * {@link #build()}, never overwritten. {@link #build()} rewrites it without the vectors of products
     * gone or changed once those outnumber the current ones.
     */
    public Builder vectorCache(Path file) {
      requireUnset(this.vectorCache == null, "vectorCache");
      this.vectorCache = Objects.requireNonNull(file, "file");
      return this;
    }

    public Builder limits(GuideLimits limits) {
      requireUnset(!limitsSet, "limits");
      this.limits = Objects.requireNonNull(limits, "limits");
      limitsSet = true;
      return this;
    }

    /** The clock for timestamps, expiry and decay; tests pass a fixed or fake one. */
    public Builder clock(Clock clock) {
      requireUnset(!clockSet, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      clockSet = true;
      return this;
    }

    /** The source of randomness (ids, exploration); pass a seeded one for reproducible runs. */
    public Builder random(RandomGenerator random) {
      requireUnset(!randomSet, "random");
      this.random = Objects.requireNonNull(random, "random");
      randomSet = true;
      return this;
    }

    /** The reward each event type is worth to the policy (default {@link RewardWeights#DEFAULT}). */
    public Builder rewardWeights(RewardWeights weights) {
      requireUnset(!weightsSet, "rewardWeights");
      this.weights = Objects.requireNonNull(weights, "weights");
      weightsSet = true;
      return this;
    }

    /**
     * The learning policy (default: {@link QLearningPolicy} with {@link QLearningConfig#defaults()}
     * and the builder's random generator).
     */
    public Builder policy(LearningPolicy policy) {
      requireUnset(this.policy == null, "policy");
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The recommender's hyper-parameters, including the new-item cold start ({@code newItemAgeCap},
     * {@code newItemBonus}, {@code newItemMaxUnclickedImpressions}, {@code newArrivalsPerList}); default
     * {@link RecommenderTuning#DEFAULT}. Its {@code profileHalfLife} is replaced by {@link
     * GuideLimits#profileHalfLife()}, which the guide's personalisation shares.
     */
    public Builder recommenderTuning(RecommenderTuning tuning) {
      requireUnset(!tuningSet, "recommenderTuning");
      this.tuning = Objects.requireNonNull(tuning, "tuning");
      tuningSet = true;
      return this;
    }

    /** Appends every slot decision with its propensity and reward to this JSON Lines file (off by default). */
    public Builder decisionLog(Path file) {
      requireUnset(this.decisionLog == null, "decisionLog");
      this.decisionLog = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Tunes the reward sink's queue and timing: {@code queueCapacity}, {@code offerTimeout},
     * {@code maxFutureSkew}, {@code creditHorizon}, {@code maxPending} (docs/learning.md), e.g.
     * {@code .rewardSink(s -> s.queueCapacity(262_144).offerTimeout(Duration.ZERO))}. The clock, the
     * reward weights, the attribution window, the policy and the decision log come from this builder
     * and are set after {@code configure}, so that they agree with the rest of the SDK.
     */
    public Builder rewardSink(UnaryOperator<DefaultRewardSink.Builder> configure) {
      this.rewardSink = Objects.requireNonNull(configure, "configure");
      return this;
    }

    /** Told how far catalog indexing has got. */
    public Builder indexProgress(IndexProgress progress) {
      requireUnset(!progressSet, "indexProgress");
      this.progress = Objects.requireNonNull(progress, "progress");
      progressSet = true;
      return this;
    }

    /** How product search analyses, fuses and re-ranks (see docs/search.md); defaults otherwise. */
    public Builder searchSettings(SearchSettings settings) {
      requireUnset(!searchSettingsSet, "searchSettings");
      this.searchSettings = Objects.requireNonNull(settings, "settings");
      searchSettingsSet = true;
      return this;
    }

    /** The guide's reply language and templates, extra intent examples and session store. */
    public Builder dialogue(DialogueOptions options) {
      requireUnset(!dialogueSet, "dialogue");
      this.dialogue = Objects.requireNonNull(options, "options");
      dialogueSet = true;
      return this;
    }

    /**
     * The language model the guide uses to understand looser language and write replies; the caller
     * keeps ownership. Its output is validated against the catalog and what was retrieved, and the
     * guide falls back to its rules and templates whenever it fails. When not set, a configured
     * {@link LanguageModelProvider} on the classpath is used if there is one (see docs/llm.md);
     * {@code languageModel(null)} turns discovery off, so the guide runs without an LLM.
     */
    public Builder languageModel(@Nullable LanguageModel model) {
      requireUnset(!languageModelSet, "languageModel");
      this.languageModel = model;
      languageModelSet = true;
      return this;
    }

    /**
     * Loads the catalog if a path was given, creates the encoder if none was set, and embeds the
     * catalog.
     *
     * @throws IllegalStateException if no catalog was set
     * @throws io.guidesdk.CatalogException if the catalog file has a bad row
     * @throws ModelLoadException if no encoder was set and none can be created
     * @throws UncheckedIOException if a {@link #vectorCache(Path) vector cache} file can be neither
     *     read nor created
     * @throws IllegalArgumentException if the vector cache file exists and is not a vector cache
     */
    public GuideSdk build() {
      if (catalog == null && catalogPath == null) {
        throw new IllegalStateException("no catalog: call catalog(Path), catalog(Catalog) or demoCatalog()");
      }
      Catalog c = catalog != null ? catalog : CatalogLoader.failFast().load(catalogPath).catalog();
      List<FaqEntry> f = faq == null ? List.of() : faq;
      LanguageModel llm = languageModelSet ? languageModel : discoverLanguageModel();
      boolean ownsLlm = !languageModelSet && llm != null;
      Encoder enc = encoder;
      Encoder ownedQueries = null;
      VectorCache cache = null;
      try {
        if (enc == null) {
          EncoderProvider provider = discoverEncoderProvider();
          LOG.debug("using encoder provider {}", provider.name());
          ProviderEncoders created = ProviderEncoders.create(provider, queryEncoder == null);
          enc = created.encoder();
          ownedQueries = created.queryEncoder();
        }
        for (String warning : CatalogLanguage.warnings(c, searchSettings, encoder == null ? enc.modelId() : null,
            dialogue.locale())) {
          LOG.warn(warning);
        }
        if (vectorCache != null) {
          cache = VectorCache.open(vectorCache, enc);
        } else if (demoVectors) {
          try (InputStream seed = DemoData.vectors()) {
            cache = VectorCache.openCopy(seed, enc);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo catalog's vectors: " + e.getMessage(), e);
          }
        }
        return new GuideSdk(this, c, f, enc, encoder == null, ownedQueries, cache, llm, ownsLlm);
      } catch (RuntimeException e) {
        if (cache != null) {
          cache.close();
        }
        if (encoder == null && enc != null) {
          enc.close();
        }
        if (ownedQueries != null) {
          ownedQueries.close();
        }
        if (ownsLlm) {
          llm.close();
        }
        throw e;
      }
    }

    /** The highest-priority configured language model provider's model, or null when none is configured. */
    private static @Nullable LanguageModel discoverLanguageModel() {
      List<LanguageModelProvider> providers = new ArrayList<>();
      ServiceLoader.load(LanguageModelProvider.class).forEach(providers::add);
      providers.sort(Comparator.comparingInt(LanguageModelProvider::priority).reversed());
      for (LanguageModelProvider p : providers) {
        Optional<LanguageModel> m = p.create();
        if (m.isPresent()) {
          LOG.info("using language model {} from provider {}", m.get().name(), p.name());
          return m.get();
        }
      }
      return null;
    }

    private static EncoderProvider discoverEncoderProvider() {
      List<EncoderProvider> providers = new ArrayList<>();
      ServiceLoader.load(EncoderProvider.class).forEach(providers::add);
      if (providers.isEmpty()) {
        throw new ModelLoadException("no encoder: set one with GuideSdk.builder().encoder(...) or add "
            + "io.guidesdk:guide-sdk-onnx to the classpath for the bundled all-MiniLM-L6-v2", null);
      }
      providers.sort(Comparator.comparingInt(EncoderProvider::priority).reversed());
      if (providers.size() > 1 && providers.get(0).priority() == providers.get(1).priority()) {
        throw new ModelLoadException("several encoder providers with priority " + providers.get(0).priority()
            + ": " + providers.stream().map(EncoderProvider::name).toList()
            + "; choose one with GuideSdk.builder().encoder(...)", null);
      }
      return providers.get(0);
    }

    private static void requireUnset(boolean unset, String name) {
      if (!unset) {
        throw new IllegalStateException(name + " was already set");
      }
    }
  }
}
