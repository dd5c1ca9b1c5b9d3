package io.guidesdk.spi;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation with a {@link LanguageModel}.
 *
 * @param role who speaks
 * @param content the text; empty for an assistant message that only calls tools
 * @param toolCalls the tools an assistant message called (empty otherwise)
 * @param toolCallId for a {@link Role#TOOL} message, the id of the call it answers; {@code null} otherwise
 */
public record ChatMessage(Role role, String content, List<ToolCall> toolCalls, @Nullable String toolCallId) {

  /** Who speaks. */
  public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL;

    /** The lower-case name chat templates and wire protocols use. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    toolCalls = List.copyOf(toolCalls);
    if (role == Role.TOOL && toolCallId == null) {
      throw new IllegalArgumentException("a tool message needs the toolCallId of the call it answers");
    }
    if (role != Role.ASSISTANT && !toolCalls.isEmpty()) {
      throw new IllegalArgumentException("only assistant messages carry tool calls, not " + role);
    }
  }

  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content, List.of(), null);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content, List.of(), null);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content, List.of(), null);
  }

  /** An assistant turn that called tools (as returned in {@link Generation#toolCalls()}). */
  public static ChatMessage assistant(String content, List<ToolCall> toolCalls) {
    return new ChatMessage(Role.ASSISTANT, content, toolCalls, null);
  }

  /** The result of executing a tool call, sent back to the model. */
  public static ChatMessage toolResult(ToolCall call, String result) {
    Objects.requireNonNull(call, "call");
    return new ChatMessage(Role.TOOL, result, List.of(), call.id());
  }
}
