package io.guidesdk;

import org.jspecify.annotations.Nullable;

/** A model (encoder or language model) could not be found, read or initialised. */
public class ModelLoadException extends NonRetriableGuideException {
  private static final long serialVersionUID = 1L;

  public ModelLoadException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
