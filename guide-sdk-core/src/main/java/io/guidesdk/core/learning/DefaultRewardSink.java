package io.guidesdk.core.learning;

import io.guidesdk.EventRejectedException;
import io.guidesdk.EventRejectedException.Reason;
import io.guidesdk.RewardEvent;
import io.guidesdk.RewardEventType;
import io.guidesdk.RewardSink;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.policy.LearningPolicy;
import io.guidesdk.core.policy.ShopperContext;
import io.guidesdk.core.policy.ShopperState;
import io.guidesdk.core.policy.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reward sink: validates each event on the caller's thread, queues it, and applies it on one
 * writer thread, which updates the shopper's history, joins the event to the impression that showed
 * the product, and feeds the policy.
 *
 * <h2>Validation</h2>
 * {@link #accept} throws {@link EventRejectedException} (and counts it by {@link Reason}) for an
 * unknown product, a recommendation id that is unknown or older than the attribution window, a
 * recommendation id shown to another user ({@link Reason#USER_MISMATCH}), a timestamp more than {@code maxFutureSkew} ahead of the clock or before {@link #EARLIEST_TIMESTAMP}
 * (1970-01-01T00:00:00Z), a full queue, or a closed sink. A
 * negative purchase value, or one above 10<sup>18</sup>, cannot reach the sink: {@link RewardEvent}
 * refuses it when constructed. Rewards are kept within {@link RewardWeights#MAX_REWARD}, so no sum the
 * sink keeps (slot rewards, product popularity) can become infinite or NaN.
 *
 * <h2>Back-pressure</h2>
 * The queue holds at most {@code queueCapacity} events. When it is full, {@code accept} waits up to
 * {@code offerTimeout} for room and then rejects with {@link Reason#QUEUE_FULL}; the event is never
 * dropped silently: it is either applied or the caller gets the exception.
 *
 * <h2>Attribution and learning</h2>
 * An event quoting a recommendation id is credited to the slot that showed its product when the
 * event happened within the attribution window after the impression; otherwise (and for events
 * without an id) it only updates the shopper's profile. The id of a chat reply that showed no product
 * ({@link ImpressionLog#newIdWithoutProducts()}, recorded nowhere) is accepted and taken as organic,
 * as it was when such replies stored an empty impression. An id shown to another shopper is refused
 * ({@link Reason#USER_MISMATCH}), except one shown to an anonymous shopper (a chat reply to a request
 * without a user id, recorded with an empty user id): no event can name that shopper, so such an
 * event is taken as organic. The reward of a
 * slot is the sum of {@link RewardWeights#reward} over its credited events within the credit horizon
 * after the impression; when the horizon has passed the writer closes the slot's transition and calls
 * {@link LearningPolicy#learn} with {@code (state at decision, strategy, reward, state now)}, so slots
 * that earned nothing teach the policy too. Each closed slot is also written to the optional
 * {@link DecisionLog}.
 *
 * <h2>Impressions that are not policy decisions</h2>
 * An impression with {@link Impression#policyDecision()} {@code false} (the chat guide's replies,
 * strategy {@code chat}) is attributed like any other: its events count as {@code attributed}, update
 * the shopper's profile, and, with a decision log, its slots are written with their reward and {@code
 * "policyDecision":false}. It never reaches {@link LearningPolicy#learn}: "chat" is not an action the
 * slot policy chose, so learning from it would teach the policy about a strategy it cannot pick, at a
 * propensity of 1 that was never sampled. Its closed slots are counted as {@code nonPolicySlots}.
 *
 * <h2>Persistence</h2>
 * {@link #pendingImpressions()} copies the impressions still inside their credit horizon with the
 * rewards credited so far, and {@link #restorePending} puts them back (snapshots carry them, so a
 * restart does not lose the policy's reward for recommendations shown just before it).
 *
 * <h2>Lifecycle</h2>
 * {@link #flush()} returns when every event accepted before it has been applied and every transition
 * whose horizon has passed (by the injected clock) has been learned. {@link #close()} rejects new
 * events, applies everything accepted, and closes the decision log.
 */
public final class DefaultRewardSink implements RewardSink {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultRewardSink.class);

  /** Default queue capacity, in events. */
  public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
  /** Default wait for room in a full queue before rejecting. */
  public static final Duration DEFAULT_OFFER_TIMEOUT = Duration.ofMillis(10);
  /** Default allowance for clock skew: events further in the future are refused. */
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);
  /**
   * The earliest event time taken: 1970-01-01T00:00:00Z ({@link Instant#EPOCH}). No shop reports a
   * reaction from before it, so an earlier timestamp is a wrong clock, a wrong unit or a default value
   * such as {@link Instant#MIN}; refused with {@link Reason#TIMESTAMP_TOO_OLD}, as a timestamp too far
   * ahead is with {@link Reason#TIMESTAMP_IN_FUTURE}. (An event from before about 292 million years BC
   * once broke every later recommendation for its shopper.)
   */
  public static final Instant EARLIEST_TIMESTAMP = Instant.EPOCH;
  /** Default time after an impression within which rewards count for the policy (experimental). */
  public static final Duration DEFAULT_CREDIT_HORIZON = Duration.ofMinutes(30);
  /** Default bound on impressions awaiting the end of their credit horizon. */
  public static final int DEFAULT_MAX_PENDING = 200_000;

  private static final int BATCH = 4096;

  private final Supplier<Catalog> catalog;
  private final InteractionStore interactions;
  private final ImpressionLog impressions;
  private final RewardWeights weights;
  private final Clock clock;
  private final Duration window;
  private final Duration horizon;
  private final Duration maxFutureSkew;
  private final long maxFutureSkewMillis;
  private final long offerTimeoutNanos;
  private final int maxPending;
  private final @Nullable LearningPolicy policy;
  private final @Nullable DecisionLog decisionLog;

  private final BlockingQueue<Object> queue;
  private final ConcurrentLinkedQueue<Impression> intake = new ConcurrentLinkedQueue<>();
  private final AtomicInteger intakeSize = new AtomicInteger();
  private final java.util.function.Consumer<Impression> listener;
  private final Thread writer;
  private volatile boolean closed;
  private volatile boolean terminated;
  private final Object closeLock = new Object();

  private final LongAdder accepted = new LongAdder();
  private final Map<Reason, LongAdder> rejected = new EnumMap<>(Reason.class);
  private final LongAdder intakeOverflow = new LongAdder();
  // Written by the writer thread only (or by close() after the writer stopped).
  private volatile long applied;
  private volatile long attributed;
  private volatile long organic;
  private volatile long lateForPolicy;
  private volatile long failed;
  private volatile long transitions;
  private volatile long nonPolicySlots;
  private volatile long logged;
  private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();

  /** A sink with default limits, no policy and no decision log; the attribution window is 24 hours. */
  public DefaultRewardSink(Supplier<Catalog> catalog, InteractionStore interactions, ImpressionLog impressions,
      RewardWeights weights, Clock clock) {
    this(builder(catalog, interactions, impressions).weights(weights).clock(clock));
  }

  private DefaultRewardSink(Builder b) {
    this.catalog = b.catalog;
    this.interactions = b.interactions;
    this.impressions = b.impressions;
    this.weights = b.weights;
    this.clock = b.clock;
    this.window = b.window;
    this.horizon = b.horizon;
    this.maxFutureSkew = b.maxFutureSkew;
    this.maxFutureSkewMillis = b.maxFutureSkew.toMillis();
    this.offerTimeoutNanos = b.offerTimeout.toNanos();
    this.maxPending = b.maxPending;
    this.policy = b.policy;
    this.decisionLog = b.decisionLog;
    this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
    for (Reason r : Reason.values()) {
      rejected.put(r, new LongAdder());
    }
    if (policy != null) {
      listener = imp -> {
        if (intakeSize.incrementAndGet() > maxPending) {
          intakeSize.decrementAndGet();
          intakeOverflow.increment();
        } else {
          intake.add(imp);
        }
      };
      impressions.addListener(listener);
    } else {
      listener = imp -> {};
    }
    writer = new Thread(this::runWriter, "guide-reward-writer");
    writer.setDaemon(true);
    writer.start();
  }

  public static Builder builder(Supplier<Catalog> catalog, InteractionStore interactions, ImpressionLog impressions) {
    return new Builder(catalog, interactions, impressions);
  }

  @Override
  public void accept(RewardEvent event) {
    Objects.requireNonNull(event, "event");
    if (closed) {
      throw reject(Reason.CLOSED, "event refused: the reward sink is closed");
    }
    if (!catalog.get().contains(event.productId())) {
      throw reject(Reason.UNKNOWN_PRODUCT, "event refused: productId '" + event.productId()
          + "' is not in the catalog");
    }
    // Compared in milliseconds: no Instant allocated per event on the hot path.
    // (seconds checked first so Instant.MAX or MIN cannot overflow toEpochMilli)
    long nowMillis = clock.millis();
    long limit = nowMillis + maxFutureSkewMillis;
    long seconds = event.timestamp().getEpochSecond();
    if (seconds > limit / 1000 + 1 || (seconds >= limit / 1000 - 1 && event.timestamp().toEpochMilli() > limit)) {
      throw reject(Reason.TIMESTAMP_IN_FUTURE, "event refused: timestamp " + event.timestamp() + " is more than "
          + maxFutureSkew + " after now (" + Instant.ofEpochMilli(nowMillis) + "); check the caller's clock");
    }
    if (event.timestamp().isBefore(EARLIEST_TIMESTAMP)) {
      throw reject(Reason.TIMESTAMP_TOO_OLD, "event refused: timestamp " + event.timestamp() + " is before "
          + EARLIEST_TIMESTAMP + ", the earliest the reward sink takes; check the caller's clock and the "
          + "timestamp's unit");
    }
    if (event.recommendationId() != null && !ImpressionLog.showsNothing(event.recommendationId())) {
      Impression shown = impressions.find(event.recommendationId());
      if (shown == null) {
        throw reject(Reason.UNKNOWN_RECOMMENDATION, "event refused: recommendationId '" + event.recommendationId()
            + "' is unknown or older than the attribution window (" + window
            + "); send organic events with a null recommendationId");
      }
      if (!shown.userId().isEmpty() && !shown.userId().equals(event.userId())) {
        // The other user's id is not repeated: messages end up in logs.
        throw reject(Reason.USER_MISMATCH, "event refused: recommendationId '" + event.recommendationId()
            + "' was shown to another user, not userId '" + event.userId() + "'; send the event with the "
            + "userId it was shown to, or with a null recommendationId (organic)");
      }
    }
    boolean queued = queue.offer(event);
    if (!queued && offerTimeoutNanos > 0) {
      try {
        queued = queue.offer(event, offerTimeoutNanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!queued) {
      throw reject(Reason.QUEUE_FULL, "event refused: the reward queue is full (" + queue.remainingCapacity()
          + " free of its capacity) after waiting " + Duration.ofNanos(offerTimeoutNanos)
          + "; raise queueCapacity or offerTimeout, or retry later");
    }
    if (terminated && queue.remove(event)) {
      // close() finished its final drain before this event got in: it was not applied, so refuse it.
      throw reject(Reason.CLOSED, "event refused: the reward sink is closed");
    }
    accepted.increment();
  }

  private EventRejectedException reject(Reason reason, String message) {
    rejected.get(reason).increment();
    return new EventRejectedException(reason, message);
  }

  /**
   * Waits until every event accepted before this call has been applied and every transition whose
   * credit horizon has passed has been learned, then flushes the decision log.
   */
  @Override
  public void flush() {
    if (terminated) {
      return;
    }
    Marker marker = new Marker();
    try {
      queue.put(marker);
      while (!marker.done.await(100, TimeUnit.MILLISECONDS)) {
        if (terminated || !writer.isAlive()) {
          synchronized (closeLock) {
            drainRemaining();
          }
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    synchronized (closeLock) {
      if (terminated) {
        return;
      }
      closed = true;
      writer.interrupt();
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      terminated = true;
      drainRemaining();
      impressions.removeListener(listener);
      if (decisionLog != null) {
        decisionLog.flush();
        decisionLog.close();
      }
    }
  }

  /** Counters since the sink was created. */
  public Stats stats() {
    Map<Reason, Long> r = new EnumMap<>(Reason.class);
    rejected.forEach((k, v) -> r.put(k, v.sum()));
    return new Stats(accepted.sum(), applied, failed, r, attributed, organic, lateForPolicy, transitions, logged,
        intakeSize.get() + pendingSize(), intakeOverflow.sum(), queue.size(), nonPolicySlots);
  }

  private volatile int pendingCount;

  private int pendingSize() {
    return pendingCount;
  }

  /**
   * The sink's counters.
   *
   * @param accepted events taken by {@link #accept}
   * @param applied accepted events applied by the writer ({@code applied + failed == accepted} after a
   *     flush)
   * @param failed accepted events whose application threw (logged; should stay 0)
   * @param rejected rejections by reason
   * @param attributed events credited to an impression slot (chat replies included)
   * @param organic events applied to profiles only (no id, an anonymous shopper's chat reply, product
   *     not shown, outside the window)
   * @param lateForPolicy credited events that arrived after their slot's credit horizon (profile only)
   * @param transitions slot transitions learned by the policy
   * @param logged decision records written
   * @param pendingImpressions impressions awaiting the end of their credit horizon
   * @param impressionsNotLearned impressions the policy did not learn from because too many were
   *     pending (raise maxPending)
   * @param queued events waiting in the queue
   * @param nonPolicySlots slots of impressions that were not policy decisions (chat replies) closed
   *     without teaching the policy (written to the decision log when there is one)
   */
  public record Stats(long accepted, long applied, long failed, Map<Reason, Long> rejected, long attributed,
      long organic, long lateForPolicy, long transitions, long logged, long pendingImpressions,
      long impressionsNotLearned, int queued, long nonPolicySlots) {
    public Stats {
      rejected = Map.copyOf(rejected);
    }

    /** All rejections. */
    public long rejectedTotal() {
      return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  // ---- writer ----

  private void runWriter() {
    List<Object> batch = new ArrayList<>(BATCH);
    while (!closed) {
      Object first;
      try {
        first = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      try {
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, BATCH - 1);
          processBatch(batch);
        }
        maintain();
      } catch (RuntimeException | Error e) {
        // The writer must outlive any bug in a policy or decision log: log it and keep applying.
        LOG.error("reward writer: unexpected failure; continuing", e);
        for (Object o : batch) {
          if (o instanceof Marker m) {
            m.done.countDown();
          } else if (o instanceof Command<?> c) {
            c.fail(e);
          }
        }
      } finally {
        batch.clear();
      }
    }
  }

  /** Applies whatever is queued; the writer has stopped (caller holds closeLock). */
  private void drainRemaining() {
    List<Object> batch = new ArrayList<>(BATCH);
    while (queue.drainTo(batch, BATCH) > 0) {
      processBatch(batch);
      batch.clear();
    }
    maintain();
  }

  private void processBatch(List<Object> batch) {
    takeIntake();
    long done = 0;
    for (Object o : batch) {
      if (o instanceof RewardEvent e) {
        try {
          apply(e);
          done++;
        } catch (RuntimeException ex) {
          failed++;
          LOG.warn("could not apply reward event {}", e, ex);
        }
      } else if (o instanceof Marker m) {
        applied += done;
        done = 0;
        maintain();
        if (decisionLog != null) {
          decisionLog.flush();
        }
        m.done.countDown();
      } else if (o instanceof Command<?> c) {
        applied += done;
        done = 0;
        takeIntake();
        c.run();
      }
    }
    applied += done;
  }

  private void apply(RewardEvent e) {
    boolean credited = false;
    if (e.type() != RewardEventType.IMPRESSION) {
      interactions.add(e.userId(), new Interaction(e.productId(), e.type(), e.timestamp()),
          Math.max(0, weights.reward(e)));
    }
    if (e.recommendationId() != null) {
      // Most credited events quote an impression still pending: take it from there (no cache lookup).
      Pending p = policy == null ? null : pending.get(e.recommendationId());
      Impression shown = p != null ? p.impression : impressions.get(e.recommendationId()).orElse(null);
      int slot = shown == null ? -1 : shown.slotOf(e.productId());
      if (slot >= 0 && shown.userId().equals(e.userId()) && !e.timestamp().isBefore(shown.shownAt())
          && !e.timestamp().isAfter(shown.shownAt().plus(window))) {
        credited = true;
        attributed++;
        if (policy != null) {
          if (p == null && tracked(shown) && !e.timestamp().isAfter(shown.shownAt().plus(horizon))
              && clock.instant().isBefore(shown.shownAt().plus(horizon))) {
            p = open(shown);
          }
          if (p != null && !e.timestamp().isAfter(shown.shownAt().plus(horizon))) {
            p.reward[slot] += weights.reward(e);
          } else if (shown.policyDecision()) {
            lateForPolicy++;
          }
        }
      }
    }
    if (!credited) {
      organic++;
    }
  }

  private void takeIntake() {
    Impression imp;
    while ((imp = intake.poll()) != null) {
      intakeSize.decrementAndGet();
      if (!pending.containsKey(imp.recommendationId()) && !imp.productIds().isEmpty() && tracked(imp)) {
        open(imp);
      }
    }
  }

  /**
   * Whether an impression waits for its credit horizon: policy decisions always; others (chat
   * replies) only to write their slots' rewards to the decision log.
   */
  private boolean tracked(Impression imp) {
    return imp.policyDecision() || decisionLog != null;
  }

  private Pending open(Impression imp) {
    Pending p = new Pending(imp);
    pending.put(imp.recommendationId(), p);
    evictOverflow();
    return p;
  }

  /** Beyond maxPending, learns from the oldest impressions early. */
  private void evictOverflow() {
    while (pending.size() > maxPending) {
      Iterator<Pending> it = pending.values().iterator();
      Pending oldest = it.next();
      it.remove();
      close(oldest, clock.instant());
    }
    pendingCount = pending.size();
  }

  /** Takes new impressions and closes every pending impression whose horizon has passed. */
  private void maintain() {
    takeIntake();
    if (pending.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Iterator<Pending> it = pending.values().iterator();
    while (it.hasNext()) {
      Pending p = it.next();
      if (now.isBefore(p.impression.shownAt().plus(horizon))) {
        // Impressions arrive in roughly shownAt order; stop at the first still open.
        break;
      }
      it.remove();
      try {
        close(p, now);
      } catch (RuntimeException e) {
        failedTransitions++;
        LOG.warn("could not learn from impression {}", p.impression.recommendationId(), e);
      }
    }
    pendingCount = pending.size();
  }

  private volatile long failedTransitions;

  private void close(Pending p, Instant now) {
    LearningPolicy pol = Objects.requireNonNull(policy);
    Impression imp = p.impression;
    List<Interaction> history = interactions.history(imp.userId());
    Catalog c = catalog.get();
    ShopperContext before = imp.context() != null ? imp.context()
        : ShopperContexts.at(imp.userId(), history, c, imp.shownAt(), null);
    Instant after = now.isAfter(imp.shownAt()) ? now : imp.shownAt().plusNanos(1);
    ShopperState next = pol.state(ShopperContexts.at(imp.userId(), history, c, after.plusNanos(1), null), 0);
    for (int slot = 0; slot < imp.productIds().size(); slot++) {
      ShopperState state = pol.state(before, slot, imp.strategies().subList(0, slot));
      String action = imp.strategies().get(slot);
      if (imp.policyDecision()) {
        pol.learn(new Transition(state, action, p.reward[slot], next, List.of()));
        transitions++;
      } else {
        nonPolicySlots++;
      }
      if (decisionLog != null) {
        decisionLog.write(new DecisionRecord(imp.shownAt(), imp.recommendationId(), imp.userId(), slot,
            state.toMap(), imp.actionSet(slot), action, imp.propensities().get(slot),
            p.reward[slot], imp.policyVersion(), imp.policyDecision()));
        logged++;
      }
    }
  }

  private static final class Pending {
    final Impression impression;
    final double[] reward;

    Pending(Impression impression) {
      this.impression = impression;
      this.reward = new double[impression.productIds().size()];
    }
  }

  private static final class Marker {
    final CountDownLatch done = new CountDownLatch(1);
  }

  /** Work that must run on the writer thread (it owns the pending impressions), in queue order. */
  private static final class Command<T> {
    final Supplier<T> action;
    final CountDownLatch done = new CountDownLatch(1);
    volatile T result;
    volatile Throwable failure;

    Command(Supplier<T> action) {
      this.action = action;
    }

    void run() {
      try {
        result = action.get();
      } catch (RuntimeException | Error e) {
        failure = e;
      } finally {
        done.countDown();
      }
    }

    void fail(Throwable e) {
      if (done.getCount() > 0) {
        failure = e;
        done.countDown();
      }
    }

    /** The result of a finished command, or its failure rethrown. */
    T outcome() {
      if (failure instanceof RuntimeException re) {
        throw re;
      }
      if (failure instanceof Error err) {
        throw err;
      }
      return result;
    }
  }

  /**
   * Runs {@code action} on the writer thread after everything queued before it, and returns its
   * result; runs it on the caller's thread (under the close lock) once the writer has stopped.
   */
  private <T> T onWriter(Supplier<T> action) {
    Command<T> command = new Command<>(action);
    if (!terminated && writer.isAlive()) {
      try {
        queue.put(command);
        while (!command.done.await(100, TimeUnit.MILLISECONDS)) {
          if (terminated || !writer.isAlive()) {
            break;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the reward writer", e);
      }
      if (command.done.getCount() == 0) {
        return command.outcome();
      }
    }
    synchronized (closeLock) {
      drainRemaining(); // runs the command if it was still queued
      if (command.done.getCount() > 0) {
        command.run();
      }
    }
    return command.outcome();
  }

  /**
   * An impression still inside its credit horizon, with the rewards credited to each slot so far.
   *
   * @param rewards one per slot of {@code impression}
   */
  public record PendingImpression(Impression impression, List<Double> rewards) {
    public PendingImpression {
      Objects.requireNonNull(impression, "impression");
      rewards = List.copyOf(rewards);
      if (rewards.size() != impression.productIds().size()) {
        throw new IllegalArgumentException("pending impression " + impression.recommendationId() + " has "
            + rewards.size() + " slot rewards for " + impression.productIds().size() + " slots");
      }
      for (Double r : rewards) {
        if (!Double.isFinite(r)) {
          throw new IllegalArgumentException("pending impression " + impression.recommendationId()
              + " has a reward that is not finite: " + r);
        }
      }
    }
  }

  /**
   * The impressions awaiting the end of their credit horizon (after every event accepted before this
   * call is applied), oldest first, with the rewards credited so far; empty without a policy.
   */
  public List<PendingImpression> pendingImpressions() {
    return onWriter(this::copyPending);
  }

  /**
   * Calls {@code reader} on the writer thread with the pending impressions (as {@link
   * #pendingImpressions()}), after every event accepted before this call is applied. While it runs no
   * event is applied and no transition is learned, so what it reads of the policy is consistent with
   * the pending impressions (a snapshot neither loses nor repeats a transition).
   * {@code reader} must be quick and must not call back into this sink.
   */
  public <T> T withPending(java.util.function.Function<List<PendingImpression>, T> reader) {
    Objects.requireNonNull(reader, "reader");
    return onWriter(() -> reader.apply(copyPending()));
  }

  private List<PendingImpression> copyPending() {
    List<PendingImpression> out = new ArrayList<>(pending.size());
    for (Pending p : pending.values()) {
      List<Double> r = new ArrayList<>(p.reward.length);
      for (double x : p.reward) {
        r.add(x);
      }
      out.add(new PendingImpression(p.impression, r));
    }
    return out;
  }

  /**
   * Replaces the impressions awaiting their credit horizon with {@code restored} (from a snapshot)
   * and puts them back in the impression log, so events quoting them are accepted and credited, and
   * the policy learns from them when their horizon ends (at once, if it ended while the SDK was
   * down). Impressions older than the attribution window are skipped; without a policy, nothing is
   * kept for learning. The impressions pending before the call are dropped without being learned.
   */
  public void restorePending(List<PendingImpression> restored) {
    List<PendingImpression> list = List.copyOf(Objects.requireNonNull(restored, "restored"));
    Instant now = clock.instant();
    List<PendingImpression> live = new ArrayList<>(list.size());
    for (PendingImpression p : list) {
      if (p.impression().shownAt().plus(window).isAfter(now)) {
        live.add(p);
        impressions.restore(p.impression());
      }
    }
    onWriter(() -> {
      pending.clear();
      if (policy != null) {
        live.stream().sorted(java.util.Comparator.comparing(p -> p.impression().shownAt())).forEach(p -> {
          if (tracked(p.impression())) {
            Pending x = new Pending(p.impression());
            for (int i = 0; i < x.reward.length; i++) {
              x.reward[i] = p.rewards().get(i);
            }
            pending.put(p.impression().recommendationId(), x);
          }
        });
        evictOverflow();
      }
      pendingCount = pending.size();
      return null;
    });
    flush(); // learns at once from the restored impressions whose horizon has passed
  }

  /** Drops the impressions of {@code userId} still awaiting their horizon (they are not learned). */
  public void forget(String userId) {
    Objects.requireNonNull(userId, "userId");
    onWriter(() -> {
      pending.values().removeIf(p -> p.impression.userId().equals(userId));
      pendingCount = pending.size();
      return null;
    });
  }

  /** Configures a {@link DefaultRewardSink}; {@link #build()} starts its writer thread. */
  public static final class Builder {
    private final Supplier<Catalog> catalog;
    private final InteractionStore interactions;
    private final ImpressionLog impressions;
    private RewardWeights weights = RewardWeights.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private Duration window = Duration.ofHours(24);
    private Duration horizon = DEFAULT_CREDIT_HORIZON;
    private Duration maxFutureSkew = DEFAULT_MAX_FUTURE_SKEW;
    private Duration offerTimeout = DEFAULT_OFFER_TIMEOUT;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private int maxPending = DEFAULT_MAX_PENDING;
    private @Nullable LearningPolicy policy;
    private @Nullable DecisionLog decisionLog;

    private Builder(Supplier<Catalog> catalog, InteractionStore interactions, ImpressionLog impressions) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      this.interactions = Objects.requireNonNull(interactions, "interactions");
      this.impressions = Objects.requireNonNull(impressions, "impressions");
    }

    /** The reward per event type (default {@link RewardWeights#DEFAULT}). */
    public Builder weights(RewardWeights weights) {
      this.weights = Objects.requireNonNull(weights, "weights");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long after an impression an event quoting it is credited to it (default 24 hours; should
     * match the impression log's retention).
     */
    public Builder attributionWindow(Duration window) {
      this.window = positive(window, "attributionWindow");
      return this;
    }

    /**
     * How long after an impression its slots' rewards are collected before the policy learns from
     * them (default 30 minutes). Experimental tuning knob.
     */
    public Builder creditHorizon(Duration horizon) {
      this.horizon = Objects.requireNonNull(horizon, "horizon");
      if (horizon.isNegative()) {
        throw new IllegalArgumentException("creditHorizon must not be negative: " + horizon);
      }
      return this;
    }

    /** Events further than this in the future are refused (default 5 minutes). */
    public Builder maxFutureSkew(Duration skew) {
      this.maxFutureSkew = Objects.requireNonNull(skew, "skew");
      if (skew.isNegative()) {
        throw new IllegalArgumentException("maxFutureSkew must not be negative: " + skew);
      }
      return this;
    }

    /** How long {@code accept} waits for room in a full queue before rejecting (default 10 ms; 0 = never wait). */
    public Builder offerTimeout(Duration timeout) {
      this.offerTimeout = Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("offerTimeout must not be negative: " + timeout);
      }
      return this;
    }

    /** The queue's capacity in events (default 65,536). */
    public Builder queueCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be >= 1, was " + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    /** The most impressions awaiting their credit horizon; the oldest is learned early beyond it. */
    public Builder maxPending(int maxPending) {
      if (maxPending < 1) {
        throw new IllegalArgumentException("maxPending must be >= 1, was " + maxPending);
      }
      this.maxPending = maxPending;
      return this;
    }

    /** The policy that learns from credited rewards; none by default. */
    public Builder policy(LearningPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Where closed slot decisions are written; none by default. The sink closes it on close(). Needs a
     * {@link #policy}: each line holds the state the policy decided in, which only the policy can
     * discretise.
     */
    public Builder decisionLog(DecisionLog log) {
      this.decisionLog = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * @throws IllegalStateException if a decision log was set without a policy (it would stay empty)
     */
    public DefaultRewardSink build() {
      if (decisionLog != null && policy == null) {
        throw new IllegalStateException("a decision log needs a policy: its lines hold the state the policy "
            + "decided in; set policy(...) or leave the decision log out");
      }
      return new DefaultRewardSink(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }

  /** Backwards-compatible counter: events applied so far. */
  public long appliedCount() {
    return applied;
  }

  /** Events that matched the impression they quote. */
  public long attributedCount() {
    return attributed;
  }
}
