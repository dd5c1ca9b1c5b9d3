package io.guidesdk.spi;

/** Receives the text of a streamed generation piece by piece; called on the generating thread. */
@FunctionalInterface
public interface TokenListener {

  /** A new piece of text; never empty, never a split character. */
  void onText(String piece);
}
