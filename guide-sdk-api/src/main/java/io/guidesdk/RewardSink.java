package io.guidesdk;

/**
 * Takes shopper reactions, from which the recommendation policy and shopper profiles learn.
 *
 * <p>{@link #accept} is thread-safe and does not wait for the update to be applied; {@link #flush()}
 * waits until everything accepted so far has been applied; {@link #close()} stops taking events and
 * applies everything already accepted. An accepted event is never dropped silently: it is either
 * applied, or {@code accept} throws {@link EventRejectedException} and the caller keeps it.
 */
public interface RewardSink extends AutoCloseable {

  /**
   * Takes one event.
   *
   * @throws NullPointerException if {@code event} is null
   * @throws EventRejectedException if the event is refused (the message says why)
   */
  void accept(RewardEvent event);

  /** Waits until every event accepted before this call has been applied. */
  default void flush() {}

  /**
   * Stops taking events (later calls to {@link #accept} are rejected with reason {@code CLOSED}) and
   * waits until every accepted event has been applied. Idempotent.
   */
  @Override
  default void close() {}

  /** A sink that drops every event; for applications that do not report reactions. */
  static RewardSink noop() {
    return event -> java.util.Objects.requireNonNull(event, "event");
  }
}
