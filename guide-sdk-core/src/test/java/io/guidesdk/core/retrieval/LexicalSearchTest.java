package io.guidesdk.core.retrieval;

import static io.guidesdk.core.retrieval.SearchFixtures.ids;
import static io.guidesdk.core.retrieval.SearchFixtures.index;
import static io.guidesdk.core.retrieval.SearchFixtures.product;
import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexicalSearchTest {
  private static final List<Product> SHOES = List.of(
      product("t", "Trail running shoe", "light and grippy", "Salomon", 120, "Shoes", "Running Shoes"),
      product("d", "Cushioned trainer", "a running shoe for long runs", "Asics", 90, "Shoes", "Running Shoes"),
      product("b", "Leather boot", "waterproof", "Running Co", 150, "Shoes", "Boots"),
      product("x", "Stainless kettle", "boils water", "Bosch", 40, "Kitchen"));

  @Test
  void titleMatchOutranksDescriptionMatchWithDefaultBoosts() {
    try (ProductSearchIndex idx = index(SHOES, SearchSettings.defaults())) {
      assertThat(ids(idx, idx.lexical("running shoe", ProductFilter.none(), 10))).startsWith("t", "d");
    }
  }

  @Test
  void boostsDecideWhichFieldWins() {
    SearchSettings descriptionHeavy = SearchSettings.builder().boosts(0.1f, 0f, 0f, 5f).phraseBoost(0).build();
    try (ProductSearchIndex idx = index(SHOES, descriptionHeavy)) {
      assertThat(ids(idx, idx.lexical("running shoe", ProductFilter.none(), 10))).startsWith("d");
    }
    SearchSettings brandOnly = SearchSettings.builder().boosts(0f, 1f, 0f, 0f).phraseBoost(0).build();
    try (ProductSearchIndex idx = index(SHOES, brandOnly)) {
      assertThat(ids(idx, idx.lexical("running", ProductFilter.none(), 10))).containsExactly("b");
    }
  }

  @Test
  void englishAnalysisStemsAndCjkAnalysisMatchesChinese() {
    try (ProductSearchIndex idx = index(SHOES, SearchSettings.defaults())) {
      assertThat(ids(idx, idx.lexical("boots", ProductFilter.none(), 10))).containsExactly("b");
    }
    List<Product> zh = List.of(product("z1", "男士跑步鞋 轻便透气", "", "李宁", 299, "鞋"),
        product("z2", "不锈钢电热水壶", "", "美的", 99, "厨房"));
    try (ProductSearchIndex idx = index(zh, SearchSettings.builder().analysis(SearchSettings.Analysis.CJK).build())) {
      assertThat(ids(idx, idx.lexical("跑步鞋", ProductFilter.none(), 10))).containsExactly("z1");
      assertThat(ids(idx, idx.lexical("热水壶", ProductFilter.none(), 10))).containsExactly("z2");
    }
  }

  @Test
  void filtersApplyInsideTheLexicalQuery() {
    try (ProductSearchIndex idx = index(SHOES, SearchSettings.defaults())) {
      assertThat(ids(idx, idx.lexical("running shoe", ProductFilter.builder().maxPrice(100).build(), 10)))
          .containsExactly("d");
      assertThat(ids(idx, idx.lexical("running", ProductFilter.builder().category("boots").build(), 10)))
          .containsExactly("b");
      assertThat(ids(idx, idx.lexical("shoe", ProductFilter.builder().category("Shoes").brand("SALOMON").build(), 10)))
          .containsExactly("t");
      assertThat(ids(idx, idx.lexical("running shoe", ProductFilter.builder().excludeBrand("salomon").build(), 10)))
          .doesNotContain("t").contains("d");
    }
  }

  @Test
  void attributeAndStockFilters() {
    List<Product> ps = List.of(
        Product.builder("r", "red running shoe", io.guidesdk.Money.of(50, "USD")).attribute("color", "Red").build(),
        Product.builder("k", "black running shoe", io.guidesdk.Money.of(50, "USD")).attribute("color", "black")
            .inStock(false).build(),
        Product.builder("n", "plain running shoe", io.guidesdk.Money.of(50, "USD")).build());
    try (ProductSearchIndex idx = index(ps, SearchSettings.defaults())) {
      assertThat(ids(idx, idx.lexical("shoe", ProductFilter.builder().attribute("color", "red").build(), 10)))
          .containsExactly("r");
      assertThat(ids(idx, idx.lexical("shoe", ProductFilter.builder().inStockOnly(true).build(), 10)))
          .containsExactlyInAnyOrder("r", "n");
      assertThat(ids(idx, idx.lexical("shoe", ProductFilter.builder().excludeAttribute("color", "RED").build(), 10)))
          .containsExactlyInAnyOrder("k", "n");
    }
  }

  @Test
  void filteredQueriesStillFillK() {
    // 200 strong matches priced 100, then 30 weak matches priced 10: the cheap ones rank far below k
    List<Product> ps = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ps.add(product("s" + i, "wireless headphones noise cancelling wireless", "", "Sonic", 100, "Audio"));
    }
    for (int i = 0; i < 30; i++) {
      ps.add(product("c" + i, "cable", "works with wireless headphones", "Cheap", 10, "Audio"));
    }
    ProductFilter cheap = ProductFilter.builder().maxPrice(20).build();
    try (ProductSearchIndex idx = index(ps, SearchSettings.defaults())) {
      Hits lex = idx.lexical("wireless headphones", cheap, 20);
      assertThat(lex.size()).isEqualTo(20);
      assertThat(ids(idx, lex)).allMatch(id -> id.startsWith("c"));
      float[] q = idx.embeddings().vector(0);
      Hits dense = idx.denseExact(q, cheap, 20);
      assertThat(dense.size()).isEqualTo(20);
      assertThat(ids(idx, dense)).allMatch(id -> id.startsWith("c"));
      assertThat(idx.browse(cheap, 25).size()).isEqualTo(25);
      assertThat(idx.count(cheap)).isEqualTo(30);
    }
  }

  @Test
  void queriesThatAnalyzeToNothingFindNothing() {
    try (ProductSearchIndex idx = index(SHOES, SearchSettings.defaults())) {
      assertThat(idx.lexical("the of and", ProductFilter.none(), 10).size()).isZero();
      assertThat(idx.lexical("!!! ???", ProductFilter.none(), 10).size()).isZero();
    }
  }

  @Test
  void titlePhraseRescoresTheTermHitsToTheFullQuerysScores() {
    // 400 products over a small vocabulary: many share terms, fewer hold them as a phrase
    String[] words = {"red", "running", "shoe", "trail", "boot", "wool", "sock", "rain", "jacket", "light"};
    java.util.Random r = new java.util.Random(3);
    List<Product> ps = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      StringBuilder t = new StringBuilder();
      for (int w = 0, len = 2 + r.nextInt(5); w < len; w++) {
        t.append(w == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
      }
      ps.add(product("p" + i, t.toString(), words[r.nextInt(words.length)], "B" + r.nextInt(5), 10 + i, "Shoes"));
    }
    int[] all = java.util.stream.IntStream.range(0, ps.size()).toArray();
    try (ProductSearchIndex idx = index(ps, SearchSettings.defaults())) {
      for (String q : List.of("running shoe", "trail boot", "wool sock", "rain jacket")) {
        double[] full = idx.lexicalScores(q, all); // the whole query, phrase clause included, for every product
        Hits hits = idx.lexical(q, ProductFilter.none(), 20);
        double[] sorted = java.util.Arrays.stream(full).map(x -> -x).sorted().map(x -> -x).toArray();
        assertThat(hits.size()).isEqualTo(20);
        boolean phraseCounted = false;
        for (int i = 0; i < hits.size(); i++) {
          // each hit carries its full-query score, and the hits are the full query's top 20
          assertThat(hits.scores()[i]).as("%s, hit %d", q, i).isCloseTo(full[hits.positions()[i]],
              org.assertj.core.data.Offset.offset(1e-4));
          assertThat(hits.scores()[i]).as("%s, rank %d", q, i).isCloseTo(sorted[i], org.assertj.core.data.Offset.offset(1e-4));
          phraseCounted |= ps.get(hits.positions()[i]).title().contains(q);
        }
        assertThat(phraseCounted).as("some hit of '%s' holds it as a phrase", q).isTrue();
      }
    }
    try (ProductSearchIndex idx = index(ps, SearchSettings.builder().phraseBoost(0).build())) {
      Hits withoutPhrase = idx.lexical("running shoe", ProductFilter.none(), 20);
      try (ProductSearchIndex withPhrase = index(ps, SearchSettings.defaults())) {
        assertThat(withPhrase.lexical("running shoe", ProductFilter.none(), 20).scores()[0])
            .isGreaterThan(withoutPhrase.scores()[0]);
      }
    }
  }

  @Test
  void aProductsScoreIsTheSumOfItsBoostedFieldScores() {
    SearchSettings all = SearchSettings.builder().phraseBoost(0).build();
    float[][] single = {{all.titleBoost(), 0, 0, 0}, {0, all.brandBoost(), 0, 0}, {0, 0, all.categoryBoost(), 0},
        {0, 0, 0, all.descriptionBoost()}};
    int[] positions = java.util.stream.IntStream.range(0, SHOES.size()).toArray();
    for (String q : List.of("running shoe", "leather running boots", "salomon trail")) {
      double[] sum = new double[SHOES.size()];
      for (float[] b : single) {
        try (ProductSearchIndex idx = index(SHOES, all.toBuilder().boosts(b[0], b[1], b[2], b[3]).build())) {
          double[] part = idx.lexicalScores(q, positions);
          for (int i = 0; i < sum.length; i++) {
            sum[i] += part[i];
          }
        }
      }
      try (ProductSearchIndex idx = index(SHOES, all)) {
        double[] scores = idx.lexicalScores(q, positions);
        Hits hits = idx.lexical(q, ProductFilter.none(), 10);
        for (int i = 0; i < sum.length; i++) {
          assertThat(scores[i]).as("%s, product %d", q, i).isCloseTo(sum[i], org.assertj.core.data.Offset.offset(1e-4));
        }
        for (int i = 0; i < hits.size(); i++) {
          assertThat(hits.scores()[i]).isCloseTo(sum[hits.positions()[i]], org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(hits.size()).isEqualTo((int) java.util.Arrays.stream(sum).filter(x -> x > 0).count());
      }
    }
  }

  @Test
  void aLongChineseQueryAtTheLengthCapStillSearches() {
    // 512 Han characters make 511 distinct bigrams in each of four fields under CJK analysis
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < SearchSettings.DEFAULT_MAX_QUERY_CHARS; i++) {
      q.appendCodePoint(0x4E00 + i * 7);
    }
    List<Product> zh = List.of(product("z1", "男士跑步鞋 " + q.substring(0, 4), "", "李宁", 299, "鞋"),
        product("z2", "不锈钢电热水壶", "", "美的", 99, "厨房"));
    try (ProductSearchIndex idx = index(zh, SearchSettings.builder().analysis(SearchSettings.Analysis.CJK).build())) {
      assertThat(ids(idx, idx.lexical(q.toString(), ProductFilter.none(), 10))).containsExactly("z1");
      assertThat(idx.lexicalScores(q.toString(), new int[] {0, 1})[0]).isPositive();
    }
  }
}
