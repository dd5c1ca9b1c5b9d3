package io.guidesdk.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import io.guidesdk.spi.ChatMessage;
import io.guidesdk.spi.FinishReason;
import io.guidesdk.spi.Generation;
import io.guidesdk.spi.GenerationOptions;
import io.guidesdk.spi.GenerationRequest;
import io.guidesdk.spi.TokenListener;
import io.guidesdk.spi.TokenUsage;
import io.guidesdk.spi.ToolCall;
import io.guidesdk.spi.ToolSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/** Runs requests on a LangChain4j {@link ChatModel} (and {@link StreamingChatModel} when there is one). */
final class LangChain4jBackend implements Backend {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ChatModel chat;
  private final @Nullable StreamingChatModel streaming;
  private final boolean openAi;

  LangChain4jBackend(ChatModel chat, @Nullable StreamingChatModel streaming, boolean openAi) {
    this.chat = chat;
    this.streaming = streaming;
    this.openAi = openAi;
  }

  @Override
  public boolean streams() {
    return streaming != null;
  }

  @Override
  public Generation call(GenerationRequest request, @Nullable TokenListener listener) throws Exception {
    ChatRequest cr = ChatRequest.builder().messages(messages(request.messages())).parameters(parameters(request)).build();
    if (listener == null || streaming == null) {
      Generation g = generation(chat.chat(cr));
      if (listener != null && !g.text().isEmpty()) {
        listener.onText(g.text());
      }
      return g;
    }
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    streaming.chat(cr, new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String piece) {
        if (piece != null && !piece.isEmpty()) {
          listener.onText(piece);
        }
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    try {
      return generation(done.get());
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  private ChatRequestParameters parameters(GenerationRequest request) {
    GenerationOptions o = request.options();
    List<ToolSpecification> tools = new ArrayList<>();
    for (ToolSpec t : request.tools()) {
      tools.add(ToolSpecification.builder().name(t.name()).description(t.description())
          .parameters(objectSchema(t.parametersJsonSchema())).build());
    }
    if (openAi) {
      // OpenAI's API has no top_k; seed is best-effort reproducibility on the server side.
      OpenAiChatRequestParameters.Builder b = OpenAiChatRequestParameters.builder();
      b.temperature(o.temperature()).topP(o.topP()).maxOutputTokens(o.maxTokens());
      if (!o.stop().isEmpty()) {
        b.stopSequences(o.stop());
      }
      if (o.seed() != null) {
        b.seed((int) (long) o.seed());
      }
      if (o.jsonOutput()) {
        b.responseFormat(ResponseFormat.JSON);
      }
      if (!tools.isEmpty()) {
        b.toolSpecifications(tools);
      }
      return b.build();
    }
    DefaultChatRequestParameters.Builder<?> b = DefaultChatRequestParameters.builder();
    b.temperature(o.temperature()).topP(o.topP()).topK(o.topK()).maxOutputTokens(o.maxTokens());
    if (!o.stop().isEmpty()) {
      b.stopSequences(o.stop());
    }
    if (o.jsonOutput()) {
      b.responseFormat(ResponseFormat.JSON);
    }
    if (!tools.isEmpty()) {
      b.toolSpecifications(tools);
    }
    return b.build();
  }

  static List<dev.langchain4j.data.message.ChatMessage> messages(List<ChatMessage> in) {
    List<dev.langchain4j.data.message.ChatMessage> out = new ArrayList<>();
    Map<String, String> toolNames = new HashMap<>();
    for (ChatMessage m : in) {
      switch (m.role()) {
        case SYSTEM -> out.add(SystemMessage.from(m.content()));
        case USER -> out.add(UserMessage.from(m.content()));
        case ASSISTANT -> {
          if (m.toolCalls().isEmpty()) {
            out.add(AiMessage.from(m.content()));
          } else {
            List<ToolExecutionRequest> reqs = new ArrayList<>();
            for (ToolCall c : m.toolCalls()) {
              toolNames.put(c.id(), c.name());
              reqs.add(ToolExecutionRequest.builder().id(c.id()).name(c.name()).arguments(c.argumentsJson()).build());
            }
            out.add(m.content().isEmpty() ? AiMessage.from(reqs) : AiMessage.from(m.content(), reqs));
          }
        }
        case TOOL -> out.add(ToolExecutionResultMessage.from(m.toolCallId(),
            toolNames.getOrDefault(m.toolCallId(), "tool"), m.content()));
      }
    }
    return out;
  }

  static Generation generation(ChatResponse r) {
    AiMessage ai = r.aiMessage();
    List<ToolCall> calls = new ArrayList<>();
    if (ai.hasToolExecutionRequests()) {
      for (ToolExecutionRequest t : ai.toolExecutionRequests()) {
        calls.add(new ToolCall(t.id() == null ? "call_" + calls.size() : t.id(), t.name(),
            t.arguments() == null ? "{}" : t.arguments()));
      }
    }
    FinishReason reason = r.finishReason() == null ? FinishReason.OTHER : switch (r.finishReason()) {
      case STOP -> FinishReason.END;
      case LENGTH -> FinishReason.LENGTH;
      case TOOL_EXECUTION -> FinishReason.TOOL_CALLS;
      default -> FinishReason.OTHER;
    };
    if (!calls.isEmpty()) {
      reason = FinishReason.TOOL_CALLS;
    }
    dev.langchain4j.model.output.TokenUsage u = r.tokenUsage();
    TokenUsage usage = u == null ? TokenUsage.UNKNOWN : new TokenUsage(
        u.inputTokenCount() == null ? 0 : u.inputTokenCount(), u.outputTokenCount() == null ? 0 : u.outputTokenCount());
    return new Generation(ai.text() == null ? "" : ai.text(), calls, reason, usage);
  }

  /** Converts a JSON Schema object (as the SPI carries it) to LangChain4j's schema model. */
  static JsonObjectSchema objectSchema(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      JsonSchemaElement e = element(root);
      if (e instanceof JsonObjectSchema o) {
        return o;
      }
      throw new IllegalArgumentException("tool parameters must be a JSON Schema of type object: " + json);
    } catch (IOException e) {
      throw new IllegalArgumentException("tool parameters are not valid JSON: " + e.getMessage(), e);
    }
  }

  private static JsonSchemaElement element(JsonNode n) {
    String description = n.path("description").isTextual() ? n.get("description").asText() : null;
    if (n.has("enum")) {
      List<String> values = new ArrayList<>();
      n.get("enum").forEach(v -> values.add(v.asText()));
      return JsonEnumSchema.builder().enumValues(values).description(description).build();
    }
    String type = n.path("type").asText("object");
    return switch (type) {
      case "string" -> JsonStringSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "array" -> JsonArraySchema.builder().description(description)
          .items(element(n.path("items").isObject() ? n.get("items") : JSON.createObjectNode().put("type", "string")))
          .build();
      default -> {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description);
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("properties").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> p = it.next();
          b.addProperty(p.getKey(), element(p.getValue()));
        }
        List<String> required = new ArrayList<>();
        n.path("required").forEach(r -> required.add(r.asText()));
        if (!required.isEmpty()) {
          b.required(required);
        }
        yield b.build();
      }
    };
  }
}
