package io.guidesdk.onnx.llm;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.util.Arrays;

/**
 * Turns generated token ids into text incrementally. A byte-level tokenizer splits a CJK character
 * (3 UTF-8 bytes) or an emoji over several tokens; decoding part of it gives U+FFFD. So text is
 * released only when the decoded window does not end in U+FFFD, and each release is the difference
 * between decoding the window with and without the newest tokens (the method of Hugging Face's
 * text-generation-inference), which also keeps word-boundary spaces right for SentencePiece
 * tokenizers. Cost per token is a decode of a few tokens, not of the whole output.
 */
final class StreamingDetokenizer {
  private static final char REPLACEMENT = '\uFFFD';
  private final HuggingFaceTokenizer tokenizer;
  private long[] ids = new long[16];
  private int size;
  private int prefixOffset;
  private int readOffset;

  StreamingDetokenizer(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Adds a token; returns the text it completes (often empty while a character is incomplete). */
  String add(long id) {
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size * 2);
    }
    ids[size++] = id;
    String prefix = decode(prefixOffset, readOffset);
    String full = decode(prefixOffset, size);
    if (full.length() > prefix.length() && full.charAt(full.length() - 1) != REPLACEMENT && full.startsWith(prefix)) {
      String piece = full.substring(prefix.length());
      prefixOffset = readOffset;
      readOffset = size;
      return piece;
    }
    return "";
  }

  /** The text of the tokens not yet released (at the end of generation: whatever is left, even partial). */
  String flush() {
    String prefix = decode(prefixOffset, readOffset);
    String full = decode(prefixOffset, size);
    prefixOffset = size;
    readOffset = size;
    return full.length() > prefix.length() && full.startsWith(prefix) ? full.substring(prefix.length()) : "";
  }

  private String decode(int from, int to) {
    return from >= to ? "" : tokenizer.decode(Arrays.copyOfRange(ids, from, to), true);
  }
}
