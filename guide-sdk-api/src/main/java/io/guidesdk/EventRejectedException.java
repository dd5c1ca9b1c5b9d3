package io.guidesdk;

/**
 * A {@link RewardEvent} was refused: it names an unknown product or recommendation, a recommendation
 * shown to another user, a timestamp far in the future or before 1970, or the sink is full or closed.
 * The message says which; {@link #reason()} lets the caller count rejections by kind.
 */
public class EventRejectedException extends NonRetriableGuideException {
  private static final long serialVersionUID = 1L;

  /** Why an event was refused. */
  public enum Reason {
    UNKNOWN_PRODUCT,
    UNKNOWN_RECOMMENDATION,
    TIMESTAMP_IN_FUTURE,
    QUEUE_FULL,
    CLOSED,
    /** The timestamp is before 1970-01-01T00:00:00Z: a wrong clock, unit or default value. */
    TIMESTAMP_TOO_OLD,
    /**
     * The recommendation was shown to another user than the event's: a mixed-up id. Send the event
     * with the user it was shown to, or without the recommendation id (organic).
     */
    USER_MISMATCH
  }

  private final Reason reason;

  public EventRejectedException(Reason reason, String message) {
    super(message);
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
