package io.guidesdk.onnx.llm;

import io.guidesdk.spi.TokenListener;
import java.util.List;

/**
 * Collects generated text, ends it at the first stop sequence, and streams only text that cannot be
 * the start of a stop sequence (that part is held back until the next piece decides).
 */
final class StopGate {
  private final List<String> stops;
  private final int longestStop;
  private final TokenListener listener;
  private final StringBuilder text = new StringBuilder();
  private int emitted;
  private boolean stopped;

  StopGate(List<String> stops, TokenListener listener) {
    this.stops = stops;
    this.longestStop = stops.stream().mapToInt(String::length).max().orElse(0);
    this.listener = listener;
  }

  /** Adds a piece; returns true when a stop sequence has been produced (the text is cut before it). */
  boolean add(String piece) {
    if (stopped || piece.isEmpty()) {
      return stopped;
    }
    int searchFrom = Math.max(0, text.length() - longestStop + 1);
    text.append(piece);
    int cut = -1;
    for (String s : stops) {
      int at = text.indexOf(s, searchFrom);
      if (at >= 0 && (cut < 0 || at < cut)) {
        cut = at;
      }
    }
    if (cut >= 0) {
      text.setLength(cut);
      stopped = true;
      release(text.length());
      return true;
    }
    release(text.length() - heldBack());
    return false;
  }

  /** Ends the stream: everything not yet released goes out. */
  String finish() {
    release(text.length());
    return text.toString();
  }

  private int heldBack() {
    int max = Math.min(longestStop - 1, text.length());
    for (int k = max; k > 0; k--) {
      String tail = text.substring(text.length() - k);
      for (String s : stops) {
        if (s.startsWith(tail)) {
          return k;
        }
      }
    }
    return 0;
  }

  private void release(int upTo) {
    if (upTo > emitted && Character.isHighSurrogate(text.charAt(upTo - 1)) && upTo < text.length()) {
      upTo--;
    }
    if (upTo > emitted) {
      listener.onText(text.substring(emitted, upTo));
      emitted = upTo;
    }
  }
}
