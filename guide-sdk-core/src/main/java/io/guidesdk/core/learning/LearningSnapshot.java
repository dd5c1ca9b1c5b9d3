package io.guidesdk.core.learning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.core.learning.DefaultRewardSink.PendingImpression;
import io.guidesdk.core.policy.QLearningPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Snapshots of what the learning loop has learned: the policy's action values, the shoppers'
 * profiles (interaction histories and product counts), the impressions still inside their credit
 * horizon with the rewards credited so far, and when products arrived in the catalog, as JSON inside
 * a {@link SnapshotFile} envelope (format version 3; version 2 files, whose impressions lack their
 * action sets, and version 1 files, without the last two, are still read).
 */
public final class LearningSnapshot {
  private LearningSnapshot() {}

  /**
   * What a snapshot holds.
   *
   * @param pending impressions awaiting the end of their credit horizon; {@code null} in a version 1
   *     file
   * @param arrivals when products arrived; {@code null} in a version 1 file
   */
  public record Content(Instant createdAt, QLearningPolicy.@Nullable State policy,
      InteractionStore.Snapshot profiles, @Nullable List<PendingImpression> pending,
      ItemArrivals.@Nullable State arrivals) {
    public Content {
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(profiles, "profiles");
      pending = pending == null ? null : List.copyOf(pending);
    }

    /** The content of a version 1 snapshot: no pending impressions, no arrivals. */
    public Content(Instant createdAt, QLearningPolicy.@Nullable State policy, InteractionStore.Snapshot profiles) {
      this(createdAt, policy, profiles, null, null);
    }
  }

  /** Writes the policy (if any) and the profiles to {@code file} atomically (no pending impressions). */
  public static void write(Path file, @Nullable QLearningPolicy policy, InteractionStore profiles, Instant now) {
    Objects.requireNonNull(profiles, "profiles");
    Objects.requireNonNull(now, "now");
    write(file, new Content(now, policy == null ? null : policy.exportState(), profiles.exportState(), List.of(),
        null));
  }

  /** Writes {@code content} to {@code file} atomically. */
  public static void write(Path file, Content content) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(content, "content");
    try {
      SnapshotFile.write(file, DecisionLog.mapper().writeValueAsBytes(content));
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
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      // Jackson's own message without its "at [Source: ...]" location: one JSON document, no lines to point at.
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new SnapshotException("refusing " + file + ": the checksum matches but the content does not decode ("
          + why + ")", e);
    }
  }

  /**
   * Restores {@code file} into {@code policy} and {@code profiles}; nothing is changed when the file is
   * refused. The caller restores {@link Content#pending()} and {@link Content#arrivals()} where it
   * keeps them (GuideSdk: the reward sink and the recommender's arrivals).
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
