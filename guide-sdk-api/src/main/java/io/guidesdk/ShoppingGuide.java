package io.guidesdk;

/**
 * A conversational shopping guide over one shop's catalog and FAQ.
 *
 * <p>Implementations are thread-safe: one instance serves every shopper. Each session keeps its own
 * dialogue state (the need, price range, brands and other constraints stated so far), so a follow-up
 * such as "cheaper ones" refines the previous turn.
 *
 * <p>Obtain one from {@code io.guidesdk.core.GuideSdk#guide()}.
 */
public interface ShoppingGuide {

  /**
   * Answers one message.
   *
   * @throws NullPointerException if {@code request} is null
   * @throws GuideException if the reply could not be produced at all
   */
  ChatReply chat(ChatRequest request);

  /**
   * Answers one message, streaming the reply's text to {@code listener} as it is produced and then
   * the complete reply. The default delivers the whole text as one piece.
   *
   * <p>Every failure to produce the reply goes to {@link ChatListener#onError} exactly once and is not
   * thrown from here as well (the listener's default {@code onError} rethrows it): a
   * {@link GuideException} as itself, any other runtime exception (such as the
   * {@link IllegalStateException} of a guide that was closed) wrapped in a
   * {@link NonRetriableGuideException} whose cause it is. A null {@code request} or {@code listener}
   * throws {@link NullPointerException} before any callback; an exception thrown by a callback itself
   * propagates to the caller, and no further callback follows.
   */
  default void chat(ChatRequest request, ChatListener listener) {
    java.util.Objects.requireNonNull(request, "request");
    java.util.Objects.requireNonNull(listener, "listener");
    ChatReply reply;
    try {
      reply = chat(request);
    } catch (GuideException e) {
      listener.onError(e);
      return;
    } catch (RuntimeException e) {
      listener.onError(new NonRetriableGuideException("the reply failed: " + e, e));
      return;
    }
    listener.onText(reply.text());
    listener.onComplete(reply);
  }

  /** Shorthand for {@code chat(ChatRequest.of(sessionId, message))}. */
  default ChatReply chat(String sessionId, String message) {
    return chat(ChatRequest.of(sessionId, message));
  }

  /** Erases the dialogue state of one session. Unknown ids are ignored. */
  void endSession(String sessionId);

  /** Erases everything held about a user: every session of theirs and their dialogue state. */
  void forget(String userId);
}
