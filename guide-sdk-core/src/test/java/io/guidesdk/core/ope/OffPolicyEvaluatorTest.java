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

  /** Two lists of two slots; slot 0 logged a 0.8 / b 0.2, slot 1 a 0.5 / b 0.5. */
  private static final List<LoggedList> LISTS = List.of(
      new LoggedList("A", List.of(new LoggedRound(Map.of(), 0, AB, "a", 0.8, 1),
          new LoggedRound(Map.of(), 1, AB, "b", 0.5, 0))),
      new LoggedList("B", List.of(new LoggedRound(Map.of(), 0, AB, "b", 0.2, 0),
          new LoggedRound(Map.of(), 1, AB, "a", 0.5, 1))));

  @Test
  void perDecisionEstimatorsOverListsByHand() {
    // ρ_A = [0.625, 0.625], ρ_B = [2.5, 2.5]
    // PD-IPW: (0.625*1 + 0.625*0 + 2.5*0 + 2.5*1) / 2
    assertThat(ope.listIpw(LISTS, HALF).value()).isCloseTo((0.625 + 2.5) / 2, within(1e-12));
    // PD-SNIPW: slot 0 0.625 / 3.125 + slot 1 2.5 / 3.125
    assertThat(ope.listSnipw(LISTS, HALF).value()).isCloseTo(1.0, within(1e-12));
    // PD-DR with q(a) 0.4, q(b) 0.6, so Σ_a π(a) q(a) = 0.5 in every slot:
    // A: 0.625*(1-0.4) + 1*0.5 + 0.625*(0-0.6) + 0.625*0.5 = 0.8125
    // B: 2.5*(0-0.6) + 1*0.5 + 2.5*(1-0.4) + 2.5*0.5 = 1.75
    RewardModel q = (r, action) -> action.equals("a") ? 0.4 : 0.6;
    assertThat(ope.listDr(LISTS, HALF, rounds -> q).value()).isCloseTo((0.8125 + 1.75) / 2, within(1e-12));
    assertThat(ope.listIpw(LISTS, HALF).effectiveSampleSize()).isCloseTo(3.125 * 3.125 / (0.390625 + 6.25),
        within(1e-12));
    assertThat(ope.listIpw(LISTS, HALF).maxWeight()).isEqualTo(2.5);
  }

  @Test
  void perDecisionEstimators_reproduceTheLoggingPolicyOnItsOwnLists_andAShortListEarnsNothingPastItsEnd() {
    TargetPolicy logging = (r, action) -> r.position() == 1 ? 0.5 : action.equals("a") ? 0.8 : 0.2;
    assertThat(ope.listOnPolicy(LISTS).value()).isEqualTo(1.0);
    assertThat(ope.listIpw(LISTS, logging).value()).isEqualTo(1.0);
    assertThat(ope.listSnipw(LISTS, logging).value()).isEqualTo(1.0);
    List<LoggedList> uneven = List.of(LISTS.get(0),
        new LoggedList("C", List.of(new LoggedRound(Map.of(), 0, AB, "b", 0.2, 1))));
    // ρ_A = [0.625, 0.625], ρ_C = [2.5]; slot 0: (0.625 + 2.5) / 3.125; slot 1: 0 / (0.625 + 2.5)
    assertThat(ope.listSnipw(uneven, HALF).value()).isCloseTo(1.0, within(1e-12));
    assertThat(ope.listIpw(uneven, HALF).value()).isCloseTo((0.625 + 2.5) / 2, within(1e-12));
  }

  @Test
  void firstOfPlaysTheFirstListedAvailableAction() {
    LoggedRound r = new LoggedRound(Map.of(), 0, List.of("popular", "profile"), "profile", 0.5, 0);
    TargetPolicy t = TargetPolicy.firstOf(List.of("repeat", "profile", "popular"));
    assertThat(t.probability(r, "profile")).isEqualTo(1);
    assertThat(t.probability(r, "popular")).isZero();
    assertThat(TargetPolicy.firstOf(List.of("repeat")).probability(r, "popular")).isEqualTo(1);
  }

  @Test
  void listsAreReadInSlotOrder_andAMissingSlotIsRefused(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("lists.jsonl");
    String line = "{\"recommendationId\":\"%s\",\"context\":{},\"actions\":[\"a\",\"b\"],\"action\":\"a\","
        + "\"slot\":%d,\"propensity\":0.5,\"reward\":%d}\n";
    Files.writeString(log, String.format(line, "r1", 1, 3) + String.format(line, "r2", 0, 0)
        + String.format(line, "r1", 0, 1));
    List<LoggedList> lists = DecisionLogReader.readLists(log);
    assertThat(lists).extracting(LoggedList::recommendationId).containsExactly("r1", "r2");
    assertThat(lists.get(0).slots()).extracting(LoggedRound::reward).containsExactly(1.0, 3.0);
    assertThat(lists.get(0).reward()).isEqualTo(4.0);
    Files.writeString(log, String.format(line, "r1", 0, 1) + String.format(line, "r1", 2, 1));
    assertThatThrownBy(() -> DecisionLogReader.readLists(log)).hasMessageContaining("list r1: slot 1 is missing");
    Files.writeString(log, String.format(line, "r1", 0, 1) + String.format(line, "r1", 0, 2));
    assertThatThrownBy(() -> DecisionLogReader.readLists(log)).hasMessageContaining("list r1: slot 0 appears twice");
    Files.writeString(log, "{\"context\":{},\"actions\":[\"a\"],\"action\":\"a\",\"slot\":0,\"propensity\":0.5,"
        + "\"reward\":1}\n");
    assertThatThrownBy(() -> DecisionLogReader.readLists(log)).hasMessageContaining("line 1")
        .hasMessageContaining("'recommendationId'");
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
  void aMeanWeightFarFrom1_isFlagged_evenWithManyEffectiveRounds() {
    // 100 rounds where the target always plays "a", which the logger played with 0.5: the target's
    // weight is 2 on the 40 rounds logging "a" and 0 elsewhere, so the mean weight is 0.8 and ESS 40.
    List<LoggedRound> log = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      log.add(new LoggedRound(Map.of(), 0, AB, i < 40 ? "a" : "b", 0.5, 1));
    }
    TargetPolicy alwaysA = TargetPolicy.always("a");
    Estimate atEdge = ope.ipw(log, alwaysA);
    assertThat(atEdge.meanWeight()).isEqualTo(0.8);
    assertThat(atEdge.effectiveSampleSize()).isEqualTo(40);
    assertThat(atEdge.unstable()).isFalse();
    log.set(39, new LoggedRound(Map.of(), 0, AB, "b", 0.5, 1)); // 39 of 100: mean weight 0.78
    Estimate short1 = ope.ipw(log, alwaysA);
    assertThat(short1.unstable()).isTrue();
    assertThat(short1.warning()).isEqualTo(
        "UNSTABLE: mean weight 0.78, not about 1 (the weights' tail is not sampled)");
    assertThat(short1.format(2)).endsWith(short1.warning());
    assertThat(ope.onPolicy(log).meanWeight()).isEqualTo(1);
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

  /** A valid decision-log line with {@code field} replaced by the raw JSON {@code value}. */
  private static String lineWith(String field, String value) {
    Map<String, String> f = new java.util.LinkedHashMap<>();
    f.put("recommendationId", "\"r1\"");
    f.put("context", "{}");
    f.put("actions", "[\"a\",\"b\"]");
    f.put("action", "\"a\"");
    f.put("slot", "0");
    f.put("propensity", "0.5");
    f.put("reward", "1");
    f.put(field, value);
    StringBuilder sb = new StringBuilder("{");
    f.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
    return sb.append("}\n").toString();
  }

  @Test
  void aFieldOfTheWrongJsonType_isRefusedWithLineFieldExpectedAndFound(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("typed.jsonl");
    String good = lineWith("reward", "1");
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    // Each was read as 0 (or "was 0.0"): asInt/asDouble coerce what they cannot read.
    cases.put(lineWith("reward", "\"lots\""), "line 2: field 'reward' must be a number, found the string \"lots\"");
    cases.put(lineWith("slot", "\"first\""),
        "line 2: field 'slot' must be a whole number >= 0, found the string \"first\"");
    cases.put(lineWith("slot", "1.5"), "line 2: field 'slot' must be a whole number >= 0, found 1.5");
    cases.put(lineWith("slot", "-1"), "line 2: field 'slot' must be a whole number >= 0, found -1");
    cases.put(lineWith("propensity", "\"abc\""),
        "line 2: field 'propensity' must be a number, found the string \"abc\"");
    cases.put(lineWith("action", "7"), "line 2: field 'action' must be a string, found 7");
    cases.put(lineWith("actions", "\"a\""), "line 2: field 'actions' must be an array of strings, found the string \"a\"");
    cases.put(lineWith("actions", "[\"a\",{}]"),
        "line 2: field 'actions' must be an array of strings, found an object at index 1");
    cases.put(lineWith("context", "[]"), "line 2: field 'context' must be an object, found an array");
    cases.put(lineWith("recommendationId", "true"), "line 2: field 'recommendationId' must be a string, found true");
    cases.put("[1,2]\n", "line 2: expected a JSON object, found an array");
    cases.forEach((bad, message) -> {
      try {
        Files.writeString(log, good + bad);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      assertThatThrownBy(() -> DecisionLogReader.readLists(log)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage(log + " " + message);
    });
    // A line that is not JSON: the parser's words and the column, without Jackson's source location.
    Files.writeString(log, good + "{\"reward\": lots}\n");
    assertThatThrownBy(() -> DecisionLogReader.read(log)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(log + " line 2: not valid JSON at column 16: Unrecognized token 'lots'")
        .hasMessageNotContaining("[Source").hasMessageNotContaining("StreamReadFeature");
  }

  @Test
  void aDecisionLogThatCannotBeRead_saysWhy(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> DecisionLogReader.read(dir.resolve("missing.jsonl")))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessage("cannot read decision log " + dir.resolve("missing.jsonl") + ": it does not exist");
    assertThatThrownBy(() -> DecisionLogReader.read(dir)).isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageStartingWith("cannot read decision log " + dir + ": ").hasMessageContaining("directory");
    Path latin1 = dir.resolve("latin1.jsonl");
    Files.write(latin1, (lineWith("reward", "1") + "{\"action\":\"caf\u00e9\"}\n")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> DecisionLogReader.read(latin1)).isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessage("cannot read decision log " + latin1 + ": it is not UTF-8 text (a malformed byte after line 0)");
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
