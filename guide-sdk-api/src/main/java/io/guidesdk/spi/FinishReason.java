package io.guidesdk.spi;

/** Why a generation ended. */
public enum FinishReason {
  /** The model ended its answer (an end-of-sequence token). */
  END,
  /** A stop sequence was produced; it is not part of the text. */
  STOP_SEQUENCE,
  /** {@link GenerationOptions#maxTokens()} (or the model's context) was reached. */
  LENGTH,
  /** The model asked for tools to be run. */
  TOOL_CALLS,
  /** The backend gave another or no reason (e.g. content filtering). */
  OTHER
}
