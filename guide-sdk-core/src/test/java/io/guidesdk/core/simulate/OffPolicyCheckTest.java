package io.guidesdk.core.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.core.learning.RewardWeights;
import io.guidesdk.core.ope.DecisionLogReader;
import io.guidesdk.core.ope.Estimate;
import io.guidesdk.core.ope.LoggedList;
import io.guidesdk.core.ope.OffPolicyEvaluator;
import io.guidesdk.core.policy.QLearningConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffPolicyCheckTest {
  private static final Simulator.Config CONFIG = new Simulator.Config(300, 5, 10, Duration.ofMinutes(1),
      RewardWeights.DEFAULT, Simulator.ResponseModel.defaults());

  @Test
  void aUniformLoggersOwnPolicy_isEstimatedExactlyFromItsLists_andFarTargetsAreFlagged(@TempDir Path dir)
      throws Exception {
    SimulatorTest.TwoKindsWorld world = new SimulatorTest.TwoKindsWorld();
    QLearningConfig uniform = QLearningConfig.defaults().withEpsilon(1).withEpsilonDecayVisits(0);
    OffPolicyEvaluator ope = new OffPolicyEvaluator(200, 1);

    OffPolicyCheck.Result r = OffPolicyCheck.run(world, uniform, 2, CONFIG, 7, dir, ope);

    List<LoggedList> lists = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        lists.addAll(DecisionLogReader.readLists(f));
      }
    }
    assertThat(lists).hasSize(r.lists()).hasSizeGreaterThan(2 * 290);
    assertThat(r.decisions()).isEqualTo(5 * r.lists());
    assertThat(r.estimates().keySet()).containsExactly("random", "fixed:clearance", "fixed:bestsellers",
        "fixed:for-you", OffPolicyCheck.FROZEN);
    assertThat(r.truths().keySet()).containsExactly(OffPolicyCheck.FROZEN);
    assertThat(r.perSlot().keySet()).isEqualTo(r.estimates().keySet());
    // Every slot was drawn uniformly from its action set, so the uniform target's weights are all 1.
    Estimate self = r.estimates().get("random").get(0);
    assertThat(self.value()).isEqualTo(ope.listOnPolicy(lists).value());
    assertThat(self.meanWeight()).isEqualTo(1.0);
    assertThat(self.unstable()).isFalse();
    // The frozen learner was trained with the same uniform exploration, so it is the logger too.
    assertThat(r.estimates().get(OffPolicyCheck.FROZEN).get(0).value()).isCloseTo(self.value(),
        org.assertj.core.data.Offset.offset(1e-9));
    // A deterministic order over five slots, from a uniform logger over three strategies, has weights up
    // to 3^5 on the few lists that followed it: flagged.
    assertThat(r.estimates().get("fixed:for-you")).allSatisfy(e -> assertThat(e.unstable()).as(e.format(3)).isTrue());
  }
}
