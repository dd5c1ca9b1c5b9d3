package io.guidesdk.remote;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP error status with the server's {@code Retry-After}, which LangChain4j's own
 * {@link HttpException} does not carry; it travels as the cause of LangChain4j's exceptions.
 */
final class StatusException extends HttpException {
  private static final long serialVersionUID = 1L;
  private final transient @Nullable Duration retryAfter;

  StatusException(int status, String body, @Nullable Duration retryAfter) {
    super(status, body.length() > 500 ? body.substring(0, 500) + "…" : body);
    this.retryAfter = retryAfter;
  }

  Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Parses {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); null when absent or bad. */
  static @Nullable Duration parseRetryAfter(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      long s = Long.parseLong(v);
      return s < 0 ? null : Duration.ofSeconds(s);
    } catch (NumberFormatException e) {
      try {
        Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
