package io.guidesdk.remote;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The open streams of one call, so that a call past its deadline can be aborted: closing the
 * response stream unblocks a reader stuck on a stalled connection. Bound to the worker thread that
 * runs the call (the HTTP client runs on that same thread).
 */
final class CallContext {
  static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();
  private final List<Closeable> open = new CopyOnWriteArrayList<>();
  private volatile boolean aborted;

  static void register(Closeable c) {
    CallContext ctx = CURRENT.get();
    if (ctx != null) {
      ctx.open.add(c);
      if (ctx.aborted) {
        ctx.abort();
      }
    }
  }

  void abort() {
    aborted = true;
    for (Closeable c : open) {
      try {
        c.close();
      } catch (IOException e) {
        // Already broken: nothing more to free.
      }
    }
  }
}
