package io.guidesdk.core.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.RewardEventType;
import io.guidesdk.core.policy.QLearningConfig;
import io.guidesdk.core.policy.QLearningPolicy;
import io.guidesdk.core.policy.ShopperContext;
import io.guidesdk.core.policy.Transition;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
  @TempDir
  Path dir;

  private static QLearningPolicy policy() {
    return new QLearningPolicy(QLearningConfig.defaults(), RandomGeneratorFactory.of("L64X128MixRandom").create(1));
  }

  private static Path write(Path file, double reward) {
    QLearningPolicy p = policy();
    p.learn(new Transition(p.state(ShopperContext.newShopper("u"), 0), "popular", reward, null, List.of()));
    InteractionStore store = new InteractionStore(10);
    store.add("alice", new Interaction("p1", RewardEventType.PURCHASE, Instant.parse("2026-01-01T00:00:00Z")), 10);
    LearningSnapshot.write(file, p, store, Instant.parse("2026-02-01T00:00:00Z"));
    return file;
  }

  @Test
  void roundTripRestoresPolicyAndProfiles() {
    Path file = write(dir.resolve("learned.snap"), 4);
    QLearningPolicy p = policy();
    InteractionStore store = new InteractionStore(10);
    LearningSnapshot.Content c = LearningSnapshot.restore(file, p, store);
    assertThat(c.createdAt()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    assertThat(p.value(p.state(ShopperContext.newShopper("x"), 0), "popular")).isCloseTo(p.config().learningRate() * 4,
        org.assertj.core.api.Assertions.within(1e-12));
    assertThat(p.updates()).isEqualTo(1);
    assertThat(store.history("alice")).containsExactly(
        new Interaction("p1", RewardEventType.PURCHASE, Instant.parse("2026-01-01T00:00:00Z")));
    assertThat(store.interactionWeight("p1")).isEqualTo(10);
  }

  @Test
  void corruptTruncatedAndNewerFilesAreRefusedClearly() throws Exception {
    Path file = write(dir.resolve("a.snap"), 1);
    byte[] good = Files.readAllBytes(file);

    byte[] flipped = good.clone();
    flipped[30] ^= 0x10;
    Files.write(file, flipped);
    assertThatThrownBy(() -> LearningSnapshot.read(file)).isInstanceOf(SnapshotException.class)
        .hasMessageContaining("checksum mismatch");

    Files.write(file, java.util.Arrays.copyOf(good, good.length - 20));
    assertThatThrownBy(() -> LearningSnapshot.read(file)).isInstanceOf(SnapshotException.class)
        .hasMessageContaining("truncated");

    byte[] newer = good.clone();
    ByteBuffer.wrap(newer).putInt(8, SnapshotFile.FORMAT_VERSION + 1);
    Files.write(file, newer);
    assertThatThrownBy(() -> LearningSnapshot.read(file)).isInstanceOf(SnapshotException.class)
        .hasMessageContaining("newer than the newest this library reads");

    Files.writeString(file, "{\"policy\":null}");
    assertThatThrownBy(() -> LearningSnapshot.read(file)).isInstanceOf(SnapshotException.class)
        .hasMessageContaining("not a guide-sdk snapshot");

    assertThatThrownBy(() -> LearningSnapshot.read(dir.resolve("missing.snap"))).isInstanceOf(SnapshotException.class)
        .hasMessageContaining("does not exist");

    // A refused file changes nothing.
    QLearningPolicy p = policy();
    InteractionStore store = new InteractionStore(10);
    store.add("bob", new Interaction("p2", RewardEventType.CLICK, Instant.EPOCH), 1);
    assertThatThrownBy(() -> LearningSnapshot.restore(file, p, store)).isInstanceOf(SnapshotException.class);
    assertThat(store.history("bob")).hasSize(1);
  }

  @Test
  void failureBetweenWriteAndRenameLeavesThePreviousSnapshot() throws Exception {
    Path file = write(dir.resolve("b.snap"), 1);
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> SnapshotFile.write(file, "{\"new\":true}".getBytes(StandardCharsets.UTF_8), () -> {
      throw new IllegalStateException("power cut");
    })).hasMessageContaining("power cut");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(LearningSnapshot.read(file).policy()).isNotNull();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("b.snap");
    }
  }

  @Test
  void killingTheWriterMidSnapshotLeavesAUsableSnapshot() throws Exception {
    Path file = dir.resolve("crash.snap");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int attempt = 0; attempt < 3; attempt++) {
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          SnapshotWriterMain.class.getName(), file.toString()).redirectErrorStream(true).start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        int written = 0;
        String line;
        while (written < 3 + attempt && (line = out.readLine()) != null) {
          if (line.startsWith("written ")) {
            written++;
          }
        }
        assertThat(written).as("child wrote snapshots").isEqualTo(3 + attempt);
        // Kill it while it is most likely in the middle of the next (larger) write.
        Thread.sleep(attempt * 7L);
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      }
      LearningSnapshot.Content c = LearningSnapshot.read(file);
      assertThat(c.policy()).isNotNull();
      assertThat(c.profiles().histories()).isNotEmpty();
      assertThat(c.policy().updates()).isEqualTo(c.createdAt().getEpochSecond());
    }
  }
}
