package io.guidesdk.core.learning;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import java.util.random.RandomGenerator;

/**
 * Impressions by recommendation id, kept until the attribution window after they were shown has
 * passed and bounded in size; an event quoting an id older than the window is refused as unknown.
 */
public final class ImpressionLog {
  private final Cache<String, Impression> impressions;
  private final RandomGenerator random;
  private final List<Consumer<Impression>> listeners = new CopyOnWriteArrayList<>();

  public ImpressionLog(Duration window, long maximumSize, Clock clock, RandomGenerator random) {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    Ticker ticker = () -> clock.millis() * 1_000_000L;
    long windowNanos = window.toNanos();
    this.impressions = Caffeine.newBuilder()
        .expireAfter(new Expiry<String, Impression>() {
          // Each impression lives until shownAt + window: a recorded one (shown now) for the whole
          // window, one restored from a snapshot for what is left of it.
          @Override
          public long expireAfterCreate(String key, Impression value, long currentTime) {
            long age = (currentTime / 1_000_000L - value.shownAt().toEpochMilli()) * 1_000_000L;
            return Math.max(0, Math.min(windowNanos, windowNanos - age));
          }

          @Override
          public long expireAfterUpdate(String key, Impression value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
          }

          @Override
          public long expireAfterRead(String key, Impression value, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .maximumSize(maximumSize)
        .ticker(ticker)
        .build();
  }

  /** The prefix of {@link #newIdWithoutProducts() ids of replies that showed no product}. */
  static final String NOTHING_SHOWN = "none-";

  /**
   * A new recommendation id: 128 random bits as a UUID. Safe from any number of threads: the random
   * generator is shared (with the policy, which locks it the same way) and a {@link RandomGenerator} is
   * not thread-safe, so two unlocked calls could draw the same numbers and give two lists one id.
   */
  public String newId() {
    long high;
    long low;
    synchronized (random) {
      high = random.nextLong();
      low = random.nextLong();
    }
    return new UUID(high, low).toString();
  }

  /**
   * A new recommendation id for a reply that shows no product, which is never recorded: storing it
   * would only push real lists out of the size-bounded log ("hello" chats at thousands per second
   * could evict lists still inside their attribution window). {@link #showsNothing} recognises it
   * without a lookup; the reward sink takes events quoting it as organic.
   */
  public String newIdWithoutProducts() {
    return NOTHING_SHOWN + newId();
  }

  /** Whether {@code recommendationId} came from {@link #newIdWithoutProducts()} (or has its form). */
  public static boolean showsNothing(String recommendationId) {
    return recommendationId.startsWith(NOTHING_SHOWN);
  }

  public void record(Impression impression) {
    impressions.put(impression.recommendationId(), impression);
    for (Consumer<Impression> l : listeners) {
      l.accept(impression);
    }
  }

  /**
   * Puts back an impression from a snapshot, without telling the listeners (the reward sink restores
   * its own pending state); it expires at its {@code shownAt} plus the window, as if never lost.
   */
  public void restore(Impression impression) {
    impressions.put(impression.recommendationId(), impression);
  }

  /**
   * Calls {@code listener} with every impression recorded from now on, on the recording thread (so it
   * must be quick and must not throw); the reward sink uses it to learn from impressions that earn no
   * reward.
   */
  public void addListener(Consumer<Impression> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Stops calling {@code listener}. */
  public void removeListener(Consumer<Impression> listener) {
    listeners.remove(listener);
  }

  /** Whether {@code recommendationId} is live (recorded and not yet expired); allocation-free. */
  public boolean contains(String recommendationId) {
    return impressions.getIfPresent(recommendationId) != null;
  }

  /** The live impression {@code recommendationId}, or {@code null}; allocation-free. */
  @Nullable Impression find(String recommendationId) {
    return impressions.getIfPresent(recommendationId);
  }

  public Optional<Impression> get(String recommendationId) {
    return Optional.ofNullable(impressions.getIfPresent(recommendationId));
  }

  /** Removes every impression shown to {@code userId}. */
  public void forget(String userId) {
    impressions.asMap().values().removeIf(i -> i.userId().equals(userId));
  }
}
