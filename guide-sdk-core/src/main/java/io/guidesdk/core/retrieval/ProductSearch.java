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
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live search index of one catalog: serves the current {@link ProductSearchIndex} snapshot and
 * applies catalog updates on one background thread, swapping in the new snapshot when it is ready.
 * Searches never wait for an update; updates apply in submission order. Thread-safe.
 */
public final class ProductSearch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProductSearch.class);

  private final AtomicReference<ProductSearchIndex> current;
  private final Encoder encoder;
  private final Encoder queryEncoder;
  private final ExecutorService updater;
  private final HybridRetriever retriever;

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

  /** The snapshot serving now. */
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
   * in which case nothing changed.
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
      ProductSearchIndex old = current.get();
      ProductSearchIndex next = old.update(u, r, encoder, progress);
      current.set(next);
      old.retire();
      LOG.debug("catalog updated: {} upserts, {} removals, {} products", u.size(), r.size(), next.catalog().size());
      return next;
    }, updater);
  }

  @Override
  public void close() {
    updater.shutdown();
    current.get().close();
  }
}
