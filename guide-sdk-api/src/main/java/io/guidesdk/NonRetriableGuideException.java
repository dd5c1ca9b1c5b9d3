package io.guidesdk;

import org.jspecify.annotations.Nullable;

/** A failure that repeating the call will not cure: bad configuration, bad data, a missing model. */
public class NonRetriableGuideException extends GuideException {
  private static final long serialVersionUID = 1L;

  public NonRetriableGuideException(String message) {
    this(message, null);
  }

  public NonRetriableGuideException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public final boolean isRetriable() {
    return false;
  }
}
