package io.guidesdk.core.policy;

import java.util.List;

/**
 * A {@link SlotPolicy} that learns from the rewards its decisions earn. The reward sink's single
 * writer thread calls {@link #learn} (never concurrently with itself); {@link #decide} may run
 * concurrently on any thread.
 */
public interface LearningPolicy extends SlotPolicy {

  /** The discretised state the policy would act on for this context and slot, nothing placed before. */
  ShopperState state(ShopperContext context, int slot);

  /**
   * The discretised state for this context and slot when {@code before} are the strategies placed in
   * the earlier slots of the same list (the learner rebuilds it from the impression).
   */
  default ShopperState state(ShopperContext context, int slot, List<String> before) {
    return state(context, slot);
  }

  /**
   * The full probability distribution over {@code available} (same order) that {@link #decide}
   * samples from; sums to 1.
   */
  double[] distribution(ShopperContext context, List<String> available, int slot);

  /** Applies one temporal-difference update. */
  void learn(Transition transition);

  /** How many updates have been applied. */
  long updates();
}
