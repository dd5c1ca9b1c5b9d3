package io.guidesdk.core.retrieval;

import io.guidesdk.Product;
import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.spi.Encoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live search index of one catalog: serves the current {@link ProductSearchIndex} snapshot and
 * applies catalog updates on one background thread, swapping in the new snapshot when it is ready.
 * Searches never wait for an update; updates apply in submission order. Thread-safe.
 *
 * <p>Each search holds the snapshot it started on until it ends, so a snapshot replaced by an update
 * or closed by {@link #close()} keeps answering the searches already running on it; its resources are
 * freed when the last of them ends.
 */
public final class ProductSearch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProductSearch.class);

  private final AtomicReference<ProductSearchIndex> current;
  private final Encoder encoder;
  private final Encoder queryEncoder;
  private final ExecutorService updater;
  private final HybridRetriever retriever;
  /** Guards {@link #closed} and the swap of a finished update, so no update swaps in after close. */
  private final Object lock = new Object();
  private boolean closed; // guarded by lock

  /**
   * How long {@link #close()} waits for an update in progress to stop: it stops at its next step,
   * at worst after the chunk of 256 products it is embedding.
   */
  static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(30);

  private ProductSearch(ProductSearchIndex initial, Encoder encoder, Encoder queryEncoder) {
    this.current = new AtomicReference<>(initial);
    this.encoder = encoder;
    this.queryEncoder = queryEncoder;
    this.updater = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "guide-sdk-index-updater");
      t.setDaemon(true);
      return t;
    });
    this.retriever = new HybridRetriever(current::get, queryEncoder);
  }

  /** Embeds and indexes {@code catalog} (on the calling thread) and serves it. */
  public static ProductSearch open(Catalog catalog, Encoder encoder, SearchSettings settings, IndexProgress progress) {
    return open(catalog, encoder, encoder, settings, progress);
  }

  /**
   * Like {@link #open(Catalog, Encoder, SearchSettings, IndexProgress)}, but search queries are
   * embedded with {@code queryEncoder}, which must map texts into the same vector space as
   * {@code encoder}, such as the same model with 8-bit weights (a query embedding in about half the
   * time, at the same nDCG@10 on the CrowdFlower development split; docs/search.md).
   *
   * @throws IllegalArgumentException if the two encoders disagree: different dimensions, or a mean
   *     cosine below 0.9 between their vectors of the same sample of catalog texts
   */
  public static ProductSearch open(Catalog catalog, Encoder encoder, Encoder queryEncoder, SearchSettings settings,
      IndexProgress progress) {
    Objects.requireNonNull(queryEncoder, "queryEncoder");
    if (queryEncoder != encoder) {
      QuerySpace.check(catalog, encoder, queryEncoder);
    }
    return new ProductSearch(ProductSearchIndex.build(catalog, encoder, settings, progress), encoder, queryEncoder);
  }

  /** Serves an index built elsewhere; {@code encoder} must be the one its vectors came from. */
  public static ProductSearch of(ProductSearchIndex index, Encoder encoder) {
    Objects.requireNonNull(encoder, "encoder");
    return new ProductSearch(Objects.requireNonNull(index, "index"), encoder, encoder);
  }

  /**
   * The snapshot serving now. Its catalog and vectors stay readable, but its Lucene-backed methods
   * ({@code lexical}, {@code dense}, {@code passing}, ...) fail once an update has replaced it and it
   * was freed, or once this search is closed: search through {@link #retriever()}, which holds the
   * snapshot for the length of each call.
   */
  public ProductSearchIndex current() {
    return current.get();
  }

  /** The catalog serving now. */
  public Catalog catalog() {
    return current.get().catalog();
  }

  /** The encoder that embeds the catalog's products. */
  public Encoder encoder() {
    return encoder;
  }

  /** The encoder that embeds search queries: {@link #encoder()} unless another one was given. */
  public Encoder queryEncoder() {
    return queryEncoder;
  }

  /** The hybrid ranker over the current snapshot. */
  public HybridRetriever retriever() {
    return retriever;
  }

  /**
   * Adds or replaces {@code upserts} (by id) and removes {@code removals} in the background; the
   * current snapshot serves until the new one is complete. The future completes with the new
   * snapshot, or exceptionally (with {@link io.guidesdk.CatalogException} for an unknown removal id),
   * in which case nothing changed. If this search is closed before the update is served, the update
   * stops at its next step and the future fails with {@link IllegalStateException} ({@code "the
   * product search is closed"}); so do updates still queued.
   *
   * @throws NullPointerException if an argument is null or holds a null ({@code "upserts[3] is null"})
   * @throws IllegalArgumentException if two upserts share an id, or an id is both upserted and removed
   * @throws IllegalStateException if this search is closed
   */
  public CompletableFuture<ProductSearchIndex> update(List<Product> upserts, Set<String> removals,
      IndexProgress progress) {
    Objects.requireNonNull(upserts, "upserts");
    Objects.requireNonNull(removals, "removals");
    Objects.requireNonNull(progress, "progress");
    // Checked here, on the caller's thread, so a bad argument names itself instead of failing the future.
    Map<String, Integer> upserted = new HashMap<>();
    for (int i = 0; i < upserts.size(); i++) {
      Product p = Objects.requireNonNull(upserts.get(i), "upserts[" + i + "] is null");
      Integer first = upserted.putIfAbsent(p.id(), i);
      if (first != null) {
        throw new IllegalArgumentException("upserts[" + first + "] and upserts[" + i + "] have the same id '"
            + p.id() + "'; upsert each product once per update");
      }
    }
    for (String id : removals) {
      Objects.requireNonNull(id, "removals contains a null id");
      if (upserted.containsKey(id)) {
        throw new IllegalArgumentException("product id '" + id + "' is both upserted (upserts[" + upserted.get(id)
            + "]) and removed in one update; send one or the other");
      }
    }
    if (isClosed()) {
      throw closedException(null);
    }
    List<Product> u = List.copyOf(upserts);
    Set<String> r = Set.copyOf(removals);
    try {
      return supply(u, r, progress);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("the product search is closed", e);
    }
  }

  private CompletableFuture<ProductSearchIndex> supply(List<Product> u, Set<String> r, IndexProgress progress) {
    return CompletableFuture.supplyAsync(() -> {
      ProductSearchIndex next;
      try {
        ProductSearchIndex old = current.get();
        next = old.update(u, r, encoder, progress);
        synchronized (lock) {
          if (!closed) {
            current.set(next);
            old.retire(); // searches still holding it finish on it; the last one frees it
            LOG.debug("catalog updated: {} upserts, {} removals, {} products", u.size(), r.size(),
                next.catalog().size());
            return next;
          }
        }
      } catch (RuntimeException e) {
        if (isClosed()) {
          // The index stopped it (or the encoder was closed under it): say why, not where.
          throw closedException(e);
        }
        throw e;
      }
      // Finished after close() began: close() closed the whole lineage, next included; never served.
      next.close();
      throw closedException(null);
    }, updater);
  }

  private static IllegalStateException closedException(@Nullable Throwable cause) {
    return new IllegalStateException("the product search is closed", cause);
  }

  /** Whether {@link #close()} has begun. */
  boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /**
   * Closes the index. New updates are refused; an update in progress stops at its next step (at worst
   * after the chunk of products it is embedding) and its future, like those of updates still queued,
   * fails with {@link IllegalStateException}; this waits up to {@link #CLOSE_WAIT} for that. Searches
   * already running finish on the snapshot they hold, which is freed when the last of them ends; later
   * searches fail with {@link IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    updater.shutdown(); // queued updates still run, to fail at their first step
    // Closes every snapshot of the lineage, including one a running update is about to produce.
    current.get().close();
    try {
      if (!updater.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("a catalog update was still running {} after close(); it will stop at its next step",
            CLOSE_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
