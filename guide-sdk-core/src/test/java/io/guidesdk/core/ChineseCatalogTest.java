package io.guidesdk.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.ChatReply;
import io.guidesdk.Intent;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.dialogue.DialogueOptions;
import io.guidesdk.core.retrieval.ScoredProduct;
import io.guidesdk.core.retrieval.SearchSettings;
import io.guidesdk.onnx.OnnxEncoder;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Chinese shop as docs/search.md sets it up: its own catalog in Chinese, the Chinese encoder
 * ({@link OnnxEncoder.Bundled#BGE_SMALL_ZH_V15}, from the artifact the shop adds), CJK analysis and the
 * Chinese reply templates. The real model, no LLM.
 */
class ChineseCatalogTest {
  private static OnnxEncoder zh;
  private static GuideSdk sdk;

  @BeforeAll
  static void build() throws Exception {
    Path catalog = Path.of(ChineseCatalogTest.class.getResource("zh-catalog.jsonl").toURI());
    zh = OnnxEncoder.bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15);
    sdk = GuideSdk.builder()
        .catalog(catalog)
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
    assertThat(search("冬天穿的暖和衣服", 1)).as("warm clothes for winter").containsExactly("ZH-COAT-02");
    assertThat(search("泡茶的器具", 2)).as("something to brew tea in").allMatch(id -> id.startsWith("ZH-TEA-"));
  }

  @Test
  void aWordInTheTitleRanksItsProductsFirst() {
    assertThat(search("跑步鞋", 3)).containsExactlyInAnyOrder("ZH-RUN-01", "ZH-RUN-02", "ZH-RUN-03");
    assertThat(search("咖啡杯", 2)).containsExactlyInAnyOrder("ZH-CUP-01", "ZH-CUP-02");
  }

  @Test
  void aChineseRequestWithABudgetGetsAGroundedChineseReply() {
    ChatReply reply = sdk.guide().chat("zh-1", "我想要500元以下的跑步鞋");
    assertThat(reply.intent()).isEqualTo(Intent.SEARCH);
    assertThat(reply.constraints().maxPrice()).isEqualByComparingTo(new BigDecimal("500"));
    assertThat(reply.products()).extracting(Product::id).containsExactlyInAnyOrder("ZH-RUN-01", "ZH-RUN-02");
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
}
