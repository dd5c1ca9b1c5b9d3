package io.guidesdk.remote.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import io.guidesdk.GuideException;
import io.guidesdk.NonRetriableGuideException;
import io.guidesdk.RateLimitedException;
import io.guidesdk.RetriableGuideException;
import io.guidesdk.spi.EmbeddingPurpose;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LangChain4jEncoder} over LangChain4j's real {@link OpenAiEmbeddingModel}, talking HTTP to a
 * local server that speaks the OpenAI embeddings protocol ({@code POST /v1/embeddings}).
 */
class LangChain4jEncoderTest {

  static final int DIM = 8;
  static final ObjectMapper JSON = new ObjectMapper();

  HttpServer server;
  final List<List<String>> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger status = new AtomicInteger(200);
  volatile int dimensionServed = DIM;

  /** The server's deterministic, deliberately unnormalised vector for a text. */
  static float[] vectorOf(String text, int dim) {
    float[] v = new float[dim];
    for (int k = 0; k < dim; k++) {
      v[k] = ((text.hashCode() * 31 + k * 17) % 97) / 10f + k;
    }
    return v;
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/embeddings", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    int code = status.get();
    ObjectNode reply = JSON.createObjectNode();
    if (!"POST".equals(exchange.getRequestMethod()) || !"Bearer test-key".equals(
        exchange.getRequestHeaders().getFirst("Authorization"))) {
      code = 401;
    }
    if (code != 200) {
      reply.putObject("error").put("message", "status " + code).put("type", "test_error");
    } else {
      List<String> inputs = new java.util.ArrayList<>();
      body.path("input").forEach(n -> inputs.add(n.asText()));
      requests.add(inputs);
      ArrayNode data = reply.put("object", "list").putArray("data");
      for (int i = 0; i < inputs.size(); i++) {
        ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
        ArrayNode emb = item.putArray("embedding");
        for (float x : vectorOf(inputs.get(i), dimensionServed)) {
          emb.add(x);
        }
      }
      reply.put("model", body.path("model").asText());
      reply.putObject("usage").put("prompt_tokens", inputs.size()).put("total_tokens", inputs.size());
    }
    byte[] bytes = JSON.writeValueAsBytes(reply);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  OpenAiEmbeddingModel openAi() {
    return OpenAiEmbeddingModel.builder()
        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
        .apiKey("test-key")
        .modelName("text-embedding-3-small")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  static float[] normalized(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / Math.sqrt(n));
    }
    return out;
  }

  static void assertVector(float[] actual, float[] expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < actual.length; i++) {
      assertThat((double) actual[i]).isCloseTo(expected[i], within(1e-6));
    }
  }

  @Test
  void embedsInOrderNormalisedWithPrefixesAndBatches() {
    LangChain4jEncoder encoder = LangChain4jEncoder.builder(openAi()).queryPrefix("query: ")
        .passagePrefix("passage: ").batchSize(2).build();
    assertThat(encoder.modelId()).isEqualTo("text-embedding-3-small");
    List<String> texts = List.of("red shoes", "blue bag", "green hat", "black coat", "white socks");
    List<float[]> vectors = encoder.embedAll(texts, EmbeddingPurpose.PASSAGE);
    for (int i = 0; i < texts.size(); i++) {
      assertVector(vectors.get(i), normalized(vectorOf("passage: " + texts.get(i), DIM)));
    }
    assertThat(requests).extracting(List::size).containsExactly(2, 2, 1);
    assertVector(encoder.embed("red shoes", EmbeddingPurpose.QUERY), normalized(vectorOf("query: red shoes", DIM)));
    assertThat(requests.get(requests.size() - 1)).containsExactly("query: red shoes");
    assertThat(encoder.dimension()).isEqualTo(DIM);
  }

  @Test
  void blankTextsAreNotSentAndGetTheZeroVector() {
    LangChain4jEncoder encoder = LangChain4jEncoder.of(openAi());
    List<float[]> vectors = encoder.embedAll(List.of("", "lamp", "   "), EmbeddingPurpose.QUERY);
    assertThat(requests).containsExactly(List.of("lamp"));
    assertThat(vectors.get(0)).containsOnly(0f).hasSize(DIM);
    assertThat(vectors.get(2)).containsOnly(0f).hasSize(DIM);
    assertVector(vectors.get(1), normalized(vectorOf("lamp", DIM)));
  }

  @Test
  void withoutNormalisationTheServiceVectorIsReturnedAsIs() {
    LangChain4jEncoder encoder = LangChain4jEncoder.builder(openAi()).normalize(false).build();
    assertVector(encoder.embed("lamp", EmbeddingPurpose.QUERY), vectorOf("lamp", DIM));
  }

  @Test
  void httpFailuresBecomeTheSdksExceptionTypes() {
    LangChain4jEncoder encoder = LangChain4jEncoder.of(openAi());
    status.set(429);
    assertThatThrownBy(() -> encoder.embed("x", EmbeddingPurpose.QUERY)).isInstanceOf(RateLimitedException.class)
        .hasMessageContaining("text-embedding-3-small");
    status.set(500);
    assertThatThrownBy(() -> encoder.embed("x", EmbeddingPurpose.QUERY)).isInstanceOf(RetriableGuideException.class)
        .satisfies(e -> assertThat(((GuideException) e).isRetriable()).isTrue());
    status.set(400);
    assertThatThrownBy(() -> encoder.embed("x", EmbeddingPurpose.QUERY)).isInstanceOf(NonRetriableGuideException.class);
    status.set(200);
    LangChain4jEncoder badKey = LangChain4jEncoder.of(OpenAiEmbeddingModel.builder()
        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1").apiKey("wrong").maxRetries(0)
        .modelName("m").build());
    assertThatThrownBy(() -> badKey.embed("x", EmbeddingPurpose.QUERY)).isInstanceOf(NonRetriableGuideException.class);
  }

  @Test
  void aServerThatChangesDimensionIsRejected() {
    LangChain4jEncoder encoder = LangChain4jEncoder.builder(openAi()).dimension(DIM).build();
    dimensionServed = 4;
    assertThatThrownBy(() -> encoder.embed("x", EmbeddingPurpose.QUERY)).isInstanceOf(NonRetriableGuideException.class)
        .hasMessageContaining("dimension 4").hasMessageContaining("expected 8");
  }

  @Test
  void anUnreachableServiceIsRetriable() {
    server.stop(0);
    LangChain4jEncoder encoder = LangChain4jEncoder.of(openAi());
    assertThatThrownBy(() -> encoder.embed("x", EmbeddingPurpose.QUERY)).isInstanceOf(RetriableGuideException.class);
  }

  @Test
  void callsAfterCloseAndNullsFailClearly() {
    LangChain4jEncoder encoder = LangChain4jEncoder.of(openAi());
    assertThatThrownBy(() -> encoder.embedAll(java.util.Arrays.asList("a", null), EmbeddingPurpose.QUERY))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("texts[1]");
    encoder.close();
    encoder.close();
    assertThatThrownBy(() -> encoder.embed("x", EmbeddingPurpose.QUERY)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(requests).isEmpty();
    assertThatThrownBy(() -> LangChain4jEncoder.builder(openAi()).batchSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LangChain4jEncoder.builder(null)).isInstanceOf(NullPointerException.class);
  }
}
