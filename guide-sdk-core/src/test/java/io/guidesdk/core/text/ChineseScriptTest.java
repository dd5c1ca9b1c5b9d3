package io.guidesdk.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.DemoData;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Messages in the other Chinese script are converted to the catalog's (ICU4J, a test dependency here). */
class ChineseScriptTest {

  private static Catalog titled(String... titles) {
    List<Product> ps = new java.util.ArrayList<>();
    for (int i = 0; i < titles.length; i++) {
      ps.add(Product.builder("P" + i, titles[i], Money.of(10, "CNY")).category("类").build());
    }
    return Catalog.of(ps);
  }

  @Test
  void aSimplifiedCatalog_getsTraditionalMessagesInSimplified() {
    UnaryOperator<String> convert = ChineseScript.forCatalog(DemoData.chineseCatalog());
    assertThat(convert.apply("運費怎麼算？預算五百塊以內的藍色帳篷")).isEqualTo("运费怎么算？预算五百块以内的蓝色帐篷");
    assertThat(convert.apply("运费怎么算")).isEqualTo("运费怎么算");
  }

  @Test
  void aTraditionalCatalog_getsSimplifiedMessagesInTraditional() {
    Catalog traditional = titled("無線藍牙耳機 主動降噪", "雙人野營帳篷 防雨", "男款衝鋒衣 防水防風", "不鏽鋼保溫杯 500毫升",
        "城市通勤雙肩包", "頭戴式有線耳機");
    UnaryOperator<String> convert = ChineseScript.forCatalog(traditional);
    assertThat(convert.apply("蓝牙耳机，运费怎么算")).isEqualTo("藍牙耳機，運費怎麼算");
  }

  @Test
  void anEnglishCatalog_andMessagesWithoutHan_areLeftAsTheyAre() {
    assertThat(ChineseScript.forCatalog(DemoData.catalog()).apply("運費")).isEqualTo("運費");
    assertThat(ChineseScript.forCatalog(DemoData.chineseCatalog()).apply("running shoes under $100"))
        .isEqualTo("running shoes under $100");
  }
}
