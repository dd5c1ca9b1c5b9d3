package io.guidesdk.core.retrieval;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How product search analyses, retrieves, fuses and re-ranks. Immutable; start from
 * {@link #defaults()} and change what you need with {@link #toBuilder()}.
 *
 * <p>The defaults were chosen on the development split of the CrowdFlower product-search labels
 * (see docs/search.md and docs/quality.md); the values are repeated in the constants below.
 */
public final class SearchSettings {
  /** Text analysis for the lexical index. */
  public enum Analysis {
    /** Lucene's English analyzer: lower case, stop words, possessives, Porter stemming. */
    ENGLISH,
    /** Lucene's CJK analyzer: overlapping bigrams of Han, Hiragana, Katakana and Hangul; for Chinese catalogs. */
    CJK,
    /** Lucene's standard analyzer: Unicode word breaks and lower case, no stemming. */
    STANDARD
  }

  /** How the lexical and dense lists are combined before re-ranking. */
  public enum Fusion {
    /** Reciprocal-rank fusion: sum of {@code weight / (rrfK + rank)}. */
    RRF,
    /** Normalised linear fusion: each list's scores min-max scaled to [0, 1], then a weighted sum. */
    LINEAR
  }

  /** How the exact dense scan stores vectors. */
  public enum VectorStorage {
    /** 4 bytes per dimension, exact cosine. */
    FLOAT32,
    /** 1 byte per dimension (symmetric scalar quantisation), a quarter of the memory, near-exact order. */
    INT8
  }

  public static final float DEFAULT_TITLE_BOOST = 3.0f;
  public static final float DEFAULT_BRAND_BOOST = 2.0f;
  public static final float DEFAULT_CATEGORY_BOOST = 1.5f;
  public static final float DEFAULT_DESCRIPTION_BOOST = 0.5f;
  public static final float DEFAULT_PHRASE_BOOST = 1.0f;
  public static final double DEFAULT_LEXICAL_WEIGHT = 0.5;
  public static final double DEFAULT_DENSE_WEIGHT = 0.5;
  public static final int DEFAULT_RRF_K = 60;
  public static final int DEFAULT_CANDIDATES = 100;
  /**
   * The smallest measured catalog size where the exact scan (about 1.6 ms per 10,000 products of 384
   * floats on one core) costs more than twice an HNSW search of one merged graph (0.47 ms at 10,000
   * products, recall@10 0.990; end to end 3.5 instead of 5.1 ms p50); measured with
   * {@code guide bench search}, docs/performance.md. Below it the exact scan needs no graph build.
   */
  public static final int DEFAULT_ANN_THRESHOLD = 10_000;
  public static final int DEFAULT_MAX_QUERY_CHARS = 512;
  /** See {@link #singleGraphUpTo()}. */
  public static final int DEFAULT_SINGLE_GRAPH_UP_TO = 100_000;
  /** See {@link #annBeam()}: 0 chooses the beam from the catalog size. */
  public static final int DEFAULT_ANN_BEAM = 0;
  /** See {@link #filteredScanFactor()}. */
  public static final double DEFAULT_FILTERED_SCAN_FACTOR = 36;

  private final Analysis analysis;
  private final float titleBoost;
  private final float brandBoost;
  private final float categoryBoost;
  private final float descriptionBoost;
  private final float phraseBoost;
  private final Fusion fusion;
  private final double lexicalWeight;
  private final double denseWeight;
  private final int rrfK;
  private final int candidates;
  private final int annThreshold;
  private final VectorStorage vectorStorage;
  private final RerankWeights rerank;
  private final int maxQueryChars;
  private final @Nullable Path indexDirectory;
  private final boolean titleVectors;
  private final int singleGraphUpTo;
  private final int annBeam;
  private final double filteredScanFactor;

  private SearchSettings(Builder b) {
    this.filteredScanFactor = b.filteredScanFactor;
    this.singleGraphUpTo = b.singleGraphUpTo;
    this.annBeam = b.annBeam;
    this.titleVectors = b.titleVectors;
    this.analysis = b.analysis;
    this.titleBoost = b.titleBoost;
    this.brandBoost = b.brandBoost;
    this.categoryBoost = b.categoryBoost;
    this.descriptionBoost = b.descriptionBoost;
    this.phraseBoost = b.phraseBoost;
    this.fusion = b.fusion;
    this.lexicalWeight = b.lexicalWeight;
    this.denseWeight = b.denseWeight;
    this.rrfK = b.rrfK;
    this.candidates = b.candidates;
    this.annThreshold = b.annThreshold;
    this.vectorStorage = b.vectorStorage;
    this.rerank = b.rerank;
    this.maxQueryChars = b.maxQueryChars;
    this.indexDirectory = b.indexDirectory;
  }

  /** The defaults: English analysis, linear fusion, re-ranking on, exact scan below 10,000 products. */
  public static SearchSettings defaults() {
    return new Builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.analysis = analysis;
    b.titleBoost = titleBoost;
    b.brandBoost = brandBoost;
    b.categoryBoost = categoryBoost;
    b.descriptionBoost = descriptionBoost;
    b.phraseBoost = phraseBoost;
    b.fusion = fusion;
    b.lexicalWeight = lexicalWeight;
    b.denseWeight = denseWeight;
    b.rrfK = rrfK;
    b.candidates = candidates;
    b.annThreshold = annThreshold;
    b.vectorStorage = vectorStorage;
    b.rerank = rerank;
    b.maxQueryChars = maxQueryChars;
    b.indexDirectory = indexDirectory;
    b.titleVectors = titleVectors;
    b.singleGraphUpTo = singleGraphUpTo;
    b.annBeam = annBeam;
    b.filteredScanFactor = filteredScanFactor;
    return b;
  }

  public Analysis analysis() {
    return analysis;
  }

  public float titleBoost() {
    return titleBoost;
  }

  public float brandBoost() {
    return brandBoost;
  }

  public float categoryBoost() {
    return categoryBoost;
  }

  public float descriptionBoost() {
    return descriptionBoost;
  }

  /** The boost of the exact-phrase match of the whole query in the title (0 turns it off). */
  public float phraseBoost() {
    return phraseBoost;
  }

  public Fusion fusion() {
    return fusion;
  }

  public double lexicalWeight() {
    return lexicalWeight;
  }

  public double denseWeight() {
    return denseWeight;
  }

  public int rrfK() {
    return rrfK;
  }

  /** How many products each of the lexical and dense retrievers contributes before fusion. */
  public int candidates() {
    return candidates;
  }

  /** From this many products on, dense retrieval uses the HNSW graph instead of the exact scan. */
  public int annThreshold() {
    return annThreshold;
  }

  public VectorStorage vectorStorage() {
    return vectorStorage;
  }

  /** The re-ranking stage's weights; {@link RerankWeights#none()} keeps the fused order. */
  public RerankWeights rerank() {
    return rerank;
  }

  /** Longer queries are cut to this many characters (at a word boundary) before analysis. */
  public int maxQueryChars() {
    return maxQueryChars;
  }

  /** Where the lexical index lives on disk; empty for in memory (the default). */
  public Optional<Path> indexDirectory() {
    return Optional.ofNullable(indexDirectory);
  }

  /**
   * Whether each product also gets a vector of its title alone, for the re-ranking feature
   * {@link RerankWeights#titleDense()} (titles are short: about a fifth more indexing time, twice the
   * vector memory). Off by default: it did not improve nDCG on the development split.
   */
  public boolean titleVectors() {
    return titleVectors;
  }

  /**
   * Up to this many products, a full index build merges its HNSW segments into one graph (default
   * {@value #DEFAULT_SINGLE_GRAPH_UP_TO}; 0 never merges). Indexing runs one thread per core, each
   * building the graph of its own segment, and a query searches every segment's graph. At 55,000
   * products one merged graph made the dense stage about twice as fast (1.8 to 0.93 ms p50) for a
   * build about 40% longer (on all cores) and recall@10 0.961 instead of 0.983: one graph searched
   * with a beam of {@link #candidates()} meets fewer vectors than several. Larger catalogs keep one
   * graph per indexing thread (merging 1M products into one graph would take as long again as
   * building them) and search it with a wider beam ({@link #annBeam()}); see docs/performance.md.
   * Catalog updates add small segments, which Lucene's merge policy merges as usual.
   */
  public int singleGraphUpTo() {
    return singleGraphUpTo;
  }

  /**
   * How many nearest neighbours an HNSW search collects in each graph before the best {@link
   * #candidates()} are kept (Lucene's {@code k}, the search beam): wider finds more of the true
   * neighbours and costs more. 0 (the default) chooses from the catalog size: {@link #candidates()}
   * up to {@link #singleGraphUpTo()} products, where one merged graph meets the recall goal at that
   * beam (recall@10 0.961 at 55,000 products, 0.951 at 100,000), and twice that above, where
   * recall at the same beam falls with the graphs' size (1M products in two graphs: recall@10 0.911
   * at beam 100 in 1.6 ms, 0.972 at 200 in 2.3 ms, 0.985 at 300 in 3.2 ms; docs/performance.md).
   */
  public int annBeam() {
    return annBeam;
  }

  /**
   * When a search with an HNSW graph scans the products passing a filter instead of walking the
   * graph: when at most {@code filteredScanFactor × √(catalog size)} pass (default
   * {@value #DEFAULT_FILTERED_SCAN_FACTOR}: 3,600 of 10,000 products, 8,442 of 55,000), in catalogs
   * of up to {@link #singleGraphUpTo()} products; 0 always walks the graph. A graph walk under a
   * filter passes through the products the filter refuses to reach those it accepts, so the fewer
   * pass, the more it visits per result, and Lucene gives up and scans the passing products after
   * all once it has visited as many as pass. Scanning them directly (read from the filter's postings,
   * then their vectors) costs in proportion to how many pass; the walk, roughly the unfiltered walk
   * divided by the share that passes. The two meet near a fixed multiple of √(catalog size), measured
   * at 10,000 and 55,000 products with {@code guide bench search}, where the scan took a category
   * filter's dense stage from 5.1 to 1.9 ms (docs/performance.md, "Filtered queries"). Above
   * {@link #singleGraphUpTo()} the graphs are searched in parallel and a vector read out of order
   * costs about twice as much; at 1M products the scan was no faster than the walk, so larger
   * catalogs always walk. The scan is exact; the walk is not.
   */
  public double filteredScanFactor() {
    return filteredScanFactor;
  }

  /**
   * Up to how many products passing a filter a graph index of {@code products} scans them rather than
   * walking the graph (see {@link #filteredScanFactor()}); 0 when it always walks.
   */
  public int filteredScanUpTo(int products) {
    return products > singleGraphUpTo ? 0 : (int) (filteredScanFactor * Math.sqrt(products));
  }

  /** The HNSW search beam for a catalog of {@code products}: {@link #annBeam()}, or its automatic choice. */
  int annBeamFor(int products) {
    if (annBeam > 0) {
      return Math.max(annBeam, candidates);
    }
    return products <= singleGraphUpTo ? candidates : 2 * candidates;
  }

  @Override
  public String toString() {
    return "SearchSettings{analysis=" + analysis + ", boosts(title=" + titleBoost + ", brand=" + brandBoost
        + ", category=" + categoryBoost + ", description=" + descriptionBoost + ", phrase=" + phraseBoost
        + "), fusion=" + fusion + ", weights(lexical=" + lexicalWeight + ", dense=" + denseWeight + "), rrfK=" + rrfK
        + ", candidates=" + candidates + ", annThreshold=" + annThreshold + ", storage=" + vectorStorage
        + ", singleGraphUpTo=" + singleGraphUpTo + ", annBeam=" + annBeam + ", filteredScanFactor=" + filteredScanFactor
        + ", titleVectors=" + titleVectors + ", rerank=" + rerank + "}";
  }

  /** Builds {@link SearchSettings}; every setter checks its value on the spot. */
  public static final class Builder {
    private Analysis analysis = Analysis.ENGLISH;
    private float titleBoost = DEFAULT_TITLE_BOOST;
    private float brandBoost = DEFAULT_BRAND_BOOST;
    private float categoryBoost = DEFAULT_CATEGORY_BOOST;
    private float descriptionBoost = DEFAULT_DESCRIPTION_BOOST;
    private float phraseBoost = DEFAULT_PHRASE_BOOST;
    private Fusion fusion = Fusion.LINEAR;
    private double lexicalWeight = DEFAULT_LEXICAL_WEIGHT;
    private double denseWeight = DEFAULT_DENSE_WEIGHT;
    private int rrfK = DEFAULT_RRF_K;
    private int candidates = DEFAULT_CANDIDATES;
    private int annThreshold = DEFAULT_ANN_THRESHOLD;
    private VectorStorage vectorStorage = VectorStorage.FLOAT32;
    private RerankWeights rerank = RerankWeights.defaults();
    private int maxQueryChars = DEFAULT_MAX_QUERY_CHARS;
    private @Nullable Path indexDirectory;
    private boolean titleVectors = false;
    private int singleGraphUpTo = DEFAULT_SINGLE_GRAPH_UP_TO;
    private int annBeam = DEFAULT_ANN_BEAM;
    private double filteredScanFactor = DEFAULT_FILTERED_SCAN_FACTOR;

    private Builder() {}

    /** See {@link SearchSettings#filteredScanFactor()}; finite and {@code >= 0}. */
    public Builder filteredScanFactor(double factor) {
      if (!(factor >= 0) || Double.isInfinite(factor)) {
        throw new IllegalArgumentException("filteredScanFactor must be finite and >= 0 (0: always the graph): " + factor);
      }
      this.filteredScanFactor = factor;
      return this;
    }

    /** See {@link SearchSettings#annBeam()}; in [0, 10000], 0 for the automatic choice. */
    public Builder annBeam(int beam) {
      if (beam < 0 || beam > 10_000) {
        throw new IllegalArgumentException("annBeam must be in [0, 10000] (0: automatic): " + beam);
      }
      this.annBeam = beam;
      return this;
    }

    /** See {@link SearchSettings#singleGraphUpTo()}; {@code >= 0}. */
    public Builder singleGraphUpTo(int products) {
      if (products < 0) {
        throw new IllegalArgumentException("singleGraphUpTo must be >= 0: " + products);
      }
      this.singleGraphUpTo = products;
      return this;
    }

    public Builder titleVectors(boolean titleVectors) {
      this.titleVectors = titleVectors;
      return this;
    }

    public Builder analysis(Analysis analysis) {
      this.analysis = Objects.requireNonNull(analysis, "analysis");
      return this;
    }

    /** Field boosts for BM25; each must be finite and {@code >= 0} (0 leaves the field out). */
    public Builder boosts(float title, float brand, float category, float description) {
      this.titleBoost = boost(title, "title");
      this.brandBoost = boost(brand, "brand");
      this.categoryBoost = boost(category, "category");
      this.descriptionBoost = boost(description, "description");
      return this;
    }

    public Builder phraseBoost(float phraseBoost) {
      this.phraseBoost = boost(phraseBoost, "phrase");
      return this;
    }

    public Builder fusion(Fusion fusion) {
      this.fusion = Objects.requireNonNull(fusion, "fusion");
      return this;
    }

    /** The weights of the lexical and dense lists in fusion; finite, {@code >= 0}, not both 0. */
    public Builder weights(double lexical, double dense) {
      if (!(lexical >= 0) || !(dense >= 0) || Double.isInfinite(lexical) || Double.isInfinite(dense)
          || lexical + dense == 0) {
        throw new IllegalArgumentException("fusion weights must be finite, >= 0 and not both 0: lexical="
            + lexical + ", dense=" + dense);
      }
      this.lexicalWeight = lexical;
      this.denseWeight = dense;
      return this;
    }

    public Builder rrfK(int rrfK) {
      if (rrfK < 1) {
        throw new IllegalArgumentException("rrfK must be >= 1: " + rrfK);
      }
      this.rrfK = rrfK;
      return this;
    }

    public Builder candidates(int candidates) {
      if (candidates < 1 || candidates > 10_000) {
        throw new IllegalArgumentException("candidates must be in [1, 10000]: " + candidates);
      }
      this.candidates = candidates;
      return this;
    }

    /** Catalog size from which dense retrieval uses HNSW; {@code Integer.MAX_VALUE} always scans exactly. */
    public Builder annThreshold(int annThreshold) {
      if (annThreshold < 0) {
        throw new IllegalArgumentException("annThreshold must be >= 0: " + annThreshold);
      }
      this.annThreshold = annThreshold;
      return this;
    }

    public Builder vectorStorage(VectorStorage vectorStorage) {
      this.vectorStorage = Objects.requireNonNull(vectorStorage, "vectorStorage");
      return this;
    }

    public Builder rerank(RerankWeights rerank) {
      this.rerank = Objects.requireNonNull(rerank, "rerank");
      return this;
    }

    public Builder maxQueryChars(int maxQueryChars) {
      if (maxQueryChars < 16) {
        throw new IllegalArgumentException("maxQueryChars must be >= 16: " + maxQueryChars);
      }
      this.maxQueryChars = maxQueryChars;
      return this;
    }

    /** Keeps the lexical index in this directory (created if absent) instead of in memory. */
    public Builder indexDirectory(Path directory) {
      this.indexDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    public SearchSettings build() {
      return new SearchSettings(this);
    }

    private static float boost(float value, String name) {
      if (!(value >= 0) || Float.isInfinite(value)) {
        throw new IllegalArgumentException(name + " boost must be finite and >= 0: " + value);
      }
      return value;
    }
  }
}
