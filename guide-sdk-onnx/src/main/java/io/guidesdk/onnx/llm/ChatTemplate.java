package io.guidesdk.onnx.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import io.guidesdk.spi.ChatMessage;
import io.guidesdk.spi.ToolCall;
import io.guidesdk.spi.ToolSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's own chat template (the Jinja {@code chat_template} of tokenizer_config.json), rendered
 * with Jinjava under the settings Hugging Face uses ({@code trim_blocks}, {@code lstrip_blocks}) and
 * its helpers ({@code raise_exception}), with {@code messages}, {@code tools},
 * {@code add_generation_prompt}, {@code bos_token} and {@code eos_token} in scope.
 */
final class ChatTemplate {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String template;
  private final String bosToken;
  private final String eosToken;
  private final Jinjava jinjava;

  ChatTemplate(String template, String bosToken, String eosToken) {
    this.template = template;
    this.bosToken = bosToken;
    this.eosToken = eosToken;
    this.jinjava = new Jinjava(JinjavaConfig.newBuilder()
        .withTrimBlocks(true)
        .withLstripBlocks(true)
        .withFailOnUnknownTokens(false)
        .withMaxOutputSize(10_000_000)
        .build());
    jinjava.getGlobalContext().registerFunction(
        new ELFunctionDefinition("", "raise_exception", ChatTemplate.class, "raiseException", String.class));
  }

  /** Whether the template knows about tools (renders a {@code tools} variable). */
  boolean supportsTools() {
    return template.contains("tools");
  }

  /** Renders the conversation, ending with the assistant's turn opened. */
  String render(List<ChatMessage> messages, List<ToolSpec> tools) {
    Map<String, Object> context = new HashMap<>();
    List<Map<String, Object>> msgs = new ArrayList<>();
    for (ChatMessage m : messages) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("role", m.role().wireName());
      map.put("content", m.content());
      if (!m.toolCalls().isEmpty()) {
        List<Map<String, Object>> calls = new ArrayList<>();
        for (ToolCall c : m.toolCalls()) {
          calls.add(Map.of("id", c.id(), "type", "function",
              "function", Map.of("name", c.name(), "arguments", parseOrString(c.argumentsJson()))));
        }
        map.put("tool_calls", calls);
      }
      if (m.toolCallId() != null) {
        map.put("tool_call_id", m.toolCallId());
      }
      msgs.add(map);
    }
    context.put("messages", msgs);
    context.put("add_generation_prompt", true);
    context.put("bos_token", bosToken);
    context.put("eos_token", eosToken);
    if (!tools.isEmpty()) {
      List<Map<String, Object>> specs = new ArrayList<>();
      for (ToolSpec t : tools) {
        specs.add(Map.of("type", "function", "function", Map.of("name", t.name(), "description", t.description(),
            "parameters", parseOrString(t.parametersJsonSchema()))));
      }
      context.put("tools", specs);
    }
    RenderResult result = jinjava.renderForResult(template, context);
    for (TemplateError e : result.getErrors()) {
      if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
        throw new IllegalArgumentException("the model's chat template rejected the conversation: " + e.getMessage());
      }
    }
    return result.getOutput();
  }

  private static Object parseOrString(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (java.io.IOException e) {
      return json;
    }
  }

  /** Jinja's {@code raise_exception(message)} as Hugging Face templates use it. */
  public static String raiseException(String message) {
    throw new IllegalArgumentException(message);
  }
}
