package io.guidesdk.core;

/** Told how far indexing the catalog has got; called from the indexing thread. */
@FunctionalInterface
public interface IndexProgress {

  /** {@code done} of {@code total} products are indexed. */
  void onProgress(int done, int total);

  /** Reports nothing. */
  static IndexProgress none() {
    return (done, total) -> {};
  }
}
