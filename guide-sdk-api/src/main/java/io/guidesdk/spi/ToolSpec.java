package io.guidesdk.spi;

import java.util.Objects;

/**
 * A tool the model may ask the caller to run. The model never runs anything: it returns a
 * {@link ToolCall}, the caller validates and executes it, and sends the result back.
 *
 * @param name the function name, {@code [a-zA-Z0-9_-]{1,64}}
 * @param description what it does, for the model
 * @param parametersJsonSchema a JSON Schema object describing the arguments
 */
public record ToolSpec(String name, String description, String parametersJsonSchema) {
  public ToolSpec {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("tool name must match [a-zA-Z0-9_-]{1,64}: " + name);
    }
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parametersJsonSchema, "parametersJsonSchema");
  }
}
