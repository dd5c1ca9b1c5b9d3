package io.guidesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guidesdk.ChatReply;
import io.guidesdk.EventRejectedException;
import io.guidesdk.Intent;
import io.guidesdk.Product;
import io.guidesdk.RecommendRequest;
import io.guidesdk.Recommendations;
import io.guidesdk.RewardEvent;
import io.guidesdk.core.catalog.Catalog;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SDK on the embedded default: bundled ONNX encoder, bundled catalog, no LLM. */
class GuideSdkEndToEndTest {
  private static GuideSdk sdk;

  @BeforeAll
  static void build() {
    sdk = GuideSdk.builder().demoCatalog().random(RandomGeneratorFactory.of("L64X128MixRandom").create(7)).build();
  }

  @AfterAll
  static void close() {
    sdk.close();
  }

  @Test
  void runningShoesUnder100_returnsOnlyRealRunningShoesWithinBudget() {
    ChatReply reply = sdk.guide().chat("s-e2e", "I need running shoes under $100");
    Catalog catalog = sdk.catalog();
    assertEquals(Intent.SEARCH, reply.intent());
    assertThat(reply.products()).isNotEmpty();
    for (Product p : reply.products()) {
      Product real = catalog.get(p.id()).orElseThrow(() -> new AssertionError("not in catalog: " + p.id()));
      assertEquals(real, p);
      assertThat(p.categoryPath().stream().map(c -> c.toLowerCase(Locale.ROOT)))
          .as("category of %s", p.title()).anyMatch(c -> c.contains("running shoe"));
      assertThat(p.price().amount()).as("price of %s", p.title()).isLessThanOrEqualTo(new BigDecimal("100"));
      assertThat(reply.text()).contains(p.title()).contains(p.price().format());
    }
    assertEquals(new BigDecimal("100"), reply.constraints().maxPrice());
  }

  @Test
  void followUp_cheaper_refinesThePreviousTurn() {
    ChatReply first = sdk.guide().chat("s-follow", "running shoes over $150");
    ChatReply cheaper = sdk.guide().chat("s-follow", "cheaper ones");
    BigDecimal cheapestBefore = first.products().stream().map(p -> p.price().amount()).min(BigDecimal::compareTo)
        .orElseThrow();
    assertThat(cheaper.products()).isNotEmpty().allSatisfy(p -> {
      assertThat(p.price().amount()).isLessThan(cheapestBefore);
      assertThat(p.category().toLowerCase(Locale.ROOT)).contains("running shoe");
    });
  }

  @Test
  void policyQuestion_quotesTheFaq() {
    ChatReply reply = sdk.guide().chat("s-faq", "How long do I have to return an item?");
    assertEquals(Intent.POLICY_QUESTION, reply.intent());
    assertThat(reply.products()).isEmpty();
    assertThat(sdk.catalog()).isNotNull();
    assertThat(io.guidesdk.core.catalog.DemoData.faq()).anyMatch(f -> reply.text().contains(f.answer())
        && f.topic().equals("returns"));
  }

  @Test
  void topN_coldStartIsPopular_thenReflectsRewards() {
    String user = "u-e2e";
    Recommendations cold = sdk.recommender().topN(user, 5);
    assertThat(cold.items()).hasSize(5)
        .allSatisfy(i -> assertThat(i.strategy()).as("cold start strategy").isIn("popular", "trending"));

    ChatReply reply = sdk.guide().chat(io.guidesdk.ChatRequest.of("s-rec", user, "hiking boots"));
    Product boot = reply.products().get(0);
    sdk.rewards().accept(RewardEvent.purchase(user, boot.id(), reply.recommendationId(), boot.price().amount()));
    sdk.rewards().flush();

    Recommendations warm = sdk.recommender().topN(RecommendRequest.builder(user, 5).excludePurchased(true).build());
    assertThat(warm.items()).hasSize(5);
    assertThat(warm.products()).doesNotContain(boot);
    assertThat(warm.items()).as("items drawn from the shopper's own history")
        .anyMatch(i -> !i.strategy().equals("popular") && !i.strategy().equals("trending")
            && i.reason().contains(boot.title()) && i.product().category().equals(boot.category()));
    assertThat(warm.items()).allSatisfy(i -> assertThat(i.propensity()).isBetween(0.0, 1.0));
  }

  @Test
  void rewards_rejectUnknownProductsAndFutureTimestamps() {
    EventRejectedException unknown = assertThrows(EventRejectedException.class,
        () -> sdk.rewards().accept(RewardEvent.click("u", "NO-SUCH-ID", null)));
    assertEquals(EventRejectedException.Reason.UNKNOWN_PRODUCT, unknown.reason());
    String id = sdk.catalog().products().get(0).id();
    EventRejectedException future = assertThrows(EventRejectedException.class,
        () -> sdk.rewards().accept(RewardEvent.click("u", id, null).at(Instant.now().plusSeconds(86_400))));
    assertEquals(EventRejectedException.Reason.TIMESTAMP_IN_FUTURE, future.reason());
  }

  @Test
  void topN_unknownAnchor_andContradictoryFilter() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> sdk.recommender()
        .topN(RecommendRequest.builder("u", 3).anchor("NOPE").build())).getMessage())
        .isEqualTo("anchorProductId 'NOPE' is not in the catalog");
    Recommendations none = sdk.recommender().topN(RecommendRequest.builder("u", 3)
        .filter(io.guidesdk.ProductFilter.builder().minPrice(100).maxPrice(10).build()).build());
    assertThat(none.items()).isEmpty();
    assertThat(none.note()).contains("minPrice");
    assertThat(List.of(none.recommendationId())).doesNotContainNull();
    Recommendations noWeight = sdk.recommender().topN(RecommendRequest.builder("u", 3)
        .filter(io.guidesdk.ProductFilter.builder().attributeBetween("weight_g", 500, 300).build()).build());
    assertThat(noWeight.items()).isEmpty();
    assertThat(noWeight.note())
        .isEqualTo("no products: range of attribute weight_g is contradictory: min 500 is above max 300");
  }

  @Test
  void topN_anEmptyListNamesWhatInTheFilterTheCatalogLacks() {
    Recommendations typo = sdk.recommender().topN(RecommendRequest.builder("u", 3)
        .filter(io.guidesdk.ProductFilter.builder().category("Runing Shoes").build()).build());
    assertThat(typo.items()).isEmpty();
    assertThat(typo.note()).contains("unknown category 'Runing Shoes'; did you mean Running Shoes");
    Recommendations range = sdk.recommender().topN(RecommendRequest.builder("u", 3)
        .filter(io.guidesdk.ProductFilter.builder().attributeAtLeast("weight", 300).build()).build());
    assertThat(range.note()).contains("unknown attribute 'weight'; did you mean weight_g");
    Recommendations fine = sdk.recommender().topN(RecommendRequest.builder("u", 3)
        .filter(io.guidesdk.ProductFilter.builder().category("Running Shoes").build()).build());
    assertThat(fine.items()).hasSize(3);
    assertThat(fine.note()).isEmpty();
  }

  @Test
  void topN_withAnAttributeRange_fillsTheListWithProductsInRange() {
    io.guidesdk.ProductFilter light = io.guidesdk.ProductFilter.builder().category("Running Shoes")
        .attributeAtMost("weight_g", 250).build();
    long inRange = sdk.catalog().products().stream().filter(light::test).count();
    assertThat(inRange).as("the demo catalog has light running shoes").isGreaterThanOrEqualTo(5);
    Recommendations recs = sdk.recommender().topN(RecommendRequest.builder("range-user", 5).filter(light).build());
    assertThat(recs.items()).hasSize(5);
    for (io.guidesdk.RecommendedItem item : recs.items()) {
      int grams = Integer.parseInt(item.product().attribute("weight_g").orElseThrow());
      assertThat(grams).isLessThanOrEqualTo(250);
    }
  }
}
