package io.guidesdk.core.ope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.guidesdk.core.eval.EvalData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffPolicyEvaluatorTest {
  private static final List<String> AB = List.of("a", "b");

  /** Four rounds, two actions; the logging policy played a with 0.8 and b with 0.2. */
  private static final List<LoggedRound> LOG = List.of(
      new LoggedRound(Map.of(), 0, AB, "a", 0.8, 1),
      new LoggedRound(Map.of(), 0, AB, "a", 0.8, 0),
      new LoggedRound(Map.of(), 0, AB, "b", 0.2, 1),
      new LoggedRound(Map.of(), 0, AB, "a", 0.8, 0));

  /** The target plays b with 0.5. */
  private static final TargetPolicy HALF = (r, action) -> 0.5;

  private final OffPolicyEvaluator ope = new OffPolicyEvaluator(200, 1);

  @Test
  void ipwByHand() {
    // weights 0.625, 0.625, 2.5, 0.625; IPW = (0.625*1 + 0 + 2.5*1 + 0) / 4 = 0.78125
    assertThat(ope.ipw(LOG, HALF).value()).isCloseTo(0.78125, within(1e-12));
    assertThat(OffPolicyEvaluator.weights(LOG, HALF)).containsExactly(0.625, 0.625, 2.5, 0.625);
  }

  @Test
  void snipwByHand() {
    // (0.625 + 2.5) / (0.625*3 + 2.5) = 3.125 / 4.375
    assertThat(ope.snipw(LOG, HALF).value()).isCloseTo(3.125 / 4.375, within(1e-12));
  }

  @Test
  void drByHandWithAGivenRewardModel() {
    RewardModel q = (r, action) -> action.equals("a") ? 0.4 : 0.6;
    // direct term: 0.5*0.4 + 0.5*0.6 = 0.5 for every round
    // corrections: 0.625*(1-0.4)=0.375, 0.625*(0-0.4)=-0.25, 2.5*(1-0.6)=1.0, -0.25
    double expected = 0.5 + (0.375 - 0.25 + 1.0 - 0.25) / 4;
    assertThat(ope.dr(LOG, HALF, rounds -> q).value()).isCloseTo(expected, within(1e-12));
  }

  @Test
  void effectiveSampleSizeAndInstabilityFlag() {
    double[] w = {0.625, 0.625, 2.5, 0.625};
    assertThat(OffPolicyEvaluator.effectiveSampleSize(w)).isCloseTo(4.375 * 4.375 / (3 * 0.390625 + 6.25),
        within(1e-12));
    assertThat(ope.ipw(LOG, HALF).unstable()).isTrue();
    assertThat(OffPolicyEvaluator.effectiveSampleSize(new double[] {1, 1, 1})).isEqualTo(3);
  }

  @Test
  void onPolicyTargetReproducesTheLoggedMeanExactly() {
    TargetPolicy logging = (r, action) -> action.equals("a") ? 0.8 : 0.2;
    assertThat(ope.ipw(LOG, logging).value()).isEqualTo(ope.onPolicy(LOG).value());
    assertThat(ope.snipw(LOG, logging).value()).isEqualTo(0.5);
  }

  @Test
  void badInputIsRefusedClearly(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> new LoggedRound(Map.of(), 0, AB, "a", 0, 1)).hasMessageContaining("propensity");
    assertThatThrownBy(() -> ope.ipw(List.of(), HALF)).hasMessageContaining("no rounds");
    Path log = dir.resolve("bad.jsonl");
    Files.writeString(log, "{\"context\":{},\"actions\":[\"a\"],\"action\":\"a\",\"slot\":0,\"propensity\":0.5,"
        + "\"reward\":1}\n{\"context\":{},\"actions\":[\"a\"],\"action\":\"a\",\"slot\":0,\"reward\":1}\n");
    assertThatThrownBy(() -> DecisionLogReader.read(log)).hasMessageContaining("line 2")
        .hasMessageContaining("'propensity'");
  }

  @Test
  void openBanditUniformOnItsOwnLogIsExact() {
    Optional<Path> obd = EvalData.dir("obd");
    Assumptions.assumeTrue(obd.isPresent(), EvalData.missing("obd"));
    List<LoggedRound> men = ObdLog.read(obd.get().resolve("random").resolve("men"));
    assertThat(men).hasSize(10_000);
    assertThat(men.get(0).actions()).hasSize(34);
    Estimate on = ope.onPolicy(men);
    assertThat(ope.ipw(men, TargetPolicy.uniform()).value()).isEqualTo(on.value());
    assertThat(on.value()).isEqualTo(0.0046);
  }
}
