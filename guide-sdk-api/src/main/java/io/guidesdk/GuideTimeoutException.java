package io.guidesdk;

import org.jspecify.annotations.Nullable;

/** A call took longer than the limit it was given (see the limits of the SDK builder). */
public class GuideTimeoutException extends RetriableGuideException {
  private static final long serialVersionUID = 1L;

  public GuideTimeoutException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
