package io.guidesdk.core.retrieval;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.text.ChineseScript;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.jspecify.annotations.Nullable;

/**
 * The SDK's default product ranker: BM25 and dense retrieval with the hard filters applied inside
 * each, fusion of the two lists (RRF or normalised linear), then a re-ranking stage over the union
 * of candidates with more features (see {@link RerankWeights}). Reads the index through a supplier,
 * so it follows catalog updates; each public method holds the snapshot it started on until it
 * returns, so an update that replaces the snapshot meanwhile does not close it under the call.
 * Thread-safe.
 */
public final class HybridRetriever implements ProductRetriever {
  private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern MODEL_NUMBER = Pattern.compile("(?=.*\\d)(?=.*\\p{L})[\\p{L}\\p{N}]{3,}|\\d{4,}");

  private final Supplier<ProductSearchIndex> index;
  private final Encoder encoder;
  private final Cache<String, float[]> queryVectors;
  /** The catalog snapshot last served and what converts a Chinese query to its script (ChineseScript). */
  private volatile @Nullable ScriptFor scriptFor;

  private record ScriptFor(Catalog catalog, UnaryOperator<String> convert) {}

  /**
   * @param index the current index snapshot (called once per search)
   * @param encoder the encoder the index was built with
   */
  public HybridRetriever(Supplier<ProductSearchIndex> index, Encoder encoder) {
    this.index = Objects.requireNonNull(index, "index");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.queryVectors = Caffeine.newBuilder().maximumSize(10_000).build();
  }

  /** The outcome of a search: the ranked products and any notices about the input. */
  public record SearchResult(List<ScoredProduct> products, List<String> notices) {
    public SearchResult {
      products = List.copyOf(products);
      notices = List.copyOf(notices);
    }
  }

  @Override
  public List<ScoredProduct> search(String query, ProductFilter filter, int k) {
    return search(SearchRequest.of(query, filter, k)).products();
  }

  /**
   * Runs one search. Problems with the input that leave nothing to show (contradictory price bounds,
   * a brand or category the catalog does not have) give an empty list and a notice naming the
   * problem and the nearest known values; a query longer than
   * {@link SearchSettings#maxQueryChars()} is cut with a notice.
   */
  public SearchResult search(SearchRequest request) {
    Objects.requireNonNull(request, "request");
    return withSnapshot(idx -> search(idx, request));
  }

  /**
   * Runs {@code work} on the current snapshot, held for the whole call: a catalog update may retire
   * the snapshot meanwhile, but its reader stays open until the call releases it.
   *
   * @throws IllegalStateException if the index is closed
   */
  private <T> T withSnapshot(java.util.function.Function<ProductSearchIndex, T> work) {
    for (int attempt = 0; ; attempt++) {
      ProductSearchIndex idx = index.get();
      if (!idx.tryAcquire()) {
        if (idx.isClosed()) {
          throw new IllegalStateException("the product search is closed");
        }
        if (attempt > 100) {
          throw new IllegalStateException("the index supplier keeps returning a retired snapshot");
        }
        continue; // retired between get() and acquire: a newer snapshot serves
      }
      try {
        return work.apply(idx);
      } finally {
        idx.release();
      }
    }
  }

  private SearchResult search(ProductSearchIndex idx, SearchRequest r) {
    List<String> notices = new ArrayList<>(FilterCheck.problems(idx.catalog(), r.filter()));
    if (!notices.isEmpty() || r.k() == 0) {
      return new SearchResult(List.of(), notices);
    }
    String query = toCatalogScript(idx.catalog()).apply(r.query().strip());
    int max = idx.settings().maxQueryChars();
    if (query.length() > max) {
      int cut = query.lastIndexOf(' ', max);
      query = query.substring(0, cut > max / 2 ? cut : max);
      notices.add("query longer than " + max + " characters was cut to its first " + query.length()
          + " (SearchSettings.maxQueryChars)");
    }
    if (query.isEmpty()) {
      Hits h = idx.browse(r.filter(), r.k());
      return new SearchResult(toProducts(idx, h), notices);
    }
    SearchSettings s = idx.settings();
    int c = Math.max(s.candidates(), r.k());
    String q = query;
    float[] cached = queryVectors.getIfPresent(q);
    Hits lexical;
    Hits dense;
    if (cached != null) {
      lexical = idx.lexical(q, r.filter(), c);
      dense = idx.dense(cached, r.filter(), c);
    } else {
      // BM25 does not need the query vector: it runs on another thread while the caller embeds the
      // query and searches the dense side (the caller holds the index snapshot until both are done).
      CompletableFuture<Hits> pending =
          CompletableFuture.supplyAsync(() -> idx.lexical(q, r.filter(), c), SearchThreads.STAGES);
      try {
        cached = embed(q);
        dense = idx.dense(cached, r.filter(), c);
      } catch (RuntimeException e) {
        try {
          pending.join(); // it reads the snapshot, which the caller releases once this returns
        } catch (RuntimeException x) {
          e.addSuppressed(x);
        }
        throw e;
      }
      lexical = join(pending);
    }
    float[] qv = cached;
    Set<Integer> union = new LinkedHashSet<>();
    for (int p : lexical.positions()) {
      union.add(p);
    }
    for (int p : dense.positions()) {
      union.add(p);
    }
    int[] candidates = union.stream().mapToInt(Integer::intValue).toArray();
    Hits ranked = rank(idx, query, qv, candidates, lexical, idx.denseScoresAreSimilarities(qv) ? dense : null,
        r.targetPrice(), r.affinity());
    Hits top = new Hits(Arrays.copyOf(ranked.positions(), Math.min(r.k(), ranked.size())),
        Arrays.copyOf(ranked.scores(), Math.min(r.k(), ranked.size())));
    return new SearchResult(toProducts(idx, top), notices);
  }

  /**
   * Orders a given set of products for {@code query} with the full ranker (the re-rank task):
   * lexical and dense scores of each, fusion, then the re-ranking features.
   */
  public List<ScoredProduct> rerank(String query, List<Product> products) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(products, "products");
    return withSnapshot(idx -> {
      int[] positions = positions(idx, products);
      return toProducts(idx, rank(idx, query, embed(query), positions, null, null, null, SearchRequest.NO_AFFINITY));
    });
  }

  /**
   * The re-ranking features of {@code products} for {@code query}: one row per {@link RerankWeights}
   * component (in {@link RerankWeights#names()} order), one column per product, each in [0, 1].
   * For training weights on a shop's own judgments ({@link io.guidesdk.core.retrieval.eval.RerankTrainer}).
   */
  public double[][] featureMatrix(String query, List<Product> products) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(products, "products");
    return withSnapshot(idx -> {
      int[] positions = positions(idx, products);
      float[] qv = embed(query);
      double[] lex = idx.lexicalScores(query, positions);
      double[] den = new double[positions.length];
      for (int i = 0; i < positions.length; i++) {
        den[i] = idx.similarity(qv, positions[i]);
      }
      return features(idx, query, qv, positions, lex, den, null, SearchRequest.NO_AFFINITY, true);
    });
  }

  private static int[] positions(ProductSearchIndex idx, List<Product> products) {
    int[] positions = new int[products.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = idx.catalog().indexOf(products.get(i).id());
      if (positions[i] < 0) {
        throw new IllegalArgumentException("product " + products.get(i).id() + " is not in the catalog");
      }
    }
    return positions;
  }

  private static Hits join(CompletableFuture<Hits> pending) {
    try {
      return pending.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** The query's vector, cached: shoppers repeat queries and refinements. */
  float[] embed(String query) {
    return queryVectors.get(query, q -> encoder.embed(q, EmbeddingPurpose.QUERY));
  }

  private static List<ScoredProduct> toProducts(ProductSearchIndex idx, Hits h) {
    List<ScoredProduct> out = new ArrayList<>(h.size());
    for (int i = 0; i < h.size(); i++) {
      out.add(new ScoredProduct(idx.catalog().products().get(h.positions()[i]), h.scores()[i]));
    }
    return out;
  }

  /**
   * Scores {@code candidates} with the fusion and re-ranking stages and sorts them best first.
   * {@code lexicalHits}, when given, are BM25 hits of the same query whose scores are reused (a
   * filter clause does not change a BM25 score); only the other candidates are scored again.
   * {@code denseHits}, when given, are dense hits whose scores are the query's cosine with each
   * product (see {@link ProductSearchIndex#denseScoresAreSimilarities}), reused the same
   * way: a product vector is a random 1.5 KB read, the largest part of this stage's time.
   */
  static Hits rank(ProductSearchIndex idx, String query, float[] qv, int[] candidates, @Nullable Hits lexicalHits,
      @Nullable Hits denseHits, @Nullable BigDecimal targetPrice, java.util.function.ToDoubleFunction<Product> affinity) {
    int n = candidates.length;
    SearchSettings s = idx.settings();
    double[] lex = lexicalScores(idx, query, candidates, lexicalHits);
    double[] den = denseScores(idx, qv, candidates, denseHits);
    double[][] f = features(idx, query, qv, candidates, lex, den, targetPrice, affinity, false);
    double[] w = s.rerank().toArray();
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < w.length; j++) {
        sum += w[j] * f[j][i];
      }
      score[i] = sum;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // stable: ties keep the candidates' order (lexical first, then dense)
    Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
    int[] pos = new int[n];
    double[] sc = new double[n];
    for (int i = 0; i < n; i++) {
      pos[i] = candidates[order[i]];
      sc[i] = score[order[i]];
    }
    return new Hits(pos, sc);
  }

  /** The cosines of {@code candidates} with {@code qv}, reusing those {@code known} already holds. */
  private static double[] denseScores(ProductSearchIndex idx, float[] qv, int[] candidates, @Nullable Hits known) {
    Map<Integer, Double> scores = new HashMap<>(known == null ? 1 : known.size() * 2);
    if (known != null) {
      for (int i = 0; i < known.size(); i++) {
        scores.put(known.positions()[i], known.scores()[i]);
      }
    }
    double[] out = new double[candidates.length];
    for (int i = 0; i < candidates.length; i++) {
      Double v = scores.get(candidates[i]);
      out[i] = v != null ? v : idx.similarity(qv, candidates[i]);
    }
    return out;
  }

  /** The BM25 scores of {@code candidates}, reusing those {@code known} already holds. */
  private static double[] lexicalScores(ProductSearchIndex idx, String query, int[] candidates, @Nullable Hits known) {
    if (known == null) {
      return idx.lexicalScores(query, candidates);
    }
    Map<Integer, Double> scores = new HashMap<>(known.size() * 2);
    for (int i = 0; i < known.size(); i++) {
      scores.put(known.positions()[i], known.scores()[i]);
    }
    double[] out = new double[candidates.length];
    int[] missing = new int[candidates.length];
    int[] missingAt = new int[candidates.length];
    int m = 0;
    for (int i = 0; i < candidates.length; i++) {
      Double v = scores.get(candidates[i]);
      if (v != null) {
        out[i] = v;
      } else {
        missing[m] = candidates[i];
        missingAt[m++] = i;
      }
    }
    if (m > 0) {
      double[] rest = idx.lexicalScores(query, Arrays.copyOf(missing, m));
      for (int j = 0; j < m; j++) {
        out[missingAt[j]] = rest[j];
      }
    }
    return out;
  }

  /**
   * The feature matrix, one row per {@link RerankWeights} component, one column per candidate. Unless
   * {@code all}, rows whose weight is zero are left at zero rather than computed.
   */
  static double[][] features(ProductSearchIndex idx, String query, float[] qv, int[] candidates, double[] lex, double[] den,
      @Nullable BigDecimal targetPrice, java.util.function.ToDoubleFunction<Product> affinity, boolean all) {
    int n = candidates.length;
    SearchSettings s = idx.settings();
    double[] w = s.rerank().toArray();
    double[][] f = new double[12][n];
    f[0] = Fusion.minMax(lex);
    f[1] = Fusion.minMax(den);
    if (all || w[2] != 0) {
      f[2] = Fusion.minMax(idx.titleLexicalScores(query, candidates));
    }
    if (all || w[3] != 0) {
      double[] tden = new double[n];
      for (int i = 0; i < n; i++) {
        tden[i] = idx.titleSimilarity(qv, candidates[i]);
      }
      f[3] = Fusion.minMax(tden);
    }
    if (all || w[4] != 0) {
      Hits lexHits = sortedHits(candidates, lex, true);
      Hits denHits = sortedHits(candidates, den, false);
      Map<Integer, Double> fused = s.fusion() == SearchSettings.Fusion.RRF
          ? Fusion.rrf(lexHits, denHits, s.lexicalWeight(), s.denseWeight(), s.rrfK())
          : Fusion.linear(lexHits, denHits, s.lexicalWeight(), s.denseWeight());
      double[] fz = new double[n];
      for (int i = 0; i < n; i++) {
        fz[i] = fused.getOrDefault(candidates[i], 0.0);
      }
      f[4] = Fusion.minMax(fz);
    }
    TitleTerms titleTerms = idx.titleTerms();
    int[] qTerms = titleTerms.query(terms(idx.analyzer(), query));
    int[] qSet = Arrays.stream(qTerms).distinct().toArray();
    Set<String> qWords = new HashSet<>(Arrays.asList(WORDS.split(query.toLowerCase(Locale.ROOT))));
    List<String> models = qWords.stream().filter(t -> MODEL_NUMBER.matcher(t).matches()).toList();
    for (int i = 0; i < n; i++) {
      Product p = idx.catalog().products().get(candidates[i]);
      if (qSet.length > 0) {
        int hit = 0;
        for (int t : qSet) {
          if (titleTerms.titleHas(candidates[i], t)) {
            hit++;
          }
        }
        f[5][i] = (double) hit / qSet.length;
        f[6][i] = qTerms.length >= 2 && titleTerms.titleHasRun(candidates[i], qTerms) ? 1 : 0;
      }
      int[] b = titleTerms.brand(p);
      f[7][i] = b.length > 0 && TitleTerms.containsSequence(qTerms, b) ? 1 : 0;
      if (!models.isEmpty() && (all || w[8] != 0)) {
        Set<String> titleWords = new HashSet<>(Arrays.asList(WORDS.split(p.title().toLowerCase(Locale.ROOT))));
        f[8][i] = models.stream().anyMatch(titleWords::contains) ? 1 : 0;
      }
      if (targetPrice != null && targetPrice.signum() > 0) {
        double ratio = p.price().amount().doubleValue() / targetPrice.doubleValue();
        f[9][i] = ratio > 0 ? Math.max(0, 1 - Math.abs(Math.log(ratio))) : 0;
      }
      f[10][i] = idx.popularityPrior(p);
      double a = affinity.applyAsDouble(p);
      f[11][i] = Double.isFinite(a) ? Math.max(0, Math.min(1, a)) : 0;
    }
    return f;
  }

  private static Hits sortedHits(int[] candidates, double[] scores, boolean dropZero) {
    Integer[] order = new Integer[candidates.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    int m = 0;
    int[] pos = new int[order.length];
    double[] sc = new double[order.length];
    for (Integer o : order) {
      if (dropZero && scores[o] <= 0) {
        continue; // no lexical match: absent from the lexical list
      }
      pos[m] = candidates[o];
      sc[m] = scores[o];
      m++;
    }
    return new Hits(Arrays.copyOf(pos, m), Arrays.copyOf(sc, m));
  }

  /** The analyzed terms of {@code text} as the title field sees them. */
  static List<String> terms(Analyzer analyzer, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(ProductSearchIndex.TITLE, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Converts a Chinese query to {@code catalog}'s script; worked out once per catalog snapshot. */
  private UnaryOperator<String> toCatalogScript(Catalog catalog) {
    ScriptFor s = scriptFor;
    if (s == null || s.catalog() != catalog) {
      s = new ScriptFor(catalog, ChineseScript.forCatalog(catalog));
      scriptFor = s;
    }
    return s.convert();
  }
}
