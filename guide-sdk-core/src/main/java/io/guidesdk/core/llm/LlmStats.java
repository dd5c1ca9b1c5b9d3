package io.guidesdk.core.llm;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * What the language model did for the guide, counted: accepted and rejected interpretations,
 * replies and product copy, backend failures, and why each rejection happened. Thread-safe.
 */
public final class LlmStats {
  private final LongAdder interpretationsAccepted = new LongAdder();
  private final LongAdder interpretationsRejected = new LongAdder();
  private final LongAdder repliesAccepted = new LongAdder();
  private final LongAdder repliesRejected = new LongAdder();
  private final LongAdder copyAccepted = new LongAdder();
  private final LongAdder copyRejected = new LongAdder();
  private final LongAdder backendFailures = new LongAdder();
  private final LongAdder inputTokens = new LongAdder();
  private final LongAdder outputTokens = new LongAdder();
  private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
  private volatile @Nullable String lastProblem;

  /** Counters at zero. */
  public LlmStats() {}

  /** A point-in-time copy of the counters. */
  public record Snapshot(long interpretationsAccepted, long interpretationsRejected, long repliesAccepted,
      long repliesRejected, long copyAccepted, long copyRejected, long backendFailures, long inputTokens,
      long outputTokens, Map<String, Long> rejectionReasons, @Nullable String lastProblem) {}

  public Snapshot snapshot() {
    Map<String, Long> r = new TreeMap<>();
    reasons.forEach((k, v) -> r.put(k, v.sum()));
    return new Snapshot(interpretationsAccepted.sum(), interpretationsRejected.sum(), repliesAccepted.sum(),
        repliesRejected.sum(), copyAccepted.sum(), copyRejected.sum(), backendFailures.sum(), inputTokens.sum(),
        outputTokens.sum(), Map.copyOf(r), lastProblem);
  }

  void tokens(io.guidesdk.spi.TokenUsage usage) {
    inputTokens.add(usage.inputTokens());
    outputTokens.add(usage.outputTokens());
  }

  void interpretation(boolean accepted, String reason) {
    (accepted ? interpretationsAccepted : interpretationsRejected).increment();
    if (!accepted) {
      reject("interpretation: " + reason);
    }
  }

  void reply(boolean accepted, String reason) {
    (accepted ? repliesAccepted : repliesRejected).increment();
    if (!accepted) {
      reject("reply: " + reason);
    }
  }

  void copy(boolean accepted, String reason) {
    (accepted ? copyAccepted : copyRejected).increment();
    if (!accepted) {
      reject("copy: " + reason);
    }
  }

  void backendFailure(String what, RuntimeException e) {
    backendFailures.increment();
    reject("backend: " + e.getClass().getSimpleName());
    lastProblem = what + ": " + e.getMessage();
  }

  private void reject(String reason) {
    String key = reason.length() > 80 ? reason.substring(0, 80) : reason;
    reasons.computeIfAbsent(key, k -> new LongAdder()).increment();
    lastProblem = reason;
  }
}
