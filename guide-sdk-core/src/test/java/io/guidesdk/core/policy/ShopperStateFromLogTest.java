package io.guidesdk.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.core.learning.DecisionLog;
import io.guidesdk.core.learning.DecisionRecord;
import io.guidesdk.core.ope.DecisionLogReader;
import io.guidesdk.core.ope.LoggedRound;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A decision-log line's context reads back as the state the policy decided in. */
class ShopperStateFromLogTest {

  @Test
  void theLoggedContextReadsBackAsTheSameState(@TempDir Path dir) throws Exception {
    ShopperState state = new ShopperState(2, 1, 3, 4, 17, 2, true, List.of("repeat", "new-arrivals"));
    Path file = dir.resolve("d.jsonl");
    try (DecisionLog log = DecisionLog.jsonLines(file)) {
      log.write(new DecisionRecord(Instant.parse("2026-03-01T10:00:00Z"), "rec-1", "u1", 2, state.toMap(),
          List.of("repeat", "popular"), "popular", 0.5, 1.0, "q", true));
    }
    LoggedRound round = DecisionLogReader.read(file).get(0);
    assertThat(round.context()).containsEntry("before", "[\"repeat\",\"new-arrivals\"]");
    assertThat(ShopperState.fromMap(round.context())).isEqualTo(state);
  }

  @Test
  void aMissingOrMalformedFieldIsNamed() {
    Map<String, String> ok = new HashMap<>(Map.of("history", "1", "purchases", "0", "recency", "2", "priceBand",
        "3", "category", "7", "slot", "0", "anchored", "false", "before", "[]"));
    assertThat(ShopperState.fromMap(ok).before()).isEmpty();
    Map<String, String> m = new HashMap<>(ok);
    m.remove("recency");
    assertThatThrownBy(() -> ShopperState.fromMap(m)).hasMessage("context has no field 'recency'");
    m.put("recency", "-1");
    assertThatThrownBy(() -> ShopperState.fromMap(m))
        .hasMessage("context field 'recency' must be a whole number >= 0, was -1");
    m.put("recency", "2");
    m.put("before", "repeat");
    assertThatThrownBy(() -> ShopperState.fromMap(m))
        .hasMessage("context field 'before' must be a JSON array of strategy names, was repeat");
    m.put("before", "[]");
    m.put("anchored", "yes");
    assertThatThrownBy(() -> ShopperState.fromMap(m))
        .hasMessage("context field 'anchored' must be true or false, was yes");
  }
}
