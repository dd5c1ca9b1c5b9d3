package io.guidesdk.core.retrieval;

import io.guidesdk.CatalogException;
import io.guidesdk.CatalogProblem;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.spi.Encoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.jspecify.annotations.Nullable;

/**
 * One immutable snapshot of the search index over a {@link Catalog}: a Lucene index (BM25 over
 * title, brand, category and description, plus the filter fields) and the products' embedding
 * vectors for the dense retriever (exact scan, or Lucene's HNSW graph from
 * {@link SearchSettings#annThreshold()} products on).
 *
 * <p>Thread-safe. {@link #update} builds the next snapshot (re-embedding and re-indexing only the
 * changed products) while this one keeps serving; snapshots of one lineage share the Lucene writer,
 * so updates must be applied one at a time to the newest snapshot (use {@link ProductSearch}, which
 * does this on a background thread). Close the last snapshot of a lineage to free the index.
 */
public final class ProductSearchIndex implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProductSearchIndex.class);
  static final String ID = "id";
  static final String TITLE = "title";
  static final String BRAND = "brand";
  static final String CATEGORY = "category";
  static final String DESCRIPTION = "description";
  static final String F_CATEGORY = "f_category";
  static final String F_BRAND = "f_brand";
  static final String F_ATTRIBUTE = "f_attribute";
  /** Prefix of the per-attribute point fields of numeric attribute values. */
  static final String F_NUMERIC = "n_";
  static final String F_STOCK = "f_stock";
  static final String PRICE = "price";
  static final String VECTOR = "vector";

  /** State shared by the snapshots of one lineage. */
  private static final class Lineage {
    final SearchSettings settings;
    final Analyzer analyzer;
    final Directory directory;
    final IndexWriter writer;
    final boolean ann;
    /** A folder this lineage created for its index and deletes on close, or null. */
    final @Nullable Path scratch;
    /** Ids of the analysed title and brand terms, shared by the snapshots. */
    final TitleTerms.Dictionary terms = new TitleTerms.Dictionary();
    /** The snapshots not yet freed (guarded by this). */
    private final Set<ProductSearchIndex> live = new HashSet<>();
    /** Set by {@link #close()}: no new snapshot, and the writer is freed with the last live one. */
    private volatile boolean closed;
    private boolean freed; // guarded by this

    Lineage(SearchSettings settings, Analyzer analyzer, Directory directory, IndexWriter writer, boolean ann,
        @Nullable Path scratch) {
      this.settings = settings;
      this.analyzer = analyzer;
      this.directory = directory;
      this.writer = writer;
      this.ann = ann;
      this.scratch = scratch;
    }

    /** Adds a new snapshot; false once the lineage is closed. */
    synchronized boolean register(ProductSearchIndex snapshot) {
      if (closed) {
        return false;
      }
      live.add(snapshot);
      return true;
    }

    /**
     * Retires every snapshot (each keeps serving the searches that hold it) and frees the writer,
     * directory and scratch folder once the last of them is freed. Idempotent.
     */
    void close() {
      List<ProductSearchIndex> serving;
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
        serving = List.copyOf(live);
      }
      for (ProductSearchIndex s : serving) {
        s.retire();
      }
      freeIfDone();
    }

    /** Called once per snapshot, when its last holder let go of it. */
    void freed(ProductSearchIndex snapshot) {
      synchronized (this) {
        live.remove(snapshot);
      }
      freeIfDone();
    }

    private void freeIfDone() {
      synchronized (this) {
        if (!closed || !live.isEmpty() || freed) {
          return;
        }
        freed = true;
      }
      try {
        if (writer.isOpen()) {
          writer.close();
        }
        directory.close();
      } catch (IOException | RuntimeException e) {
        // Runs on whichever thread let go last, often a search's: report it, do not fail that search.
        LOG.warn("could not close the search index cleanly: {}", e.toString());
      } finally {
        deleteScratch(scratch);
      }
    }
  }

  private final Lineage lineage;
  private final Catalog catalog;
  private final EmbeddingIndex embeddings;
  private final @Nullable EmbeddingIndex titles;
  private final @Nullable Int8Vectors int8;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  /**
   * Searches the HNSW graphs, one task per segment's graph when there are several; {@link #searcher}
   * otherwise. BM25 keeps the single-threaded searcher: it runs beside the query embedding, and
   * splitting it would take the core the embedding runs on.
   */
  private final IndexSearcher graphSearcher;
  private final double maxLogPopularity;
  /** Every product vector has unit length (HNSW lineages only): graph scores are then their cosines. */
  private final boolean unitVectors;
  private final TitleTerms titleTerms;
  /**
   * One reference for the lineage (until {@link #retire} or {@link #close}) plus one per holder
   * ({@link #tryAcquire}); at zero the snapshot's reader is freed, and with the last snapshot of a
   * closed lineage the writer, directory and scratch folder.
   */
  private final java.util.concurrent.atomic.AtomicInteger refs = new java.util.concurrent.atomic.AtomicInteger(1);
  private final java.util.concurrent.atomic.AtomicBoolean retired = new java.util.concurrent.atomic.AtomicBoolean();

  private ProductSearchIndex(Lineage lineage, EmbeddingIndex embeddings, @Nullable EmbeddingIndex titles,
      DirectoryReader reader, TitleTerms titleTerms) {
    this.lineage = lineage;
    this.titleTerms = titleTerms;
    this.catalog = embeddings.catalog();
    this.embeddings = embeddings;
    this.titles = titles;
    this.int8 = lineage.settings.vectorStorage() == SearchSettings.VectorStorage.INT8 && !lineage.ann
        ? Int8Vectors.quantize(embeddings.rawVectors(), embeddings.dimension()) : null;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    // every query carries its own candidate-id filter: caching filters would only cost
    this.searcher.setQueryCache(null);
    if (lineage.ann && reader.leaves().size() > 1) {
      this.graphSearcher = new IndexSearcher(reader, SearchThreads.GRAPH_SEARCHES);
      this.graphSearcher.setQueryCache(null);
    } else {
      this.graphSearcher = searcher;
    }
    double max = 0;
    for (Product p : catalog.products()) {
      max = Math.max(max, Math.log1p(p.popularity()));
    }
    this.maxLogPopularity = max;
    // one pass over the vectors per graph snapshot, so that every search can reuse the graph's scores
    this.unitVectors = lineage.ann && unitLength(embeddings.rawVectors(), embeddings.dimension());
  }

  private static final double UNIT_TOLERANCE = 1e-4;

  private static boolean unitLength(float[] vectors, int dim) {
    for (int base = 0; base < vectors.length; base += dim) {
      if (Math.abs(dot(vectors, vectors, base, dim, base) - 1) > UNIT_TOLERANCE) {
        return false;
      }
    }
    return true;
  }

  /** Embeds every product with {@code encoder} and indexes the catalog. */
  public static ProductSearchIndex build(Catalog catalog, Encoder encoder, SearchSettings settings,
      IndexProgress progress) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(progress, "progress");
    int total = catalog.size();
    // embedding is the slow half: report it as the first half of the progress
    EmbeddingIndex embeddings = EmbeddingIndex.build(catalog, encoder, (done, t) -> progress.onProgress(done / 2, total));
    EmbeddingIndex titles = settings.titleVectors()
        ? EmbeddingIndex.of(catalog, encoder.dimension(), embedTitles(catalog.products(), encoder)) : null;
    return build(embeddings, titles, settings, (done, t) -> progress.onProgress(total / 2 + done / 2, total));
  }

  /** The title-only vectors of {@code products}, row-major. */
  static float[] embedTitles(List<Product> products, Encoder encoder) {
    return embedTitles(products, encoder, () -> {});
  }

  /** As {@link #embedTitles(List, Encoder)}, running {@code beforeChunk} before each chunk is embedded. */
  private static float[] embedTitles(List<Product> products, Encoder encoder, Runnable beforeChunk) {
    int dim = encoder.dimension();
    float[] out = new float[products.size() * dim];
    for (int start = 0; start < products.size(); start += 256) {
      beforeChunk.run();
      List<Product> chunk = products.subList(start, Math.min(products.size(), start + 256));
      List<float[]> v = encoder.embedAll(chunk.stream().map(Product::title).toList(),
          io.guidesdk.spi.EmbeddingPurpose.PASSAGE);
      for (int i = 0; i < v.size(); i++) {
        System.arraycopy(v.get(i), 0, out, (start + i) * dim, dim);
      }
    }
    return out;
  }

  /** Indexes a catalog whose vectors are already computed, without title vectors. */
  public static ProductSearchIndex build(EmbeddingIndex embeddings, SearchSettings settings, IndexProgress progress) {
    return build(embeddings, null, settings, progress);
  }

  /**
   * Indexes a catalog whose vectors are already computed (row i of {@code embeddings} is product i);
   * {@code titles}, if given, holds the title-only vectors in the same order.
   */
  public static ProductSearchIndex build(EmbeddingIndex embeddings, @Nullable EmbeddingIndex titles,
      SearchSettings settings, IndexProgress progress) {
    Objects.requireNonNull(embeddings, "embeddings");
    if (titles != null && (titles.catalog() != embeddings.catalog() || titles.dimension() != embeddings.dimension())) {
      throw new IllegalArgumentException("title vectors must cover the same catalog with the same dimension");
    }
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(progress, "progress");
    Analyzer analyzer = analyzer(settings.analysis());
    boolean ann = embeddings.catalog().size() >= settings.annThreshold();
    Path scratch = null;
    try {
      Directory dir;
      if (settings.indexDirectory().isPresent()) {
        dir = FSDirectory.open(settings.indexDirectory().get());
      } else if (ann) {
        // The graph's vectors are a second copy of the embeddings (1.5 GB at 1M products): in a
        // heap directory they would double the heap. Memory-mapped from a scratch folder they live in
        // the page cache, and graph searches ran about 10% faster too (p50 1.35-1.49 vs 1.51-1.59 ms
        // at 55k products, the same queries).
        scratch = Files.createTempDirectory("guide-sdk-index-");
        dir = FSDirectory.open(scratch);
      } else {
        dir = new ByteBuffersDirectory();
      }
      IndexWriterConfig cfg = new IndexWriterConfig(analyzer)
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
          .setRAMBufferSizeMB(ann ? graphBufferMb() : 256)
          .setUseCompoundFile(false);
      int threads = ann ? Math.max(1, Math.min(MAX_INDEXING_THREADS, Runtime.getRuntime().availableProcessors())) : 1;
      if (threads > 1) {
        cfg.setCodec(new GraphMergingCodec(threads));
      }
      IndexWriter writer = new IndexWriter(dir, cfg);
      Lineage lineage = new Lineage(settings, analyzer, dir, writer, ann, scratch);
      List<Product> products = embeddings.catalog().products();
      int total = products.size();
      progress.onProgress(0, total);
      // Lucene builds the HNSW graph as documents are added, one graph per indexing thread's segment:
      // with a graph to build, index from one thread per core. BM25 alone is fast: one thread.
      addAll(writer, products, ann ? embeddings : null, threads, progress);
      if (ann && total <= settings.singleGraphUpTo()) {
        // One graph instead of one per segment: a query then walks one graph instead of several
        // (SearchSettings#singleGraphUpTo). The merge keeps the largest segment's graph and inserts the
        // others' vectors into it, on all cores (GraphMergingCodec).
        writer.forceMerge(1);
      }
      writer.commit();
      TitleTerms terms = TitleTerms.of(embeddings.catalog(), analyzer, lineage.terms);
      return serve(lineage, embeddings, titles, DirectoryReader.open(writer), terms);
    } catch (IOException e) {
      deleteScratch(scratch);
      throw new UncheckedIOException("cannot build the search index: " + e.getMessage(), e);
    }
  }

  /** A new snapshot of {@code lineage}, registered with it; fails if the lineage was closed meanwhile. */
  private static ProductSearchIndex serve(Lineage lineage, EmbeddingIndex embeddings, @Nullable EmbeddingIndex titles,
      DirectoryReader reader, TitleTerms terms) throws IOException {
    ProductSearchIndex s;
    try {
      s = new ProductSearchIndex(lineage, embeddings, titles, reader, terms);
    } catch (RuntimeException e) {
      reader.decRef();
      throw e;
    }
    if (!lineage.register(s)) {
      reader.decRef();
      throw closed();
    }
    return s;
  }

  private static IllegalStateException closed() {
    return new IllegalStateException("the search index is closed");
  }

  /**
   * The next snapshot: these products added or replaced (matched by id) and those ids removed. Only
   * the upserted products are embedded and re-indexed; this snapshot is unchanged and keeps serving.
   *
   * <p>Once the index is {@link #close closed} an update in progress stops at its next step (before
   * the next chunk of 256 products is embedded, and before the Lucene index is changed) and throws
   * {@link IllegalStateException}; the Lucene changes and the commit are never interrupted.
   *
   * @throws CatalogException if a removal names an unknown id (nothing is applied then)
   * @throws IllegalArgumentException if an upsert is priced in another currency than the catalog
   *     (nothing is applied then)
   * @throws IllegalStateException if the index is closed, or this snapshot was replaced by a newer
   *     one in a {@link ProductSearch}
   */
  public ProductSearchIndex update(List<Product> upserts, Set<String> removals, Encoder encoder,
      IndexProgress progress) {
    Objects.requireNonNull(upserts, "upserts");
    Objects.requireNonNull(removals, "removals");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(progress, "progress");
    // Held for the whole update: the old reader and the shared writer stay open even if the index is
    // closed meanwhile, so the update either stops at a step boundary or finishes on open resources.
    if (!tryAcquire()) {
      throw lineage.closed ? closed()
          : new IllegalStateException("this snapshot was replaced by a newer one; update the newest snapshot");
    }
    try {
      return updateHeld(upserts, removals, encoder, progress);
    } finally {
      release();
    }
  }

  /** Throws if the lineage was closed: the step boundary where an update in progress stops. */
  private void checkOpen() {
    if (lineage.closed) {
      throw closed();
    }
  }

  private ProductSearchIndex updateHeld(List<Product> upserts, Set<String> removals, Encoder encoder,
      IndexProgress progress) {
    // The arguments first: an id both upserted and removed is not "unknown" to remove.
    Set<String> seen = new HashSet<>();
    for (Product p : upserts) {
      if (!seen.add(p.id())) {
        throw new IllegalArgumentException("product id upserted twice in one update: " + p.id());
      }
      if (removals.contains(p.id())) {
        throw new IllegalArgumentException("product id both upserted and removed in one update: " + p.id());
      }
    }
    List<String> unknown = removals.stream().filter(id -> !catalog.contains(id)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new CatalogException(unknown.stream()
          .map(id -> new CatalogProblem("update", 0, "id", "cannot remove " + id + ": no product has this id"))
          .toList());
    }
    // Built before the embedding, which it does not need, so that a refused update (an upsert in
    // another currency) fails at once.
    Catalog next = catalog.with(upserts, removals);
    int total = upserts.size() + removals.size();
    progress.onProgress(0, total);
    List<float[]> fresh = new ArrayList<>(upserts.size());
    for (int start = 0; start < upserts.size(); start += 256) {
      checkOpen();
      List<Product> chunk = upserts.subList(start, Math.min(upserts.size(), start + 256));
      fresh.addAll(encoder.embedAll(chunk.stream().map(EmbeddingIndex::passageText).toList(),
          io.guidesdk.spi.EmbeddingPurpose.PASSAGE));
      progress.onProgress(Math.min(upserts.size(), start + 256) / 2, total);
    }
    int dim = embeddings.dimension();
    Map<String, float[]> byId = new HashMap<>();
    for (int i = 0; i < upserts.size(); i++) {
      byId.put(upserts.get(i).id(), fresh.get(i));
    }
    float[] vectors = new float[next.size() * dim];
    float[] old = embeddings.rawVectors();
    for (int i = 0; i < next.size(); i++) {
      String id = next.products().get(i).id();
      float[] v = byId.get(id);
      if (v != null) {
        System.arraycopy(v, 0, vectors, i * dim, dim);
      } else {
        System.arraycopy(old, catalog.indexOf(id) * dim, vectors, i * dim, dim);
      }
    }
    EmbeddingIndex nextEmbeddings = EmbeddingIndex.of(next, dim, vectors);
    EmbeddingIndex nextTitles = null;
    if (titles != null) {
      float[] fresh2 = embedTitles(upserts, encoder, this::checkOpen);
      Map<String, Integer> row = new HashMap<>();
      for (int i = 0; i < upserts.size(); i++) {
        row.put(upserts.get(i).id(), i);
      }
      float[] tv = new float[next.size() * dim];
      float[] oldT = titles.rawVectors();
      for (int i = 0; i < next.size(); i++) {
        String id = next.products().get(i).id();
        Integer r = row.get(id);
        if (r != null) {
          System.arraycopy(fresh2, r * dim, tv, i * dim, dim);
        } else {
          System.arraycopy(oldT, catalog.indexOf(id) * dim, tv, i * dim, dim);
        }
      }
      nextTitles = EmbeddingIndex.of(next, dim, tv);
    }
    checkOpen(); // the last step boundary: from here the update runs to the end
    try {
      IndexWriter w = lineage.writer;
      int done = upserts.size() / 2;
      for (String id : removals) {
        w.deleteDocuments(new Term(ID, id));
        progress.onProgress(++done, total);
      }
      for (int i = 0; i < upserts.size(); i++) {
        Product p = upserts.get(i);
        w.updateDocument(new Term(ID, p.id()), document(p, lineage.ann ? fresh.get(i) : null));
      }
      w.commit();
      DirectoryReader nextReader = DirectoryReader.openIfChanged(reader, w);
      if (nextReader == null) {
        reader.incRef();
        nextReader = reader;
      }
      TitleTerms nextTerms = titleTerms.update(catalog, next, seen, lineage.analyzer);
      progress.onProgress(total, total);
      return serve(lineage, nextEmbeddings, nextTitles, nextReader, nextTerms);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the search index: " + e.getMessage(), e);
    }
  }

  /**
   * The indexing buffer when a graph is built: a quarter of the heap, between 256 and 1,900 MB. A
   * flush ends a segment and so its graph; a buffer that holds the whole catalog leaves one graph
   * per indexing thread. At 1M products (about 2 KB each while indexing) on two cores this gave 2
   * segments instead of about 8 with 256 MB, and a faster build (741-771 s in two bench runs, against
   * 1,066 s in an earlier one; docs/performance.md). The buffer
   * is a flush threshold, not an allocation: smaller catalogs use what they need. 1,900 MB stays
   * under Lucene's per-thread hard limit (1,945 MB).
   */
  static double graphBufferMb() {
    return Math.max(256, Math.min(1900, Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024)));
  }

  /** The most threads indexing a catalog with an HNSW graph uses. */
  static final int MAX_INDEXING_THREADS = 8;

  /**
   * Lucene's default codec with the default HNSW parameters (M 16, beam 100), except that segment
   * merges build the merged graph on {@code workers} threads instead of one. The files it writes are
   * the default format's, so any reader opens them with the default codec.
   */
  private static final class GraphMergingCodec extends org.apache.lucene.codecs.lucene912.Lucene912Codec {
    private final org.apache.lucene.codecs.KnnVectorsFormat vectors;

    GraphMergingCodec(int workers) {
      this.vectors = new org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat(
          org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN,
          org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH, workers,
          SearchThreads.GRAPH_MERGES);
    }

    @Override
    public org.apache.lucene.codecs.KnnVectorsFormat getKnnVectorsFormatForField(String field) {
      return vectors;
    }
  }

  private static void addAll(IndexWriter writer, List<Product> products, @Nullable EmbeddingIndex vectors, int threads,
      IndexProgress progress) throws IOException {
    int total = products.size();
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    int[] reported = {0}; // guarded by itself: progress is reported from one thread at a time, never backwards
    java.util.function.IntConsumer range = t -> {
      int from = (int) ((long) total * t / threads);
      int to = (int) ((long) total * (t + 1) / threads);
      try {
        for (int i = from; i < to; i++) {
          writer.addDocument(document(products.get(i), vectors != null ? vectors.vector(i) : null));
          int n = done.incrementAndGet();
          if (n % 1024 == 0 || n == total) {
            synchronized (reported) {
              if (n > reported[0]) {
                reported[0] = n;
                progress.onProgress(n, total);
              }
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    if (threads == 1) {
      try {
        range.accept(0);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      return;
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
      Thread th = new Thread(r, "guide-indexing");
      th.setDaemon(true);
      return th;
    });
    try {
      List<java.util.concurrent.Future<?>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int part = t;
        parts.add(pool.submit(() -> range.accept(part)));
      }
      for (java.util.concurrent.Future<?> f : parts) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof UncheckedIOException u) {
            throw u.getCause();
          }
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new IllegalStateException("indexing failed", e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while indexing", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Document document(Product p, float @Nullable [] vector) {
    Document d = new Document();
    d.add(new StringField(ID, p.id(), Field.Store.NO));
    d.add(new SortedDocValuesField(ID, new BytesRef(p.id())));
    d.add(new TextField(TITLE, p.title(), Field.Store.NO));
    if (!p.brand().isBlank()) {
      d.add(new TextField(BRAND, p.brand(), Field.Store.NO));
      d.add(new StringField(F_BRAND, lower(p.brand()), Field.Store.NO));
    }
    if (!p.categoryPath().isEmpty()) {
      d.add(new TextField(CATEGORY, String.join(" ", p.categoryPath()), Field.Store.NO));
      for (String c : p.categoryPath()) {
        d.add(new StringField(F_CATEGORY, lower(c), Field.Store.NO));
      }
    }
    if (!p.description().isBlank()) {
      d.add(new TextField(DESCRIPTION, p.description(), Field.Store.NO));
    }
    p.attributes().forEach((k, v) -> {
      d.add(new StringField(F_ATTRIBUTE, attributeTerm(k, v), Field.Store.NO));
      ProductFilter.Range.numberOf(v).ifPresent(x -> d.add(new DoublePoint(numericField(k), x)));
    });
    d.add(new StringField(F_STOCK, p.inStock() ? "y" : "n", Field.Store.NO));
    d.add(new DoublePoint(PRICE, p.price().amount().doubleValue()));
    if (vector != null) {
      d.add(new KnnFloatVectorField(VECTOR, normalized(vector), VectorSimilarityFunction.DOT_PRODUCT));
    }
    return d;
  }

  static Analyzer analyzer(SearchSettings.Analysis analysis) {
    return switch (analysis) {
      case ENGLISH -> new EnglishAnalyzer();
      case CJK -> new CJKAnalyzer();
      case STANDARD -> new StandardAnalyzer();
    };
  }

  public Catalog catalog() {
    return catalog;
  }

  /** The product vectors, row i for product i of {@link #catalog()}. */
  public EmbeddingIndex embeddings() {
    return embeddings;
  }

  public SearchSettings settings() {
    return lineage.settings;
  }

  /** How many HNSW graphs a dense search of this snapshot walks (one per index segment); 0 without a graph. */
  public int graphCount() {
    return lineage.ann ? reader.leaves().size() : 0;
  }

  /** The HNSW search beam of this snapshot ({@link SearchSettings#annBeam()}, resolved); 0 without a graph. */
  public int annBeam() {
    return lineage.ann ? lineage.settings.annBeamFor(catalog.size()) : 0;
  }

  /** Whether dense retrieval uses the HNSW graph (decided when the lineage was built). */
  public boolean usesAnn() {
    return lineage.ann;
  }

  Analyzer analyzer() {
    return lineage.analyzer;
  }

  /** Every product's analysed title and brand terms (as the title field's analyzer produces them), as ids. */
  TitleTerms titleTerms() {
    return titleTerms;
  }

  /** log1p(popularity) scaled to [0, 1] over the catalog. */
  double popularityPrior(Product p) {
    return maxLogPopularity > 0 ? Math.log1p(p.popularity()) / maxLogPopularity : 0;
  }

  // ---------------------------------------------------------------------------------------------
  // lexical

  /**
   * The BM25 query for {@code text}: the per-field term clauses plus, with {@code phraseBoost > 0},
   * the boosted title-phrase clause; null when no term survives analysis.
   */
  @Nullable Query textQuery(String text) {
    Query terms = termsQuery(text);
    if (terms == null) {
      return null;
    }
    Query phrase = phraseQuery(text);
    if (phrase == null) {
      return terms;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    ((BooleanQuery) terms).clauses().forEach(b::add);
    return b.add(phrase, Occur.SHOULD).build();
  }

  /** The per-field term clauses of {@link #textQuery} alone, or null when no term survives analysis. */
  private @Nullable Query termsQuery(String text) {
    SearchSettings s = lineage.settings;
    QueryBuilder qb = new QueryBuilder(lineage.analyzer);
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int clauses = 0;
    clauses += addField(b, qb, TITLE, text, s.titleBoost());
    clauses += addField(b, qb, BRAND, text, s.brandBoost());
    clauses += addField(b, qb, CATEGORY, text, s.categoryBoost());
    clauses += addField(b, qb, DESCRIPTION, text, s.descriptionBoost());
    return clauses == 0 ? null : b.build();
  }

  /** The boosted title-phrase clause of {@link #textQuery}, or null when off or the query has one term. */
  private @Nullable Query phraseQuery(String text) {
    float boost = lineage.settings.phraseBoost();
    if (boost <= 0) {
      return null;
    }
    Query phrase = new QueryBuilder(lineage.analyzer).createPhraseQuery(TITLE, text);
    return phrase == null || phrase instanceof TermQuery ? null : new BoostQuery(phrase, boost);
  }

  private static int addField(BooleanQuery.Builder b, QueryBuilder qb, String field, String text, float boost) {
    if (boost <= 0) {
      return 0;
    }
    Query q = qb.createBooleanQuery(field, text, Occur.SHOULD);
    if (q == null) {
      return 0;
    }
    // One flat disjunction of (field, term) clauses instead of a disjunction per field: the same sum of
    // the same boosted term scores, but Lucene's dynamic pruning (MaxScore) sees every term's score
    // bound and skips products that cannot reach the top hits. At 1M synthetic products BM25 took
    // 3.6-3.8 instead of 6-10 ms p50, with the same hits (decision 0507).
    if (q instanceof BooleanQuery bq && bq.clauses().stream().allMatch(c -> c.getOccur() == Occur.SHOULD)) {
      // Lucene refuses a query of more than IndexSearcher.getMaxClauseCount() (1,024) leaf clauses; a
      // Chinese query at maxQueryChars makes about 500 bigrams per field, so each of the four fields
      // keeps its first terms up to a quarter of the limit (one clause left for the title phrase).
      int cap = Math.max(1, (IndexSearcher.getMaxClauseCount() - 1) / 4);
      List<org.apache.lucene.search.BooleanClause> clauses = bq.clauses();
      for (org.apache.lucene.search.BooleanClause c : clauses.subList(0, Math.min(cap, clauses.size()))) {
        b.add(boost == 1f ? c.getQuery() : new BoostQuery(c.getQuery(), boost), Occur.SHOULD);
      }
      return 1;
    }
    b.add(boost == 1f ? q : new BoostQuery(q, boost), Occur.SHOULD);
    return 1;
  }

  /** The filter as a Lucene query, or null when it constrains nothing. */
  static @Nullable Query filterQuery(ProductFilter f) {
    if (f.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    if (f.categories().isEmpty() && f.brands().isEmpty() && f.attributes().isEmpty() && f.attributeRanges().isEmpty()
        && f.minPrice() == null && f.maxPrice() == null && !f.inStockOnly()) {
      b.add(new MatchAllDocsQuery(), Occur.FILTER); // only exclusions: they need something to exclude from
    }
    if (f.inStockOnly()) {
      b.add(new TermQuery(new Term(F_STOCK, "y")), Occur.FILTER);
    }
    if (f.minPrice() != null || f.maxPrice() != null) {
      double lo = f.minPrice() == null ? Double.NEGATIVE_INFINITY : f.minPrice().doubleValue();
      double hi = f.maxPrice() == null ? Double.POSITIVE_INFINITY : f.maxPrice().doubleValue();
      b.add(DoublePoint.newRangeQuery(PRICE, lo, hi), Occur.FILTER);
    }
    if (!f.categories().isEmpty()) {
      b.add(termSet(F_CATEGORY, f.categories()), Occur.FILTER);
    }
    if (!f.brands().isEmpty()) {
      b.add(termSet(F_BRAND, f.brands()), Occur.FILTER);
    }
    if (!f.excludedBrands().isEmpty()) {
      b.add(termSet(F_BRAND, f.excludedBrands()), Occur.MUST_NOT);
    }
    f.attributes().forEach((name, values) -> b.add(attributeSet(name, values), Occur.FILTER));
    f.excludedAttributes().forEach((name, values) -> b.add(attributeSet(name, values), Occur.MUST_NOT));
    // The same doubles ProductFilter#test compares, so the index and the exact scan agree at the bounds.
    f.attributeRanges().forEach((name, range) ->
        b.add(DoublePoint.newRangeQuery(numericField(name), range.lowest(), range.highest()), Occur.FILTER));
    return b.build();
  }

  /** The point field holding attribute {@code name}'s value where it is a number. */
  private static String numericField(String name) {
    return F_NUMERIC + name;
  }

  private static Query termSet(String field, Set<String> values) {
    return new TermInSetQuery(field, values.stream().map(v -> new BytesRef(lower(v))).toList());
  }

  private static Query attributeSet(String name, Set<String> values) {
    return new TermInSetQuery(F_ATTRIBUTE, values.stream().map(v -> new BytesRef(attributeTerm(name, v))).toList());
  }

  /**
   * The term of one attribute value: the name as written (as {@link ProductFilter#test} looks it up),
   * the value in lower case (as {@code test} compares it, ignoring case).
   */
  private static String attributeTerm(String name, String value) {
    return name + "=" + lower(value);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /**
   * How many of the term clauses' best hits the title-phrase clause re-scores, as a multiple of the
   * hits asked for (see {@link #lexical}).
   */
  static final int PHRASE_WINDOW = 3;

  /**
   * The best {@code n} products by BM25 for {@code text} among those {@code filter} lets through
   * (the filter is a Lucene filter clause, so it applies before the cut to n).
   *
   * <p>Each hit's score is its {@link #textQuery} score, but the title-phrase clause is not part of
   * the search: it re-scores the term clauses' best {@link #PHRASE_WINDOW}·n hits, which are then cut
   * to n (Lucene's {@code QueryRescorer} pattern, done with {@link #scoresAmong} so the phrase scorer
   * is advanced once per segment). As a search clause it read the positions of every product holding
   * all the query's terms: about 7 of 12 ms per query in a synthetic 1M-product catalog of a small
   * vocabulary. A product only misses the cut if it ranks below the window on its terms and its
   * phrase match would have lifted it into the top n.
   */
  public Hits lexical(String text, ProductFilter filter, int n) {
    Query q = termsQuery(text);
    if (q == null || n <= 0) {
      return Hits.empty();
    }
    Query fq = filterQuery(filter);
    if (fq != null) {
      q = new BooleanQuery.Builder().add(q, Occur.MUST).add(fq, Occur.FILTER).build();
    }
    Query phrase = phraseQuery(text);
    if (phrase == null) {
      return run(q, n);
    }
    Hits window = run(q, (int) Math.min(Integer.MAX_VALUE, (long) PHRASE_WINDOW * n));
    double[] extra = scoresAmong(phrase, window.positions());
    int m = window.size();
    double[] score = new double[m];
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      // float, as Lucene sums a disjunction's clause scores into a float score
      score[i] = (float) (window.scores()[i] + extra[i]);
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a])); // stable: ties keep index order
    int k = Math.min(n, m);
    int[] pos = new int[k];
    double[] sc = new double[k];
    for (int i = 0; i < k; i++) {
      pos[i] = window.positions()[order[i]];
      sc[i] = score[order[i]];
    }
    return new Hits(pos, sc);
  }

  /** BM25 scores of {@code text} for the products at these positions (0 for those that match nothing). */
  public double[] lexicalScores(String text, int[] positions) {
    return scoresAmong(textQuery(text), positions);
  }

  /** BM25 scores of {@code text} against the title field alone, for these positions. */
  public double[] titleLexicalScores(String text, int[] positions) {
    return scoresAmong(new QueryBuilder(lineage.analyzer).createBooleanQuery(TITLE, text, Occur.SHOULD), positions);
  }

  /**
   * The scores {@code q} gives the products at {@code positions}: one scorer per segment, advanced to
   * each candidate's document in order (the same weight and statistics a search uses, so the same
   * scores), instead of a search restricted by an id filter, which costs a term lookup per id.
   */
  private double[] scoresAmong(@Nullable Query q, int[] positions) {
    double[] out = new double[positions.length];
    if (q == null || positions.length == 0) {
      return out;
    }
    int[] docOf = docOfPosition();
    long[] byDoc = new long[positions.length]; // doc << 32 | slot: sorted, the docs in index order
    int m = 0;
    for (int i = 0; i < positions.length; i++) {
      int doc = docOf[positions[i]];
      if (doc >= 0) {
        byDoc[m++] = ((long) doc << 32) | i;
      }
    }
    java.util.Arrays.sort(byDoc, 0, m);
    try {
      Weight weight = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE, 1f);
      List<LeafReaderContext> leaves = reader.leaves();
      int k = 0;
      while (k < m) {
        int doc = (int) (byDoc[k] >>> 32);
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        int end = leaf.docBase + leaf.reader().maxDoc();
        Scorer scorer = weight.scorer(leaf);
        DocIdSetIterator it = scorer == null ? null : scorer.iterator();
        for (; k < m && (int) (byDoc[k] >>> 32) < end; k++) {
          int target = (int) (byDoc[k] >>> 32) - leaf.docBase;
          if (it == null || it.docID() > target) {
            continue;
          }
          if (it.docID() < target) {
            it.advance(target);
          }
          if (it.docID() == target) {
            out[(int) byDoc[k]] = scorer.score();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("scoring failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** Each catalog position's live Lucene document and back, built on first use per snapshot. */
  private record DocTable(int[] docOfPosition, int[] positionOfDoc) {}

  private volatile @Nullable DocTable docTable;

  private int[] docOfPosition() {
    return docTable().docOfPosition();
  }

  private DocTable docTable() {
    DocTable t = docTable;
    if (t != null) {
      return t;
    }
    synchronized (this) {
      if (docTable != null) {
        return docTable;
      }
      int[] docOf = new int[catalog.size()];
      int[] posOf = new int[reader.maxDoc()];
      java.util.Arrays.fill(docOf, -1);
      java.util.Arrays.fill(posOf, -1);
      try {
        for (LeafReaderContext leaf : reader.leaves()) {
          Bits live = leaf.reader().getLiveDocs();
          SortedDocValues ids = DocValues.getSorted(leaf.reader(), ID);
          for (int doc = ids.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = ids.nextDoc()) {
            if (live == null || live.get(doc)) {
              int pos = catalog.indexOf(ids.lookupOrd(ids.ordValue()).utf8ToString());
              if (pos >= 0) {
                docOf[pos] = leaf.docBase + doc;
                posOf[leaf.docBase + doc] = pos;
              }
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the index's ids: " + e.getMessage(), e);
      }
      docTable = new DocTable(docOf, posOf);
      return docTable;
    }
  }

  private Hits run(Query q, int n) {
    try {
      TopDocs top = searcher.search(q, n);
      return toHits(top, false);
    } catch (IOException e) {
      throw new UncheckedIOException("search failed: " + e.getMessage(), e);
    }
  }

  private Hits toHits(TopDocs top, boolean fromDotProductScore) {
    int[] positionOfDoc = docTable().positionOfDoc();
    ScoreDoc[] sds = top.scoreDocs;
    int[] pos = new int[sds.length];
    double[] scores = new double[sds.length];
    int n = 0;
    for (ScoreDoc sd : sds) {
      int p = positionOfDoc[sd.doc];
      if (p < 0) {
        continue;
      }
      pos[n] = p;
      scores[n] = fromDotProductScore ? 2.0 * sd.score - 1.0 : sd.score;
      n++;
    }
    return new Hits(java.util.Arrays.copyOf(pos, n), java.util.Arrays.copyOf(scores, n));
  }

  // ---------------------------------------------------------------------------------------------
  // dense

  /** The {@code n} nearest products to {@code query} passing {@code filter}: HNSW or exact scan per settings. */
  public Hits dense(float[] query, ProductFilter filter, int n) {
    if (!lineage.ann) {
      return denseExact(query, filter, n);
    }
    int scanUpTo = lineage.settings.filteredScanUpTo(catalog.size());
    if (!filter.isEmpty() && n > 0 && scanUpTo > 0) {
      // A graph walk must pass through the products a filter refuses to reach those it accepts; when
      // few pass, scanning just them is faster, and exact (SearchSettings#filteredScanFactor). Reading
      // the postings stops as soon as too many pass.
      int[] passing = passing(filter, scanUpTo);
      if (passing != null) {
        checkDimension(query);
        return exactAmong(normalized(query), passing, n);
      }
    }
    return denseAnn(query, filter, n);
  }

  /** Exact scan over every product passing {@code filter} (float or int8 per settings). */
  public Hits denseExact(float[] query, ProductFilter filter, int n) {
    checkDimension(query);
    TopN top = new TopN(Math.max(0, Math.min(n, catalog.size())));
    boolean all = filter.isEmpty();
    int size = catalog.size();
    if (int8 != null) {
      if (all) {
        int8.scan(query, null, top);
        return top.toHits();
      }
      java.util.BitSet accepted = new java.util.BitSet(size);
      for (int i : passing(filter)) {
        accepted.set(i);
      }
      int8.scan(query, accepted::get, top);
      return top.toHits();
    }
    float[] v = embeddings.rawVectors();
    int dim = embeddings.dimension();
    if (!all) {
      for (int i : passing(filter)) {
        top.offer(i, dot(query, v, i * dim, dim));
      }
      return top.toHits();
    }
    for (int i = 0; i < size; i++) {
      top.offer(i, dot(query, v, i * dim, dim));
    }
    return top.toHits();
  }

  /**
   * The positions of the products passing {@code filter} (not empty), ascending, read from the
   * index's filter clauses: the same products {@link ProductFilter#test} accepts (see
   * {@link #filterQuery}), at a fraction of its cost per product, since a category or brand clause
   * reads only its own postings.
   */
  public int[] passing(ProductFilter filter) {
    return Objects.requireNonNull(passing(filter, Integer.MAX_VALUE));
  }

  /** As {@link #passing(ProductFilter)}, or null as soon as more than {@code limit} products pass. */
  private int @Nullable [] passing(ProductFilter filter, int limit) {
    Query fq = Objects.requireNonNull(filterQuery(filter), "filter");
    int[] positionOfDoc = docTable().positionOfDoc();
    try {
      Weight w = searcher.createWeight(searcher.rewrite(fq), ScoreMode.COMPLETE_NO_SCORES, 1f);
      int[] out = new int[64];
      int n = 0;
      for (LeafReaderContext leaf : reader.leaves()) {
        Scorer scorer = w.scorer(leaf);
        if (scorer == null) {
          continue;
        }
        DocIdSetIterator it = scorer.iterator();
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          int p = positionOfDoc[leaf.docBase + doc]; // -1 for a deleted or replaced document
          if (p >= 0) {
            if (n == limit) {
              return null;
            }
            if (n == out.length) {
              out = java.util.Arrays.copyOf(out, 2 * n);
            }
            out[n++] = p;
          }
        }
      }
      int[] positions = java.util.Arrays.copyOf(out, n);
      java.util.Arrays.sort(positions); // segments need not follow catalog order
      return positions;
    } catch (IOException e) {
      throw new UncheckedIOException("filter failed: " + e.getMessage(), e);
    }
  }

  /**
   * The HNSW graph's answer (Lucene {@link KnnFloatVectorQuery}, filter applied during the graph
   * search). An index with several graphs (one per segment) searches them at the same time and
   * merges their answers; Lucene lets each graph's search skip what cannot beat the others' best so
   * far, so which marginal candidates a search finds can then depend on timing.
   */
  public Hits denseAnn(float[] query, ProductFilter filter, int n) {
    checkDimension(query);
    if (!lineage.ann) {
      throw new IllegalStateException("this index has no HNSW graph: the catalog had fewer than annThreshold="
          + lineage.settings.annThreshold() + " products when it was built");
    }
    if (n <= 0) {
      return Hits.empty();
    }
    try {
      int beam = Math.max(n, lineage.settings.annBeamFor(catalog.size()));
      Query q = new KnnFloatVectorQuery(VECTOR, normalized(query), beam, filterQuery(filter));
      return toHits(graphSearcher.search(q, n), true);
    } catch (IOException e) {
      throw new UncheckedIOException("vector search failed: " + e.getMessage(), e);
    }
  }

  /**
   * The best {@code n} of {@code positions} for the unit-length {@code query}, scored as the graph
   * scores them: the cosine with each product's vector.
   */
  private Hits exactAmong(float[] query, int[] positions, int n) {
    TopN top = new TopN(Math.min(n, positions.length));
    float[] v = embeddings.rawVectors();
    int dim = embeddings.dimension();
    for (int i : positions) {
      double d = dot(query, v, i * dim, dim);
      double norm = unitVectors ? 1 : Math.sqrt(dot(v, v, i * dim, dim, i * dim));
      top.offer(i, norm == 0 ? 0 : d / norm);
    }
    return top.toHits();
  }

  /**
   * Whether the scores of {@link #dense} hits for {@code query} are {@link #similarity} of the query
   * with each hit, so a caller may reuse them: always for the exact float scan (the same arithmetic);
   * for the HNSW graph, which compares normalised vectors, when the product vectors and the query
   * have unit length (then equal to float rounding, about 1e-7); never for int8 storage.
   */
  boolean denseScoresAreSimilarities(float[] query) {
    if (int8 != null) {
      return false;
    }
    if (!lineage.ann) {
      return true;
    }
    return unitVectors && query.length == embeddings.dimension()
        && Math.abs(dot(query, query, 0, query.length) - 1) <= UNIT_TOLERANCE;
  }

  /** The cosine similarity of {@code query} with product {@code position}. */
  public double similarity(float[] query, int position) {
    return dot(query, embeddings.rawVectors(), position * embeddings.dimension(), embeddings.dimension());
  }

  /** The cosine of {@code query} with product {@code position}'s title vector (its passage vector without one). */
  public double titleSimilarity(float[] query, int position) {
    return titles == null ? similarity(query, position)
        : dot(query, titles.rawVectors(), position * titles.dimension(), titles.dimension());
  }

  private void checkDimension(float[] query) {
    if (query.length != embeddings.dimension()) {
      throw new IllegalArgumentException("query vector has dimension " + query.length + ", index has "
          + embeddings.dimension() + " (was the catalog embedded with another encoder?)");
    }
  }

  /** Dot product with four accumulators, which lets the JIT overlap the multiply-adds. */
  static double dot(float[] q, float[] v, int base, int dim) {
    return dot(q, v, base, dim, 0);
  }

  private static double dot(float[] q, float[] v, int base, int dim, int qBase) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int d = 0;
    for (; d + 3 < dim; d += 4) {
      s0 += q[qBase + d] * v[base + d];
      s1 += q[qBase + d + 1] * v[base + d + 1];
      s2 += q[qBase + d + 2] * v[base + d + 2];
      s3 += q[qBase + d + 3] * v[base + d + 3];
    }
    for (; d < dim; d++) {
      s0 += q[qBase + d] * v[base + d];
    }
    return (s0 + s1) + (s2 + s3);
  }

  static float[] normalized(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    n = Math.sqrt(n);
    float[] out = new float[v.length];
    if (n == 0) {
      return out;
    }
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / n);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // browse

  /** The products passing {@code filter}, most popular first (the answer to an empty query). */
  public Hits browse(ProductFilter filter, int n) {
    TopN top = new TopN(Math.max(0, Math.min(n, catalog.size())));
    List<Product> products = catalog.products();
    for (int i = 0; i < products.size(); i++) {
      Product p = products.get(i);
      if (filter.test(p)) {
        // ties broken towards catalog order
        top.offer(i, p.popularity() - i * 1e-12);
      }
    }
    return top.toHits();
  }

  /** How many products pass {@code filter}. */
  public int count(ProductFilter filter) {
    Query q = filterQuery(filter);
    try {
      return q == null ? catalog.size() : searcher.count(q);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  BigDecimal priceOf(int position) {
    return catalog.products().get(position).price().amount();
  }

  /**
   * Closes the index: this snapshot and every other snapshot of its lineage (the snapshots that
   * {@link #update} made from one {@link #build}). Searches in progress on a snapshot finish; its
   * reader is freed when the last of them ends, and the shared writer, directory and scratch folder
   * when the last snapshot is freed. Afterwards {@link #update} throws {@link IllegalStateException}.
   * Idempotent; closing any snapshot of a lineage closes them all.
   */
  @Override
  public void close() {
    lineage.close();
  }

  /** The folder holding this lineage's index when the index is memory-mapped from a scratch folder. */
  Optional<Path> scratchDirectory() {
    return Optional.ofNullable(lineage.scratch);
  }

  private static void deleteScratch(@Nullable Path scratch) {
    if (scratch == null) {
      return;
    }
    try (java.util.stream.Stream<Path> files = Files.walk(scratch)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: the folder is in the system's temporary area
    }
  }

  /**
   * Holds this snapshot open for one search, which must {@link #release} it; false once the snapshot
   * was retired (a newer one serves) or the index closed.
   */
  boolean tryAcquire() {
    if (retired.get()) {
      return false;
    }
    for (;;) {
      int n = refs.get();
      if (n <= 0) {
        return false;
      }
      if (refs.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Lets go of a {@link #tryAcquire} hold; the last holder of a retired snapshot frees it. */
  void release() {
    int n = refs.decrementAndGet();
    if (n == 0) {
      free();
    } else if (n < 0) {
      refs.incrementAndGet();
      throw new IllegalStateException("snapshot released more often than acquired");
    }
  }

  /**
   * Stops serving this snapshot: its reader is freed once in-flight searches have released it (at
   * once when none holds it). Idempotent: only the first call drops the lineage's reference.
   */
  void retire() {
    if (retired.compareAndSet(false, true)) {
      release();
    }
  }

  /** Whether the index was closed ({@link #close} on any snapshot of its lineage). */
  boolean isClosed() {
    return lineage.closed;
  }

  private void free() {
    try {
      reader.decRef();
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not close a search index reader cleanly: {}", e.toString());
    } finally {
      lineage.freed(this);
    }
  }

  /** The on-disk location if any, for messages. */
  @Nullable Path directory() {
    return lineage.settings.indexDirectory().orElse(null);
  }
}
