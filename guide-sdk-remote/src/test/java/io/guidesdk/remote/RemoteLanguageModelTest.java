package io.guidesdk.remote;

import static io.guidesdk.remote.ScriptedLlmServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.guidesdk.GuideTimeoutException;
import io.guidesdk.NonRetriableGuideException;
import io.guidesdk.RateLimitedException;
import io.guidesdk.RetriableGuideException;
import io.guidesdk.spi.ChatMessage;
import io.guidesdk.spi.FinishReason;
import io.guidesdk.spi.Generation;
import io.guidesdk.spi.GenerationOptions;
import io.guidesdk.spi.GenerationRequest;
import io.guidesdk.spi.TokenUsage;
import io.guidesdk.spi.ToolCall;
import io.guidesdk.spi.ToolSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The remote backends against a real local HTTP server speaking the OpenAI and Ollama protocols. */
class RemoteLanguageModelTest {
  ScriptedLlmServer server;
  RemoteLanguageModel openAi;

  static final GenerationRequest HELLO = GenerationRequest.of(List.of(ChatMessage.system("Be brief."),
      ChatMessage.user("hello")), GenerationOptions.builder().maxTokens(50).temperature(0.2).topP(0.9).seed(7)
      .stop("END").build());
  static final ToolSpec SEARCH = new ToolSpec("search_products", "Search the catalog",
      "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"},\"max_price\":{\"type\":\"number\"}},"
          + "\"required\":[\"query\"]}");

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedLlmServer();
    openAi = RemoteLanguageModel.openAiCompatible(server.openAiUrl()).apiKey("sk-test").model("test-model")
        .timeout(Duration.ofSeconds(3)).maxRetries(2).backoff(Duration.ofMillis(20), Duration.ofMillis(100))
        .build();
  }

  @AfterEach
  void stop() {
    openAi.close();
    server.close();
  }

  @Test
  void openAiSuccessSendsTheOptionsAndReportsUsage() {
    server.queue.add(Reply.json(ScriptedLlmServer.completion("Hi there!", 21, 4)));
    Generation g = openAi.generate(HELLO);
    assertThat(g.text()).isEqualTo("Hi there!");
    assertThat(g.usage()).isEqualTo(new TokenUsage(21, 4));
    assertThat(g.finishReason()).isEqualTo(FinishReason.END);
    JsonNode body = server.requests.get(0).body();
    assertThat(server.requests.get(0).path()).isEqualTo("/v1/chat/completions");
    assertThat(body.path("model").asText()).isEqualTo("test-model");
    assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("hello");
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
    assertThat(body.path("seed").asInt()).isEqualTo(7);
    assertThat(body.path("stop").toString()).contains("END");
    assertThat(body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt())).isEqualTo(50);
  }

  @Test
  void jsonOutputAsksForAJsonObject() {
    server.queue.add(Reply.json(ScriptedLlmServer.completion("{\"intent\":\"SEARCH\"}", 5, 5)));
    openAi.generate(GenerationRequest.of(List.of(ChatMessage.user("x")),
        GenerationOptions.builder().jsonOutput(true).build()));
    assertThat(server.requests.get(0).body().path("response_format").path("type").asText()).isEqualTo("json_object");
  }

  @Test
  void openAiStreamingDeliversPiecesThatConcatenateToTheText() {
    List<String> pieces = List.of("Hel", "lo, ", "跑鞋", " 😀", "!");
    server.queue.add(Reply.sse(ScriptedLlmServer.chunks(pieces, 12, 5), true));
    List<String> got = new ArrayList<>();
    Generation g = openAi.generate(HELLO, got::add);
    assertThat(got).containsExactlyElementsOf(pieces);
    assertThat(g.text()).isEqualTo(String.join("", pieces));
    assertThat(g.usage()).isEqualTo(new TokenUsage(12, 5));
    assertThat(server.requests.get(0).body().path("stream").asBoolean()).isTrue();
  }

  @Test
  void openAiToolCallsRoundTrip() {
    server.queue.add(Reply.json(ScriptedLlmServer.toolCallCompletion("call_9", "search_products",
        "{\"query\":\"tent\",\"max_price\":200}")));
    Generation g = openAi.generate(new GenerationRequest(List.of(ChatMessage.user("a tent")),
        GenerationOptions.defaults(), List.of(SEARCH)));
    assertThat(g.toolCalls()).containsExactly(new ToolCall("call_9", "search_products",
        "{\"query\":\"tent\",\"max_price\":200}"));
    assertThat(g.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    JsonNode tools = server.requests.get(0).body().path("tools");
    assertThat(tools.get(0).path("function").path("name").asText()).isEqualTo("search_products");
    assertThat(tools.get(0).path("function").path("parameters").path("properties").has("max_price")).isTrue();

    server.queue.add(Reply.json(ScriptedLlmServer.completion("Found 2 tents.", 40, 4)));
    Generation after = openAi.generate(new GenerationRequest(List.of(ChatMessage.user("a tent"),
        ChatMessage.assistant("", g.toolCalls()), ChatMessage.toolResult(g.toolCalls().get(0), "{\"products\":[]}")),
        GenerationOptions.defaults(), List.of(SEARCH)));
    assertThat(after.text()).isEqualTo("Found 2 tents.");
    JsonNode msgs = server.requests.get(1).body().path("messages");
    assertThat(msgs.get(1).path("tool_calls").get(0).path("id").asText()).isEqualTo("call_9");
    assertThat(msgs.get(2).path("role").asText()).isEqualTo("tool");
    assertThat(msgs.get(2).path("tool_call_id").asText()).isEqualTo("call_9");
  }

  @Test
  void rateLimitWithRetryAfterIsHonouredThenSucceeds() {
    server.queue.add(Reply.status(429, "{\"error\":{\"message\":\"slow down\"}}", Map.of("Retry-After", "1")));
    server.queue.add(Reply.json(ScriptedLlmServer.completion("ok", 1, 1)));
    assertThat(openAi.generate(HELLO).text()).isEqualTo("ok");
    assertThat(server.count()).isEqualTo(2);
    long gapMs = (server.requests.get(1).atNanos() - server.requests.get(0).atNanos()) / 1_000_000;
    assertThat(gapMs).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(950);
  }

  @Test
  void rateLimitAskingTooLongFailsAtOnceWithTheDelay() {
    server.queue.add(Reply.status(429, "{}", Map.of("Retry-After", "120")));
    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> openAi.generate(HELLO));
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(e.isRetriable()).isTrue();
    assertThat(server.count()).isEqualTo(1);
  }

  @Test
  void serverErrorsAreRetriedWithBackoffAndReportedWhenTheyPersist() {
    server.queue.add(Reply.status(500, "{\"error\":\"boom\"}", Map.of()));
    server.queue.add(Reply.status(503, "{\"error\":\"busy\"}", Map.of()));
    server.queue.add(Reply.json(ScriptedLlmServer.completion("third time", 1, 2)));
    assertThat(openAi.generate(HELLO).text()).isEqualTo("third time");
    assertThat(server.count()).isEqualTo(3);

    server.fallback = b -> Reply.status(500, "{\"error\":\"down\"}", Map.of());
    assertThatThrownBy(() -> openAi.generate(HELLO)).isInstanceOf(RetriableGuideException.class)
        .hasMessageContaining("HTTP 500");
    assertThat(server.count()).isEqualTo(3 + 3);
  }

  @Test
  void aSlowResponsePastTheDeadlineTimesOut() {
    try (RemoteLanguageModel m = RemoteLanguageModel.openAiCompatible(server.openAiUrl()).model("test-model")
        .timeout(Duration.ofMillis(300)).maxRetries(0).build()) {
      server.queue.add(Reply.json(ScriptedLlmServer.completion("late", 1, 1)).delayed(2_000));
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> m.generate(HELLO)).isInstanceOf(GuideTimeoutException.class);
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1_500);
    }
  }

  @Test
  void aStreamCutMidwayFailsAndIsNotRetriedAfterTextWasDelivered() {
    List<String> events = ScriptedLlmServer.chunks(List.of("Half ", "a rep"), 3, 2).subList(0, 2);
    server.queue.add(Reply.sse(events, false));
    List<String> got = new ArrayList<>();
    assertThatThrownBy(() -> openAi.generate(HELLO, got::add)).isInstanceOf(RetriableGuideException.class)
        .hasMessageContaining("[DONE]");
    assertThat(got).containsExactly("Half ", "a rep");
    assertThat(server.count()).isEqualTo(1);
  }

  @Test
  void malformedJsonIsANonRetriableFailure() {
    server.queue.add(Reply.json("{\"id\": \"x\", \"choices\": [ {\"message\": "));
    assertThatThrownBy(() -> openAi.generate(HELLO)).isInstanceOf(NonRetriableGuideException.class)
        .hasMessageContaining("openai:test-model");
    assertThat(server.count()).isEqualTo(1);
  }

  @Test
  void badCredentialsAreNotRetried() {
    server.queue.add(Reply.status(401, "{\"error\":{\"message\":\"bad key\"}}", Map.of()));
    assertThatThrownBy(() -> openAi.generate(HELLO)).isInstanceOf(NonRetriableGuideException.class)
        .hasMessageContaining("API key");
    assertThat(server.count()).isEqualTo(1);
  }

  @Test
  void theCircuitBreakerPausesCallsAndRecoversAfterATrial() throws Exception {
    try (RemoteLanguageModel m = RemoteLanguageModel.openAiCompatible(server.openAiUrl()).model("test-model")
        .maxRetries(0).circuitBreaker(2, Duration.ofMillis(300)).build()) {
      server.fallback = b -> Reply.status(500, "{}", Map.of());
      assertThatThrownBy(() -> m.generate(HELLO)).isInstanceOf(RetriableGuideException.class);
      assertThatThrownBy(() -> m.generate(HELLO)).isInstanceOf(RetriableGuideException.class);
      assertThatThrownBy(() -> m.generate(HELLO)).isInstanceOf(RetriableGuideException.class)
          .hasMessageContaining("circuit breaker open");
      assertThat(server.count()).isEqualTo(2);
      Thread.sleep(350);
      server.fallback = b -> Reply.json(ScriptedLlmServer.completion("back", 1, 1));
      assertThat(m.generate(HELLO).text()).isEqualTo("back");
      assertThat(m.generate(HELLO).text()).isEqualTo("back");
      assertThat(server.count()).isEqualTo(4);
    }
  }

  @Test
  void aUsersOwnLangChain4jModelGetsTheSameSafety() {
    OpenAiChatModel own = OpenAiChatModel.builder().baseUrl(server.openAiUrl()).apiKey("k").modelName("mine")
        .maxRetries(0).build();
    try (RemoteLanguageModel m = RemoteLanguageModel.of(own).maxRetries(1).backoff(Duration.ofMillis(10),
        Duration.ofMillis(10)).build()) {
      server.queue.add(Reply.status(500, "{}", Map.of()));
      server.queue.add(Reply.json(ScriptedLlmServer.completion("from my model", 2, 3)));
      Generation g = m.generate(HELLO);
      assertThat(g.text()).isEqualTo("from my model");
      assertThat(g.usage()).isEqualTo(new TokenUsage(2, 3));
      assertThat(m.name()).startsWith("langchain4j:");
      assertThat(server.count()).isEqualTo(2);
    }
  }

  @Test
  void ollamaNativeProtocol() throws Exception {
    try (RemoteLanguageModel m = RemoteLanguageModel.ollama(server.ollamaUrl()).model("llama3.2")
        .timeout(Duration.ofSeconds(3)).maxRetries(1).backoff(Duration.ofMillis(10), Duration.ofMillis(10)).build()) {
      server.queue.add(Reply.json(ScriptedLlmServer.ollamaDone("Hello from Ollama", 26, 5)));
      Generation g = m.generate(GenerationRequest.of(List.of(ChatMessage.user("hi")),
          GenerationOptions.builder().maxTokens(40).temperature(0).topK(5).seed(3).jsonOutput(true).stop("\n\n").build()));
      assertThat(g.text()).isEqualTo("Hello from Ollama");
      assertThat(g.usage()).isEqualTo(new TokenUsage(26, 5));
      JsonNode body = server.requests.get(0).body();
      assertThat(server.requests.get(0).path()).isEqualTo("/api/chat");
      assertThat(body.path("model").asText()).isEqualTo("llama3.2");
      assertThat(body.path("stream").asBoolean()).isFalse();
      assertThat(body.path("format").asText()).isEqualTo("json");
      assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(40);
      assertThat(body.path("options").path("top_k").asInt()).isEqualTo(5);
      assertThat(body.path("options").path("seed").asInt()).isEqualTo(3);

      server.queue.add(Reply.ndjson(List.of(ScriptedLlmServer.ollamaPiece("你好"), ScriptedLlmServer.ollamaPiece(", "),
          ScriptedLlmServer.ollamaDone("world", 9, 3))));
      List<String> got = new ArrayList<>();
      Generation s = m.generate(HELLO, got::add);
      assertThat(got).containsExactly("你好", ", ", "world");
      assertThat(s.text()).isEqualTo("你好, world");
      assertThat(s.usage()).isEqualTo(new TokenUsage(9, 3));

      server.queue.add(Reply.json(ScriptedLlmServer.ollamaToolCall("search_products", "{\"query\":\"tent\"}")));
      Generation t = m.generate(new GenerationRequest(List.of(ChatMessage.user("tent")), GenerationOptions.defaults(),
          List.of(SEARCH)));
      assertThat(t.toolCalls()).hasSize(1);
      assertThat(t.toolCalls().get(0).name()).isEqualTo("search_products");
      assertThat(t.toolCalls().get(0).argumentsJson()).isEqualTo("{\"query\":\"tent\"}");
      assertThat(server.requests.get(2).body().path("tools").get(0).path("function").path("name").asText())
          .isEqualTo("search_products");

      server.queue.add(Reply.ndjson(List.of(ScriptedLlmServer.ollamaPiece("cut "))));
      assertThatThrownBy(() -> m.generate(HELLO, p -> {})).isInstanceOf(RetriableGuideException.class)
          .hasMessageContaining("ended before");

      server.queue.add(Reply.status(429, "{\"error\":\"busy\"}", Map.of("Retry-After", "0")));
      server.queue.add(Reply.json(ScriptedLlmServer.ollamaDone("after 429", 1, 1)));
      assertThat(m.generate(HELLO).text()).isEqualTo("after 429");
    }
  }
}
