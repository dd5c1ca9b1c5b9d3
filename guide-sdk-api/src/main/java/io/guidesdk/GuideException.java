package io.guidesdk;

import org.jspecify.annotations.Nullable;

/**
 * The single root of every exception the SDK throws on its own account (argument checks aside, which
 * throw {@link NullPointerException} and {@link IllegalArgumentException} as the JDK does).
 *
 * <p>Catch {@link RetriableGuideException} to retry (rate limits, timeouts, a backend briefly down) and
 * {@link NonRetriableGuideException} for failures that a retry will not cure (a model that does not
 * load, a malformed catalog, a rejected event).
 */
public abstract class GuideException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected GuideException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** Whether repeating the same call later may succeed. */
  public abstract boolean isRetriable();
}
