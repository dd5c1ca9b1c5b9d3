package io.guidesdk.core.learning;

import io.guidesdk.RewardEventType;
import io.guidesdk.core.policy.QLearningConfig;
import io.guidesdk.core.policy.QLearningPolicy;
import io.guidesdk.core.policy.ShopperContext;
import io.guidesdk.core.policy.Transition;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGeneratorFactory;

/**
 * A child process for the crash test: writes ever larger snapshots to the file named by its argument
 * in a loop, printing "written N" after each, until it is killed.
 */
public final class SnapshotWriterMain {
  private SnapshotWriterMain() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    QLearningPolicy policy = new QLearningPolicy(QLearningConfig.defaults(),
        RandomGeneratorFactory.of("L64X128MixRandom").create(1));
    InteractionStore store = new InteractionStore(1000);
    for (int n = 1; ; n++) {
      for (int i = 0; i < 500; i++) {
        store.add("user-" + n + "-" + i, new Interaction("p" + i, RewardEventType.CLICK, Instant.EPOCH), 1);
      }
      policy.learn(new Transition(policy.state(ShopperContext.newShopper("u"), n % 10), "s" + (n % 7), n, null,
          List.of()));
      LearningSnapshot.write(file, policy, store, Instant.EPOCH.plusSeconds(n));
      System.out.println("written " + n);
      System.out.flush();
    }
  }
}
