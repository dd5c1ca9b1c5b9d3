package io.guidesdk.spi;

import java.util.List;
import java.util.Objects;

/**
 * The result of one generation.
 *
 * @param text the generated text, stop sequence excluded; may be empty when the model only called tools
 * @param toolCalls the tools the model asked to run, in order; empty when none
 * @param finishReason why it ended
 * @param usage tokens consumed ({@link TokenUsage#UNKNOWN} when the backend did not say)
 */
public record Generation(String text, List<ToolCall> toolCalls, FinishReason finishReason, TokenUsage usage) {
  public Generation {
    Objects.requireNonNull(text, "text");
    toolCalls = List.copyOf(toolCalls);
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(usage, "usage");
  }

  /** Whether the model asked for tools. */
  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }
}
