package io.guidesdk.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.RecommendedItem;
import io.guidesdk.Recommendations;
import io.guidesdk.RewardEventType;
import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.learning.ImpressionLog;
import io.guidesdk.core.learning.Interaction;
import io.guidesdk.core.learning.InteractionStore;
import io.guidesdk.core.policy.SlotPolicy;
import io.guidesdk.core.retrieval.EmbeddingIndex;
import io.guidesdk.core.simulate.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The new-arrivals strategy: new-item cold start with an item-age cap and an exploration bonus (issue #8). */
class NewArrivalsTest {
  private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  private final MutableClock clock = new MutableClock(NOW);
  private final WordHashEncoder encoder = new WordHashEncoder();
  private AtomicReference<EmbeddingIndex> index;
  private InteractionStore interactions;
  private ImpressionLog impressions;

  private static Product product(String id, String title, String category, double popularity) {
    return Product.builder(id, title, Money.of(10, "EUR")).category("Shop", category).brand(id)
        .popularity(popularity).build();
  }

  @BeforeEach
  void setUp() {
    index = new AtomicReference<>(EmbeddingIndex.build(Catalog.of(List.of(
        product("mug", "ceramic coffee mug", "Kitchen", 3),
        product("kettle", "steel kettle for tea", "Kitchen", 4),
        product("hammer", "steel claw hammer", "Tools", 8),
        product("saw", "steel hand saw", "Tools", 9))), encoder, IndexProgress.none()));
    interactions = new InteractionStore(1_000);
    impressions = new ImpressionLog(Duration.ofDays(1), 10_000, clock,
        RandomGeneratorFactory.of("L64X128MixRandom").create(3));
  }

  private DefaultRecommender.Builder builder(RecommenderTuning tuning) {
    return DefaultRecommender.builder(() -> index.get().catalog(), interactions, impressions)
        .embeddings(index::get).clock(clock).tuning(tuning.withRankingRefresh(Duration.ZERO));
  }

  /** Adds products to the catalog, as GuideSdk.updateCatalog does. */
  private void add(Product... products) {
    Catalog next = index.get().catalog().with(List.of(products), Set.of());
    index.set(EmbeddingIndex.build(next, encoder, IndexProgress.none()));
  }

  private static List<String> ids(Recommendations r) {
    return r.products().stream().map(Product::id).toList();
  }

  private static List<String> strategies(Recommendations r) {
    return r.items().stream().map(RecommendedItem::strategy).toList();
  }

  private static long arrivals(Recommendations r) {
    return strategies(r).stream().filter(NewArrivals.NAME::equals).count();
  }

  @Test
  void strategyNameAndDefaultOrder() {
    assertThat(DefaultRecommender.STRATEGIES).contains("new-arrivals");
    assertThat(DefaultRecommender.DEFAULT_ORDER).containsExactly("similar-item", "repeat", "co-purchase", "profile",
        "new-arrivals", "popular", "trending");
  }

  @Test
  void theStartingCatalogIsNotNew_anAddedProductIsOfferedWithAReason() {
    DefaultRecommender rec = builder(RecommenderTuning.DEFAULT).build();
    assertThat(strategies(rec.topN("newcomer", 4))).doesNotContain("new-arrivals");

    clock.advance(Duration.ofHours(1));
    add(product("lamp", "brass desk lamp", "Home", 0));
    Recommendations r = rec.topN("newcomer", 3);
    // Fixed default order: a new shopper gets the arrival before popular fill.
    assertThat(ids(r)).containsExactly("lamp", "saw", "hammer");
    assertThat(strategies(r)).containsExactly("new-arrivals", "popular", "popular");
    assertThat(r.items().get(0).reason()).isEqualTo("New arrival in Home, added today");
    assertThat(rec.arrivals().firstSeen("lamp")).contains(NOW.plus(Duration.ofHours(1)));
    clock.advance(Duration.ofDays(3));
    assertThat(rec.topN("newcomer", 1).items().get(0).reason()).isEqualTo("New arrival in Home, added 3 days ago");
  }

  @Test
  void theArrivalReasonInChinese() {
    Reasons zh = new Reasons(java.util.Locale.SIMPLIFIED_CHINESE);
    Product tent = Product.builder("t", "双人帐篷", Money.of(459, "CNY")).category("户外", "帐篷").build();
    Product plain = Product.builder("p", "礼品卡", Money.of(100, "CNY")).build();
    assertThat(NewArrivals.reason(zh, tent, NOW, NOW)).isEqualTo("帐篷新品，今天上架");
    assertThat(NewArrivals.reason(zh, tent, NOW, NOW.plus(Duration.ofDays(1)))).isEqualTo("帐篷新品，昨天上架");
    assertThat(NewArrivals.reason(zh, plain, NOW, NOW.plus(Duration.ofDays(3)))).isEqualTo("新品，3天前上架");
    assertThat(NewArrivals.reason(Reasons.ENGLISH, plain, NOW, NOW.plus(Duration.ofDays(3))))
        .isEqualTo("New arrival, added 3 days ago");
  }

  @Test
  void explorationBonus_rotatesArrivalsThatHaveBeenShownLess() {
    DefaultRecommender rec = builder(RecommenderTuning.DEFAULT.withNewArrivalsPerList(1))
        .policy(SlotPolicy.fixedOrder(List.of("new-arrivals", "popular"))).build();
    add(product("a-new", "linen napkins", "Home", 0), product("b-new", "cotton towel", "Home", 0));
    // A new shopper: no fit, so the bonus c / sqrt(1 + impressions) decides; ties go to the product id.
    List<String> first = List.of(ids(rec.topN("x", 2)).get(0), ids(rec.topN("y", 2)).get(0),
        ids(rec.topN("z", 2)).get(0), ids(rec.topN("w", 2)).get(0));
    assertThat(first).containsExactly("a-new", "b-new", "a-new", "b-new");
    assertThat(rec.arrivals().arrival("a-new").orElseThrow().impressions()).isEqualTo(2);
    Recommendations r = rec.topN("v", 2);
    assertThat(r.items().get(0).score()).isEqualTo(0.5 / Math.sqrt(3), org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void fit_prefersArrivalsLikeWhatTheShopperLikes_withAndWithoutEmbeddings() {
    add(product("cup", "ceramic tea cup", "Kitchen", 0), product("drill", "cordless drill", "Tools", 0));
    interactions.add("cook", new Interaction("mug", RewardEventType.CLICK, NOW.minus(Duration.ofDays(1))), 1);
    interactions.add("cook", new Interaction("kettle", RewardEventType.PURCHASE, NOW.minus(Duration.ofDays(2))), 3);
    RecommenderTuning noBonus = RecommenderTuning.DEFAULT.withNewItemBonus(0);
    SlotPolicy arrivalsFirst = SlotPolicy.fixedOrder(List.of("new-arrivals", "popular"));
    // Embeddings: cosine between the shopper's profile and the arrival.
    DefaultRecommender withEmbeddings = builder(noBonus).policy(arrivalsFirst).build();
    // The baseline is the catalog at build time: state the arrivals explicitly.
    withEmbeddings.arrivals().arrived("cup", NOW);
    withEmbeddings.arrivals().arrived("drill", NOW);
    assertThat(ids(withEmbeddings.topN("cook", 2))).containsExactly("cup", "drill");
    // Without embeddings: the share of the shopper's interest in the arrival's category.
    DefaultRecommender categories = DefaultRecommender.builder(() -> index.get().catalog(), interactions, impressions)
        .clock(clock).tuning(noBonus).policy(arrivalsFirst).build();
    categories.arrivals().arrived("cup", NOW);
    categories.arrivals().arrived("drill", NOW);
    Recommendations r = categories.topN("cook", 2);
    assertThat(ids(r)).containsExactly("cup", "drill");
    assertThat(r.items().get(0).score()).isEqualTo(1.0);
    assertThat(r.items().get(1).score()).isEqualTo(0.5); // same top-level category ("Shop") only
  }

  @Test
  void arrivalsOlderThanTheAgeCap_orShownTooOftenWithoutAClick_areDropped() {
    DefaultRecommender rec = builder(RecommenderTuning.DEFAULT.withNewItemMaxUnclickedImpressions(2))
        .policy(SlotPolicy.fixedOrder(List.of("new-arrivals", "popular"))).build();
    add(product("lamp", "brass desk lamp", "Home", 0));
    assertThat(ids(rec.topN("a", 1))).containsExactly("lamp");
    assertThat(ids(rec.topN("b", 1))).containsExactly("lamp");
    // Two impressions, no click: no longer offered as new.
    assertThat(ids(rec.topN("c", 1))).containsExactly("saw");
    // One click brings it back (the cap is on impressions *without any* engagement).
    interactions.add("c", new Interaction("lamp", RewardEventType.CLICK, NOW), 1);
    assertThat(ids(rec.topN("d", 1))).containsExactly("lamp");
    // The age cap (30 days by default): exactly 30 days old is no longer new.
    clock.advance(Duration.ofDays(30).minusSeconds(1));
    assertThat(strategies(rec.topN("e", 1))).containsExactly("new-arrivals");
    clock.advance(Duration.ofSeconds(1));
    assertThat(strategies(rec.topN("f", 1))).containsExactly("popular");
  }

  @Test
  void atMostNewArrivalsPerList_andTheStrategyCanBeSwitchedOff() {
    DefaultRecommender rec = builder(RecommenderTuning.DEFAULT)
        .policy(SlotPolicy.fixedOrder(List.of("new-arrivals", "popular"))).build();
    add(product("n1", "wool blanket", "Home", 0), product("n2", "linen sheet", "Home", 0),
        product("n3", "silk pillow", "Home", 0), product("n4", "down duvet", "Home", 0));
    Recommendations r = rec.topN("u", 5);
    assertThat(arrivals(r)).isEqualTo(2);
    assertThat(strategies(r)).startsWith("new-arrivals", "new-arrivals", "popular");

    DefaultRecommender five = builder(RecommenderTuning.DEFAULT.withNewArrivalsPerList(5))
        .policy(SlotPolicy.fixedOrder(List.of("new-arrivals", "popular"))).build();
    add(product("n5", "cotton throw", "Home", 0));
    assertThat(arrivals(five.topN("u", 5))).isEqualTo(1); // only n5 arrived after five was built

    DefaultRecommender off = builder(RecommenderTuning.DEFAULT).disable("new-arrivals").build();
    add(product("n6", "velvet cushion", "Home", 0));
    assertThat(strategies(off.topN("u", 5))).doesNotContain("new-arrivals");
  }

  @Test
  void anArrivalTheShopperBought_orFilteredOut_isNotOffered() {
    DefaultRecommender rec = builder(RecommenderTuning.DEFAULT)
        .policy(SlotPolicy.fixedOrder(List.of("new-arrivals", "popular"))).build();
    add(product("lamp", "brass desk lamp", "Home", 0));
    interactions.add("owner", new Interaction("lamp", RewardEventType.PURCHASE, NOW), 10);
    assertThat(ids(rec.topN("owner", 1))).containsExactly("saw");
    assertThat(ids(rec.topN(io.guidesdk.RecommendRequest.builder("u", 1)
        .filter(io.guidesdk.ProductFilter.builder().category("Tools").build()).build()))).containsExactly("saw");
  }

  @Test
  void tuning_rejectsBadNewItemSettingsClearly() {
    RecommenderTuning t = RecommenderTuning.DEFAULT;
    assertThat(t.newItemAgeCap()).isEqualTo(Duration.ofDays(30));
    assertThat(t.newItemBonus()).isEqualTo(0.5);
    assertThat(t.newItemMaxUnclickedImpressions()).isEqualTo(200);
    assertThat(t.newArrivalsPerList()).isEqualTo(2);
    assertThatThrownBy(() -> t.withNewItemAgeCap(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("newItemAgeCap must be positive, was PT0S");
    assertThatThrownBy(() -> t.withNewItemAgeCap(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> t.withNewItemBonus(-0.1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("newItemBonus must be a finite number >= 0, was -0.1");
    assertThatThrownBy(() -> t.withNewItemBonus(Double.NaN)).hasMessageContaining("newItemBonus");
    assertThatThrownBy(() -> t.withNewItemMaxUnclickedImpressions(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("newItemMaxUnclickedImpressions must be >= 1");
    assertThatThrownBy(() -> t.withNewArrivalsPerList(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("newArrivalsPerList must be >= 0");
    assertThat(t.withNewArrivalsPerList(0).newArrivalsPerList()).isZero();
  }
}
