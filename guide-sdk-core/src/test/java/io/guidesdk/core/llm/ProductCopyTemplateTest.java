package io.guidesdk.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The copy {@code sdk.describe} writes without a language model, in English and in Chinese. */
class ProductCopyTemplateTest {
  static final Product BOOT = Product.builder("b1", "Trail Boot", Money.of(120, "USD")).brand("Hiko")
      .category("Shoes", "Hiking Boots").attribute("waterproof", "yes").attribute("weight_g", "480").inStock(false)
      .build();
  static final Product TEAPOT = Product.builder("t1", "紫砂茶壶", Money.of(268, "CNY")).brand("宜兴")
      .category("厨房", "茶具").attribute("颜色", "紫色").build();

  static String copy(Locale locale, Product p, List<String> interests) {
    return ProductCopywriter.templatesOnly(() -> Catalog.of(List.of(p)), locale).describe(p, interests);
  }

  @Test
  void englishCopy() {
    assertThat(copy(Locale.ENGLISH, BOOT, List.of("Hiking Boots")))
        .isEqualTo("Trail Boot by Hiko, $120.00. Waterproof: yes, weight g: 480. A fit for your interest in Hiking "
            + "Boots. Currently out of stock.");
  }

  @Test
  void chineseCopy() {
    assertThat(copy(Locale.SIMPLIFIED_CHINESE, TEAPOT, List.of("茶具")))
        .isEqualTo("紫砂茶壶（宜兴），¥268.00。颜色：紫色。符合您对茶具的兴趣。");
    assertThat(copy(Locale.SIMPLIFIED_CHINESE, BOOT, List.of()))
        .isEqualTo("Trail Boot（Hiko），$120.00。Waterproof：yes，weight g：480。目前缺货。");
  }
}
