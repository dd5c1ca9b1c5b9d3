package io.guidesdk.remote;

/**
 * A response that parsed as JSON but is not what the protocol answers (for Ollama: no {@code message}
 * object); {@link FailureMapper} reports it as a non-retriable malformed response.
 */
final class MalformedResponseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MalformedResponseException(String message) {
    super(message);
  }
}
