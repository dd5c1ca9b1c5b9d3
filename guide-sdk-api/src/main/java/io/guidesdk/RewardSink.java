package io.guidesdk;

/**
 * Takes shopper reactions, from which the recommendation policy and shopper profiles learn.
 *
 * <p>{@link #accept} is thread-safe and does not wait for the update to be applied; {@link #flush()}
 * waits until everything accepted so far has been applied.
 */
public interface RewardSink {

  /**
   * Takes one event.
   *
   * @throws NullPointerException if {@code event} is null
   * @throws EventRejectedException if the event is refused (the message says why)
   */
  void accept(RewardEvent event);

  /** Waits until every event accepted before this call has been applied. */
  default void flush() {}

  /** A sink that drops every event; for applications that do not report reactions. */
  static RewardSink noop() {
    return event -> java.util.Objects.requireNonNull(event, "event");
  }
}
