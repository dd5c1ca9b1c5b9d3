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
}
