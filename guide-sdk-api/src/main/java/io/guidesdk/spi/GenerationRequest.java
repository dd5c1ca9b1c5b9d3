package io.guidesdk.spi;

import java.util.List;
import java.util.Objects;

/**
 * What to generate from: the conversation, the options, and the tools the model may call.
 *
 * @param messages the conversation so far, oldest first; not empty
 * @param options sampling and length options
 * @param tools tools the model may call; empty for none (ignored by backends without tool support)
 */
public record GenerationRequest(List<ChatMessage> messages, GenerationOptions options, List<ToolSpec> tools) {
  public GenerationRequest {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("messages must not be empty");
    }
    Objects.requireNonNull(options, "options");
    tools = List.copyOf(tools);
  }

  /** A request without tools. */
  public static GenerationRequest of(List<ChatMessage> messages, GenerationOptions options) {
    return new GenerationRequest(messages, options, List.of());
  }
}
