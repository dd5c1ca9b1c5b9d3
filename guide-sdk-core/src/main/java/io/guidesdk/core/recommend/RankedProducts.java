package io.guidesdk.core.recommend;

import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Popular products (distinct buyers plus the catalog's popularity prior) or trending products
 * (purchases decayed with the trend half-life; only products bought lately). The ranking's head is
 * cached per catalog and refreshed when the statistics changed and the cache is older than
 * {@code rankingRefresh}; a request whose filter lets too few of the head through walks the full
 * ranking (sorted once per refresh, on first need), so filters never starve the list.
 */
final class RankedProducts implements CandidateGenerator {
  static final String POPULAR = "popular";
  static final String TRENDING = "trending";
  private static final int HEAD = 1_000;

  /** The ranking's head, and every product's score (NaN where not eligible), by catalog position. */
  private record Head(Catalog catalog, long version, long generation, long builtAtNanos, List<Product> products,
      double[] scores, double[] all, FullOrder order) {}

  /** Every eligible catalog position, best first; sorted on first use (only narrow filters need it). */
  private static final class FullOrder {
    private volatile int[] positions;

    int[] get(double[] all) {
      int[] p = positions;
      if (p == null) {
        synchronized (this) {
          p = positions;
          if (p == null) {
            p = sort(all);
            positions = p;
          }
        }
      }
      return p;
    }

    /** Sorts by score (as float; ties by catalog position) through packed primitive keys: O(n log n) without boxing. */
    private static int[] sort(double[] all) {
      long[] keys = new long[all.length];
      int n = 0;
      for (int i = 0; i < all.length; i++) {
        if (!Double.isNaN(all[i])) {
          // Non-negative floats order like their bit patterns; the low half ranks earlier positions first.
          keys[n++] = ((long) Float.floatToIntBits((float) Math.max(0, all[i])) << 32) | (Integer.MAX_VALUE - i);
        }
      }
      keys = java.util.Arrays.copyOf(keys, n);
      java.util.Arrays.sort(keys);
      int[] out = new int[n];
      for (int k = 0; k < n; k++) {
        out[k] = Integer.MAX_VALUE - (int) (keys[n - 1 - k] & 0xFFFF_FFFFL);
      }
      return out;
    }
  }

  private final boolean trending;
  private final PurchaseStatistics stats;
  private final long refreshNanos;
  private volatile Head head;

  private RankedProducts(boolean trending, PurchaseStatistics stats, Duration refresh) {
    this.trending = trending;
    this.stats = stats;
    this.refreshNanos = refresh.toNanos();
  }

  static RankedProducts popular(PurchaseStatistics stats, Duration refresh) {
    return new RankedProducts(false, stats, refresh);
  }

  static RankedProducts trending(PurchaseStatistics stats, Duration refresh) {
    return new RankedProducts(true, stats, refresh);
  }

  @Override
  public String strategy() {
    return trending ? TRENDING : POPULAR;
  }

  @Override
  public List<Candidate> generate(Query q, int limit) {
    Head h = head(q.catalog());
    List<Candidate> out = new ArrayList<>(limit);
    for (int i = 0; i < h.products().size() && out.size() < limit; i++) {
      Product p = h.products().get(i);
      if (q.accept().test(p)) {
        out.add(Candidate.of(p, h.scores()[i], reason(q)));
      }
    }
    if (out.size() < limit && h.products().size() >= HEAD) {
      // The filter lets too few of the head through: walk the full ranking past the head.
      List<Product> products = q.catalog().products();
      int[] order = h.order().get(h.all());
      out.clear();
      for (int k = 0; k < order.length && out.size() < limit; k++) {
        Product p = products.get(order[k]);
        if (q.accept().test(p)) {
          out.add(Candidate.of(p, h.all()[order[k]], reason(q)));
        }
      }
    }
    return out;
  }

  private String reason(Query q) {
    return q.reasons().format(trending ? "trending" : "popular");
  }

  private Head head(Catalog catalog) {
    Head h = head;
    long now = System.nanoTime();
    // Statistics replaced wholesale (a restore) are used at once, not after the refresh interval.
    if (h == null || h.catalog() != catalog || h.generation() != stats.generation()
        || (h.version() != stats.version() && now - h.builtAtNanos() >= refreshNanos)) {
      long generation = stats.generation();
      long version = stats.version();
      Map<String, double[]> snapshot = stats.snapshot();
      List<Product> products = catalog.products();
      double[] all = new double[products.size()];
      for (int i = 0; i < all.length; i++) {
        Product p = products.get(i);
        double[] s = snapshot.get(p.id());
        if (trending) {
          all[i] = s == null || s[1] <= 0 ? Double.NaN : s[1];
        } else {
          all[i] = (s == null ? 0 : s[0]) + p.popularity();
        }
      }
      Head top = top(catalog, all, HEAD);
      h = new Head(catalog, version, generation, now, top.products(), top.scores(), all, new FullOrder());
      head = h;
    }
    return h;
  }

  /** The {@code k} best eligible products, best first. */
  private static Head top(Catalog catalog, double[] all, int k) {
    record Scored(Product product, double score, int position) {}
    PriorityQueue<Scored> heap = new PriorityQueue<>((a, b) -> {
      int c = Double.compare(a.score(), b.score());
      return c != 0 ? c : Integer.compare(b.position(), a.position());
    });
    List<Product> products = catalog.products();
    for (int i = 0; i < products.size(); i++) {
      if (Double.isNaN(all[i])) {
        continue;
      }
      Product p = products.get(i);
      Scored sc = new Scored(p, all[i], i);
      if (heap.size() < k) {
        heap.add(sc);
      } else if (heap.comparator().compare(sc, heap.peek()) > 0) {
        heap.poll();
        heap.add(sc);
      }
    }
    List<Scored> sorted = new ArrayList<>(heap);
    sorted.sort(heap.comparator().reversed());
    double[] scores = new double[sorted.size()];
    List<Product> ranked = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      ranked.add(sorted.get(i).product());
      scores[i] = sorted.get(i).score();
    }
    return new Head(catalog, 0, 0, 0, ranked, scores, all, null);
  }
}
