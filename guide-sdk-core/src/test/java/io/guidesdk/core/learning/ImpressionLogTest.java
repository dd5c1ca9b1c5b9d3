package io.guidesdk.core.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class ImpressionLogTest {

  @Test
  void idsAreUniqueWhenManyThreadsShareOneGenerator() throws InterruptedException {
    // The SDK shares one seeded generator (not thread-safe) between the log and the policy; unlocked,
    // two threads drawing at once could read the same state and give two lists one id.
    RandomGenerator shared = RandomGeneratorFactory.of("L64X128MixRandom").create(7);
    ImpressionLog log = new ImpressionLog(Duration.ofHours(1), 10, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), shared);
    int threads = 8;
    int each = 50_000;
    Set<String> ids = ConcurrentHashMap.newKeySet();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < each; i++) {
          ids.add(log.newId());
        }
      });
      w.start();
      workers.add(w);
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    assertThat(ids).hasSize(threads * each);
  }

  @Test
  void idsFollowTheSeededGenerator() {
    Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    ImpressionLog a = new ImpressionLog(Duration.ofHours(1), 10, clock,
        RandomGeneratorFactory.of("L64X128MixRandom").create(3));
    ImpressionLog b = new ImpressionLog(Duration.ofHours(1), 10, clock,
        RandomGeneratorFactory.of("L64X128MixRandom").create(3));
    assertThat(List.of(a.newId(), a.newId())).isEqualTo(List.of(b.newId(), b.newId()));
  }
}
