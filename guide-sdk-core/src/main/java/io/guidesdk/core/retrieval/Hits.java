package io.guidesdk.core.retrieval;

import java.util.Arrays;

/**
 * One ranked list from a retriever: catalog positions with their scores, best first. Arrays are
 * owned by the instance once passed in.
 *
 * @param positions catalog positions ({@link io.guidesdk.core.catalog.Catalog#products()} indices)
 * @param scores the retriever's score for each, same order, non-increasing
 */
public record Hits(int[] positions, double[] scores) {
  public Hits {
    if (positions.length != scores.length) {
      throw new IllegalArgumentException("positions and scores differ in length: " + positions.length + " vs "
          + scores.length);
    }
  }

  public static Hits empty() {
    return new Hits(new int[0], new double[0]);
  }

  public int size() {
    return positions.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hits h && Arrays.equals(positions, h.positions) && Arrays.equals(scores, h.scores);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(positions) + Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    return "Hits" + Arrays.toString(positions);
  }
}
