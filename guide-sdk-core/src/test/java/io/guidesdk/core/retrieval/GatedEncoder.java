package io.guidesdk.core.retrieval;

import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A model-free encoder (a hash of the words, {@link SearchFixtures#DIM} dimensions) that can hold
 * one call of a chosen purpose until the test releases it: the seam that lets lifecycle tests force
 * an interleaving (a search or an update paused mid-way) instead of sleeping.
 */
public final class GatedEncoder implements Encoder {
  private final AtomicReference<EmbeddingPurpose> armed = new AtomicReference<>();
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private final AtomicInteger passageBatches = new AtomicInteger();

  /** The next call embedding for {@code purpose} blocks in the encoder until {@link #release()}. */
  public void holdNext(EmbeddingPurpose purpose) {
    armed.set(purpose);
  }

  /** Waits until the held call is inside the encoder. */
  public void awaitHeld() throws InterruptedException {
    entered.await();
  }

  /** Lets the held call go on. */
  public void release() {
    released.countDown();
  }

  /** How many {@link #embedAll} calls for passages (catalog chunks) were made so far. */
  public int passageBatches() {
    return passageBatches.get();
  }

  /** Whether {@link ProductSearch#close()} has begun: tests wait for it instead of sleeping. */
  public static boolean closeBegan(ProductSearch search) {
    return search.isClosed();
  }

  private void gate(EmbeddingPurpose purpose) {
    if (armed.compareAndSet(purpose, null)) {
      entered.countDown();
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted in the gated encoder", e);
      }
    }
  }

  @Override
  public float[] embed(String text, EmbeddingPurpose purpose) {
    gate(purpose);
    return vector(text);
  }

  @Override
  public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
    if (purpose == EmbeddingPurpose.PASSAGE) {
      passageBatches.incrementAndGet();
    }
    gate(purpose);
    return texts.stream().map(GatedEncoder::vector).toList();
  }

  private static float[] vector(String text) {
    float[] v = new float[SearchFixtures.DIM];
    v[0] = 0.1f; // no zero vector for a text without words
    for (String w : text.toLowerCase(Locale.ROOT).split("\\W+")) {
      if (!w.isEmpty()) {
        v[Math.floorMod(w.hashCode(), SearchFixtures.DIM)] += 1;
      }
    }
    return ProductSearchIndex.normalized(v);
  }

  @Override
  public int dimension() {
    return SearchFixtures.DIM;
  }

  @Override
  public String modelId() {
    return "gated-hash";
  }

  @Override
  public void close() {}
}
