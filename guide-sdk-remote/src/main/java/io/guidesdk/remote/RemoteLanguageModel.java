package io.guidesdk.remote;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.guidesdk.GuideException;
import io.guidesdk.GuideTimeoutException;
import io.guidesdk.RateLimitedException;
import io.guidesdk.RetriableGuideException;
import io.guidesdk.spi.Generation;
import io.guidesdk.spi.GenerationRequest;
import io.guidesdk.spi.LanguageModel;
import io.guidesdk.spi.TokenListener;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote language model: any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp
 * server, DeepSeek, Qwen/DashScope…) through LangChain4j, an Ollama server, or a LangChain4j
 * {@link ChatModel} of your own.
 *
 * <pre>{@code
 * LanguageModel llm = RemoteLanguageModel.openAiCompatible("https://api.openai.com/v1")
 *     .apiKey(System.getenv("OPENAI_API_KEY")).model("gpt-4o-mini").build();
 * }</pre>
 *
 * <p>Every call has a deadline ({@link Builder#timeout}); retriable failures (HTTP 429, 408, 5xx,
 * timeouts, broken connections) are retried at most {@link Builder#maxRetries} times with
 * exponential backoff and jitter, waiting what {@code Retry-After} asks when the server says it (up
 * to {@link Builder#maxRetryAfter}); a streamed call is not retried once text has been delivered. A
 * circuit breaker pauses calls after repeated failures. Failures are thrown as the SDK's
 * {@link GuideException}s ({@link RateLimitedException}, {@link GuideTimeoutException}, …).
 * Thread-safe; {@link #close()} stops its worker threads.
 */
public final class RemoteLanguageModel implements LanguageModel {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteLanguageModel.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final String name;
  private final @Nullable String baseUrl;
  private final String authHint;
  private final Backend backend;
  private final Duration timeout;
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final CircuitBreaker breaker;
  private final ExecutorService workers;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RemoteLanguageModel(Builder b, Backend backend, String name) {
    this.name = name;
    this.baseUrl = b.baseUrl;
    this.authHint = b.protocol == Protocol.OPENAI && b.apiKey == null
        ? "no API key was sent: set one with apiKey(...), guide.llm.openai.api-key or GUIDE_LLM_OPENAI_API_KEY"
        : FailureMapper.CHECK_THE_KEY;
    this.backend = backend;
    this.timeout = b.timeout;
    this.maxRetries = b.maxRetries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.breaker = new CircuitBreaker(b.breakerThreshold, b.breakerOpenFor, b.clock);
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "guide-llm-remote-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * An OpenAI-compatible endpoint, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:8000/v1} (vLLM).
   *
   * @throws IllegalArgumentException if {@code baseUrl} is not an absolute http or https URL with a host
   */
  public static Builder openAiCompatible(String baseUrl) {
    return new Builder(Protocol.OPENAI, checkBaseUrl(baseUrl, "http://localhost:8000/v1"), null, null);
  }

  /**
   * An Ollama server, e.g. {@code http://localhost:11434}.
   *
   * @throws IllegalArgumentException if {@code baseUrl} is not an absolute http or https URL with a host
   */
  public static Builder ollama(String baseUrl) {
    return new Builder(Protocol.OLLAMA, checkBaseUrl(baseUrl, "http://localhost:11434"), null, null);
  }

  /** The URL trimmed, or an IAE that quotes it and says what was expected (checked here, not on the first call). */
  static String checkBaseUrl(String baseUrl, String example) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String url = baseUrl.trim();
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("baseUrl '" + baseUrl + "' is not a valid URL (" + e.getReason()
          + " at index " + e.getIndex() + "); expected an http or https URL such as " + example, e);
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("baseUrl '" + baseUrl + "' is not an absolute http or https URL with a"
          + " host; expected e.g. " + example);
    }
    return url;
  }

  /** Your own LangChain4j model (any provider); the SDK adds its deadline, retries and circuit breaker. */
  public static Builder of(ChatModel model) {
    return new Builder(Protocol.CUSTOM, null, Objects.requireNonNull(model, "model"), null);
  }

  /** Your own LangChain4j models, the streaming one used for streamed generations. */
  public static Builder of(ChatModel model, StreamingChatModel streaming) {
    return new Builder(Protocol.CUSTOM, null, Objects.requireNonNull(model, "model"),
        Objects.requireNonNull(streaming, "streaming"));
  }

  private enum Protocol { OPENAI, OLLAMA, CUSTOM }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(backend.streams(), true, true, true);
  }

  @Override
  public Generation generate(GenerationRequest request) {
    return call(Objects.requireNonNull(request, "request"), null);
  }

  @Override
  public Generation generate(GenerationRequest request, TokenListener listener) {
    return call(Objects.requireNonNull(request, "request"), Objects.requireNonNull(listener, "listener"));
  }

  private Generation call(GenerationRequest request, @Nullable TokenListener listener) {
    if (closed.get()) {
      throw new IllegalStateException(name + " is closed");
    }
    breaker.acquire(name);
    AtomicBoolean delivered = new AtomicBoolean();
    TokenListener guarded = listener == null ? null : piece -> {
      delivered.set(true);
      listener.onText(piece);
    };
    for (int attempt = 0; ; attempt++) {
      GuideException failure;
      try {
        Generation g = attempt(request, guarded);
        breaker.success();
        return g;
      } catch (GuideException e) {
        failure = e;
      }
      if (!failure.isRetriable()) {
        breaker.neutral();
        throw failure;
      }
      Duration wait = attempt < maxRetries && !delivered.get() ? backoff(attempt, failure) : null;
      if (wait == null) {
        breaker.failure();
        throw failure;
      }
      LOG.debug("{} failed ({}); retry {} of {} in {} ms", name, failure.getMessage(), attempt + 1, maxRetries,
          wait.toMillis());
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        breaker.neutral();
        throw failure;
      }
    }
  }

  /** The wait before the next try, or null when the server asks for a longer wait than allowed. */
  @Nullable Duration backoff(int attempt, GuideException failure) {
    if (failure instanceof RateLimitedException r && r.retryAfter().isPresent()) {
      Duration asked = r.retryAfter().get();
      return asked.compareTo(maxRetryAfter) > 0 ? null : asked;
    }
    long base = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt, 20));
    long jitter = (long) (base * 0.2 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
    return Duration.ofMillis(Math.max(0, base + jitter));
  }

  private Generation attempt(GenerationRequest request, @Nullable TokenListener listener) {
    CallContext ctx = new CallContext();
    Future<Generation> f = workers.submit(() -> {
      CallContext.CURRENT.set(ctx);
      try {
        return backend.call(request, listener);
      } finally {
        CallContext.CURRENT.remove();
      }
    });
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      ctx.abort();
      f.cancel(true);
      throw new GuideTimeoutException(name + " timed out: no answer within " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      throw FailureMapper.map(e.getCause(), name, baseUrl, authHint);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ctx.abort();
      f.cancel(true);
      throw new RetriableGuideException(name + " call was interrupted", e);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      workers.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** Configures a {@link RemoteLanguageModel}. */
  public static final class Builder {
    private final Protocol protocol;
    private final @Nullable String baseUrl;
    private final @Nullable ChatModel chatModel;
    private final @Nullable StreamingChatModel streamingModel;
    private @Nullable String apiKey;
    private @Nullable String model;
    private Duration timeout = Duration.ofSeconds(30);
    private int maxRetries = 2;
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Duration maxRetryAfter = Duration.ofSeconds(20);
    private int breakerThreshold = 5;
    private Duration breakerOpenFor = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();

    private Builder(Protocol protocol, @Nullable String baseUrl, @Nullable ChatModel chat,
        @Nullable StreamingChatModel streaming) {
      this.protocol = protocol;
      this.baseUrl = baseUrl;
      this.chatModel = chat;
      this.streamingModel = streaming;
    }

    /**
     * The API key (OpenAI-compatible endpoints); local servers usually need none, so leave it out
     * rather than passing null.
     *
     * @throws NullPointerException if {@code apiKey} is null, e.g. read from an environment variable that is not set
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey is null (read from an environment variable that is"
          + " not set?); leave apiKey(...) out for a server that needs no key");
      return this;
    }

    /** The model name, e.g. {@code gpt-4o-mini}, {@code Qwen/Qwen2.5-7B-Instruct} or {@code llama3.2}. Required for endpoints. */
    public Builder model(String model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /** The deadline of one attempt, from sending to the last streamed token (default 30 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** Retries after a retriable failure (default 2; 0 disables). */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 10) {
        throw new IllegalArgumentException("maxRetries must be in [0, 10]: " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** The first backoff (default 250 ms), doubled per retry up to {@code max} (default 5 s), ±20% jitter. */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = positive(initial, "initial backoff");
      this.maxBackoff = positive(max, "max backoff");
      return this;
    }

    /** The longest {@code Retry-After} honoured by waiting (default 20 s); a longer one fails at once. */
    public Builder maxRetryAfter(Duration max) {
      this.maxRetryAfter = Objects.requireNonNull(max, "max");
      return this;
    }

    /** Opens the circuit after {@code failures} consecutive failed calls, for {@code openFor} (default 5, 30 s). */
    public Builder circuitBreaker(int failures, Duration openFor) {
      if (failures < 1) {
        throw new IllegalArgumentException("failures must be at least 1: " + failures);
      }
      this.breakerThreshold = failures;
      this.breakerOpenFor = positive(openFor, "openFor");
      return this;
    }

    /** The clock of the circuit breaker (tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }

    /**
     * Builds the model (no network call is made).
     *
     * @throws IllegalStateException if an endpoint has no model name
     */
    public RemoteLanguageModel build() {
      switch (protocol) {
        case OPENAI -> {
          String m = requireModel();
          String key = apiKey == null ? "not-needed" : apiKey;
          ChatModel chat = OpenAiChatModel.builder().httpClientBuilder(JdkHttpClient.builder()).baseUrl(baseUrl)
              .apiKey(key).modelName(m).timeout(timeout).maxRetries(0).build();
          StreamingChatModel streaming = OpenAiStreamingChatModel.builder().httpClientBuilder(JdkHttpClient.builder())
              .baseUrl(baseUrl).apiKey(key).modelName(m).timeout(timeout).build();
          return new RemoteLanguageModel(this, new LangChain4jBackend(chat, streaming, true), "openai:" + m);
        }
        case OLLAMA -> {
          String m = requireModel();
          return new RemoteLanguageModel(this, new OllamaBackend(baseUrl, m, timeout), "ollama:" + m);
        }
        default -> {
          return new RemoteLanguageModel(this, new LangChain4jBackend(chatModel, streamingModel, false),
              "langchain4j:" + chatModel.getClass().getSimpleName());
        }
      }
    }

    private String requireModel() {
      if (model == null || model.isBlank()) {
        throw new IllegalStateException("no model name: call model(...), e.g. model(\"gpt-4o-mini\")");
      }
      return model;
    }
  }
}
