package io.guidesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.core.learning.DecisionLog;
import io.guidesdk.core.learning.DecisionRecord;
import io.guidesdk.core.learning.InteractionStore;
import io.guidesdk.core.learning.LearningSnapshot;
import io.guidesdk.core.policy.QLearningConfig;
import io.guidesdk.core.policy.QLearningPolicy;
import io.guidesdk.core.policy.ShopperState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code guide eval policy --decision-log … --policy-snapshot …}: a saved policy evaluated on a log. */
class EvalPolicyCommandTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void aSnapshotPolicyIsEvaluatedOnTheDecisionLog(@TempDir Path dir) throws Exception {
    // A uniform logger over two strategies, lists of two slots; the snapshot's policy is uniform too.
    Path log = dir.resolve("decisions.jsonl");
    try (DecisionLog out = DecisionLog.jsonLines(log)) {
      for (int list = 0; list < 40; list++) {
        List<String> before = List.of();
        for (int slot = 0; slot < 2; slot++) {
          String action = (list + slot) % 2 == 0 ? "popular" : "profile";
          ShopperState state = new ShopperState(1, 0, 2, 3, 7, slot, false, before);
          out.write(new DecisionRecord(T0.plusSeconds(list), "rec-" + list, "u" + list, slot, state.toMap(),
              List.of("popular", "profile"), action, 0.5, list % 3 == 0 ? 1.0 : 0.0, "q", true));
          before = List.of(action);
        }
      }
    }
    QLearningPolicy uniform = new QLearningPolicy(QLearningConfig.defaults().withEpsilon(1).withEpsilonDecayVisits(0),
        RandomGenerator.getDefault());
    Path snapshot = dir.resolve("policy.snap");
    LearningSnapshot.write(snapshot, uniform, new InteractionStore(10), T0);

    CliRun run = CliRun.of("eval", "policy", "--data", dir.resolve("no-obd").toString(), "--decision-log",
        log.toString(), "--policy-snapshot", snapshot.toString(), "--resamples", "200");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("snapshot policy").contains("pd-dr");
    String[] lines = run.out().strip().split("\n");
    JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
    assertThat(json.get("logLists").asInt()).isEqualTo(40);
    // The snapshot's policy is the logger's distribution, so its weights are 1 and SNIPW is the logged mean.
    assertThat(json.get("log_snapshot_policy_snipw").asDouble()).isEqualTo(json.get("logOnPolicy").asDouble());
    assertThat(json.get("log_snapshot_policy_pd_unstable").asBoolean()).isFalse();
  }

  @Test
  void aSnapshotWithoutALogOrWithoutAPolicyIsRefusedClearly(@TempDir Path dir) throws Exception {
    Path snapshot = dir.resolve("profiles-only.snap");
    LearningSnapshot.write(snapshot, null, new InteractionStore(10), T0);
    CliRun noLog = CliRun.of("eval", "policy", "--data", dir.toString(), "--policy-snapshot", snapshot.toString(),
        "--resamples", "200");
    assertThat(noLog.exit()).isEqualTo(1);
    assertThat(noLog.err()).contains("--policy-snapshot needs a --decision-log");
    Path log = dir.resolve("d.jsonl");
    try (DecisionLog out = DecisionLog.jsonLines(log)) {
      out.write(new DecisionRecord(T0, "rec-1", "u", 0, new ShopperState(0, 0, 0, 0, 0, 0, false).toMap(),
          List.of("popular"), "popular", 1.0, 0.0, "q", true));
    }
    CliRun noPolicy = CliRun.of("eval", "policy", "--data", dir.resolve("no-obd").toString(), "--decision-log",
        log.toString(), "--policy-snapshot", snapshot.toString(), "--resamples", "200");
    assertThat(noPolicy.exit()).isEqualTo(1);
    assertThat(noPolicy.err()).contains("holds no learned policy");
  }
}
