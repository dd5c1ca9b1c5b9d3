package io.guidesdk;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One shopper message to the {@link ShoppingGuide}.
 *
 * @param sessionId the conversation; turns with the same session id share dialogue state
 * @param userId the signed-in shopper, if known; state is isolated per user, and known users get
 *     personalised products
 * @param message the shopper's text, at most {@link #MAX_MESSAGE_LENGTH} characters, not blank
 */
public record ChatRequest(String sessionId, @Nullable String userId, String message) {

  /** The longest message accepted, in characters (UTF-16 code units). */
  public static final int MAX_MESSAGE_LENGTH = 100_000;

  public ChatRequest {
    Checks.requireId(sessionId, "sessionId", Product.MAX_ID_LENGTH);
    if (userId != null) {
      Checks.requireId(userId, "userId", Product.MAX_ID_LENGTH);
    }
    Objects.requireNonNull(message, "message");
    if (message.isBlank()) {
      throw new IllegalArgumentException("message must not be blank");
    }
    if (message.length() > MAX_MESSAGE_LENGTH) {
      throw new IllegalArgumentException(
          "message must be at most " + MAX_MESSAGE_LENGTH + " characters, was " + message.length());
    }
  }

  /** An anonymous shopper's message. */
  public static ChatRequest of(String sessionId, String message) {
    return new ChatRequest(sessionId, null, message);
  }

  /** A signed-in shopper's message. */
  public static ChatRequest of(String sessionId, String userId, String message) {
    return new ChatRequest(sessionId, Objects.requireNonNull(userId, "userId"), message);
  }

  /** The user id, when the shopper is known. */
  public Optional<String> user() {
    return Optional.ofNullable(userId);
  }
}
