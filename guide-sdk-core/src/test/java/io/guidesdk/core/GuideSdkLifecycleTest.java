package io.guidesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.ChatListener;
import io.guidesdk.ChatReply;
import io.guidesdk.ChatRequest;
import io.guidesdk.GuideException;
import io.guidesdk.NonRetriableGuideException;
import io.guidesdk.EventRejectedException;
import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.RewardEvent;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.retrieval.GatedEncoder;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Calls after close, and bad arguments to updateCatalog: each fails at once, saying what is wrong. */
class GuideSdkLifecycleTest {
  private static final Catalog CATALOG = Catalog.of(List.of(
      Product.builder("tent-1", "Two-person backpacking tent", Money.of(199, "USD")).category("Camping", "Tents").build(),
      Product.builder("jacket-1", "Waterproof rain jacket", Money.of(89, "USD")).category("Clothing", "Jackets").build()));

  private static final Encoder encoder = BundledEncoder.shared();

  private static GuideSdk sdk() {
    return GuideSdk.builder().catalog(CATALOG).encoder(encoder).build();
  }

  private static Product product(String id) {
    return Product.builder(id, "Product " + id, Money.of(10, "USD")).category("Camping", "Tents").build();
  }

  @Test
  void everyCallAfterClose_failsTheSameClearWay(@TempDir Path dir) {
    GuideSdk sdk = sdk();
    Path snap = dir.resolve("learned.snap");
    sdk.snapshot(snap);
    sdk.close();
    sdk.close(); // idempotent
    List<Runnable> calls = List.of(
        () -> sdk.guide().chat(ChatRequest.of("s1", "a tent")),
        () -> sdk.recommender().topN("alice", 3),
        () -> sdk.snapshot(dir.resolve("after.snap")),
        () -> sdk.restore(snap),
        () -> sdk.updateCatalog(List.of(product("new-1")), Set.of()),
        () -> sdk.describe(CATALOG.products().get(0), null));
    for (Runnable call : calls) {
      assertThatThrownBy(call::run).isExactlyInstanceOf(IllegalStateException.class).hasMessage("guide-sdk is closed");
    }
    assertThatThrownBy(() -> sdk.rewards().accept(RewardEvent.click("alice", "tent-1", null)))
        .isInstanceOfSatisfying(EventRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(EventRejectedException.Reason.CLOSED));
  }

  @Test
  void streamingChatAfterClose_endsInOnErrorOnce_notInAnException() {
    GuideSdk sdk = sdk();
    sdk.close();
    List<String> calls = new ArrayList<>();
    List<GuideException> errors = new ArrayList<>();
    // It threw "guide-sdk is closed" with neither onComplete nor onError called.
    sdk.guide().chat(ChatRequest.of("s1", "what is your return policy"), new ChatListener() {
      @Override
      public void onText(String piece) {
        calls.add("text");
      }

      @Override
      public void onComplete(ChatReply reply) {
        calls.add("complete");
      }

      @Override
      public void onError(GuideException error) {
        calls.add("error");
        errors.add(error);
      }
    });
    assertThat(calls).containsExactly("error");
    assertThat(errors.get(0)).isInstanceOf(NonRetriableGuideException.class).cause()
        .isExactlyInstanceOf(IllegalStateException.class).hasMessage("guide-sdk is closed");
  }

  @Test
  @Timeout(120) // a deadlock fails instead of hanging; nothing here is timed
  void closeDuringACatalogUpdate_stopsIt_failsItsFutureAsClosed_andReturnsOnceItStopped() throws Exception {
    GatedEncoder gated = new GatedEncoder();
    GuideSdk sdk = GuideSdk.builder().catalog(CATALOG).encoder(gated).build();
    List<Product> many = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      many.add(product("n" + i)); // two chunks of 256 to embed
    }
    gated.holdNext(EmbeddingPurpose.PASSAGE);
    CompletableFuture<Catalog> update = sdk.updateCatalog(many, Set.of());
    gated.awaitHeld();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(sdk::close);
    while (!GatedEncoder.closeBegan(sdk.search())) {
      Thread.onSpinWait();
    }
    gated.release();
    closing.join();
    // It failed 4 s after close() with "vector cache ... is closed", or hit the closed Lucene writer.
    assertThat(update).isDone();
    assertThatThrownBy(update::get).isInstanceOf(ExecutionException.class).cause()
        .isExactlyInstanceOf(IllegalStateException.class).hasMessage("guide-sdk is closed")
        .cause().hasMessage("the product search is closed");
    assertThat(sdk.catalog().size()).isEqualTo(CATALOG.size());
  }

  @Test
  void updateCatalog_nullElements_duplicates_andAnIdBothUpsertedAndRemoved_areNamed() throws Exception {
    try (GuideSdk sdk = sdk()) {
      assertThatThrownBy(() -> sdk.updateCatalog(Arrays.asList(product("n0"), product("n1"), product("n2"), null),
          Set.of())).isExactlyInstanceOf(NullPointerException.class).hasMessage("upserts[3] is null");
      java.util.Set<String> withNull = new java.util.HashSet<>(Arrays.asList("tent-1", null));
      assertThatThrownBy(() -> sdk.updateCatalog(List.of(), withNull))
          .isExactlyInstanceOf(NullPointerException.class).hasMessage("removals contains a null id");
      assertThatThrownBy(() -> sdk.updateCatalog(List.of(product("new-2")), Set.of("new-2")))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessage("product id 'new-2' is both upserted (upserts[0]) and removed in one update; send one or "
              + "the other");
      assertThatThrownBy(() -> sdk.updateCatalog(List.of(product("n1"), product("n1")), Set.of()))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessage("upserts[0] and upserts[1] have the same id 'n1'; upsert each product once per update");
      // Nothing was changed by the refused calls; a good one still goes through.
      assertThat(sdk.catalog().size()).isEqualTo(2);
      assertThat(sdk.updateCatalog(List.of(product("n1")), Set.of("jacket-1")).join().size())
          .isEqualTo(2);
    }
  }
}
