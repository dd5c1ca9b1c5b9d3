package io.guidesdk.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.RecommendRequest;
import io.guidesdk.RecommendedItem;
import io.guidesdk.Recommendations;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.learning.Impression;
import io.guidesdk.core.learning.ImpressionLog;
import io.guidesdk.core.learning.Interaction;
import io.guidesdk.core.learning.InteractionStore;
import io.guidesdk.core.policy.ShopperContext;
import io.guidesdk.core.policy.SlotDecision;
import io.guidesdk.core.policy.SlotPolicy;
import io.guidesdk.core.retrieval.EmbeddingIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DefaultRecommenderTest {
  private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final WordHashEncoder encoder = new WordHashEncoder();
  private AtomicReference<EmbeddingIndex> index;
  private InteractionStore interactions;
  private ImpressionLog impressions;

  private static Product product(String id, String title, String category, String brand, double price,
      boolean inStock, double popularity) {
    return Product.builder(id, title, Money.of(price, "EUR")).category("Shop", category).brand(brand)
        .inStock(inStock).popularity(popularity).build();
  }

  private static List<Product> products() {
    return List.of(
        product("tea", "green tea leaves", "Drinks", "Leafy", 5, true, 1),
        product("coffee", "dark roast coffee beans", "Drinks", "Roasty", 9, true, 2),
        product("mug", "ceramic coffee mug", "Kitchen", "Potter", 12, true, 3),
        product("kettle", "steel kettle for tea", "Kitchen", "Boil", 40, true, 4),
        product("scarf", "red wool scarf", "Clothing", "Woolly", 25, true, 5),
        product("hat", "red wool hat", "Clothing", "Woolly", 20, true, 6),
        product("gloves", "blue leather gloves", "Clothing", "Hide", 30, false, 7),
        product("hammer", "steel claw hammer", "Tools", "Forge", 15, true, 8),
        product("saw", "steel hand saw", "Tools", "Forge", 22, true, 9));
  }

  @BeforeEach
  void setUp() {
    index = new AtomicReference<>(EmbeddingIndex.build(Catalog.of(products()), encoder, IndexProgress.none()));
    interactions = new InteractionStore(1_000);
    impressions = new ImpressionLog(Duration.ofHours(1), 1_000, clock,
        RandomGeneratorFactory.of("L64X128MixRandom").create(3));
  }

  private DefaultRecommender.Builder builder() {
    return DefaultRecommender.builder(() -> index.get().catalog(), interactions, impressions)
        .embeddings(index::get).clock(clock).tuning(RecommenderTuning.DEFAULT.withRankingRefresh(Duration.ZERO));
  }

  private void buy(String user, String product, int daysAgo) {
    interactions.add(user, new Interaction(product, RewardEventType.PURCHASE, NOW.minus(Duration.ofDays(daysAgo))), 10);
  }

  private void click(String user, String product, int daysAgo) {
    interactions.add(user, new Interaction(product, RewardEventType.CLICK, NOW.minus(Duration.ofDays(daysAgo))), 1);
  }

  private static List<String> ids(Recommendations r) {
    return r.products().stream().map(Product::id).toList();
  }

  private static List<String> strategies(Recommendations r) {
    return r.items().stream().map(RecommendedItem::strategy).toList();
  }

  // --- event times at the ends of Instant's range (an old snapshot may hold them) ---

  @Test
  void eventsFromAnyInstant_decayAndCountWithoutOverflow() {
    assertEquals(0.0, Shopper.decay(Instant.MIN, NOW, Duration.ofDays(30)));
    assertEquals(0.5, Shopper.decay(NOW.minus(Duration.ofDays(30)), NOW, Duration.ofDays(30)));
    assertEquals(1.0, Shopper.decay(NOW, NOW, Duration.ofDays(30)));
    assertEquals(Math.floorDiv(Instant.MIN.getEpochSecond(), 86_400L), Shopper.epochDay(Instant.MIN));
    assertEquals(-1, Shopper.epochDay(Instant.EPOCH.minusMillis(1)));
    DefaultRecommender rec = builder().build();
    interactions.add("old", new Interaction("tea", RewardEventType.PURCHASE, Instant.MIN), 10);
    interactions.add("old", new Interaction("mug", RewardEventType.CLICK, Instant.MIN), 1);
    buy("old", "tea", 3);
    assertThat(rec.topN(RecommendRequest.of("old", 5)).items()).isNotEmpty();
    assertEquals(1, rec.statistics().buyers("tea"));
  }

  // --- each generator on a hand-made history ---

  @Test
  void repeat_ranksFrequentRecentPurchasesFirst_withTheirCycleAsReason() {
    DefaultRecommender rec = builder().policy(SlotPolicy.fixedOrder(List.of("repeat"))).build();
    buy("u", "coffee", 90);
    buy("u", "coffee", 60);
    buy("u", "coffee", 30);
    buy("u", "hammer", 300);
    Recommendations r = rec.topN("u", 2);
    assertEquals(List.of("coffee", "hammer"), ids(r));
    assertThat(strategies(r)).containsOnly("repeat");
    assertThat(r.items().get(0).reason()).isEqualTo("You buy this about every 30 days; last time 30 days ago");
    assertThat(r.items().get(1).reason()).isEqualTo("You bought this 300 days ago");
  }

  @Test
  void reasonsAreWrittenInTheShopsLanguage() {
    // built before the history, whose purchases their statistics count
    Map<String, DefaultRecommender> zh = new HashMap<>();
    for (String order : List.of("repeat", "profile", "co-purchase", "popular", "similar-item")) {
      zh.put(order, builder().policy(SlotPolicy.fixedOrder(List.of(order))).locale(java.util.Locale.SIMPLIFIED_CHINESE)
          .build());
    }
    DefaultRecommender german = builder().policy(SlotPolicy.fixedOrder(List.of("popular")))
        .locale(java.util.Locale.GERMAN).build();
    buy("u", "coffee", 90);
    buy("u", "coffee", 60);
    buy("u", "coffee", 30);
    buy("u", "hammer", 300);
    click("v", "scarf", 1);
    for (int i = 0; i < 3; i++) {
      buy("o" + i, "coffee", 5);
      buy("o" + i, "mug", 5);
    }
    buy("w", "coffee", 1);
    Recommendations repeat = zh.get("repeat").topN("u", 2);
    assertThat(repeat.items().get(0).reason()).isEqualTo("您大约每30天买一次这件商品；上次是30天前");
    assertThat(repeat.items().get(1).reason()).isEqualTo("您300天前买过这件商品");
    assertThat(zh.get("profile").topN("v", 1).items().get(0).reason()).isEqualTo("因为您浏览过red wool scarf");
    assertThat(zh.get("co-purchase").topN("w", 1).items().get(0).reason()).isEqualTo("常与dark roast coffee beans一起购买");
    assertThat(zh.get("popular").topN("new", 1).items().get(0).reason()).isEqualTo("热销商品");
    assertThat(zh.get("similar-item").topN(RecommendRequest.builder("u", 1).anchor("hammer").build()).items().get(0)
        .reason()).isEqualTo("与steel claw hammer相似");
    // a language without a bundled file keeps English
    assertThat(german.topN("new", 1).items().get(0).reason()).isEqualTo("Popular with shoppers");
  }

  @Test
  void repeat_prefersProductsShoppersGenerallyBuyAgain() {
    DefaultRecommender rec = builder().policy(SlotPolicy.fixedOrder(List.of("repeat"))).build();
    // Ten other shoppers buy tea again and again; ten buy the saw once each.
    for (int i = 0; i < 10; i++) {
      buy("o" + i, "tea", 50);
      buy("o" + i, "tea", 20);
      buy("p" + i, "saw", 50);
    }
    buy("u", "saw", 10);
    buy("u", "tea", 10);
    assertEquals(List.of("tea", "saw"), ids(rec.topN("u", 2)));
    assertThat(rec.statistics().repurchaseRate("tea", 0.3, 5)).isGreaterThan(rec.statistics().repurchaseRate("saw", 0.3, 5));
  }

  @Test
  void coPurchase_recommendsWhatBuyersOfMyProductsAlsoBought() {
    DefaultRecommender rec = builder().policy(SlotPolicy.fixedOrder(List.of("co-purchase"))).build();
    for (int i = 0; i < 3; i++) {
      buy("o" + i, "coffee", 5);
      buy("o" + i, "mug", 5);
    }
    buy("x", "coffee", 5);
    buy("x", "saw", 5);
    buy("u", "coffee", 1);
    Recommendations r = rec.topN("u", 2);
    assertEquals(List.of("mug", "saw"), ids(r));
    assertThat(strategies(r)).containsOnly("co-purchase");
    assertThat(r.items().get(0).reason()).isEqualTo("Often bought with dark roast coffee beans");
    // On a product page the anchor seeds the neighbours, even for a new shopper.
    Recommendations page = rec.topN(RecommendRequest.builder("new", 1).anchor("mug").build());
    assertEquals(List.of("coffee"), ids(page));
  }

  @Test
  void profile_recommendsProductsSimilarToWhatTheShopperInteractedWith() {
    DefaultRecommender rec = builder().policy(SlotPolicy.fixedOrder(List.of("profile"))).build();
    click("u", "scarf", 1);
    Recommendations r = rec.topN("u", 1);
    assertEquals(List.of("hat"), ids(r));
    assertEquals("profile", r.items().get(0).strategy());
    assertEquals("Because you viewed red wool scarf", r.items().get(0).reason());
  }

  @Test
  void similarItem_forAnAnchorProduct() {
    DefaultRecommender rec = builder().build();
    Recommendations r = rec.topN(RecommendRequest.builder("u", 2).anchor("hammer").build());
    assertThat(ids(r)).doesNotContain("hammer").startsWith("saw");
    assertEquals("similar-item", r.items().get(0).strategy());
    assertEquals("Similar to steel claw hammer", r.items().get(0).reason());
  }

  @Test
  void popularAndTrending_coldStartGetsTrendingThenPopular() {
    DefaultRecommender rec = builder().policy(SlotPolicy.fixedOrder(List.of("trending", "popular"))).build();
    Recommendations before = rec.topN("new", 3);
    // No purchases yet: the catalog's popularity prior decides.
    assertEquals(List.of("saw", "hammer", "gloves"), ids(before));
    assertThat(strategies(before)).containsOnly("popular");
    buy("a", "tea", 200);
    buy("b", "tea", 200);
    buy("c", "tea", 200);
    buy("d", "mug", 1);
    Recommendations after = rec.topN("new", 3);
    assertThat(strategies(after)).containsExactly("trending", "trending", "popular");
    assertEquals(List.of("mug", "tea"), ids(after).subList(0, 2));
    assertThat(rec.statistics().trending("mug", NOW)).isGreaterThan(rec.statistics().trending("tea", NOW));
    assertEquals(3, rec.statistics().buyers("tea"));
  }

  // --- business rules ---

  @Test
  void filters_categoryPriceAndStock() {
    DefaultRecommender rec = builder().build();
    Recommendations r = rec.topN(RecommendRequest.builder("u", 10)
        .filter(ProductFilter.builder().category("Clothing").maxPrice(28).inStockOnly(true).build()).build());
    assertThat(ids(r)).containsExactlyInAnyOrder("scarf", "hat");
    assertThat(r.note()).isEqualTo("only 2 of 10 products: no more products satisfy the filter");
  }

  @Test
  void narrowFilterOnALargeCatalog_walksPastTheCachedHead() {
    List<Product> many = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      many.add(product("p" + i, "product " + i, i % 300 == 0 ? "Rare" : "Common", "B", 10, true, i));
    }
    DefaultRecommender rec = DefaultRecommender.builder(() -> Catalog.of(many), interactions, impressions).clock(clock)
        .build();
    Recommendations r = rec.topN(RecommendRequest.builder("u", 5)
        .filter(ProductFilter.builder().category("Rare").build()).build());
    // The most popular rare products, best first: only three of them are in the cached 1,000-product head.
    assertEquals(List.of("p2700", "p2400", "p2100", "p1800", "p1500"), ids(r));
    assertThat(strategies(r)).containsOnly("popular");
  }

  @Test
  void exclusions_alreadyBoughtOnlyWhenAsked() {
    DefaultRecommender rec = builder().build();
    buy("u", "saw", 3);
    assertThat(ids(rec.topN("u", 3))).startsWith("saw");
    Recommendations r = rec.topN(RecommendRequest.builder("u", 3).excludePurchased(true).build());
    assertThat(ids(r)).hasSize(3).doesNotContain("saw");
  }

  @Test
  void diversity_atMostKPerCategoryAndBrand() {
    DefaultRecommender rec = builder().diversity(Diversity.perCategory(1)).build();
    Recommendations r = rec.topN("u", 9);
    assertThat(r.products()).extracting(Product::category).doesNotHaveDuplicates();
    assertThat(r.items()).hasSize(4);
    assertThat(r.note()).contains("diversity");
    DefaultRecommender byBrand = builder().diversity(Diversity.none().withMaxPerBrand(1)).build();
    assertThat(byBrand.topN("u", 9).products()).extracting(Product::brand).doesNotHaveDuplicates().hasSize(7);
  }

  @Test
  void everyItemHasAReason_andTheImpressionLogsStrategyAndPropensity() {
    SlotPolicy coin = new SlotPolicy() {
      @Override
      public SlotDecision decide(ShopperContext context, List<String> available, int slot) {
        return new SlotDecision(available.get(available.size() - 1), 1.0 / available.size());
      }

      @Override
      public String version() {
        return "last-of-n";
      }
    };
    buy("u", "tea", 10);
    buy("u", "tea", 5);
    DefaultRecommender rec = builder().policy(coin).build();
    Recommendations r = rec.topN("u", 4);
    assertThat(r.items()).allSatisfy(i -> assertThat(i.reason()).isNotBlank());
    Impression shown = impressions.get(r.recommendationId()).orElseThrow();
    assertEquals(ids(r), shown.productIds());
    assertEquals(strategies(r), shown.strategies());
    assertEquals(r.items().stream().map(RecommendedItem::propensity).toList(), shown.propensities());
    assertEquals("last-of-n", shown.policyVersion());
    assertThat(shown.propensities()).allSatisfy(p -> assertThat(p).isLessThan(1.0));
  }

  @Test
  void shopperContext_describesTheHistory() {
    AtomicReference<ShopperContext> seen = new AtomicReference<>();
    SlotPolicy spy = new SlotPolicy() {
      @Override
      public SlotDecision decide(ShopperContext context, List<String> available, int slot) {
        seen.set(context);
        return new SlotDecision(available.get(0), 1.0);
      }

      @Override
      public String version() {
        return "spy";
      }
    };
    buy("u", "tea", 3);
    buy("u", "tea", 2);
    click("u", "hat", 1);
    builder().policy(spy).build().topN(RecommendRequest.builder("u", 1).session("s1").build());
    ShopperContext c = seen.get();
    assertEquals(3, c.interactions());
    assertEquals(2, c.purchases());
    assertEquals(1, c.distinctPurchasedProducts());
    assertEquals(Duration.ofDays(1), c.sinceLastAction());
    assertEquals(List.of("Clothing", "Drinks"), c.recentCategories());
    assertEquals(5.0, c.typicalPrice());
    assertThat(c.inSession()).isTrue();
  }

  // --- incremental updates, catalog changes, forgetting ---

  @Test
  void aPurchaseOrClickChangesTheNextTopN() {
    DefaultRecommender rec = builder().build();
    buy("o", "kettle", 2);
    buy("o", "tea", 2);
    List<String> cold = ids(rec.topN("u", 3));
    buy("u", "mug", 0);
    Recommendations afterPurchase = rec.topN("u", 3);
    assertThat(ids(afterPurchase)).isNotEqualTo(cold).startsWith("mug");
    assertEquals("repeat", afterPurchase.items().get(0).strategy());
    click("u", "kettle", 0);
    Recommendations afterClick = rec.topN(RecommendRequest.builder("u", 3).excludePurchased(true).build());
    assertThat(afterClick.items()).anySatisfy(i -> {
      assertEquals("tea", i.product().id());
      assertEquals("co-purchase", i.strategy());
    });
  }

  @Test
  void catalogAdditionsAndRemovals_withoutRestart() {
    DefaultRecommender rec = builder().build();
    assertThat(ids(rec.topN("u", 1))).containsExactly("saw");
    Catalog next = index.get().catalog().with(List.of(product("robot", "toy robot", "Toys", "Tin", 30, true, 100)),
        Set.of("saw"));
    index.set(EmbeddingIndex.build(next, encoder, IndexProgress.none()));
    assertThat(ids(rec.topN("u", 9))).startsWith("robot").doesNotContain("saw");
    assertThrows(IllegalArgumentException.class,
        () -> rec.topN(RecommendRequest.builder("u", 1).anchor("saw").build()));
  }

  @Test
  void forgottenUsersLeaveNoTrace() {
    DefaultRecommender rec = builder().policy(SlotPolicy.fixedOrder(List.of("co-purchase", "popular"))).build();
    buy("gone", "coffee", 1);
    buy("gone", "hammer", 1);
    buy("u", "coffee", 1);
    assertThat(ids(rec.topN("u", 1))).containsExactly("hammer");
    interactions.forget("gone");
    assertThat(rec.statistics().users()).doesNotContain("gone");
    assertEquals(0, rec.statistics().buyers("hammer"));
    assertEquals(0.0, rec.statistics().trending("hammer", NOW));
    Recommendations r = rec.topN("u", 1);
    assertEquals("popular", r.items().get(0).strategy());
  }

  // --- bad input ---

  @Test
  void coldStart_unknownUserIsNotAnError() {
    Recommendations r = builder().build().topN("never-seen", 5);
    assertThat(r.items()).hasSize(5);
    assertEquals("", r.note());
  }

  @Test
  void badInput_clearErrorsAndReasons() {
    DefaultRecommender rec = builder().build();
    assertEquals("anchorProductId 'nope' is not in the catalog", assertThrows(IllegalArgumentException.class,
        () -> rec.topN(RecommendRequest.builder("u", 3).anchor("nope").build())).getMessage());
    assertThat(assertThrows(IllegalArgumentException.class, () -> rec.topN("u", 0)).getMessage())
        .isEqualTo("n must be between 1 and 1000, was 0");
    assertThrows(IllegalArgumentException.class, () -> rec.topN("u", 1_001));
    assertThrows(NullPointerException.class, () -> rec.topN(null));
    Recommendations none = rec.topN(RecommendRequest.builder("u", 3)
        .filter(ProductFilter.builder().category("Garden").build()).build());
    assertThat(none.items()).isEmpty();
    assertEquals("no products: no more products satisfy the filter (unknown category 'Garden')", none.note());
    SlotPolicy rogue = new SlotPolicy() {
      @Override
      public SlotDecision decide(ShopperContext context, List<String> available, int slot) {
        return new SlotDecision("telepathy", 1.0);
      }

      @Override
      public String version() {
        return "rogue";
      }
    };
    assertThat(assertThrows(IllegalStateException.class, () -> builder().policy(rogue).build().topN("u", 1))
        .getMessage()).contains("'telepathy'").contains("[popular]");
    assertThat(assertThrows(IllegalArgumentException.class, () -> builder().disable("magic")).getMessage())
        .contains("unknown strategy 'magic'");
  }

  @Test
  void concurrentUpdatesWhileRecommending() throws Exception {
    DefaultRecommender rec = builder().build();
    List<String> ids = products().stream().map(Product::id).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            String user = "u" + (i % 7);
            if (thread % 2 == 0) {
              buy(user, ids.get((i * 7 + thread) % ids.size()), i % 30);
              if (i % 50 == 0) {
                interactions.forget(user);
              }
            } else {
              Recommendations r = rec.topN(user, 5);
              assertThat(r.items()).hasSize(5);
              assertThat(ids(r)).doesNotHaveDuplicates();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
