package io.guidesdk.core.recommend;

import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.retrieval.EmbeddingIndex;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One candidate strategy: proposes products for a shopper, best first, each with a score and a
 * reason. The {@link io.guidesdk.core.policy.SlotPolicy} decides which strategy fills each slot.
 */
interface CandidateGenerator {

  /** Everything a strategy may look at for one request. */
  record Query(Shopper shopper, @Nullable Product anchor, Catalog catalog, @Nullable EmbeddingIndex index,
      Predicate<Product> accept, Instant now, Reasons reasons) {}

  /** The strategy name logged with the impression, e.g. {@code repeat}. */
  String strategy();

  /** At most {@code limit} candidates that {@code query.accept()} lets through, best first. */
  List<Candidate> generate(Query query, int limit);

  /** Keeps the {@code limit} best-scoring candidates, best first (ties by product id, for determinism). */
  static List<Candidate> best(List<Candidate> all, int limit) {
    java.util.Comparator<Candidate> better = (a, b) -> {
      int c = Double.compare(b.score(), a.score());
      return c != 0 ? c : a.product().id().compareTo(b.product().id());
    };
    // A bounded heap keeps the selection O(n log limit) for shoppers with thousands of candidates.
    java.util.PriorityQueue<Candidate> heap = new java.util.PriorityQueue<>(limit + 1, better.reversed());
    for (Candidate c : all) {
      heap.add(c);
      if (heap.size() > limit) {
        heap.poll();
      }
    }
    List<Candidate> out = new java.util.ArrayList<>(heap);
    out.sort(better);
    return out;
  }
}
