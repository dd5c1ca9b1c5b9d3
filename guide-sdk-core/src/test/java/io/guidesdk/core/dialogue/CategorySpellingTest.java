package io.guidesdk.core.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CategorySpellingTest {

  private static final Catalog CATALOG = Catalog.of(List.of(
      product("W1", "Garmin Forerunner 55 GPS watch", "Smartwatches"),
      product("S1", "Pegasus 40 road running shoe", "Running Shoes"),
      product("B1", "Daypack 30 l with rain cover", "Backpacks"),
      product("H1", "Trail boot, waterproof", "Hiking Boots"),
      product("H2", "Trail runner, mesh", "Trail Shoes"),
      product("C1", "Drip coffee machine", "Coffee Makers")));

  private static Product product(String id, String title, String category) {
    return Product.builder(id, title, Money.of(10, "USD")).category(category).build();
  }

  private static final CategorySpelling SPELLING = new CategorySpelling(CATALOG, CATALOG.categories());

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "smart watches from garmin | smartwatches from garmin",
      "a smart-watch under 400 | a smartwatch under 400",
      "back packs | backpacks",
      "runing shoes for women | running shoes for women",
      "runnign shoes | running shoes",
      "hikking boots | hiking boots",
      // unchanged: already right, used by the titles, a target under six letters, too short, too far
      "hiking botos | hiking botos",
      "running shoes | running shoes",
      "trail runner | trail runner",
      "shos | shos",
      "rnuing shoes | rnuing shoes",
      "smart phone | smart phone",
      // a verb form is not a slip for its agent noun, but a slip in the noun is
      "it makes a burning smell | it makes a burning smell",
      "coffee makrs | coffee makers"})
  void spellsCategoryWordsAsTheCatalogDoes(String message, String expected) {
    assertThat(SPELLING.correct(message)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({"runing, running, true", "running, runing, true", "hikimg, hiking, true", "hiknig, hiking, true",
      "hiking, hiking, false", "hkiing, hiking, true", "hikingg, hiking, true", "hking, hiking, true",
      "hikers, hiking, false", "boots, shoes, false", "ab, ba, true", "abc, cab, false"})
  void oneEditApart(String a, String b, boolean expected) {
    assertThat(CategorySpelling.oneEditApart(a, b)).isEqualTo(expected);
  }
}
