package io.guidesdk.core.retrieval;

import static io.guidesdk.core.retrieval.SearchFixtures.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.spi.EmbeddingPurpose;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * close() against updates and searches in flight, and searches against updates: each interleaving
 * is forced with latches (an encoder or progress callback that holds its caller), never by timing.
 * The timeout only turns a deadlock into a failure.
 */
@Timeout(120)
class ProductSearchLifecycleTest {
  /** Runs the calls that must be in flight while the test thread closes or updates. */
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  private static List<Product> catalog() {
    List<Product> ps = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ps.add(product("p" + i, (i % 2 == 0 ? "Trail running shoe " : "Camping tent ") + i, "item " + i, "Brand" + i % 3,
          10 + i, "Outdoor"));
    }
    return ps;
  }

  private static List<Product> fresh(int n) {
    List<Product> ps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ps.add(product("new-" + i, "Rain jacket " + i, "waterproof", "Brand" + i % 3, 50, "Outdoor"));
    }
    return ps;
  }

  /** An HNSW index, so that it lives in a scratch folder whose deletion shows the index was freed. */
  private static ProductSearch open(GatedEncoder encoder) {
    SearchSettings graph = SearchSettings.builder().annThreshold(0).build();
    return ProductSearch.of(ProductSearchIndex.build(Catalog.of(catalog()), encoder, graph, IndexProgress.none()),
        encoder);
  }

  private static void awaitCloseBegan(ProductSearch search) {
    while (!GatedEncoder.closeBegan(search)) {
      Thread.onSpinWait();
    }
  }

  private static void assertClosedFailure(CompletableFuture<?> future) {
    assertThatThrownBy(future::join).isInstanceOf(CompletionException.class).cause()
        .isExactlyInstanceOf(IllegalStateException.class).hasMessage("the product search is closed");
  }

  @Test
  void closeDuringAnUpdate_stopsItAtItsNextChunk_failsItAndTheQueuedOnes_andWaitsForIt() throws Exception {
    GatedEncoder encoder = new GatedEncoder();
    ProductSearch search = open(encoder);
    ProductSearchIndex served = search.current();
    Path scratch = served.scratchDirectory().orElseThrow();
    int batchesBefore = encoder.passageBatches();
    encoder.holdNext(EmbeddingPurpose.PASSAGE);
    // 300 upserts: two chunks of 256 to embed; the first is held inside the encoder
    CompletableFuture<ProductSearchIndex> running = search.update(fresh(300), Set.of(), IndexProgress.none());
    CompletableFuture<ProductSearchIndex> queued = search.update(fresh(1), Set.of(), IndexProgress.none());
    encoder.awaitHeld();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(search::close, callers);
    awaitCloseBegan(search);
    encoder.release();
    closing.join();

    // close() returned only once the update had stopped: before its second chunk, before the Lucene index
    assertThat(running).isDone();
    assertThat(queued).isDone();
    assertClosedFailure(running);
    assertClosedFailure(queued);
    assertThat(encoder.passageBatches() - batchesBefore).isEqualTo(1);
    assertThat(search.current()).isSameAs(served);
    assertThat(served.tryAcquire()).isFalse();
    assertThat(scratch).doesNotExist();
    assertThatThrownBy(() -> search.retriever().search("tent", ProductFilter.none(), 3))
        .isExactlyInstanceOf(IllegalStateException.class).hasMessage("the product search is closed");
    assertThatThrownBy(() -> search.update(fresh(1), Set.of(), IndexProgress.none()))
        .isExactlyInstanceOf(IllegalStateException.class).hasMessage("the product search is closed");
    search.close(); // idempotent
  }

  @Test
  void closeWhileAnUpdateFinishes_letsTheSearchInFlightFinish_andFreesTheIndexWhenItEnds() throws Exception {
    GatedEncoder encoder = new GatedEncoder();
    ProductSearch search = open(encoder);
    ProductSearchIndex old = search.current();
    Path scratch = old.scratchDirectory().orElseThrow();

    // a search holding the serving snapshot, paused while it embeds its query
    encoder.holdNext(EmbeddingPurpose.QUERY);
    CompletableFuture<List<ScoredProduct>> inFlight = CompletableFuture.supplyAsync(
        () -> search.retriever().search("trail running shoe", ProductFilter.none(), 3), callers);
    encoder.awaitHeld();

    // an update past its last step: committed to Lucene, paused in its final progress report
    CountDownLatch committed = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    IndexProgress pauseAtTheEnd = (done, total) -> {
      if (total > 0 && done == total) {
        committed.countDown();
        try {
          resume.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    CompletableFuture<ProductSearchIndex> update = search.update(fresh(1), Set.of(), pauseAtTheEnd);
    committed.await();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(search::close, callers);
    awaitCloseBegan(search);
    resume.countDown();
    closing.join();

    // The update finished its step but is never served: it fails, and its snapshot is closed with the rest.
    // (It was served, and retiring the old snapshot released the closed reader a second time, taking the
    // reference the search in flight held: AlreadyClosedException "this IndexReader is closed".)
    assertClosedFailure(update);
    assertThat(search.current()).isSameAs(old);
    assertThat(scratch).as("freed only when the search in flight lets go").exists();

    encoder.release();
    assertThat(inFlight.join()).isNotEmpty().allMatch(sp -> sp.product().title().startsWith("Trail running shoe"));
    assertThat(old.tryAcquire()).isFalse();
    assertThat(scratch).doesNotExist();
  }

  @Test
  void rerank_holdsItsSnapshotWhileAnUpdateReplacesIt() throws Exception {
    assertHeldAcrossAnUpdate(true);
  }

  @Test
  void featureMatrix_holdsItsSnapshotWhileAnUpdateReplacesIt() throws Exception {
    assertHeldAcrossAnUpdate(false);
  }

  /**
   * The call reads the snapshot, is paused while it embeds the query, an update replaces (and retires)
   * the snapshot, then the call scores on it. It took index.get() without holding it: the retired
   * snapshot's reader closed under it (AlreadyClosedException from scoresAmong).
   */
  private void assertHeldAcrossAnUpdate(boolean rerank) throws Exception {
    GatedEncoder encoder = new GatedEncoder();
    ProductSearchIndex first = ProductSearchIndex.build(Catalog.of(catalog()), encoder, SearchSettings.defaults(),
        IndexProgress.none());
    try (ProductSearch search = ProductSearch.of(first, encoder)) {
      List<Product> some = search.catalog().products().subList(0, 6);
      encoder.holdNext(EmbeddingPurpose.QUERY);
      CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> rerank
          ? search.retriever().rerank("trail running shoe", some)
          : search.retriever().featureMatrix("trail running shoe", some), callers);
      encoder.awaitHeld();
      ProductSearchIndex next = search.update(fresh(1), Set.of(), IndexProgress.none()).join();
      assertThat(search.current()).isSameAs(next);
      encoder.release();

      Object result = call.join();
      if (rerank) {
        @SuppressWarnings("unchecked")
        List<ScoredProduct> ranked = (List<ScoredProduct>) result;
        assertThat(ranked).extracting(sp -> sp.product().id())
            .containsExactlyInAnyOrderElementsOf(some.stream().map(Product::id).toList());
        assertThat(ranked.get(0).product().title()).startsWith("Trail running shoe");
      } else {
        double[][] features = (double[][]) result;
        assertThat(features).hasNumberOfRows(RerankWeights.names().length);
        assertThat(features[0]).hasSize(some.size());
      }
      assertThat(first.tryAcquire()).as("the replaced snapshot is freed once the call let go").isFalse();
    }
  }
}
