package io.guidesdk.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

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
  void levenshtein() {
    assertThat(FilterCheck.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(FilterCheck.distance("", "abc")).isEqualTo(3);
    assertThat(FilterCheck.distance("same", "same")).isZero();
  }
}
