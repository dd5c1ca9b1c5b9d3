package io.guidesdk.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.ChatReply;
import io.guidesdk.Intent;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.dialogue.DialogueOptions;
import io.guidesdk.core.retrieval.ScoredProduct;
import io.guidesdk.core.retrieval.SearchSettings;
import io.guidesdk.onnx.OnnxEncoder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Chinese shop as docs/search.md sets it up, on the Chinese demo catalog: the Chinese encoder
 * ({@link OnnxEncoder.Bundled#BGE_SMALL_ZH_V15}, from the artifact the shop adds), CJK analysis and the
 * Chinese reply templates. The real model, no LLM.
 */
class ChineseCatalogTest {
  private static OnnxEncoder zh;
  private static GuideSdk sdk;

  @BeforeAll
  static void build() {
    zh = OnnxEncoder.bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15);
    sdk = GuideSdk.builder()
        .catalog(DemoData.chineseCatalog())
        .faq(DemoData.chineseFaq())
        .encoder(zh)
        .searchSettings(SearchSettings.defaults().toBuilder().analysis(SearchSettings.Analysis.CJK).build())
        .dialogue(DialogueOptions.builder().locale(Locale.SIMPLIFIED_CHINESE).build())
        .random(RandomGeneratorFactory.of("L64X128MixRandom").create(3))
        .build();
  }

  @AfterAll
  static void close() {
    sdk.close();
    zh.close();
  }

  private static List<String> search(String query, int k) {
    return sdk.search().retriever().search(query, ProductFilter.none(), k).stream()
        .map(ScoredProduct::product).map(Product::id).toList();
  }

  @Test
  void queriesThatShareNoWordWithTheTitleFindTheProductByMeaning() {
    // None of these shares a character bigram with its products' titles or descriptions, so BM25 has
    // nothing to go on: the Chinese encoder's vectors carry them.
    assertThat(search("听音乐用的", 1)).as("listening to music").allMatch(id -> id.startsWith("ZH-EAR-"));
    assertThat(search("冬天穿的暖和衣服", 1)).as("warm clothes for winter: a down jacket")
        .containsAnyOf("ZH-COAT-02", "ZH-COAT-03");
    assertThat(search("泡茶的器具", 2)).as("something to brew tea in").allMatch(id -> id.startsWith("ZH-TEA-"));
  }

  @Test
  void aWordInTheTitleRanksItsProductsFirst() {
    assertThat(search("跑步鞋", 5)).containsExactlyInAnyOrder("ZH-RUN-01", "ZH-RUN-02", "ZH-RUN-03", "ZH-RUN-04",
        "ZH-RUN-05");
    assertThat(search("咖啡杯", 2)).containsExactlyInAnyOrder("ZH-CUP-01", "ZH-CUP-02");
  }

  @Test
  void aTraditionalQuery_findsWhatItsSimplifiedTwinFinds() {
    // ICU4J is on the test class path: the query is converted to the catalog's Simplified script
    assertThat(search("藍牙耳機 降噪", 5)).isEqualTo(search("蓝牙耳机 降噪", 5));
    assertThat(search("雙肩包", 2)).containsExactlyInAnyOrder("ZH-BAG-02", "ZH-BAG-04");
  }

  @Test
  void aChineseRequestWithABudgetGetsAGroundedChineseReply() {
    ChatReply reply = sdk.guide().chat("zh-1", "我想要500元以下的跑步鞋");
    assertThat(reply.intent()).isEqualTo(Intent.SEARCH);
    assertThat(reply.constraints().maxPrice()).isEqualByComparingTo(new BigDecimal("500"));
    assertThat(reply.products()).extracting(Product::id).containsExactlyInAnyOrder("ZH-RUN-01", "ZH-RUN-02",
        "ZH-RUN-05");
    for (Product p : reply.products()) {
      assertThat(reply.text()).contains(p.title()).contains(p.price().format());
    }
    // written from the Chinese templates: Han characters outside the products' titles and prices
    String rest = reply.text();
    for (Product p : reply.products()) {
      rest = rest.replace(p.title(), "").replace(p.price().format(), "");
    }
    assertThat(rest.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
        .as("template text in Chinese: %s", reply.text()).isTrue();
  }

  @Test
  void policyQuestionsQuoteTheEntryTheirCharactersPointTo() {
    // without FaqIndex's lexical share the encoder alone answers the first with the warranty entry
    assertThat(say("faq-1", "我想退掉上周买的鞋子，怎么弄").text()).contains("怎么退货").contains("7天");
    assertThat(say("faq-2", "上周买的衣服能退吗").text()).contains("怎么退货");
    assertThat(say("faq-3", "耳机有保修吗").text()).contains("商品有保修吗");
    assertThat(say("faq-4", "运费怎么算").text()).contains("运费怎么算");
  }

  private static ChatReply say(String session, String message) {
    return sdk.guide().chat(session, message);
  }

  private static List<String> ids(ChatReply reply) {
    return reply.products().stream().map(Product::id).toList();
  }

  @Test
  void chineseAttributeValuesOfOneOrTwoCharactersAreConstraints() {
    ChatReply black = say("zh-attr-1", "有没有黑色的跑步鞋");
    assertThat(black.constraints().attributes()).containsEntry("颜色", java.util.Set.of("黑色"));
    assertThat(ids(black)).containsExactly("ZH-RUN-01");

    say("zh-attr-2", "我想买登山鞋");
    ChatReply women = say("zh-attr-2", "女款的");
    assertThat(women.constraints().categories()).containsExactly("登山鞋");
    assertThat(women.constraints().attributes()).containsEntry("性别", java.util.Set.of("女"));
    assertThat(ids(women)).containsExactly("ZH-HIKE-02");

    ChatReply either = say("zh-attr-3", "我想要红色或者白色的跑步鞋");
    assertThat(either.constraints().attributes()).containsEntry("颜色", java.util.Set.of("红色", "白色"));
    assertThat(ids(either)).containsExactlyInAnyOrder("ZH-RUN-02", "ZH-RUN-03");
  }

  @Test
  void aColourNoBackpackHasGetsNothingFitsAndTheRelaxation() {
    ChatReply blue = say("zh-none", "我要一个蓝色的背包");
    assertThat(blue.constraints().attributes()).containsEntry("颜色", java.util.Set.of("蓝色"));
    assertThat(blue.products()).isEmpty();
    assertThat(blue.text()).contains("没有符合").contains("蓝色").contains("去掉“颜色”条件后有 4 件");
  }

  @Test
  void recommendationReasonsAreInChinese() {
    io.guidesdk.Recommendations first = sdk.recommender().topN("zh-shopper", 3);
    assertThat(first.items()).isNotEmpty();
    assertThat(first.items()).allSatisfy(i -> assertThat(i.reason()).matches(".*\\p{IsHan}.*")
        .doesNotContainPattern("[A-Za-z]{3,}"));
    String clicked = first.items().get(0).product().id();
    sdk.rewards().accept(io.guidesdk.RewardEvent.click("zh-shopper", clicked, first.recommendationId()));
    sdk.rewards().flush();
    String title = sdk.catalog().get(clicked).orElseThrow().title();
    assertThat(sdk.recommender().topN("zh-shopper", 5).items())
        .anySatisfy(i -> assertThat(i.reason()).isEqualTo("因为您浏览过" + title));
  }

  @Test
  void productCopyWithoutAModelIsWrittenInChinese() {
    Product shoe = sdk.catalog().get("ZH-RUN-01").orElseThrow();
    assertThat(sdk.describe(shoe, null)).isEqualTo("李宁 男款轻量跑步鞋 透气网面，¥399.00。颜色：黑色，性别：男。");
    Product cup = sdk.catalog().get("ZH-CUP-01").orElseThrow();
    assertThat(sdk.describe(cup, null)).isEqualTo("陶瓷咖啡杯 350毫升（家居生活），¥39.00。颜色：白色。");
  }

  @Test
  void chineseNegationsExcludeBrandsAndValues() {
    ChatReply brands = say("zh-neg-1", "不要李宁和安踏的跑步鞋");
    assertThat(brands.constraints().excludedBrands()).containsExactlyInAnyOrder("李宁", "安踏");
    assertThat(brands.constraints().brands()).isEmpty();
    assertThat(ids(brands)).containsExactlyInAnyOrder("ZH-RUN-03", "ZH-RUN-04");

    ChatReply colour = say("zh-neg-2", "除了黑色的耳机");
    assertThat(colour.constraints().excludedAttributes()).containsEntry("颜色", java.util.Set.of("黑色"));
    assertThat(ids(colour)).containsExactlyInAnyOrder("ZH-EAR-02", "ZH-EAR-04", "ZH-EAR-05");
    assertThat(colour.text()).contains("不要 黑色");
  }

  @Test
  void chinesePriceBoundsAndRanges() {
    ChatReply max = say("zh-price-1", "300块钱以下的耳机");
    assertThat(max.constraints().maxPrice()).isEqualByComparingTo("300");
    assertThat(ids(max)).containsExactlyInAnyOrder("ZH-EAR-02", "ZH-EAR-03", "ZH-EAR-05");

    ChatReply min = say("zh-price-2", "500元以上的外套");
    assertThat(min.constraints().minPrice()).isEqualByComparingTo("500");
    assertThat(ids(min)).containsExactlyInAnyOrder("ZH-COAT-01", "ZH-COAT-02", "ZH-COAT-03", "ZH-COAT-04");

    ChatReply range = say("zh-price-3", "200元到500元之间的背包");
    assertThat(range.constraints().minPrice()).isEqualByComparingTo("200");
    assertThat(range.constraints().maxPrice()).isEqualByComparingTo("500");
    assertThat(ids(range)).containsExactly("ZH-BAG-01");
  }

  @Test
  void chineseOrdinalsReferToTheProductsShown() {
    List<String> shown = ids(say("zh-ref", "耳机"));
    assertThat(shown).hasSizeGreaterThanOrEqualTo(3);

    ChatReply compare = say("zh-ref", "比较一下前两个");
    assertThat(compare.intent()).isEqualTo(Intent.COMPARE);
    assertThat(ids(compare)).containsExactly(shown.get(0), shown.get(1));

    ChatReply stock = say("zh-ref", "第二款有货吗");
    assertThat(stock.intent()).isEqualTo(Intent.PRODUCT_QUESTION);
    assertThat(ids(stock)).containsExactly(shown.get(1));
    assertThat(stock.text()).contains("库存").contains("有货").doesNotContain("in stock");

    ChatReply colour = say("zh-ref", "第3个是什么颜色");
    Product third = sdk.catalog().get(shown.get(2)).orElseThrow();
    assertThat(ids(colour)).containsExactly(third.id());
    assertThat(colour.text()).contains(third.attributes().get("颜色"));

    ChatReply pronoun = say("zh-ref", "这款是什么颜色");
    assertThat(pronoun.intent()).isEqualTo(Intent.PRODUCT_QUESTION);
    assertThat(ids(pronoun)).containsExactly(shown.get(0));

    ChatReply price = say("zh-ref", "第一个多少钱");
    Product first = sdk.catalog().get(shown.get(0)).orElseThrow();
    assertThat(price.intent()).isEqualTo(Intent.PRODUCT_QUESTION);
    assertThat(price.text()).contains(first.price().format()).contains("品牌").doesNotContain("brand");
  }
}
