package io.guidesdk.core.policy;

/**
 * How the Q-learning policy turns action values into a probability distribution. Every variant yields
 * a well-defined probability for each available action, which is logged as the decision's propensity.
 */
public enum Exploration {
  /**
   * With probability ε a uniformly random action, otherwise the greedy one (ties split evenly):
   * {@code p(a) = ε/k + (1-ε)·[a greedy]/#greedy}.
   */
  EPSILON_GREEDY,
  /** Boltzmann: {@code p(a) ∝ exp(Q(s,a)/τ)}. */
  SOFTMAX,
  /**
   * Optimism in the face of uncertainty: the action maximising {@code Q(s,a) + c·sqrt(ln(1+N(s)) /
   * (1+n(s,a)))} where {@code n} counts updates of that state and action; rarely tried actions (new
   * shoppers, new strategies) get a bonus. Deterministic on its own, so it relies on the propensity
   * floor for a loggable, evaluable distribution.
   */
  UCB
}
