package io.guidesdk.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BootstrapTest {
  @Test
  void constantSample_hasADegenerateInterval() {
    Bootstrap.Interval i = Bootstrap.defaults().mean(new double[] {0.5, 0.5, 0.5});
    assertEquals(0.5, i.mean(), 1e-12);
    assertEquals(0.5, i.low(), 1e-12);
    assertEquals(0.5, i.high(), 1e-12);
  }

  @Test
  void interval_containsTheMean_andShrinksWithMoreData() {
    double[] small = new double[20];
    double[] large = new double[2000];
    for (int i = 0; i < large.length; i++) {
      double v = i % 2;
      large[i] = v;
      if (i < small.length) {
        small[i] = v;
      }
    }
    Bootstrap.Interval s = Bootstrap.defaults().mean(small);
    Bootstrap.Interval l = Bootstrap.defaults().mean(large);
    assertThat(s.low()).isLessThan(0.5);
    assertThat(s.high()).isGreaterThan(0.5);
    assertThat(l.high() - l.low()).isLessThan((s.high() - s.low()) / 5);
  }

  @Test
  void pairedDifference_isMeanOfDifferences() {
    Bootstrap.Interval d = Bootstrap.defaults().pairedDifference(new double[] {1, 2, 3}, new double[] {0, 1, 2});
    assertEquals(1.0, d.mean(), 1e-12);
    assertThat(d.excludesZeroAbove()).isTrue();
    assertThrows(IllegalArgumentException.class,
        () -> Bootstrap.defaults().pairedDifference(new double[] {1}, new double[] {1, 2}));
  }
}
