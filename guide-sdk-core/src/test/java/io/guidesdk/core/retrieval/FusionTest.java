package io.guidesdk.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FusionTest {
  private static final Hits LEX = new Hits(new int[] {7, 3, 5}, new double[] {9.0, 5.0, 1.0});
  private static final Hits DENSE = new Hits(new int[] {3, 8}, new double[] {0.8, 0.4});

  @Test
  void rrfSumsWeightedReciprocalRanks() {
    Map<Integer, Double> f = Fusion.rrf(LEX, DENSE, 1.0, 2.0, 60);
    assertThat(f).containsOnlyKeys(7, 3, 5, 8);
    assertThat(f.get(7)).isCloseTo(1.0 / 61, within(1e-12));
    assertThat(f.get(3)).isCloseTo(1.0 / 62 + 2.0 / 61, within(1e-12));
    assertThat(f.get(5)).isCloseTo(1.0 / 63, within(1e-12));
    assertThat(f.get(8)).isCloseTo(2.0 / 62, within(1e-12));
  }

  @Test
  void linearScalesEachListToUnitRangeThenWeights() {
    Map<Integer, Double> f = Fusion.linear(LEX, DENSE, 0.3, 0.7);
    assertThat(f.get(7)).isCloseTo(0.3 * 1.0, within(1e-12));
    assertThat(f.get(3)).isCloseTo(0.3 * 0.5 + 0.7 * 1.0, within(1e-12));
    assertThat(f.get(5)).isCloseTo(0.0, within(1e-12));
    assertThat(f.get(8)).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void minMaxOfEqualScoresIsOne() {
    assertThat(Fusion.minMax(new double[] {2, 2})).containsExactly(1.0, 1.0);
    assertThat(Fusion.minMax(new double[] {})).isEmpty();
    assertThat(Fusion.minMax(new double[] {1, 3, 2})).containsExactly(0.0, 1.0, 0.5);
  }

  @Test
  void rrfRejectsNonPositiveK() {
    assertThatThrownBy(() -> Fusion.rrf(LEX, DENSE, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k must be >= 1");
  }

  @Test
  void topNKeepsTheBestInOrder() {
    TopN top = new TopN(3);
    double[] s = {0.1, 0.9, 0.5, 0.7, 0.3, 0.95};
    for (int i = 0; i < s.length; i++) {
      top.offer(i, s[i]);
    }
    Hits h = top.toHits();
    assertThat(h.positions()).containsExactly(5, 1, 3);
    assertThat(h.scores()).containsExactly(0.95, 0.9, 0.7);
  }
}
