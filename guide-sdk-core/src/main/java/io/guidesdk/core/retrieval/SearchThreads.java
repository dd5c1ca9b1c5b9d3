package io.guidesdk.core.retrieval;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread pools search work runs on besides the caller's thread. Each is shared by every index and
 * retriever in the JVM and holds daemon threads only while work runs (idle ones end), so nothing
 * needs closing. None queues: a task starts on an idle or new thread up to the pool's limit, or else
 * the caller runs it itself, which is the single-threaded behaviour under load.
 */
final class SearchThreads {
  private SearchThreads() {}

  /** The BM25 stage of a search, run while the calling thread embeds the query ({@link HybridRetriever}). */
  static final ExecutorService STAGES = pool("guide-search-stage", Math.max(2, cores()), 60);

  /** The graph searches of an index with several graphs, one task per graph ({@link ProductSearchIndex#denseAnn}). */
  static final ExecutorService GRAPH_SEARCHES = pool("guide-graph-search", Math.max(2, cores()), 60);

  /** The workers of a concurrent HNSW graph merge while a large catalog is indexed. */
  static final ExecutorService GRAPH_MERGES = pool("guide-graph-merge", ProductSearchIndex.MAX_INDEXING_THREADS, 30);

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static ExecutorService pool(String name, int maxThreads, int idleSeconds) {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(0, maxThreads, idleSeconds, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.CallerRunsPolicy());
  }
}
