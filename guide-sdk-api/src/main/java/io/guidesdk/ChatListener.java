package io.guidesdk;

/**
 * Receives a streamed reply: zero or more {@link #onText} pieces, in order, then exactly one of
 * {@link #onComplete} or {@link #onError}. The pieces concatenated equal the final reply's text.
 * Callbacks come from one thread at a time.
 *
 * <p>Every failure to produce the reply reaches {@link #onError}, including one that is not a
 * {@link GuideException} (it arrives wrapped, as the cause of a {@link NonRetriableGuideException});
 * the guide does not also throw it. An exception thrown by a callback itself propagates to the caller
 * of {@link ShoppingGuide#chat(ChatRequest, ChatListener)}, and no further callback follows.
 */
public interface ChatListener {

  /** The next piece of the reply's text. */
  void onText(String piece);

  /** The whole reply; called once, after the last piece. */
  void onComplete(ChatReply reply);

  /** The reply failed; no further callbacks follow. The default rethrows. */
  default void onError(GuideException error) {
    throw error;
  }
}
