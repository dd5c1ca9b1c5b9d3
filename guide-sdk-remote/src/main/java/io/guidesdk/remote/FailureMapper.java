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
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place where failures of remote calls (LangChain4j exceptions, HTTP statuses, I/O, JSON)
 * become the SDK's {@link GuideException} family: 429 → {@link RateLimitedException} (with
 * {@code Retry-After}), timeouts → {@link GuideTimeoutException}, 408/5xx and broken connections →
 * {@link RetriableGuideException}, authentication, unknown model, bad requests and malformed
 * responses → {@link NonRetriableGuideException}.
 */
final class FailureMapper {
  private FailureMapper() {}

  static GuideException map(Throwable thrown, String model) {
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
        return status(s.statusCode(), s.getMessage(), s.retryAfter().orElse(null), model, thrown);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof HttpException h) {
        return status(h.statusCode(), h.getMessage(), null, model, thrown);
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
    }
    for (Throwable t : chain) {
      if (t instanceof IOException) {
        return new RetriableGuideException(model + " connection failed: " + t.getMessage(), thrown);
      }
      if (t instanceof RetriableException) {
        return new RetriableGuideException(model + " failed: " + t.getMessage(), thrown);
      }
    }
    return new NonRetriableGuideException(model + " failed: " + thrown, thrown);
  }

  private static GuideException status(int status, String body, Duration retryAfter, String model, Throwable cause) {
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
      return new NonRetriableGuideException(what + " (check the API key)", cause);
    }
    return new NonRetriableGuideException(what, cause);
  }
}
