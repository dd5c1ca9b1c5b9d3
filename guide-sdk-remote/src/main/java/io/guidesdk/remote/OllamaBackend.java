package io.guidesdk.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidesdk.spi.ChatMessage;
import io.guidesdk.spi.FinishReason;
import io.guidesdk.spi.Generation;
import io.guidesdk.spi.GenerationOptions;
import io.guidesdk.spi.GenerationRequest;
import io.guidesdk.spi.TokenListener;
import io.guidesdk.spi.TokenUsage;
import io.guidesdk.spi.ToolCall;
import io.guidesdk.spi.ToolSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Ollama's native chat protocol ({@code POST /api/chat}; NDJSON when streaming), on the JDK HTTP
 * client and Jackson. langchain4j-ollama is not published for the LangChain4j version the SDK is
 * built on (1.19.0; the latest is 1.18.1), and mixing it with 1.19.0 core breaks dependency
 * convergence, so this ~200-line client speaks the documented protocol itself: messages, options
 * (temperature, top_p, top_k, seed, num_predict, stop, repeat_penalty), {@code format: "json"},
 * tools and tool calls, and the token counts ({@code prompt_eval_count}, {@code eval_count}).
 */
final class OllamaBackend implements Backend {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final URI chatUri;
  private final String model;
  private final Duration timeout;

  OllamaBackend(String baseUrl, String model, Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    this.chatUri = URI.create(baseUrl.replaceAll("/+$", "") + "/api/chat");
    this.model = model;
    this.timeout = timeout;
  }

  @Override
  public boolean streams() {
    return true;
  }

  @Override
  public Generation call(GenerationRequest request, @Nullable TokenListener listener) throws Exception {
    boolean stream = listener != null;
    HttpRequest req = HttpRequest.newBuilder(chatUri).timeout(timeout).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(request, stream).toString(), StandardCharsets.UTF_8)).build();
    HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = resp.body()) {
      CallContext.register(in);
      if (resp.statusCode() < 200 || resp.statusCode() >= 300) {
        JdkHttpClient.check(resp, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      if (!stream) {
        JsonNode n = chatResponse(JSON.readTree(in));
        return generation(n, n.path("message").path("content").asText(""));
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      StringBuilder text = new StringBuilder();
      List<JsonNode> toolCalls = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        if (n != null && n.has("error")) {
          throw new IOException("Ollama reported an error mid-stream: " + n.get("error").asText());
        }
        chatResponse(n);
        String piece = n.path("message").path("content").asText("");
        if (!piece.isEmpty()) {
          text.append(piece);
          listener.onText(piece);
        }
        n.path("message").path("tool_calls").forEach(toolCalls::add);
        if (n.path("done").asBoolean(false)) {
          ObjectNode last = (ObjectNode) n;
          ((ObjectNode) last.with("message")).set("tool_calls", JSON.valueToTree(toolCalls));
          return generation(last, text.toString());
        }
      }
      throw new IOException("the Ollama stream ended before its final (done) message (connection cut)");
    }
  }

  /**
   * {@code n} when it is a chat answer (an object with a {@code message} object, or the final
   * {@code done} line of a stream); otherwise a {@link MalformedResponseException} quoting it, so an
   * empty or foreign 200 is an error and not an empty reply.
   */
  private static JsonNode chatResponse(@Nullable JsonNode n) {
    if (n != null && n.isObject() && n.has("error")) {
      throw new MalformedResponseException("Ollama answered 200 with an error: " + n.get("error").asText());
    }
    if (n == null || !n.isObject() || !(n.path("message").isObject() || n.path("done").asBoolean(false))) {
      String got = n == null || n.isMissingNode() ? "an empty body" : n.toString();
      throw new MalformedResponseException("expected a JSON object with a \"message\" object (Ollama /api/chat),"
          + " got " + (got.length() > 200 ? got.substring(0, 200) + "…" : got));
    }
    return n;
  }

  private ObjectNode body(GenerationRequest request, boolean stream) {
    ObjectNode b = JSON.createObjectNode();
    b.put("model", model);
    b.put("stream", stream);
    ArrayNode msgs = b.putArray("messages");
    java.util.Map<String, String> toolNames = new java.util.HashMap<>();
    for (ChatMessage m : request.messages()) {
      ObjectNode o = msgs.addObject();
      o.put("role", m.role().wireName());
      o.put("content", m.content());
      if (!m.toolCalls().isEmpty()) {
        ArrayNode calls = o.putArray("tool_calls");
        for (ToolCall c : m.toolCalls()) {
          toolNames.put(c.id(), c.name());
          ObjectNode fn = calls.addObject().putObject("function");
          fn.put("name", c.name());
          try {
            fn.set("arguments", JSON.readTree(c.argumentsJson()));
          } catch (IOException e) {
            fn.putObject("arguments");
          }
        }
      }
      if (m.toolCallId() != null) {
        o.put("tool_name", toolNames.getOrDefault(m.toolCallId(), "tool"));
      }
    }
    GenerationOptions opt = request.options();
    ObjectNode o = b.putObject("options");
    if (opt.temperature() != null) {
      o.put("temperature", opt.temperature());
    }
    if (opt.topP() != null) {
      o.put("top_p", opt.topP());
    }
    if (opt.topK() != null) {
      o.put("top_k", opt.topK());
    }
    if (opt.seed() != null) {
      o.put("seed", opt.seed());
    }
    if (opt.maxTokens() != null) {
      o.put("num_predict", opt.maxTokens());
    }
    if (opt.repetitionPenalty() != null) {
      o.put("repeat_penalty", opt.repetitionPenalty());
    }
    if (!opt.stop().isEmpty()) {
      ArrayNode s = o.putArray("stop");
      opt.stop().forEach(s::add);
    }
    if (opt.jsonOutput()) {
      b.put("format", "json");
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = b.putArray("tools");
      for (ToolSpec t : request.tools()) {
        ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
        fn.put("name", t.name());
        fn.put("description", t.description());
        try {
          fn.set("parameters", JSON.readTree(t.parametersJsonSchema()));
        } catch (IOException e) {
          throw new IllegalArgumentException("tool " + t.name() + " has parameters that are not valid JSON", e);
        }
      }
    }
    return b;
  }

  private static Generation generation(JsonNode n, String text) {
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode c : n.path("message").path("tool_calls")) {
      JsonNode fn = c.path("function");
      JsonNode args = fn.path("arguments");
      calls.add(new ToolCall(c.path("id").asText("call_" + calls.size()), fn.path("name").asText(""),
          args.isTextual() ? args.asText() : args.toString()));
    }
    String done = n.path("done_reason").asText("stop");
    FinishReason reason = !calls.isEmpty() ? FinishReason.TOOL_CALLS
        : "length".equals(done) ? FinishReason.LENGTH : "stop".equals(done) ? FinishReason.END : FinishReason.OTHER;
    return new Generation(text, calls, reason,
        new TokenUsage(n.path("prompt_eval_count").asInt(0), n.path("eval_count").asInt(0)));
  }
}
