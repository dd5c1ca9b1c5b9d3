package io.guidesdk.core.learning;

import io.guidesdk.NonRetriableGuideException;

/** A snapshot could not be written, or a snapshot file is refused (corrupt, truncated, newer format). */
public class SnapshotException extends NonRetriableGuideException {
  private static final long serialVersionUID = 1L;

  public SnapshotException(String message, Throwable cause) {
    super(message, cause);
  }

  public SnapshotException(String message) {
    super(message);
  }
}
