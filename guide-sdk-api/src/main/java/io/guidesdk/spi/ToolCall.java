package io.guidesdk.spi;

import java.util.Objects;

/**
 * A model's request to run a tool.
 *
 * @param id the call's id, quoted back in {@link ChatMessage#toolResult}
 * @param name the tool's name
 * @param argumentsJson the arguments as a JSON object, as the model wrote them (untrusted: validate)
 */
public record ToolCall(String id, String name, String argumentsJson) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(argumentsJson, "argumentsJson");
  }
}
