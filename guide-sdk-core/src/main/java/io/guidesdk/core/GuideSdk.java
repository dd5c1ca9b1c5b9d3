package io.guidesdk.core;

import io.guidesdk.ModelLoadException;
import io.guidesdk.Recommender;
import io.guidesdk.RewardSink;
import io.guidesdk.ShoppingGuide;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.CatalogLoader;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.catalog.FaqEntry;
import io.guidesdk.core.catalog.FaqLoader;
import io.guidesdk.core.dialogue.DefaultShoppingGuide;
import io.guidesdk.core.learning.DefaultRewardSink;
import io.guidesdk.core.learning.ImpressionLog;
import io.guidesdk.core.learning.InteractionStore;
import io.guidesdk.core.learning.RewardWeights;
import io.guidesdk.core.recommend.DefaultRecommender;
import io.guidesdk.core.recommend.RecommenderTuning;
import io.guidesdk.core.retrieval.DenseRetriever;
import io.guidesdk.core.retrieval.EmbeddingIndex;
import io.guidesdk.spi.Encoder;
import io.guidesdk.spi.EncoderProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
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
 */
public final class GuideSdk implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GuideSdk.class);

  private final Catalog catalog;
  private final Encoder encoder;
  private final boolean ownsEncoder;
  private final EmbeddingIndex index;
  private final InteractionStore interactions;
  private final ImpressionLog impressions;
  private final DefaultShoppingGuide guide;
  private final DefaultRecommender recommender;
  private final DefaultRewardSink rewards;
  private final GuideLimits limits;

  private GuideSdk(Builder b, Catalog catalog, List<FaqEntry> faq, Encoder encoder, boolean ownsEncoder) {
    this.catalog = catalog;
    this.encoder = encoder;
    this.ownsEncoder = ownsEncoder;
    this.limits = b.limits;
    this.index = EmbeddingIndex.build(catalog, encoder, b.progress);
    this.interactions = new InteractionStore(limits.historyPerUser());
    this.impressions = new ImpressionLog(limits.attributionWindow(), limits.maxImpressions(), b.clock, b.random);
    Currency currency = catalog.products().isEmpty() ? Currency.getInstance("USD")
        : catalog.products().get(0).price().currency();
    this.guide = new DefaultShoppingGuide(() -> this.catalog, new DenseRetriever(index, encoder), impressions, faq,
        encoder, b.clock, limits.productsPerReply(), limits.sessionIdleTimeout(), limits.maxSessions(), currency);
    this.recommender = DefaultRecommender.builder(() -> this.catalog, interactions, impressions)
        .embeddings(() -> index)
        .clock(b.clock)
        .tuning(RecommenderTuning.DEFAULT.withProfileHalfLife(limits.profileHalfLife()))
        .build();
    this.rewards = new DefaultRewardSink(() -> this.catalog, interactions, impressions, RewardWeights.DEFAULT, b.clock);
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

  /** The catalog the SDK serves. */
  public Catalog catalog() {
    return catalog;
  }

  /** The limits in force. */
  public GuideLimits limits() {
    return limits;
  }

  /** The encoder in use. */
  public Encoder encoder() {
    return encoder;
  }

  /** Erases everything held about a shopper: dialogue state, history and impressions. */
  public void forget(String userId) {
    Objects.requireNonNull(userId, "userId");
    guide.forget(userId);
    interactions.forget(userId);
    impressions.forget(userId);
  }

  @Override
  public void close() {
    if (ownsEncoder) {
      encoder.close();
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
    private GuideLimits limits = GuideLimits.defaults();
    private boolean limitsSet;
    private Clock clock = Clock.systemUTC();
    private boolean clockSet;
    private RandomGenerator random = RandomGenerator.getDefault();
    private boolean randomSet;
    private IndexProgress progress = IndexProgress.none();
    private boolean progressSet;

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

    /** Serves the bundled demo catalog and its FAQ. */
    public Builder demoCatalog() {
      catalog(DemoData.catalog());
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

    /** Told how far catalog indexing has got. */
    public Builder indexProgress(IndexProgress progress) {
      requireUnset(!progressSet, "indexProgress");
      this.progress = Objects.requireNonNull(progress, "progress");
      progressSet = true;
      return this;
    }

    /**
     * Loads the catalog if a path was given, creates the encoder if none was set, and embeds the
     * catalog.
     *
     * @throws IllegalStateException if no catalog was set
     * @throws io.guidesdk.CatalogException if the catalog file has a bad row
     * @throws ModelLoadException if no encoder was set and none can be created
     */
    public GuideSdk build() {
      if (catalog == null && catalogPath == null) {
        throw new IllegalStateException("no catalog: call catalog(Path), catalog(Catalog) or demoCatalog()");
      }
      Catalog c = catalog != null ? catalog : CatalogLoader.failFast().load(catalogPath).catalog();
      List<FaqEntry> f = faq == null ? List.of() : faq;
      if (encoder != null) {
        return new GuideSdk(this, c, f, encoder, false);
      }
      Encoder created = discoverEncoder();
      try {
        return new GuideSdk(this, c, f, created, true);
      } catch (RuntimeException e) {
        created.close();
        throw e;
      }
    }

    private static Encoder discoverEncoder() {
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
      EncoderProvider chosen = providers.get(0);
      LOG.debug("using encoder provider {}", chosen.name());
      return chosen.create();
    }

    private static void requireUnset(boolean unset, String name) {
      if (!unset) {
        throw new IllegalStateException(name + " was already set");
      }
    }
  }
}
