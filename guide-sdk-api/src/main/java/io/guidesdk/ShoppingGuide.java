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
   */
  default void chat(ChatRequest request, ChatListener listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    ChatReply reply;
    try {
      reply = chat(request);
    } catch (GuideException e) {
      listener.onError(e);
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
