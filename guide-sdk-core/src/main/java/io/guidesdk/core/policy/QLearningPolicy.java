package io.guidesdk.core.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The bundled learning policy: Q-learning over discretised shopper states ({@link ShopperState}),
 * where an action is the candidate strategy placed in a slot.
 *
 * <p>Each active feature {@code f} of a state (see {@link QLearningConfig.StateEncoding}) keeps a table
 * {@code T[f][a]} (starting at {@code initialValue}), and the action value is their mean, {@code
 * Q(s,a) = mean_f T[f][a]}. The TD update for a transition {@code (s, a, r, s')} is
 *
 * <pre>
 *   δ = r + γ · max_a' Q(s', a') − Q(s, a)        (no γ term when s' is absent)
 *   T[f][a] += α · (r + γ · max_a' Q(s', a') − T[f][a])    for each active feature f of s
 * </pre>
 *
 * so that {@code Q(s,a)} moves by exactly {@code α·δ}. With the tabular encoding there is one
 * feature, the full state, and this is textbook Q-learning; with the feature encoding each table is
 * the running TD estimate for the states sharing one feature value (for example "returning shopper
 * in slot 0"), and averaging them generalises across states without the negative or runaway values a
 * least-squares linear fit extrapolates to in rarely visited feature combinations.
 *
 * <p>Decisions sample from the exploration
 * distribution ({@link Exploration}) mixed with the uniform distribution so that every available
 * action has at least the propensity floor; the returned {@link SlotDecision#probability()} is the
 * exact probability of the sampled action under that mixed distribution.
 *
 * <p>Thread-safe: decisions take a read lock, updates a write lock, and sampling draws from the
 * injected {@link RandomGenerator} under its own lock (so a seeded generator gives reproducible
 * sequences when calls are sequential). Strategy names are open: an unseen one starts at {@code
 * initialValue} and, under UCB, with the largest exploration bonus (cold start).
 */
public final class QLearningPolicy implements LearningPolicy {
  private final QLearningConfig config;
  private final RandomGenerator random;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  // Guarded by lock.
  private final List<String> actions = new ArrayList<>();
  private final Map<String, Integer> actionIndex = new HashMap<>();
  // Feature tables: dense arrays for the feature encoding (about 110 small features: no hashing or
  // boxing on the hot path), a hash map for the tabular encoding.
  private final Map<Long, double[]> weights = new HashMap<>();
  private final double[] @Nullable [] dense;
  private final int[] offsets;
  private final Map<Long, int[]> visits = new HashMap<>();
  // Updates per action-independent feature (dense index, or the state key with the tabular encoding),
  // for the decaying ε; kept only when epsilonDecayVisits > 0.
  private final long @Nullable [] featureCounts;
  private final Map<Long, Long> stateCounts = new HashMap<>();
  // The prior: per registered action, its starting value and its rank in priorOrder (MAX_VALUE if
  // unlisted).
  private final List<Double> initial = new ArrayList<>();
  private final List<Integer> rank = new ArrayList<>();
  private long updates;

  public QLearningPolicy(QLearningConfig config, RandomGenerator random) {
    this.config = Objects.requireNonNull(config, "config");
    this.random = Objects.requireNonNull(random, "random");
    int[] sizes = {1, ShopperState.HISTORY_VALUES, ShopperState.PURCHASE_VALUES, ShopperState.RECENCY_VALUES,
        ShopperState.PRICE_VALUES, config.categoryBuckets() + 1, ShopperState.SLOT_VALUES, 2,
        ShopperState.HISTORY_VALUES * ShopperState.SLOT_VALUES, 4, 4 * ShopperState.SLOT_VALUES};
    offsets = new int[sizes.length + 1];
    for (int g = 0; g < sizes.length; g++) {
      offsets[g + 1] = offsets[g] + sizes[g];
    }
    dense = config.encoding() == QLearningConfig.StateEncoding.LINEAR ? new double[offsets[sizes.length]][] : null;
    featureCounts = dense != null && config.epsilonDecayVisits() > 0 ? new long[offsets[sizes.length]] : null;
  }

  /** The prior rank of {@code action} in {@code priorOrder}, or {@code Integer.MAX_VALUE} if unlisted. */
  private int priorRank(String action) {
    int r = config.priorOrder().indexOf(action);
    return r < 0 ? Integer.MAX_VALUE : r;
  }

  /** The value {@code action} starts at in a feature never updated for it. */
  private double priorValue(String action) {
    int r = priorRank(action);
    int m = config.priorOrder().size();
    return r == Integer.MAX_VALUE ? config.initialValue()
        : config.initialValue() + config.priorValue() * (m - r) / m;
  }

  private double @Nullable [] table(long f) {
    return dense != null ? dense[offsets[(int) (f >>> 32)] + (int) f] : weights.get(f);
  }

  private void putTable(long f, double[] w) {
    if (dense != null) {
      dense[offsets[(int) (f >>> 32)] + (int) f] = w;
    } else {
      weights.put(f, w);
    }
  }

  /** Every feature id that has a table, with it. */
  private Map<Long, double[]> tables() {
    if (dense == null) {
      return weights;
    }
    Map<Long, double[]> m = new LinkedHashMap<>();
    for (int g = 0; g + 1 < offsets.length; g++) {
      for (int v = 0; v < offsets[g + 1] - offsets[g]; v++) {
        double[] w = dense[offsets[g] + v];
        if (w != null) {
          m.put(f(g, v), w);
        }
      }
    }
    return m;
  }

  public QLearningConfig config() {
    return config;
  }

  @Override
  public String version() {
    return "q-learning-1/" + config.exploration().name().toLowerCase(java.util.Locale.ROOT) + "/"
        + config.encoding().name().toLowerCase(java.util.Locale.ROOT)
        + (config.epsilonDecayVisits() > 0 && config.exploration() == Exploration.EPSILON_GREEDY ? "/glie" : "")
        + (config.priorOrder().isEmpty() ? "" : "/prior");
  }

  @Override
  public ShopperState state(ShopperContext context, int slot) {
    Objects.requireNonNull(context, "context");
    return ShopperState.of(context, slot, config.categoryBuckets());
  }

  @Override
  public ShopperState state(ShopperContext context, int slot, List<String> before) {
    Objects.requireNonNull(context, "context");
    return ShopperState.of(context, slot, config.categoryBuckets(), before);
  }

  /**
   * The strategies this thread placed in the earlier slots of the list it is building. Callers fill a
   * list's slots in order on one thread (as the recommender does), so slot {@code k} for the same
   * shopper right after slot {@code k-1} continues the list; anything else starts a new one.
   */
  private static final class ListSoFar {
    String userId = "";
    int nextSlot;
    final List<String> chosen = new ArrayList<>();
  }

  private final ThreadLocal<ListSoFar> lists = ThreadLocal.withInitial(ListSoFar::new);

  /**
   * Decides slot {@code slot}. The state includes the strategies this thread placed in slots {@code
   * 0..slot-1} of the same shopper's list (see {@link #decide(ShopperContext, List, int, List)} to
   * pass them explicitly).
   */
  @Override
  public SlotDecision decide(ShopperContext context, List<String> available, int slot) {
    Objects.requireNonNull(context, "context");
    ListSoFar list = lists.get();
    if (slot == 0 || slot != list.nextSlot || !list.userId.equals(context.userId())) {
      list.chosen.clear();
    }
    SlotDecision d = decide(context, available, slot, list.chosen);
    list.userId = context.userId();
    list.nextSlot = slot + 1;
    list.chosen.add(d.strategy());
    return d;
  }

  /** Decides slot {@code slot} given the strategies placed in the earlier slots of the list. */
  public SlotDecision decide(ShopperContext context, List<String> available, int slot, List<String> before) {
    double[] p = distribution(state(context, slot, before), available);
    double u;
    synchronized (random) {
      u = random.nextDouble();
    }
    double cumulative = 0;
    int chosen = p.length - 1;
    for (int i = 0; i < p.length; i++) {
      cumulative += p[i];
      if (u < cumulative) {
        chosen = i;
        break;
      }
    }
    return new SlotDecision(available.get(chosen), p[chosen]);
  }

  @Override
  public double[] distribution(ShopperContext context, List<String> available, int slot) {
    return distribution(state(context, slot), available);
  }

  /** The probability distribution over {@code available} in state {@code s}. */
  public double[] distribution(ShopperState s, List<String> available) {
    Objects.requireNonNull(available, "available");
    if (available.isEmpty()) {
      throw new IllegalArgumentException("available must not be empty");
    }
    double[] q = new double[available.size()];
    int[] n = new int[available.size()];
    int[] order = new int[available.size()];
    double epsilon;
    lock.readLock().lock();
    try {
      int[] stateVisits = visits.get(s.key());
      for (int i = 0; i < q.length; i++) {
        String name = available.get(i);
        Integer a = actionIndex.get(name);
        q[i] = value(features(s, name), a, name);
        n[i] = a == null || stateVisits == null || a >= stateVisits.length ? 0 : stateVisits[a];
        order[i] = a == null ? priorRank(name) : rank.get(a);
      }
      epsilon = epsilon(s);
    } finally {
      lock.readLock().unlock();
    }
    return probabilities(q, n, order, epsilon, config);
  }

  /**
   * The ε of state {@code s}: constant, or with {@code epsilonDecayVisits} {@code ε·d/(d+n)} where
   * {@code n} counts the updates of the least-updated action-independent feature of {@code s}.
   */
  private double epsilon(ShopperState s) {
    double d = config.epsilonDecayVisits();
    if (d <= 0) {
      return config.epsilon();
    }
    long n;
    if (featureCounts != null) {
      n = Long.MAX_VALUE;
      for (long f : stateFeatures(s)) {
        n = Math.min(n, featureCounts[offsets[(int) (f >>> 32)] + (int) f]);
      }
    } else {
      n = stateCounts.getOrDefault(s.key(), 0L);
    }
    return config.epsilon() * d / (d + n);
  }

  /** The exploration rate the policy currently uses in {@code s} (see {@link QLearningConfig}). */
  public double epsilon(ShopperContext context, int slot) {
    ShopperState s = state(context, slot);
    lock.readLock().lock();
    try {
      return epsilon(s);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The current value {@code Q(s, action)}. */
  public double value(ShopperState s, String action) {
    lock.readLock().lock();
    try {
      return value(features(s, action), actionIndex.get(action), action);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void learn(Transition t) {
    Objects.requireNonNull(t, "transition");
    lock.writeLock().lock();
    try {
      int a = register(t.action());
      long[] features = features(t.state(), t.action());
      double q = value(features, a, t.action());
      double target = t.reward();
      if (t.next() != null) {
        double best = Double.NEGATIVE_INFINITY;
        for (String name : t.nextActions().isEmpty() ? actions : t.nextActions()) {
          best = Math.max(best, value(features(t.next(), name), actionIndex.get(name), name));
        }
        if (best != Double.NEGATIVE_INFINITY) {
          target += config.discount() * best;
        }
      }
      for (long f : features) {
        double[] w = table(f);
        if (w == null || w.length <= a) {
          int old = w == null ? 0 : w.length;
          w = w == null ? new double[actions.size()] : java.util.Arrays.copyOf(w, actions.size());
          for (int i = old; i < w.length; i++) {
            w[i] = initial.get(i);
          }
          putTable(f, w);
        }
        w[a] += config.learningRate() * (target - w[a]);
      }
      if (featureCounts != null) {
        for (long f : stateFeatures(t.state())) {
          featureCounts[offsets[(int) (f >>> 32)] + (int) f]++;
        }
      } else if (config.epsilonDecayVisits() > 0) {
        stateCounts.merge(t.state().key(), 1L, Long::sum);
      }
      if (config.exploration() == Exploration.UCB) {
        int[] v = visits.computeIfAbsent(t.state().key(), k -> new int[actions.size()]);
        if (v.length <= a) {
          v = java.util.Arrays.copyOf(v, actions.size());
          visits.put(t.state().key(), v);
        }
        v[a]++;
      }
      updates++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public long updates() {
    lock.readLock().lock();
    try {
      return updates;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The action names the policy has learned about, in registration order. */
  public List<String> actions() {
    lock.readLock().lock();
    try {
      return List.copyOf(actions);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The exploration distribution for action values {@code q} with visit counts {@code n}, mixed with
   * the uniform distribution to respect the propensity floor. Sums to 1.
   */
  static double[] probabilities(double[] q, int[] n, QLearningConfig config) {
    int[] order = new int[q.length];
    java.util.Arrays.fill(order, Integer.MAX_VALUE);
    return probabilities(q, n, order, config.epsilon(), config);
  }

  /**
   * As {@link #probabilities(double[], int[], QLearningConfig)}, with greedy ties going to the action
   * with the lowest prior rank {@code order} (split evenly among equal ranks) and ε {@code epsilon}.
   */
  static double[] probabilities(double[] q, int[] n, int[] order, double epsilon, QLearningConfig config) {
    int k = q.length;
    double[] p = new double[k];
    switch (config.exploration()) {
      case EPSILON_GREEDY -> greedy(q, order, p, epsilon);
      case SOFTMAX -> {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : q) {
          max = Math.max(max, x);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
          p[i] = Math.exp((q[i] - max) / config.temperature());
          sum += p[i];
        }
        for (int i = 0; i < k; i++) {
          p[i] /= sum;
        }
      }
      case UCB -> {
        long total = 0;
        for (int c : n) {
          total += c;
        }
        double[] score = new double[k];
        for (int i = 0; i < k; i++) {
          score[i] = q[i] + config.ucbBonus() * Math.sqrt(Math.log(1 + total) / (1 + n[i]));
        }
        greedy(score, order, p, 0);
      }
    }
    double mix = Math.min(1, config.propensityFloor() * k);
    if (mix > 0) {
      for (int i = 0; i < k; i++) {
        p[i] = (1 - mix) * p[i] + mix / k;
      }
    }
    return p;
  }

  /** ε-greedy over {@code q}; among maximal values only those of the best prior rank are greedy. */
  private static void greedy(double[] q, int[] order, double[] p, double epsilon) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : q) {
      max = Math.max(max, x);
    }
    int bestRank = Integer.MAX_VALUE;
    for (int i = 0; i < q.length; i++) {
      if (q[i] == max) {
        bestRank = Math.min(bestRank, order[i]);
      }
    }
    int ties = 0;
    for (int i = 0; i < q.length; i++) {
      if (q[i] == max && order[i] == bestRank) {
        ties++;
      }
    }
    for (int i = 0; i < q.length; i++) {
      p[i] = epsilon / q.length + (q[i] == max && order[i] == bestRank ? (1 - epsilon) / ties : 0);
    }
  }

  private double value(long[] features, @Nullable Integer action, String name) {
    if (action == null) {
      return priorValue(name);
    }
    double init = initial.get(action);
    double sum = 0;
    for (long f : features) {
      double[] w = table(f);
      sum += w != null && action < w.length ? w[action] : init;
    }
    return sum / features.length;
  }

  private int register(String action) {
    Integer a = actionIndex.get(action);
    if (a == null) {
      a = actions.size();
      actions.add(action);
      actionIndex.put(action, a);
      initial.add(priorValue(action));
      rank.add(priorRank(action));
    }
    return a;
  }

  private long[] features(ShopperState s, String action) {
    int uses = s.uses(action);
    if (config.encoding() == QLearningConfig.StateEncoding.TABULAR) {
      return new long[] {s.key() * 4 + uses};
    }
    long[] state = stateFeatures(s);
    long[] all = new long[state.length + 2];
    all[0] = f(9, uses);
    all[1] = f(10, uses * ShopperState.SLOT_VALUES + s.slot());
    System.arraycopy(state, 0, all, 2, state.length);
    return all;
  }

  /** The features of {@code s} that do not depend on the action (groups 0–8). */
  private static long[] stateFeatures(ShopperState s) {
    return new long[] {
        f(0, 0),
        f(1, s.history()),
        f(2, s.purchases()),
        f(3, s.recency()),
        f(4, s.priceBand()),
        f(5, s.category()),
        f(6, s.slot()),
        f(7, s.anchored() ? 1 : 0),
        f(8, s.history() * ShopperState.SLOT_VALUES + s.slot())};
  }

  private static long f(int group, int value) {
    return ((long) group << 32) | value;
  }

  /**
   * The learned state, for snapshots: plain data that Jackson writes as JSON. {@code featureVisits}
   * holds the update counts behind the decaying ε (feature id, or state key with the tabular
   * encoding); absent ({@code null}) in snapshots written before it existed.
   */
  public record State(QLearningConfig config, List<String> actions, Map<String, double[]> weights,
      Map<String, int[]> visits, long updates, @Nullable Map<String, Long> featureVisits) {}

  /** A consistent copy of the learned state. */
  public State exportState() {
    lock.readLock().lock();
    try {
      Map<String, double[]> w = new LinkedHashMap<>();
      tables().forEach((k, v) -> w.put(Long.toString(k), v.clone()));
      Map<String, int[]> n = new LinkedHashMap<>();
      visits.forEach((k, v) -> n.put(Long.toString(k), v.clone()));
      Map<String, Long> counts = new LinkedHashMap<>();
      if (featureCounts != null) {
        for (int g = 0; g + 1 < offsets.length; g++) {
          for (int v = 0; v < offsets[g + 1] - offsets[g]; v++) {
            if (featureCounts[offsets[g] + v] > 0) {
              counts.put(Long.toString(f(g, v)), featureCounts[offsets[g] + v]);
            }
          }
        }
      }
      stateCounts.forEach((k, v) -> counts.put(Long.toString(k), v));
      return new State(config, List.copyOf(actions), w, n, updates, counts);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Replaces the learned state with {@code state}.
   *
   * @throws IllegalArgumentException if it was learned with a different state encoding or category
   *     bucketing (its features would mean something else)
   */
  public void importState(State state) {
    Objects.requireNonNull(state, "state");
    if (state.config().encoding() != config.encoding()
        || state.config().categoryBuckets() != config.categoryBuckets()) {
      throw new IllegalArgumentException("snapshot was learned with encoding " + state.config().encoding()
          + " and " + state.config().categoryBuckets() + " category buckets; this policy uses "
          + config.encoding() + " and " + config.categoryBuckets());
    }
    lock.writeLock().lock();
    try {
      actions.clear();
      actionIndex.clear();
      initial.clear();
      rank.clear();
      state.actions().forEach(this::register);
      weights.clear();
      if (dense != null) {
        java.util.Arrays.fill(dense, null);
      }
      for (Map.Entry<String, double[]> e : state.weights().entrySet()) {
        long f = Long.parseLong(e.getKey());
        if (dense != null && ((int) (f >>> 32) + 1 >= offsets.length || (int) f < 0
            || offsets[(int) (f >>> 32)] + (int) f >= offsets[(int) (f >>> 32) + 1])) {
          throw new IllegalArgumentException("snapshot holds feature " + e.getKey() + " that this policy does not have");
        }
        putTable(f, e.getValue().clone());
      }
      visits.clear();
      state.visits().forEach((k, v) -> visits.put(Long.parseLong(k), v.clone()));
      stateCounts.clear();
      if (featureCounts != null) {
        java.util.Arrays.fill(featureCounts, 0);
      }
      if (state.featureVisits() != null) {
        for (Map.Entry<String, Long> e : state.featureVisits().entrySet()) {
          long f = Long.parseLong(e.getKey());
          if (featureCounts != null) {
            int g = (int) (f >>> 32);
            if (g + 1 < offsets.length && (int) f >= 0 && offsets[g] + (int) f < offsets[g + 1]) {
              featureCounts[offsets[g] + (int) f] = e.getValue();
            }
          } else if (dense == null && config.epsilonDecayVisits() > 0) {
            stateCounts.put(f, e.getValue());
          }
        }
      }
      updates = state.updates();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
