package io.guidesdk.remote;

import io.guidesdk.RetriableGuideException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a backend that keeps failing: after {@code threshold} consecutive failed calls it
 * opens for {@code openFor}, failing calls at once; then it lets one trial call through (half-open)
 * and closes on its success or opens again on its failure.
 */
final class CircuitBreaker {
  enum State { CLOSED, OPEN, HALF_OPEN }

  private final int threshold;
  private final Duration openFor;
  private final Clock clock;
  private State state = State.CLOSED;
  private int failures;
  private Instant openUntil = Instant.MIN;
  private boolean trialInFlight;

  CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** Admits a call or throws when open. */
  synchronized void acquire(String model) {
    if (state == State.OPEN) {
      if (clock.instant().isBefore(openUntil)) {
        throw new RetriableGuideException(model + " is failing; calls are paused until " + openUntil
            + " (circuit breaker open after " + threshold + " consecutive failures)");
      }
      state = State.HALF_OPEN;
      trialInFlight = false;
    }
    if (state == State.HALF_OPEN) {
      if (trialInFlight) {
        throw new RetriableGuideException(model + " is failing; a trial call is in flight (circuit breaker half-open)");
      }
      trialInFlight = true;
    }
  }

  synchronized void success() {
    state = State.CLOSED;
    failures = 0;
    trialInFlight = false;
  }

  synchronized void failure() {
    failures++;
    trialInFlight = false;
    if (state == State.HALF_OPEN || failures >= threshold) {
      state = State.OPEN;
      openUntil = clock.instant().plus(openFor);
    }
  }

  /** A call that ended for a reason that says nothing about the backend's health (e.g. a bad request). */
  synchronized void neutral() {
    if (state == State.HALF_OPEN) {
      state = State.CLOSED;
      failures = 0;
    }
    trialInFlight = false;
  }

  synchronized State state() {
    return state;
  }
}
