package io.guidesdk.core.retrieval;

import static io.guidesdk.core.retrieval.SearchFixtures.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Numeric attribute ranges in every retrieval path (BM25, exact scan, HNSW, browse, count) let through
 * exactly the products {@link ProductFilter#test} accepts, inside retrieval, so a range still fills k.
 */
class AttributeRangeFilterTest {
  /** Weights 100..499 g in steps of 1 with a few odd values: a unit, a negative, a range, a word, none. */
  private static List<Product> products() {
    List<Product> ps = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      ps.add(Product.builder("p" + i, "trail running shoe model " + i, Money.of(50 + i % 7, "USD"))
          .attribute("weight_g", Integer.toString(100 + i))
          .attribute("temp_rating_f", Integer.toString(i % 50 - 20))
          .build());
    }
    ps.add(Product.builder("unit", "trail running shoe with unit", Money.of(50, "USD"))
        .attribute("weight_g", "250 g").build());
    ps.add(Product.builder("decimal", "trail running shoe decimal", Money.of(50, "USD"))
        .attribute("weight_g", "250.5").build());
    ps.add(Product.builder("span", "trail running shoe span", Money.of(50, "USD"))
        .attribute("weight_g", "200-300").build());
    ps.add(Product.builder("word", "trail running shoe word", Money.of(50, "USD"))
        .attribute("weight_g", "light").build());
    ps.add(Product.builder("none", "trail running shoe none", Money.of(50, "USD")).build());
    return ps;
  }

  private static final List<ProductFilter> FILTERS = List.of(
      ProductFilter.builder().attributeAtLeast("weight_g", 250).build(),
      ProductFilter.builder().attributeAtMost("weight_g", 250).build(),
      ProductFilter.builder().attributeBetween("weight_g", 250, 250.5).build(),
      ProductFilter.builder().attributeAtMost("temp_rating_f", -15).build(),
      ProductFilter.builder().attributeAtLeast("weight_g", 300).attributeAtMost("temp_rating_f", 0).maxPrice(52)
          .build(),
      ProductFilter.builder().attributeAtLeast("no_such_attribute", 1).build(),
      // exclusive ends: 250 itself (and "250 g") left out, 250.5 in; -15 left out
      ProductFilter.builder().attributeAbove("weight_g", 250).build(),
      ProductFilter.builder().attributeBelow("weight_g", 250.5).attributeBelow("temp_rating_f", -15).build());

  private static Set<String> expected(List<Product> ps, ProductFilter f) {
    Set<String> out = new TreeSet<>();
    ps.stream().filter(f::test).forEach(p -> out.add(p.id()));
    return out;
  }

  @Test
  void theIndexAndTheExactScanLetThroughWhatTheFilterAccepts() {
    List<Product> ps = products();
    Catalog c = Catalog.of(ps);
    float[] vectors = SearchFixtures.randomVectors(ps.size(), SearchFixtures.DIM, 5);
    for (SearchSettings settings : List.of(SearchSettings.defaults(), SearchSettings.builder().annThreshold(0).build())) {
      try (ProductSearchIndex idx = ProductSearchIndex.build(EmbeddingIndex.of(c, SearchFixtures.DIM, vectors),
          settings, IndexProgress.none())) {
        float[] query = java.util.Arrays.copyOf(vectors, SearchFixtures.DIM);
        for (ProductFilter f : FILTERS) {
          Set<String> want = expected(ps, f);
          int all = ps.size();
          assertThat(new TreeSet<>(ids(idx, idx.lexical("trail running shoe", f, all)))).as("lexical %s", f)
              .isEqualTo(want);
          assertThat(new TreeSet<>(ids(idx, idx.denseExact(query, f, all)))).as("exact %s", f).isEqualTo(want);
          assertThat(new TreeSet<>(ids(idx, idx.browse(f, all)))).as("browse %s", f).isEqualTo(want);
          assertThat(idx.count(f)).as("count %s", f).isEqualTo(want.size());
          if (idx.usesAnn()) {
            // a graph search returns at most its beam; every hit must pass, and a small k must fill
            Hits ann = idx.denseAnn(query, f, 10);
            assertThat(ids(idx, ann)).as("ann %s", f).allMatch(want::contains);
            assertThat(ann.size()).as("ann fills k %s", f).isEqualTo(Math.min(10, want.size()));
          }
        }
      }
    }
  }

  @Test
  void expectedSetsAreTheIntendedOnes() {
    List<Product> ps = products();
    // 150 plain weights of 250..399 g (p150..p399 is 250..499: 250 of them), plus "250 g" and "250.5"
    assertThat(expected(ps, FILTERS.get(0))).hasSize(250 + 2).contains("unit", "decimal")
        .doesNotContain("span", "word", "none");
    assertThat(expected(ps, FILTERS.get(1))).hasSize(151 + 1).contains("unit").doesNotContain("decimal");
    assertThat(expected(ps, FILTERS.get(2))).containsExactlyInAnyOrder("p150", "unit", "decimal");
    assertThat(expected(ps, FILTERS.get(3))).allMatch(id -> {
      int i = Integer.parseInt(id.substring(1));
      return i % 50 - 20 <= -15;
    }).hasSize(48);
    assertThat(expected(ps, FILTERS.get(5))).isEmpty();
    assertThat(expected(ps, FILTERS.get(6))).hasSize(249 + 1).contains("decimal", "p151")
        .doesNotContain("p150", "unit");
    assertThat(expected(ps, FILTERS.get(7))).contains("p0", "p4").doesNotContain("p5", "decimal", "unit")
        .allMatch(id -> Integer.parseInt(id.substring(1)) % 50 - 20 < -15);
  }

  @Test
  void attributeNamesMatchAsWritten_valuesIgnoreCase_inTheIndexAsInTest() {
    List<Product> ps = List.of(
        Product.builder("upper", "red shoe", Money.of(50, "USD")).attribute("Color", "Red").attribute("Size", "10")
            .build(),
        Product.builder("lower", "red shoe", Money.of(50, "USD")).attribute("color", "red").attribute("size", "12")
            .build());
    try (ProductSearchIndex idx = SearchFixtures.index(ps, SearchSettings.defaults())) {
      for (ProductFilter f : List.of(ProductFilter.builder().attribute("Color", "RED").build(),
          ProductFilter.builder().attribute("color", "Red").build(),
          ProductFilter.builder().excludeAttribute("Color", "red").build(),
          ProductFilter.builder().attributeAtLeast("Size", 9).build(),
          ProductFilter.builder().attributeAtLeast("size", 9).build())) {
        Set<String> want = expected(ps, f);
        assertThat(want).as("%s", f).hasSize(1);
        assertThat(new TreeSet<>(ids(idx, idx.lexical("red shoe", f, 10)))).as("%s", f).isEqualTo(want);
        assertThat(idx.count(f)).as("%s", f).isEqualTo(1);
      }
    }
  }

  @Test
  void aRangeFillsKEvenWhenItsProductsRankFarDown() {
    List<Product> ps = products();
    try (ProductSearchIndex idx = SearchFixtures.index(ps, SearchSettings.defaults())) {
      // the query matches "unit" best; the range keeps only the 20 heaviest shoes
      ProductFilter heaviest = ProductFilter.builder().attributeAtLeast("weight_g", 480).build();
      Hits lex = idx.lexical("trail running shoe with unit", heaviest, 10);
      assertThat(lex.size()).isEqualTo(10);
      assertThat(ids(idx, lex)).allMatch(id -> Integer.parseInt(id.substring(1)) >= 380);
    }
  }
}
