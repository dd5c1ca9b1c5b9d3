package io.guidesdk.core.dialogue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SessionStore#inMemory}: a Caffeine cache keyed by session id, each entry holding the states
 * of the users of that session (almost always one), so that {@link #endSession} is one removal rather
 * than a scan of every session held.
 */
final class CaffeineSessionStore implements SessionStore {
  private final Cache<String, Map<String, DialogueState>> cache;

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
    Map<String, DialogueState> users = cache.getIfPresent(sessionId);
    return users == null ? Optional.empty() : Optional.ofNullable(users.get(userId));
  }

  @Override
  public void put(String userId, String sessionId, DialogueState state) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(state, "state");
    cache.asMap().compute(Objects.requireNonNull(sessionId, "sessionId"), (id, users) -> {
      if (users == null || users.size() == 1 && users.containsKey(userId)) {
        return Map.of(userId, state);
      }
      Map<String, DialogueState> next = new HashMap<>(users);
      next.put(userId, state);
      return Map.copyOf(next);
    });
  }

  @Override
  public void endSession(String sessionId) {
    cache.invalidate(sessionId);
  }

  /** A scan of every session held: erasing a shopper is rare, and a second index would cost every put. */
  @Override
  public void forgetUser(String userId) {
    for (String sessionId : List.copyOf(cache.asMap().keySet())) {
      cache.asMap().computeIfPresent(sessionId, (id, users) -> {
        if (!users.containsKey(userId)) {
          return users;
        }
        Map<String, DialogueState> next = new HashMap<>(users);
        next.remove(userId);
        return next.isEmpty() ? null : Map.copyOf(next);
      });
    }
  }

  /** For tests: forces pending expiry and eviction work. */
  void cleanUp() {
    cache.cleanUp();
  }

  long size() {
    return cache.estimatedSize();
  }
}
