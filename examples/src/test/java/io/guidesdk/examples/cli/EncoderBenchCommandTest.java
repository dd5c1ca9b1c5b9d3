package io.guidesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Product;
import io.guidesdk.core.catalog.DemoData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's inputs: 2,000 titles built deterministically from the bundled catalog. */
class EncoderBenchCommandTest {

  @Test
  void buildsTheSameTwoThousandTitlesFromTheCatalogEveryTime() {
    List<Product> products = DemoData.catalog().products();
    List<String> titles = EncoderBenchCommand.titles(products, 2000);
    assertThat(titles).hasSize(2000).isEqualTo(EncoderBenchCommand.titles(products, 2000));
    assertThat(titles.get(0)).isEqualTo(products.get(0).title());
    Product first = products.get(0);
    assertThat(titles.get(products.size())).startsWith(first.title() + ", ");
    assertThat(titles.get(2 * products.size())).isEqualTo(first.category() + ": " + first.title() + " by " + first.brand());
    assertThat(titles.get(3 * products.size())).startsWith(first.title() + " (");
    assertThat(titles.stream().distinct().count()).isGreaterThan(1900);
  }

  @Test
  void percentilesAndMedians() {
    double[] xs = {5, 1, 4, 2, 3};
    assertThat(EncoderBenchCommand.median(xs)).isEqualTo(3);
    assertThat(EncoderBenchCommand.median(new double[] {1, 2, 3, 4})).isEqualTo(2.5);
    assertThat(EncoderBenchCommand.percentile(xs, 99)).isEqualTo(5);
    assertThat(EncoderBenchCommand.cosine(new float[] {1, 0}, new float[] {2, 0})).isEqualTo(1.0);
  }
}
