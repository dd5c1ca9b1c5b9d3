package io.guidesdk.examples.cli;

import io.guidesdk.core.IndexProgress;
import java.io.PrintStream;

/** Small helpers for printing to a terminal. */
final class Terminal {
  private Terminal() {}

  /**
   * A progress display for catalog indexing: a redrawn bar on a terminal, a line at start and end
   * otherwise (so logs stay readable).
   */
  static IndexProgress progress(PrintStream err, String what) {
    boolean tty = System.console() != null;
    long started = System.nanoTime();
    return (done, total) -> {
      if (tty) {
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        err.printf("\r%s [%s%s] %d/%d", what, "#".repeat(filled), " ".repeat(width - filled), done, total);
        if (done == total) {
          err.printf(" (%.1f s)%n", (System.nanoTime() - started) / 1e9);
        }
      } else if (done == 0) {
        err.printf("%s: %d products...%n", what, total);
      } else if (done == total) {
        err.printf("%s: done, %d products in %.1f s%n", what, total, (System.nanoTime() - started) / 1e9);
      }
      err.flush();
    };
  }

  /** Indents every line of {@code text}. */
  static String indent(String text, String prefix) {
    return prefix + text.replace("\n", "\n" + prefix);
  }

  /**
   * {@code text} padded with spaces to {@code columns} terminal columns, counting East Asian wide
   * characters (Han, kana, Hangul, full-width forms) as two, as terminals draw them.
   */
  static String pad(String text, int columns) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      width += wide(c) ? 2 : 1;
    }
    return width >= columns ? text : text + " ".repeat(columns - width);
  }

  private static boolean wide(int c) {
    Character.UnicodeScript s = Character.UnicodeScript.of(c);
    return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL
        || c >= 0x3000 && c <= 0x303F || c >= 0xFF01 && c <= 0xFF60;
  }
}
