package io.guidesdk.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * The Q-learning policy's hyper-parameters. Every field is a tuning knob and is <b>experimental</b>:
 * names and defaults may change between minor versions. Defaults are the {@code DEFAULT_*} constants;
 * see docs/learning.md for what each does and how they were chosen.
 *
 * @param learningRate α, the step size of the TD update, in (0, 1]
 * @param discount γ, how much the value of the shopper's next state counts, in [0, 1)
 * @param exploration how action values become probabilities
 * @param epsilon ε for {@link Exploration#EPSILON_GREEDY}, in [0, 1]
 * @param temperature τ for {@link Exploration#SOFTMAX}, &gt; 0
 * @param ucbBonus c for {@link Exploration#UCB}, &gt;= 0
 * @param propensityFloor the least probability any available action gets, by mixing the exploration
 *     distribution with the uniform one; in [0, 1] (capped at 1/k for k available actions); keeps the
 *     logs evaluable for any future policy
 * @param initialValue the value of an action never updated (optimistic initialisation when &gt; 0)
 * @param encoding how states become features
 * @param categoryBuckets how many buckets recent categories are hashed into
 * @param epsilonDecayVisits GLIE schedule for {@link Exploration#EPSILON_GREEDY}: in a state whose
 *     least-visited feature has been updated {@code n} times (the state itself with the tabular
 *     encoding), ε is {@code ε·d/(d+n)} for {@code d = epsilonDecayVisits}, so it halves after
 *     {@code d} updates and falls toward 0 (the propensity floor still applies); 0 keeps ε constant;
 *     &gt;= 0
 * @param priorOrder a prior preference over strategies, best first (for example the recommender's
 *     default slot order): greedy ties go to the earliest listed action, and an action's value in a
 *     feature never updated for it starts at {@code initialValue + priorValue·(m−r)/m} for the action
 *     at 0-based rank {@code r} of {@code m} listed (unlisted actions at {@code initialValue}), so
 *     greedy behaviour starts at the prior order and learning moves away from it only where the
 *     rewards say so; empty for none
 * @param priorValue the value spread of the prior (see {@code priorOrder}), in the units of a slot's
 *     reward; &gt;= 0 (0: the prior only breaks ties)
 */
public record QLearningConfig(double learningRate, double discount, Exploration exploration, double epsilon,
    double temperature, double ucbBonus, double propensityFloor, double initialValue, StateEncoding encoding,
    int categoryBuckets, double epsilonDecayVisits, List<String> priorOrder, double priorValue) {

  /** Experimental tuning knob; see the record description. */
  public static final double DEFAULT_LEARNING_RATE = 0.01;
  /** Experimental tuning knob; see the record description. */
  public static final double DEFAULT_DISCOUNT = 0.0;
  /** Experimental tuning knob; see the record description. */
  public static final double DEFAULT_EPSILON = 0.1;
  /** Experimental tuning knob; see the record description. */
  public static final double DEFAULT_TEMPERATURE = 0.1;
  /** Experimental tuning knob; see the record description. */
  public static final double DEFAULT_UCB_BONUS = 1.0;
  /** Experimental tuning knob; see the record description. */
  public static final double DEFAULT_PROPENSITY_FLOOR = 0.01;
  /** Experimental tuning knob; see the record description. */
  public static final double DEFAULT_INITIAL_VALUE = 0.0;
  /** Experimental tuning knob; see the record description. */
  public static final int DEFAULT_CATEGORY_BUCKETS = 32;
  /** Experimental tuning knob; see the record description. */
  public static final double DEFAULT_EPSILON_DECAY_VISITS = 30;
  /**
   * Experimental tuning knob; see the record description. The same order as the recommender's
   * default slot order ({@code DefaultRecommender.DEFAULT_ORDER}).
   */
  public static final List<String> DEFAULT_PRIOR_ORDER = List.of("similar-item", "repeat", "co-purchase", "profile",
      "new-arrivals", "popular", "trending");
  /** Experimental tuning knob; see the record description. */
  public static final double DEFAULT_PRIOR_VALUE = 0;

  /** How a {@link ShopperState} becomes the features the action values are computed from. */
  public enum StateEncoding {
    /**
     * Feature-based Q: one value table per feature (each of the state's features, a cross of history
     * and slot, and a shared bias), averaged; generalises across states that share features.
     */
    LINEAR,
    /** Tabular Q: one value per (full state, action); learns slowly, distinguishes everything. */
    TABULAR
  }

  public QLearningConfig {
    Objects.requireNonNull(exploration, "exploration");
    // Absent in snapshots written before these knobs existed: no prior.
    priorOrder = priorOrder == null ? List.of() : List.copyOf(priorOrder);
    Objects.requireNonNull(encoding, "encoding");
    check(learningRate > 0 && learningRate <= 1, "learningRate must be in (0, 1], was " + learningRate);
    check(discount >= 0 && discount < 1, "discount must be in [0, 1), was " + discount);
    check(epsilon >= 0 && epsilon <= 1, "epsilon must be in [0, 1], was " + epsilon);
    check(temperature > 0 && Double.isFinite(temperature), "temperature must be > 0, was " + temperature);
    check(ucbBonus >= 0 && Double.isFinite(ucbBonus), "ucbBonus must be >= 0, was " + ucbBonus);
    check(propensityFloor >= 0 && propensityFloor <= 1, "propensityFloor must be in [0, 1], was " + propensityFloor);
    check(Double.isFinite(initialValue), "initialValue must be finite, was " + initialValue);
    check(categoryBuckets >= 1 && categoryBuckets <= 1000, "categoryBuckets must be in [1, 1000], was "
        + categoryBuckets);
    check(epsilonDecayVisits >= 0 && Double.isFinite(epsilonDecayVisits),
        "epsilonDecayVisits must be >= 0, was " + epsilonDecayVisits);
    check(priorValue >= 0 && Double.isFinite(priorValue), "priorValue must be >= 0, was " + priorValue);
    check(priorOrder.stream().distinct().count() == priorOrder.size(),
        "priorOrder must not repeat a strategy, was " + priorOrder);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * The defaults: linear ε-greedy Q-learning with ε decaying over feature visits, starting greedy at
   * the recommender's default slot order; chosen on the development split of the simulator
   * (decision note 0808).
   */
  public static QLearningConfig defaults() {
    return new QLearningConfig(DEFAULT_LEARNING_RATE, DEFAULT_DISCOUNT, Exploration.EPSILON_GREEDY, DEFAULT_EPSILON,
        DEFAULT_TEMPERATURE, DEFAULT_UCB_BONUS, DEFAULT_PROPENSITY_FLOOR, DEFAULT_INITIAL_VALUE, StateEncoding.LINEAR,
        DEFAULT_CATEGORY_BUCKETS, DEFAULT_EPSILON_DECAY_VISITS, DEFAULT_PRIOR_ORDER, DEFAULT_PRIOR_VALUE);
  }

  public QLearningConfig withLearningRate(double v) {
    return new QLearningConfig(v, discount, exploration, epsilon, temperature, ucbBonus, propensityFloor,
        initialValue, encoding, categoryBuckets, epsilonDecayVisits, priorOrder, priorValue);
  }

  public QLearningConfig withDiscount(double v) {
    return new QLearningConfig(learningRate, v, exploration, epsilon, temperature, ucbBonus, propensityFloor,
        initialValue, encoding, categoryBuckets, epsilonDecayVisits, priorOrder, priorValue);
  }

  public QLearningConfig withExploration(Exploration v) {
    return new QLearningConfig(learningRate, discount, v, epsilon, temperature, ucbBonus, propensityFloor,
        initialValue, encoding, categoryBuckets, epsilonDecayVisits, priorOrder, priorValue);
  }

  public QLearningConfig withEpsilon(double v) {
    return new QLearningConfig(learningRate, discount, exploration, v, temperature, ucbBonus, propensityFloor,
        initialValue, encoding, categoryBuckets, epsilonDecayVisits, priorOrder, priorValue);
  }

  public QLearningConfig withTemperature(double v) {
    return new QLearningConfig(learningRate, discount, exploration, epsilon, v, ucbBonus, propensityFloor,
        initialValue, encoding, categoryBuckets, epsilonDecayVisits, priorOrder, priorValue);
  }

  public QLearningConfig withUcbBonus(double v) {
    return new QLearningConfig(learningRate, discount, exploration, epsilon, temperature, v, propensityFloor,
        initialValue, encoding, categoryBuckets, epsilonDecayVisits, priorOrder, priorValue);
  }

  public QLearningConfig withPropensityFloor(double v) {
    return new QLearningConfig(learningRate, discount, exploration, epsilon, temperature, ucbBonus, v,
        initialValue, encoding, categoryBuckets, epsilonDecayVisits, priorOrder, priorValue);
  }

  public QLearningConfig withInitialValue(double v) {
    return new QLearningConfig(learningRate, discount, exploration, epsilon, temperature, ucbBonus, propensityFloor,
        v, encoding, categoryBuckets, epsilonDecayVisits, priorOrder, priorValue);
  }

  public QLearningConfig withEncoding(StateEncoding v) {
    return new QLearningConfig(learningRate, discount, exploration, epsilon, temperature, ucbBonus, propensityFloor,
        initialValue, v, categoryBuckets, epsilonDecayVisits, priorOrder, priorValue);
  }

  public QLearningConfig withEpsilonDecayVisits(double v) {
    return new QLearningConfig(learningRate, discount, exploration, epsilon, temperature, ucbBonus, propensityFloor,
        initialValue, encoding, categoryBuckets, v, priorOrder, priorValue);
  }

  public QLearningConfig withPriorOrder(List<String> v) {
    Objects.requireNonNull(v, "priorOrder");
    return new QLearningConfig(learningRate, discount, exploration, epsilon, temperature, ucbBonus, propensityFloor,
        initialValue, encoding, categoryBuckets, epsilonDecayVisits, v, priorValue);
  }

  public QLearningConfig withPriorValue(double v) {
    return new QLearningConfig(learningRate, discount, exploration, epsilon, temperature, ucbBonus, propensityFloor,
        initialValue, encoding, categoryBuckets, epsilonDecayVisits, priorOrder, v);
  }
}
