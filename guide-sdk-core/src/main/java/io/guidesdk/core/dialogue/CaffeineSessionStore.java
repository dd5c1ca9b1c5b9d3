package io.guidesdk.core.dialogue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** {@link SessionStore#inMemory}: a Caffeine cache keyed by (user, session). */
final class CaffeineSessionStore implements SessionStore {
  private record Key(String userId, String sessionId) {}

  private final Cache<Key, DialogueState> cache;

  CaffeineSessionStore(Duration idleTimeout, long maxSessions) {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
    }
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be >= 1, was " + maxSessions);
    }
    this.cache = Caffeine.newBuilder().expireAfterAccess(idleTimeout).maximumSize(maxSessions).build();
  }

  @Override
  public Optional<DialogueState> get(String userId, String sessionId) {
    return Optional.ofNullable(cache.getIfPresent(new Key(userId, sessionId)));
  }

  @Override
  public void put(String userId, String sessionId, DialogueState state) {
    cache.put(new Key(userId, sessionId), Objects.requireNonNull(state, "state"));
  }

  @Override
  public void endSession(String sessionId) {
    cache.asMap().keySet().removeIf(k -> k.sessionId().equals(sessionId));
  }

  @Override
  public void forgetUser(String userId) {
    cache.asMap().keySet().removeIf(k -> k.userId().equals(userId));
  }

  /** For tests: forces pending expiry and eviction work. */
  void cleanUp() {
    cache.cleanUp();
  }

  long size() {
    return cache.estimatedSize();
  }
}
