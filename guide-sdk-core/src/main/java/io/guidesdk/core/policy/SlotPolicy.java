package io.guidesdk.core.policy;

import java.util.List;

/**
 * Decides which candidate strategy (e.g. {@code repeat}, {@code co-purchase}, {@code profile},
 * {@code popular}) fills each slot of a top-N list. Implementations are thread-safe; every decision
 * carries the probability with which it was made, so it can be logged and evaluated off-line.
 */
public interface SlotPolicy {

  /**
   * Chooses the strategy for slot {@code slot} (0-based) among {@code available} (strategies that
   * still have an unused candidate; never empty).
   */
  SlotDecision decide(ShopperContext context, List<String> available, int slot);

  /** A version string logged with every impression, changing whenever the policy's behaviour does. */
  String version();

  /**
   * A deterministic policy that always picks the first available strategy in {@code preference}
   * order (strategies not listed come last, in the order given); probability 1.
   */
  static SlotPolicy fixedOrder(List<String> preference) {
    List<String> order = List.copyOf(preference);
    return new SlotPolicy() {
      @Override
      public SlotDecision decide(ShopperContext context, List<String> available, int slot) {
        for (String s : order) {
          if (available.contains(s)) {
            return new SlotDecision(s, 1.0);
          }
        }
        return new SlotDecision(available.get(0), 1.0);
      }

      @Override
      public String version() {
        return "fixed-order:" + String.join(">", order);
      }
    };
  }
}
