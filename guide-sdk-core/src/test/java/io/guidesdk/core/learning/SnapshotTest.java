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
import java.util.ArrayList;
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

  /**
   * The class path for a child JVM: this test's classes and the module's, then whatever the test runs
   * on (on the module path, as Surefire runs a module's tests, these are not on java.class.path).
   */
  private static String childClassPath() throws Exception {
    List<String> parts = new ArrayList<>();
    for (Class<?> c : List.of(SnapshotWriterMain.class, LearningSnapshot.class)) {
      parts.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        parts.add(value);
      }
    }
    return String.join(java.io.File.pathSeparator, parts);
  }

  @Test
  void killingTheWriterMidSnapshotLeavesAUsableSnapshot() throws Exception {
    Path file = dir.resolve("crash.snap");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int attempt = 0; attempt < 3; attempt++) {
      Process child = new ProcessBuilder(java, "-cp", childClassPath(),
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

  @Test
  void pendingImpressionsRoundTripWithTheirActionSets_andArrivals() {
    Instant shownAt = Instant.parse("2026-02-01T00:00:00Z");
    ShopperContext ctx = new ShopperContext("alice", 3, 1, 1, java.time.Duration.ofHours(2), List.of("Tents"), 99.5,
        "p9", true);
    Impression policyImp = new Impression("rec-1", "alice", List.of("p1", "p2"), List.of("repeat", "new-arrivals"),
        List.of(0.9, 0.1), "q-learning-1/epsilon_greedy/linear", shownAt, ctx, true,
        List.of(List.of("repeat", "popular", "new-arrivals"), List.of("popular", "new-arrivals")));
    Impression chatImp = new Impression("rec-2", "alice", List.of("p3"), List.of("chat"), List.of(1.0),
        "chat-rules-2", shownAt.plusSeconds(5), null, false);
    List<DefaultRewardSink.PendingImpression> pending = List.of(
        new DefaultRewardSink.PendingImpression(policyImp, List.of(0.0, 4.0)),
        new DefaultRewardSink.PendingImpression(chatImp, List.of(1.0)));
    ItemArrivals.State arrivals = new ItemArrivals.State(List.of("p1", "p2", "p3"),
        java.util.Map.of("p2", new ItemArrivals.Arrival(shownAt.minusSeconds(3600), 7, 1)));
    Path file = dir.resolve("v3.snap");
    LearningSnapshot.write(file, new LearningSnapshot.Content(shownAt.plusSeconds(60), policy().exportState(),
        new InteractionStore(10).exportState(), pending, arrivals));

    LearningSnapshot.Content c = LearningSnapshot.read(file);
    assertThat(c.pending()).isEqualTo(pending);
    assertThat(c.pending().get(0).impression().context()).isEqualTo(ctx);
    assertThat(c.pending().get(1).impression().policyDecision()).isFalse();
    assertThat(c.pending().get(0).impression().actionSet(1)).containsExactly("popular", "new-arrivals");
    assertThat(c.pending().get(1).impression().available()).isEmpty();
    assertThat(c.arrivals()).isEqualTo(arrivals);
    assertThat(c.purchases()).isNull();
    assertThat(ByteBuffer.wrap(readAll(file)).getInt(8)).isEqualTo(SnapshotFile.FORMAT_VERSION);
  }

  @Test
  void version4_roundTripsThePurchaseStatistics() {
    Instant at = Instant.parse("2026-02-01T00:00:00Z");
    LearningSnapshot.Purchases purchases = new LearningSnapshot.Purchases(at,
        java.util.Map.of("alice", new LearningSnapshot.Purchases.Shopper(
            java.util.Map.of("p1", new LearningSnapshot.Purchases.Item(2, 20_480, 1.0 / 3),
                "p2", new LearningSnapshot.Purchases.Item(1, 20_481, 0.1 + 0.2)), List.of("p1", "p2"))),
        java.util.Map.of("p1", new LearningSnapshot.Purchases.Bought(1.0 / 3, List.of("alice")),
            "p2", new LearningSnapshot.Purchases.Bought(0.1 + 0.2, List.of("alice"))));
    Path file = dir.resolve("v4.snap");
    LearningSnapshot.write(file, new LearningSnapshot.Content(at, null, new InteractionStore(10).exportState(),
        List.of(), null, purchases));
    assertThat(LearningSnapshot.read(file).purchases()).isEqualTo(purchases); // doubles exactly
    assertThat(ByteBuffer.wrap(readAll(file)).getInt(8)).isEqualTo(4);
  }

  @Test
  void version3_filesAreStillRead_withoutPurchaseStatistics() {
    Path file = dir.resolve("v3.snap");
    // A payload as version 3 wrote it: no "purchases".
    String v3 = "{\"createdAt\":\"2026-02-01T00:01:00Z\",\"policy\":null,\"profiles\":{\"perUserLimit\":10,"
        + "\"histories\":{\"alice\":[{\"productId\":\"p1\",\"type\":\"PURCHASE\","
        + "\"at\":\"2026-01-01T00:00:00Z\"}]},\"productCounts\":{\"p1\":10.0}},\"pending\":[],"
        + "\"arrivals\":{\"known\":[\"p1\"],\"arrivals\":{}}}";
    SnapshotFile.write(file, v3.getBytes(StandardCharsets.UTF_8), 3, () -> {});
    InteractionStore store = new InteractionStore(10);
    LearningSnapshot.Content c = LearningSnapshot.restore(file, policy(), store);
    assertThat(c.purchases()).isNull();
    assertThat(c.arrivals().known()).containsExactly("p1");
    assertThat(store.history("alice")).hasSize(1);
  }

  @Test
  void purchaseStatisticsThatDoNotValidateAreRefusedAsUndecodable() {
    Path file = dir.resolve("bad.snap");
    String bad = "{\"createdAt\":\"2026-02-01T00:01:00Z\",\"policy\":null,\"profiles\":{\"perUserLimit\":10,"
        + "\"histories\":{},\"productCounts\":{}},\"pending\":[],\"arrivals\":null,\"purchases\":{"
        + "\"epoch\":\"2026-02-01T00:00:00Z\",\"shoppers\":{\"alice\":{\"items\":{\"p1\":{\"days\":0,"
        + "\"lastDay\":20480,\"trendMass\":1.0}},\"recent\":[\"p1\"]}},\"products\":{}}}";
    SnapshotFile.write(file, bad.getBytes(StandardCharsets.UTF_8));
    InteractionStore store = new InteractionStore(10);
    store.add("bob", new Interaction("p2", RewardEventType.CLICK, Instant.parse("2026-01-01T00:00:00Z")), 1);
    assertThatThrownBy(() -> LearningSnapshot.restore(file, null, store)).isInstanceOf(SnapshotException.class)
        .hasMessageContaining("does not decode").hasMessageContaining("days must be >= 1, was 0");
    assertThat(store.holds("bob")).isTrue(); // nothing changed
  }

  @Test
  void version2_pendingImpressions_withoutActionSets_fallBackToTheStrategiesShown() {
    Path file = dir.resolve("v2.snap");
    // A payload as version 2 wrote it: impressions without "available".
    String v2 = "{\"createdAt\":\"2026-02-01T00:01:00Z\",\"policy\":null,\"profiles\":{\"perUserLimit\":10,"
        + "\"histories\":{},\"productCounts\":{}},\"pending\":[{\"impression\":{\"recommendationId\":\"rec-1\","
        + "\"userId\":\"alice\",\"productIds\":[\"p1\",\"p2\",\"p3\"],"
        + "\"strategies\":[\"repeat\",\"popular\",\"repeat\"],\"propensities\":[0.9,0.5,0.9],"
        + "\"policyVersion\":\"q\",\"shownAt\":\"2026-02-01T00:00:00Z\",\"context\":null,"
        + "\"policyDecision\":true},\"rewards\":[0.0,1.0,0.0]}],\"arrivals\":null}";
    SnapshotFile.write(file, v2.getBytes(StandardCharsets.UTF_8), 2, () -> {});
    Impression imp = LearningSnapshot.read(file).pending().get(0).impression();
    assertThat(imp.available()).isEmpty();
    assertThat(imp.actionSet(2)).containsExactly("repeat", "popular");
  }

  @Test
  void anActionSetMustHoldTheStrategyItsSlotShows() {
    Instant at = Instant.parse("2026-02-01T00:00:00Z");
    assertThatThrownBy(() -> new Impression("r", "u", List.of("p1"), List.of("repeat"), List.of(1.0), "q", at, null,
        true, List.of(List.of("popular")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("slot 0 shows strategy 'repeat', which is not in its action set [popular]");
    assertThatThrownBy(() -> new Impression("r", "u", List.of("p1"), List.of("repeat"), List.of(1.0), "q", at, null,
        true, List.of(List.of("repeat"), List.of("repeat")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("available must have one action set per slot: 2 sets for 1 slots");
  }

  @Test
  void version1_filesAreStillRestored_withNothingPending() {
    Path file = dir.resolve("v1.snap");
    // A payload as version 1 wrote it: no "pending", no "arrivals".
    String v1 = "{\"createdAt\":\"2026-02-01T00:00:00Z\",\"policy\":null,\"profiles\":{\"perUserLimit\":10,"
        + "\"histories\":{\"alice\":[{\"productId\":\"p1\",\"type\":\"PURCHASE\","
        + "\"at\":\"2026-01-01T00:00:00Z\"}]},\"productCounts\":{\"p1\":10.0}}}";
    SnapshotFile.write(file, v1.getBytes(StandardCharsets.UTF_8), 1, () -> {});
    InteractionStore store = new InteractionStore(10);
    LearningSnapshot.Content c = LearningSnapshot.restore(file, policy(), store);
    assertThat(c.pending()).isNull();
    assertThat(c.arrivals()).isNull();
    assertThat(store.history("alice")).containsExactly(
        new Interaction("p1", RewardEventType.PURCHASE, Instant.parse("2026-01-01T00:00:00Z")));
    // Unknown versions are still refused clearly.
    SnapshotFile.write(file, v1.getBytes(StandardCharsets.UTF_8), 0, () -> {});
    assertThatThrownBy(() -> LearningSnapshot.read(file)).isInstanceOf(SnapshotException.class)
        .hasMessageContaining("invalid snapshot format version 0");
  }

  @Test
  void aPendingImpressionThatDoesNotValidateIsRefusedAsUndecodable() {
    Path file = dir.resolve("bad.snap");
    String bad = "{\"createdAt\":\"2026-02-01T00:00:00Z\",\"policy\":null,\"profiles\":{\"perUserLimit\":10,"
        + "\"histories\":{},\"productCounts\":{}},\"pending\":[{\"impression\":{\"recommendationId\":\"r\","
        + "\"userId\":\"u\",\"productIds\":[\"p1\"],\"strategies\":[\"popular\"],\"propensities\":[1.0],"
        + "\"policyVersion\":\"v\",\"shownAt\":\"2026-02-01T00:00:00Z\",\"policyDecision\":true},"
        + "\"rewards\":[1.0,2.0]}]}";
    SnapshotFile.write(file, bad.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> LearningSnapshot.read(file)).isInstanceOf(SnapshotException.class)
        .hasMessageContaining("does not decode").hasMessageContaining("2 slot rewards for 1 slots")
        .hasMessageNotContaining("[Source:");
  }

  @Test
  void aTargetThatNamesNoFileOrIsADirectory_isRefusedClearly_andAMissingFolderIsCreated() throws Exception {
    byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
    // "/" has no parent: this was a NullPointerException ("because path is null").
    assertThatThrownBy(() -> SnapshotFile.write(Path.of("/"), payload)).isInstanceOf(SnapshotException.class)
        .hasMessage("cannot write snapshot /: the path names no file; give the path of a file");
    assertThatThrownBy(() -> SnapshotFile.write(dir, payload)).isInstanceOf(SnapshotException.class)
        .hasMessage("cannot write snapshot " + dir + ": it is a directory; give the path of a file (in it, for "
            + "example)");
    // An empty directory too (the atomic rename would have replaced it with the file).
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertThatThrownBy(() -> SnapshotFile.write(empty, payload)).isInstanceOf(SnapshotException.class)
        .hasMessageContaining("it is a directory");
    assertThat(empty).isEmptyDirectory();
    assertThatThrownBy(() -> SnapshotFile.read(empty)).isInstanceOf(SnapshotException.class)
        .hasMessage("cannot read snapshot " + empty + ": it is a directory, not a snapshot file");
    // A missing folder is created; one that cannot be (a file is in the way) is named.
    Path nested = dir.resolve("a").resolve("b").resolve("c.snap");
    SnapshotFile.write(nested, payload);
    assertThat(SnapshotFile.read(nested)).isEqualTo(payload);
    Path plain = Files.writeString(dir.resolve("plain"), "x");
    assertThatThrownBy(() -> SnapshotFile.write(plain.resolve("x.snap"), payload))
        .isInstanceOf(SnapshotException.class)
        .hasMessageStartingWith("cannot write snapshot " + plain.resolve("x.snap") + ": cannot create its folder "
            + plain + " (")
        .hasMessageNotContaining("java.nio");
  }

  private static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
