package io.guidesdk.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.core.dialogue.DefaultShoppingGuide;
import io.guidesdk.core.llm.ProductCopywriter;
import io.guidesdk.core.recommend.DefaultRecommender;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundled Chinese texts translate every English key, and templates fill as documented. */
class BundledTextTest {

  @Test
  void everyEnglishKeyHasAChineseText() {
    Map<Class<?>, String> files = Map.of(DefaultShoppingGuide.class, "templates", DefaultRecommender.class, "reasons",
        ProductCopywriter.class, "copy");
    for (Map.Entry<Class<?>, String> file : files.entrySet()) {
      Class<?> anchor = file.getKey();
      String name = file.getValue();
      Map<String, String> en = Templates.read(anchor, name, "en");
      Map<String, String> zh = Templates.read(anchor, name, "zh");
      assertThat(en).as(name).isNotEmpty();
      assertThat(zh.keySet()).as(name + "_zh keys").isEqualTo(en.keySet());
      assertThat(zh.values()).as(name + "_zh read as UTF-8").anyMatch(v -> v.matches(".*\\p{IsHan}.*"));
    }
  }

  @Test
  void anotherLanguageFallsBackToEnglishKeyByKey() {
    Map<String, String> de = Templates.load(DefaultRecommender.class, "reasons", Locale.GERMAN);
    assertThat(de).isEqualTo(Templates.read(DefaultRecommender.class, "reasons", "en"));
    assertThat(Templates.read(DefaultRecommender.class, "reasons", "de")).isEmpty();
  }

  @Test
  void placeholdersAreFilledByName() {
    assertThat(Templates.fill("常与{title}一起购买", "title", "咖啡杯")).isEqualTo("常与咖啡杯一起购买");
    assertThat(Templates.fill("{a} and {b}, {unknown}", "b", "2", "a", "1")).isEqualTo("1 and 2, {unknown}");
    assertThat(Templates.fill("{not closed", "not closed", "x")).isEqualTo("{not closed");
    assertThatThrownBy(() -> Templates.fill("{a}", "a")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pairs");
  }
}
