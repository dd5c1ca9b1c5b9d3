package io.guidesdk.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.catalog.FaqEntry;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The grounding validator on Chinese replies, over the Chinese demo shop: the two running shoes under
 * 500 yuan are shown, and the shipping policy was retrieved.
 */
class ChineseGroundingTest {
  static final Catalog CATALOG = DemoData.chineseCatalog();
  static final Product R1 = CATALOG.get("ZH-RUN-01").orElseThrow();
  static final Product R2 = CATALOG.get("ZH-RUN-02").orElseThrow();
  static final FaqEntry SHIPPING = DemoData.chineseFaq().stream().filter(f -> f.id().equals("zh-shipping")).findFirst()
      .orElseThrow();
  final GroundingValidator validator = new GroundingValidator(CATALOG);

  List<String> problems(String text) {
    return validator.check(text, new GroundingValidator.Evidence(List.of(R1, R2), List.of(SHIPPING),
        ProductFilter.builder().maxPrice(new BigDecimal("500")).build(), "我想要500元以下的跑步鞋", List.of())).problems();
  }

  @Test
  void repliesThatKeepToTheFactsPass() {
    assertThat(problems("为您推荐李宁 男款轻量跑步鞋 透气网面（¥399.00），轻量缓震，适合日常慢跑。")).isEmpty();
    assertThat(problems("安踏 女款缓震跑步鞋售价459元，李宁 男款轻量跑步鞋 透气网面售价399元，都在500元以内。")).isEmpty();
    assertThat(problems("订单满99元包邮，下单后48小时内发货。")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "为您推荐李宁 男款轻量跑步鞋 透气网面，现价¥199.00。 | price ¥199.00",
      "安踏 女款缓震跑步鞋售价359元。 | price 359元",
      "为您推荐特步 专业竞速跑步鞋 碳板。 | names a product that is not shown: 特步 专业竞速跑步鞋 碳板",
      "推荐耐克的跑步鞋，很受欢迎。 | names a brand not among the products shown: 耐克",
      "这双鞋今天打八折。 | promotion claim not in the catalog or policies: '八折'",
      "现在下单还有优惠。 | promotion claim not in the catalog or policies: '优惠'",
      "这双鞋享受终身保修。 | policy claim not in the retrieved store policies: '终身'",
      "所有订单当天发货。 | policy claim not in the retrieved store policies: '当天'",
      "李宁 男款轻量跑步鞋 透气网面重量只有150克。 | the number 150",
      "访问 www.example.com 下单。 | link or address not from the shop's policies"})
  void eachKindOfInventionIsCaught(String text, String problem) {
    assertThat(problems(text)).anyMatch(p -> p.contains(problem));
  }
}
