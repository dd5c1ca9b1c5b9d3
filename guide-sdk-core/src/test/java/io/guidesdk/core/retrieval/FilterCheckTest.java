package io.guidesdk.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.Catalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterCheckTest {
  @Test
  void suggestsNearestKnownValues() {
    List<String> brands = List.of("Nike", "Asics", "Salomon", "New Balance");
    assertThat(FilterCheck.nearest("nkie", brands, 3)).containsExactly("Nike");
    assertThat(FilterCheck.nearest("balance", brands, 3)).containsExactly("New Balance");
    assertThat(FilterCheck.nearest("zzzzzzzz", brands, 3)).isEmpty();
  }

  @Test
  void rangesOnUnknownOrNonNumericAttributes_orEmptyRanges_areExplained() {
    Catalog c = Catalog.of(List.of(
        Product.builder("a", "oven pan", Money.of(30, "USD")).attribute("oven_safe_f", "500").attribute("color", "red")
            .build(),
        Product.builder("b", "skillet", Money.of(40, "USD")).attribute("oven_safe_f", "unrated").build()));
    assertThat(c.numericAttributes()).containsExactly("oven_safe_f");
    assertThat(FilterCheck.problems(c, ProductFilter.builder().attributeAtLeast("oven_safe_f", 450).build())).isEmpty();
    assertThat(FilterCheck.problems(c, ProductFilter.builder().attributeAtLeast("oven_save_f", 450).build()))
        .containsExactly("unknown attribute 'oven_save_f'; did you mean oven_safe_f?");
    assertThat(FilterCheck.problems(c, ProductFilter.builder().attributeAtMost("color", 3).build()))
        .containsExactly("attribute color has no numeric values to compare with ≤ 3 (values: red)");
    ProductFilter empty = ProductFilter.builder().attributeBetween("oven_safe_f", 600, 400).build();
    assertThat(empty.isContradictory()).isTrue();
    assertThat(FilterCheck.problems(c, empty))
        .containsExactly("range of attribute oven_safe_f is contradictory: min 600 is above max 400");
  }

  @Test
  void levenshtein() {
    assertThat(FilterCheck.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(FilterCheck.distance("", "abc")).isEqualTo(3);
    assertThat(FilterCheck.distance("same", "same")).isZero();
  }
}
