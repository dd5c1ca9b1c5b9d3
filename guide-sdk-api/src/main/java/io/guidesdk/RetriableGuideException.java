package io.guidesdk;

import org.jspecify.annotations.Nullable;

/** A failure that may pass if the same call is repeated later: a timeout, a rate limit, a 5xx. */
public class RetriableGuideException extends GuideException {
  private static final long serialVersionUID = 1L;

  public RetriableGuideException(String message) {
    this(message, null);
  }

  public RetriableGuideException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public final boolean isRetriable() {
    return true;
  }
}
