package io.guidesdk.remote;

import static io.guidesdk.remote.ScriptedLlmServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.guidesdk.GuideException;
import io.guidesdk.NonRetriableGuideException;
import io.guidesdk.RateLimitedException;
import io.guidesdk.RetriableGuideException;
import io.guidesdk.spi.ChatMessage;
import io.guidesdk.spi.GenerationOptions;
import io.guidesdk.spi.GenerationRequest;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad configuration and bad answers give the SDK's typed exceptions with a message that names the
 * setting or the endpoint and says what to check, never a third-party exception's text. HTTP cases
 * run against the real local server of {@link ScriptedLlmServer}.
 */
class RemoteBadInputTest {
  static final GenerationRequest HI = GenerationRequest.of(List.of(ChatMessage.user("hi")), GenerationOptions.greedy(5));
  ScriptedLlmServer server;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedLlmServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RemoteLanguageModel openAi(String url) {
    return RemoteLanguageModel.openAiCompatible(url).apiKey("sk-test").model("test-model").maxRetries(0).build();
  }

  private RemoteLanguageModel ollama(String url) {
    return RemoteLanguageModel.ollama(url).model("llama3.2").maxRetries(0).build();
  }

  @Test
  void aMalformedBaseUrlIsRejectedWhenBuildingNotOnTheFirstCall() {
    assertThatThrownBy(() -> RemoteLanguageModel.openAiCompatible("ht tp://bad url"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl 'ht tp://bad url' is not a valid URL (Illegal character in scheme name at index 2);"
            + " expected an http or https URL such as http://localhost:8000/v1");
    assertThatThrownBy(() -> RemoteLanguageModel.openAiCompatible("localhost:8000/v1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl 'localhost:8000/v1' is not an absolute http or https URL with a host;"
            + " expected e.g. http://localhost:8000/v1");
    assertThatThrownBy(() -> RemoteLanguageModel.ollama("ftp://host:11434")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected e.g. http://localhost:11434");
    assertThatThrownBy(() -> RemoteLanguageModel.ollama("ht tp://bad url")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("baseUrl 'ht tp://bad url' is not a valid URL");
    // Surrounding blanks (a copied setting) are forgiven.
    try (RemoteLanguageModel m = openAi("  " + server.openAiUrl() + " ")) {
      server.queue.add(Reply.json(ScriptedLlmServer.completion("ok", 1, 1)));
      assertThat(m.generate(HI).text()).isEqualTo("ok");
    }
  }

  @Test
  void aMalformedBaseUrlSettingNamesTheProperty() {
    System.setProperty("guide.llm.openai.base-url", "localhost:8000/v1");
    System.setProperty("guide.llm.model", "m");
    try {
      assertThatThrownBy(() -> new RemoteLanguageModelProvider().create()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("guide.llm.openai.base-url / GUIDE_LLM_OPENAI_BASE_URL: baseUrl 'localhost:8000/v1'");
    } finally {
      System.clearProperty("guide.llm.openai.base-url");
      System.clearProperty("guide.llm.model");
    }
  }

  @Test
  void aRefusedConnectionNamesTheEndpointInsteadOfSayingNull() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String url = "http://127.0.0.1:" + port;
    try (RemoteLanguageModel m = openAi(url + "/v1")) {
      assertThatThrownBy(() -> m.generate(HI)).isInstanceOf(RetriableGuideException.class)
          .hasMessage("openai:test-model could not connect to " + url + "/v1 (connection refused); check that the"
              + " server is running and the base URL");
    }
    try (RemoteLanguageModel m = ollama(url)) {
      assertThatThrownBy(() -> m.generate(HI, p -> {})).isInstanceOf(RetriableGuideException.class)
          .hasMessage("ollama:llama3.2 could not connect to " + url + " (connection refused); check that the"
              + " server is running and the base URL");
    }
  }

  @Test
  void aHostThatDoesNotResolveIsAConfigurationErrorNamingTheUrl() {
    // .invalid never resolves (RFC 6761).
    try (RemoteLanguageModel m = openAi("http://no-such-host.invalid/v1")) {
      assertThatThrownBy(() -> m.generate(HI)).isInstanceOf(NonRetriableGuideException.class)
          .hasMessage("openai:test-model cannot reach http://no-such-host.invalid/v1: the host name does not"
              + " resolve; check the base URL");
    }
    try (RemoteLanguageModel m = ollama("http://no-such-host.invalid:11434")) {
      assertThatThrownBy(() -> m.generate(HI)).isInstanceOf(NonRetriableGuideException.class)
          .hasMessageContaining("the host name does not resolve");
    }
  }

  @Test
  void aChatCompletionWithoutItsFieldsIsAMalformedResponseNotAnNpe() {
    try (RemoteLanguageModel m = openAi(server.openAiUrl())) {
      server.queue.add(Reply.json("null"));
      GuideException e = catchThrowableOfType(NonRetriableGuideException.class, () -> m.generate(HI));
      assertThat(e).hasMessageStartingWith("openai:test-model sent a malformed response: it is not a chat completion"
          + " LangChain4j can read (NullPointerException");
      server.queue.add(Reply.json("{\"id\":\"x\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\"}]}"));
      assertThatThrownBy(() -> m.generate(HI)).isInstanceOf(NonRetriableGuideException.class)
          .hasMessageStartingWith("openai:test-model sent a malformed response: it is not a chat completion");
      assertThat(server.count()).isEqualTo(2);
    }
  }

  @Test
  void anOllama200ThatIsNotAChatAnswerIsAMalformedResponseNotAnEmptyReply() {
    try (RemoteLanguageModel m = ollama(server.ollamaUrl())) {
      server.queue.add(Reply.json("{}"));
      assertThatThrownBy(() -> m.generate(HI)).isInstanceOf(NonRetriableGuideException.class)
          .hasMessage("ollama:llama3.2 sent a malformed response: expected a JSON object with a \"message\" object"
              + " (Ollama /api/chat), got {}");
      server.queue.add(Reply.json(""));
      assertThatThrownBy(() -> m.generate(HI)).isInstanceOf(NonRetriableGuideException.class)
          .hasMessageEndingWith("got an empty body");
      server.queue.add(Reply.json("{\"error\":\"model is loading\"}"));
      assertThatThrownBy(() -> m.generate(HI)).isInstanceOf(NonRetriableGuideException.class)
          .hasMessage("ollama:llama3.2 sent a malformed response: Ollama answered 200 with an error: model is loading");
      server.queue.add(Reply.ndjson(List.of("[1, 2]")));
      assertThatThrownBy(() -> m.generate(HI, p -> {})).isInstanceOf(NonRetriableGuideException.class)
          .hasMessageEndingWith("got [1,2]");
    }
  }

  @Test
  void a401WithoutAKeySaysNoKeyWasSentAnd404SaysWhatToCheck() {
    try (RemoteLanguageModel noKey = RemoteLanguageModel.openAiCompatible(server.openAiUrl()).model("test-model")
        .maxRetries(0).build()) {
      server.queue.add(Reply.status(401, "{\"error\":{\"message\":\"missing key\"}}", Map.of()));
      assertThatThrownBy(() -> noKey.generate(HI)).isInstanceOf(NonRetriableGuideException.class)
          .hasMessageEndingWith("(no API key was sent: set one with apiKey(...), guide.llm.openai.api-key or"
              + " GUIDE_LLM_OPENAI_API_KEY)");
    }
    try (RemoteLanguageModel m = openAi(server.openAiUrl())) {
      server.queue.add(Reply.status(401, "{}", Map.of()));
      assertThatThrownBy(() -> m.generate(HI)).hasMessageEndingWith("(check the API key)");
      server.queue.add(Reply.status(404, "{\"error\":{\"message\":\"The model `x` does not exist\"}}", Map.of()));
      assertThatThrownBy(() -> m.generate(HI)).isInstanceOf(NonRetriableGuideException.class)
          .hasMessageEndingWith("(check the model name and the base URL)");
    }
  }

  @Test
  void aNullApiKeySaysWhereItProbablyCameFrom() {
    assertThatThrownBy(() -> RemoteLanguageModel.openAiCompatible(server.openAiUrl()).apiKey(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("apiKey is null (read from an environment variable that is not set?); leave apiKey(...) out"
            + " for a server that needs no key");
  }

  @Test
  void a429WithoutRetryAfterIsRetriedWithBackoff() {
    try (RemoteLanguageModel m = RemoteLanguageModel.openAiCompatible(server.openAiUrl()).model("test-model")
        .maxRetries(1).backoff(Duration.ofMillis(10), Duration.ofMillis(10)).build()) {
      server.queue.add(Reply.status(429, "{}", Map.of()));
      server.queue.add(Reply.json(ScriptedLlmServer.completion("after backoff", 1, 1)));
      assertThat(m.generate(HI).text()).isEqualTo("after backoff");
      assertThat(server.count()).isEqualTo(2);
    }
    try (RemoteLanguageModel m = openAi(server.openAiUrl())) {
      server.queue.add(Reply.status(429, "{}", Map.of()));
      RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> m.generate(HI));
      assertThat(e.retryAfter()).isEmpty();
      assertThat(e).hasMessage("openai:test-model answered HTTP 429: {}");
    }
  }
}
