package io.guidesdk.core.learning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.core.policy.QLearningPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Snapshots of what the learning loop has learned: the policy's action values and the shoppers'
 * profiles (interaction histories and product counts), as JSON inside a {@link SnapshotFile}
 * envelope. Impressions still inside their credit horizon are not saved: their rewards are lost for
 * the policy, not for the profiles.
 */
public final class LearningSnapshot {
  private LearningSnapshot() {}

  /** What a snapshot holds. */
  public record Content(Instant createdAt, QLearningPolicy.@Nullable State policy,
      InteractionStore.Snapshot profiles) {}

  /** Writes the policy (if any) and the profiles to {@code file} atomically. */
  public static void write(Path file, @Nullable QLearningPolicy policy, InteractionStore profiles, Instant now) {
    Objects.requireNonNull(profiles, "profiles");
    Content c = new Content(now, policy == null ? null : policy.exportState(), profiles.exportState());
    try {
      SnapshotFile.write(file, DecisionLog.mapper().writeValueAsBytes(c));
    } catch (JsonProcessingException e) {
      throw new SnapshotException("cannot encode snapshot: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads and verifies {@code file}. */
  public static Content read(Path file) {
    byte[] payload = SnapshotFile.read(file);
    ObjectMapper mapper = DecisionLog.mapper();
    try {
      return mapper.readValue(payload, Content.class);
    } catch (IOException e) {
      throw new SnapshotException("refusing " + file + ": the checksum matches but the content does not decode ("
          + e.getMessage() + ")", e);
    }
  }

  /**
   * Restores {@code file} into {@code policy} and {@code profiles}; nothing is changed when the file is
   * refused.
   */
  public static Content restore(Path file, @Nullable QLearningPolicy policy, InteractionStore profiles) {
    Content c = read(file);
    if (policy != null && c.policy() != null) {
      try {
        policy.importState(c.policy());
      } catch (IllegalArgumentException e) {
        throw new SnapshotException("refusing " + file + ": " + e.getMessage(), e);
      }
    }
    profiles.importState(c.profiles());
    return c;
  }
}
