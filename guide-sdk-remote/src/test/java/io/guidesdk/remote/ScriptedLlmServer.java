package io.guidesdk.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real local HTTP server speaking the OpenAI chat-completions protocol (JSON and SSE streaming,
 * tool_calls, usage) and Ollama's /api/chat (JSON and NDJSON streaming), answering from a script:
 * queued replies first, then a function of the request body.
 */
final class ScriptedLlmServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  final List<Recorded> requests = new CopyOnWriteArrayList<>();
  final ConcurrentLinkedDeque<Reply> queue = new ConcurrentLinkedDeque<>();
  volatile Function<JsonNode, Reply> fallback = body -> Reply.status(500, "{\"error\":\"no script\"}", Map.of());

  record Recorded(String path, JsonNode body, long atNanos) {}

  /** One scripted answer. */
  record Reply(int status, Map<String, String> headers, String contentType, List<String> parts, long delayMs,
      long gapMs) {
    static Reply json(String body) {
      return new Reply(200, Map.of(), "application/json", List.of(body), 0, 0);
    }

    static Reply status(int status, String body, Map<String, String> headers) {
      return new Reply(status, headers, "application/json", List.of(body), 0, 0);
    }

    /** SSE events ("data: ..."), then [DONE] when {@code done}; without it the stream just ends (cut). */
    static Reply sse(List<String> events, boolean done) {
      List<String> parts = new java.util.ArrayList<>();
      events.forEach(e -> parts.add("data: " + e + "\n\n"));
      if (done) {
        parts.add("data: [DONE]\n\n");
      }
      return new Reply(200, Map.of(), "text/event-stream", parts, 0, 5);
    }

    static Reply ndjson(List<String> lines) {
      return new Reply(200, Map.of(), "application/x-ndjson", lines.stream().map(l -> l + "\n").toList(), 0, 5);
    }

    Reply delayed(long ms) {
      return new Reply(status, headers, contentType, parts, ms, gapMs);
    }
  }

  ScriptedLlmServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "scripted-llm-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  String openAiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  String ollamaUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] in = ex.getRequestBody().readAllBytes();
      JsonNode body = in.length == 0 ? JSON.createObjectNode() : JSON.readTree(in);
      requests.add(new Recorded(ex.getRequestURI().getPath(), body, System.nanoTime()));
      Reply r = queue.poll();
      if (r == null) {
        r = fallback.apply(body);
      }
      if (r.delayMs() > 0) {
        Thread.sleep(r.delayMs());
      }
      ex.getResponseHeaders().add("Content-Type", r.contentType());
      r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      boolean streamed = r.parts().size() > 1 || r.contentType().startsWith("text/event-stream")
          || r.contentType().contains("ndjson");
      if (streamed) {
        ex.sendResponseHeaders(r.status(), 0);
        OutputStream out = ex.getResponseBody();
        for (String p : r.parts()) {
          out.write(p.getBytes(StandardCharsets.UTF_8));
          out.flush();
          if (r.gapMs() > 0) {
            Thread.sleep(r.gapMs());
          }
        }
      } else {
        byte[] b = r.parts().get(0).getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(r.status(), b.length);
        ex.getResponseBody().write(b);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The client went away (a timeout test): nothing to answer.
    }
  }

  /** Requests that reached the server. */
  int count() {
    return requests.size();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ---- OpenAI wire format ----

  static String completion(String content, int promptTokens, int completionTokens) {
    ObjectNode o = base("chat.completion");
    ObjectNode choice = o.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", content);
    choice.put("finish_reason", "stop");
    usage(o, promptTokens, completionTokens);
    return o.toString();
  }

  static String toolCallCompletion(String id, String name, String argumentsJson) {
    ObjectNode o = base("chat.completion");
    ObjectNode choice = o.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode msg = choice.putObject("message").put("role", "assistant");
    msg.putNull("content");
    ObjectNode call = msg.putArray("tool_calls").addObject().put("id", id).put("type", "function");
    call.putObject("function").put("name", name).put("arguments", argumentsJson);
    choice.put("finish_reason", "tool_calls");
    usage(o, 30, 12);
    return o.toString();
  }

  /** Streamed chunks of {@code pieces}, a final chunk with finish_reason, and a usage chunk. */
  static List<String> chunks(List<String> pieces, int promptTokens, int completionTokens) {
    List<String> out = new java.util.ArrayList<>();
    for (String p : pieces) {
      ObjectNode o = base("chat.completion.chunk");
      ObjectNode c = o.putArray("choices").addObject();
      c.put("index", 0);
      c.putObject("delta").put("content", p);
      c.putNull("finish_reason");
      out.add(o.toString());
    }
    ObjectNode end = base("chat.completion.chunk");
    ObjectNode c = end.putArray("choices").addObject();
    c.put("index", 0);
    c.putObject("delta");
    c.put("finish_reason", "stop");
    out.add(end.toString());
    ObjectNode u = base("chat.completion.chunk");
    u.putArray("choices");
    usage(u, promptTokens, completionTokens);
    out.add(u.toString());
    return out;
  }

  private static ObjectNode base(String object) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", "chatcmpl-1");
    o.put("object", object);
    o.put("created", 1_700_000_000L);
    o.put("model", "test-model");
    return o;
  }

  private static void usage(ObjectNode o, int prompt, int completion) {
    o.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
  }

  // ---- Ollama wire format ----

  static String ollamaDone(String content, int prompt, int eval) {
    ObjectNode o = JSON.createObjectNode();
    o.put("model", "llama3.2");
    o.putObject("message").put("role", "assistant").put("content", content);
    o.put("done", true);
    o.put("done_reason", "stop");
    o.put("prompt_eval_count", prompt);
    o.put("eval_count", eval);
    return o.toString();
  }

  static String ollamaPiece(String content) {
    ObjectNode o = JSON.createObjectNode();
    o.put("model", "llama3.2");
    o.putObject("message").put("role", "assistant").put("content", content);
    o.put("done", false);
    return o.toString();
  }

  static String ollamaToolCall(String name, String argsJson) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    ObjectNode m = o.putObject("message").put("role", "assistant").put("content", "");
    ArrayNode calls = m.putArray("tool_calls");
    calls.addObject().putObject("function").put("name", name).set("arguments", JSON.readTree(argsJson));
    o.put("done", true);
    o.put("done_reason", "stop");
    o.put("prompt_eval_count", 20);
    o.put("eval_count", 8);
    return o.toString();
  }

  /** The system and last user message of a chat request (either protocol). */
  static String system(JsonNode body) {
    return body.path("messages").path(0).path("content").asText("");
  }

  static String lastUser(JsonNode body) {
    JsonNode msgs = body.path("messages");
    for (int i = msgs.size() - 1; i >= 0; i--) {
      if ("user".equals(msgs.get(i).path("role").asText())) {
        return msgs.get(i).path("content").asText("");
      }
    }
    return "";
  }
}
