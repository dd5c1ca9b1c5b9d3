package io.guidesdk.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import io.guidesdk.GuideException;
import io.guidesdk.GuideTimeoutException;
import io.guidesdk.NonRetriableGuideException;
import io.guidesdk.RateLimitedException;
import io.guidesdk.RetriableGuideException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The one place where failures of remote calls (LangChain4j exceptions, HTTP statuses, I/O, JSON)
 * become the SDK's {@link GuideException} family: 429 → {@link RateLimitedException} (with
 * {@code Retry-After}), timeouts → {@link GuideTimeoutException}, 408/5xx and broken connections →
 * {@link RetriableGuideException}, authentication, unknown model, bad requests, an unresolvable host
 * and malformed responses → {@link NonRetriableGuideException}. Messages name the endpoint and say
 * what to check; the third-party exception stays the cause, never the message.
 */
final class FailureMapper {
  /** What to say about a refused key when the caller set one. */
  static final String CHECK_THE_KEY = "check the API key";

  private FailureMapper() {}

  static GuideException map(Throwable thrown, String model) {
    return map(thrown, model, null, CHECK_THE_KEY);
  }

  /**
   * @param baseUrl the endpoint, named in connection failures; null for a caller's own LangChain4j model
   * @param authHint what a 401/403 message tells the caller to check
   */
  static GuideException map(Throwable thrown, String model, @Nullable String baseUrl, String authHint) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = thrown; t != null && chain.size() < 20; t = t.getCause()) {
      if (t instanceof GuideException g) {
        return g;
      }
      if (!(t instanceof CompletionException || t instanceof ExecutionException)) {
        chain.add(t);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof StatusException s) {
        return status(s.statusCode(), s.getMessage(), s.retryAfter().orElse(null), model, authHint, thrown);
      }
      if (t instanceof MalformedResponseException) {
        return new NonRetriableGuideException(model + " sent a malformed response: " + t.getMessage(), thrown);
      }
    }
    String where = baseUrl == null ? "its server" : baseUrl;
    for (Throwable t : chain) {
      // A host name that does not resolve is a configuration error: retrying will not fix it.
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException
          || t instanceof dev.langchain4j.exception.UnresolvedModelServerException) {
        return new NonRetriableGuideException(model + " cannot reach " + where + ": the host name does not resolve;"
            + " check the base URL", thrown);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof HttpException h) {
        return status(h.statusCode(), h.getMessage(), null, model, authHint, thrown);
      }
      if (t instanceof RateLimitException) {
        return new RateLimitedException(model + " is rate-limiting requests: " + t.getMessage(), null, thrown);
      }
      if (t instanceof dev.langchain4j.exception.TimeoutException || t instanceof HttpTimeoutException
          || t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
        return new GuideTimeoutException(model + " timed out: " + t.getMessage(), thrown);
      }
      if (t instanceof AuthenticationException) {
        return new NonRetriableGuideException(model + " refused the credentials: " + t.getMessage(), thrown);
      }
      if (t instanceof ModelNotFoundException) {
        return new NonRetriableGuideException(model + ": model not found: " + t.getMessage(), thrown);
      }
      if (t instanceof InvalidRequestException || t instanceof UnsupportedFeatureException
          || t instanceof ContentFilteredException) {
        return new NonRetriableGuideException(model + " rejected the request: " + t.getMessage(), thrown);
      }
      if (t instanceof InternalServerException) {
        return new RetriableGuideException(model + " had a server error: " + t.getMessage(), thrown);
      }
      if (t instanceof JsonProcessingException j) {
        return new NonRetriableGuideException(model + " sent a malformed response: " + j.getOriginalMessage(), thrown);
      }
      if (unreadableByLangChain4j(t)) {
        // A 200 whose JSON parsed but lacks what a chat completion must have ("null", a choice without a
        // message): LangChain4j's reader fails on the missing field with an NPE or an index error.
        return new NonRetriableGuideException(model + " sent a malformed response: it is not a chat completion"
            + " LangChain4j can read (" + t.getClass().getSimpleName() + (t.getMessage() == null ? ""
            : ": " + t.getMessage()) + ")", thrown);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof ConnectException) {
        return new RetriableGuideException(model + " could not connect to " + where + " ("
            + describe(t) + "); check that the server is running and the base URL", thrown);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof IOException) {
        return new RetriableGuideException(model + " connection failed: " + describe(t), thrown);
      }
      if (t instanceof RetriableException) {
        return new RetriableGuideException(model + " failed: " + t.getMessage(), thrown);
      }
    }
    return new NonRetriableGuideException(model + " failed: " + thrown, thrown);
  }

  /** An I/O failure in words: its message, or its type when it has none (a refused connection has none). */
  private static String describe(Throwable t) {
    if (t instanceof ConnectException && (t.getMessage() == null || t.getMessage().isBlank())) {
      return "connection refused";
    }
    return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** A runtime error thrown by LangChain4j's own code while reading a response, not by the transport. */
  private static boolean unreadableByLangChain4j(Throwable t) {
    if (!(t instanceof NullPointerException || t instanceof IndexOutOfBoundsException
        || t instanceof ClassCastException)) {
      return false;
    }
    StackTraceElement[] frames = t.getStackTrace();
    return frames.length > 0 && frames[0].getClassName().startsWith("dev.langchain4j.");
  }

  private static GuideException status(int status, String body, Duration retryAfter, String model, String authHint,
      Throwable cause) {
    String what = model + " answered HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body);
    if (status == 429) {
      return new RateLimitedException(what, retryAfter, cause);
    }
    if (status == 408 || status == 504) {
      return new GuideTimeoutException(what, cause);
    }
    if (status >= 500) {
      return new RetriableGuideException(what, cause);
    }
    if (status == 401 || status == 403) {
      return new NonRetriableGuideException(what + " (" + authHint + ")", cause);
    }
    if (status == 404) {
      return new NonRetriableGuideException(what + " (check the model name and the base URL)", cause);
    }
    return new NonRetriableGuideException(what, cause);
  }
}
