package io.guidesdk;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A backend refused the call for now (HTTP 429 or equal); {@link #retryAfter()} says when to retry. */
public class RateLimitedException extends RetriableGuideException {
  private static final long serialVersionUID = 1L;
  private final @Nullable Duration retryAfter;

  public RateLimitedException(String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** The delay the backend asked for, when it said one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
