package io.guidesdk.remote;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * LangChain4j's HTTP client SPI on the JDK client, differing from langchain4j-http-client-jdk in two
 * ways the SDK needs: an error status is thrown as a {@link StatusException} that keeps
 * {@code Retry-After}, and an event stream that ends before {@code [DONE]} (a cut connection) is
 * reported as an error instead of a normal close. It runs on the calling thread and registers its
 * streams with the {@link CallContext} so a call past its deadline can be aborted.
 */
final class JdkHttpClient implements HttpClient {
  private final java.net.http.HttpClient client;
  private final Duration readTimeout;

  private JdkHttpClient(Builder b) {
    this.client = java.net.http.HttpClient.newBuilder().connectTimeout(b.connectTimeout)
        .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    this.readTimeout = b.readTimeout;
  }

  static Builder builder() {
    return new Builder();
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    HttpResponse<InputStream> response = send(request);
    try (InputStream in = response.body()) {
      CallContext.register(in);
      byte[] body = in.readAllBytes();
      check(response, new String(body, StandardCharsets.UTF_8));
      return SuccessfulHttpResponse.builder().statusCode(response.statusCode()).headers(response.headers().map())
          .body(body).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    HttpResponse<InputStream> response;
    try {
      response = send(request);
    } catch (RuntimeException e) {
      listener.onError(e);
      return;
    }
    try (InputStream in = response.body()) {
      CallContext.register(in);
      if (response.statusCode() < 200 || response.statusCode() >= 300) {
        check(response, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      listener.onOpen(SuccessfulHttpResponse.builder().statusCode(response.statusCode())
          .headers(response.headers().map()).build());
      DoneWatcher watcher = new DoneWatcher(listener);
      parser.parse(in, watcher);
      if (watcher.failed) {
        return;
      }
      if (!watcher.done) {
        listener.onError(new IOException("the event stream ended before [DONE] (connection cut)"));
        return;
      }
      listener.onClose();
    } catch (IOException e) {
      listener.onError(e);
    } catch (RuntimeException e) {
      listener.onError(e);
    }
  }

  private HttpResponse<InputStream> send(HttpRequest request) {
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
        .timeout(readTimeout);
    for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
      for (String v : h.getValue()) {
        b.header(h.getKey(), v);
      }
    }
    String body = request.body();
    b.method(request.method().name(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
        : java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted", e));
    }
  }

  static void check(HttpResponse<?> response, String body) {
    int s = response.statusCode();
    if (s < 200 || s >= 300) {
      throw new StatusException(s, body,
          StatusException.parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null)));
    }
  }

  /** Forwards events and notes whether the stream's terminator arrived. */
  private static final class DoneWatcher implements ServerSentEventListener {
    private final ServerSentEventListener delegate;
    boolean done;
    boolean failed;

    DoneWatcher(ServerSentEventListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
      if ("[DONE]".equals(event.data())) {
        done = true;
      }
      delegate.onEvent(event, context);
    }

    @Override
    public void onEvent(ServerSentEvent event) {
      if ("[DONE]".equals(event.data())) {
        done = true;
      }
      delegate.onEvent(event);
    }

    @Override
    public void onError(Throwable t) {
      failed = true;
      delegate.onError(t);
    }
  }

  /** LangChain4j's builder SPI: it sets the timeouts from the model's {@code timeout}. */
  static final class Builder implements HttpClientBuilder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      if (timeout != null) {
        this.connectTimeout = timeout;
      }
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      if (timeout != null) {
        this.readTimeout = timeout;
      }
      return this;
    }

    @Override
    public JdkHttpClient build() {
      return new JdkHttpClient(this);
    }
  }
}
