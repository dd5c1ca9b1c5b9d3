package io.guidesdk.core.dialogue;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the guide keeps each session's {@link DialogueState}. The default holds it in memory
 * ({@link #inMemory(Duration, long)}: a Caffeine cache with idle expiry and a size bound); a shop
 * that runs several application instances, or wants state to survive a restart, implements this
 * interface over its own store (Redis, a database) and passes it to
 * {@link DialogueOptions.Builder#sessionStore(SessionStore)}.
 *
 * <p>State is keyed by user <em>and</em> session: the same session id under two users is two
 * sessions, so one shopper never sees another's constraints or products. Anonymous shoppers use the
 * empty string as user id. Implementations must be thread-safe; the guide reads the state at the
 * start of a turn and writes it at the end (last write wins between concurrent turns of one session).
 */
public interface SessionStore {

  /** The state of one session, if held. */
  Optional<DialogueState> get(String userId, String sessionId);

  /** Stores (replaces) the state of one session. */
  void put(String userId, String sessionId, DialogueState state);

  /** Erases one session id, under whichever users hold it. Unknown ids are ignored. */
  void endSession(String sessionId);

  /** Erases every session of one user. */
  void forgetUser(String userId);

  /**
   * The default store: in memory, each session forgotten after {@code idleTimeout} without a turn,
   * and the least recently used sessions evicted beyond {@code maxSessions}.
   *
   * @throws IllegalArgumentException if the timeout is not positive or maxSessions is below 1
   */
  static SessionStore inMemory(Duration idleTimeout, long maxSessions) {
    return new CaffeineSessionStore(idleTimeout, maxSessions);
  }
}
