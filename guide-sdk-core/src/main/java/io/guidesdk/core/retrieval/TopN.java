package io.guidesdk.core.retrieval;

/**
 * The n best (position, score) pairs seen, kept in a binary min-heap over primitive arrays.
 * Hand-written rather than {@link java.util.PriorityQueue} because the dense scan offers every
 * product of the catalog and boxing each candidate would dominate its cost.
 */
final class TopN {
  private final int[] pos;
  private final double[] score;
  private int size;

  TopN(int n) {
    this.pos = new int[n];
    this.score = new double[n];
  }

  /** The score a candidate must beat to enter once full, or -infinity while not full. */
  double threshold() {
    return size < pos.length ? Double.NEGATIVE_INFINITY : score[0];
  }

  void offer(int position, double s) {
    int n = pos.length;
    if (n == 0) {
      return;
    }
    if (size < n) {
      int i = size++;
      pos[i] = position;
      score[i] = s;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (score[parent] <= score[i]) {
          break;
        }
        swap(i, parent);
        i = parent;
      }
    } else if (s > score[0]) {
      pos[0] = position;
      score[0] = s;
      siftDown(0, size);
    }
  }

  /** The kept pairs, best first. */
  Hits toHits() {
    int n = size;
    int[] p = new int[n];
    double[] s = new double[n];
    int[] hp = pos.clone();
    double[] hs = score.clone();
    // pop the minimum repeatedly, filling from the back
    for (int k = n - 1; k >= 0; k--) {
      p[k] = hp[0];
      s[k] = hs[0];
      int last = k;
      hp[0] = hp[last];
      hs[0] = hs[last];
      siftDown(hp, hs, 0, last);
    }
    return new Hits(p, s);
  }

  private void siftDown(int i, int n) {
    siftDown(pos, score, i, n);
  }

  private static void siftDown(int[] pos, double[] score, int i, int n) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= n) {
        return;
      }
      int m = l + 1 < n && score[l + 1] < score[l] ? l + 1 : l;
      if (score[i] <= score[m]) {
        return;
      }
      int tp = pos[i];
      pos[i] = pos[m];
      pos[m] = tp;
      double ts = score[i];
      score[i] = score[m];
      score[m] = ts;
      i = m;
    }
  }

  private void swap(int a, int b) {
    int tp = pos[a];
    pos[a] = pos[b];
    pos[b] = tp;
    double ts = score[a];
    score[a] = score[b];
    score[b] = ts;
  }
}
