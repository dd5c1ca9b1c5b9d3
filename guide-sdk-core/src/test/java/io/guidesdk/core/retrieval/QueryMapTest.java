package io.guidesdk.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.guidesdk.Product;
import io.guidesdk.core.GuideSdk;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.onnx.OnnxEncoder;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The affine query map: its fit, its pseudo-queries, and a real model's queries without their instruction. */
class QueryMapTest {

  private static float[] random(SplittableRandom r, int d) {
    float[] v = new float[d];
    for (int i = 0; i < d; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  private static float[] unit(double[] v) {
    double n = 0;
    for (double x : v) {
      n += x * x;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / Math.sqrt(n));
    }
    return out;
  }

  @Test
  void anAffineRelationIsRecovered_andMeasuredOnTheHeldOutFifth() {
    SplittableRandom r = new SplittableRandom(3);
    int d = 8;
    double[][] a = new double[d][d];
    double[] c = new double[d];
    for (int i = 0; i < d; i++) {
      c[i] = r.nextGaussian() * 0.3;
      for (int j = 0; j < d; j++) {
        a[i][j] = (i == j ? 1 : 0) + r.nextGaussian() * 0.4;
      }
    }
    List<float[]> from = new ArrayList<>();
    List<float[]> to = new ArrayList<>();
    for (int n = 0; n < 400; n++) {
      float[] x = random(r, d);
      double[] y = c.clone();
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          y[j] += x[i] * a[i][j];
        }
      }
      from.add(x);
      float[] yf = new float[d];
      for (int j = 0; j < d; j++) {
        yf[j] = (float) y[j];
      }
      to.add(yf); // exactly affine; the map's output is then brought to unit length
    }
    QueryMap map = QueryMap.fit(from, to, 1e-6);
    assertThat(map.dimension()).isEqualTo(d);
    assertThat(map.heldOutCosine()).isGreaterThan(0.999);
    assertThat(map.heldOutCosineUnmapped()).isLessThan(0.95);
    float[] x = random(r, d);
    double[] y = c.clone();
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        y[j] += x[i] * a[i][j];
      }
    }
    assertThat(QuerySpace.cosine(map.apply(x), unit(y))).isGreaterThan(0.999);
    double norm = 0;
    for (float v : map.apply(x)) {
      norm += v * v;
    }
    assertThat(norm).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void aStrongRidgeKeepsTheIdentity() {
    SplittableRandom r = new SplittableRandom(5);
    List<float[]> from = new ArrayList<>();
    List<float[]> to = new ArrayList<>();
    for (int n = 0; n < 50; n++) {
      from.add(random(r, 6));
      to.add(random(r, 6)); // unrelated: nothing to learn
    }
    QueryMap map = QueryMap.fit(from, to, 1e9);
    float[] v = unit(new double[] {1, 2, 3, 4, 5, 6});
    assertThat(QuerySpace.cosine(map.apply(v), v)).isGreaterThan(0.9999);
  }

  @Test
  void badInputIsRefusedWithWhatWasWrong() {
    List<float[]> two = List.of(new float[] {1, 0}, new float[] {0, 1});
    assertThatThrownBy(() -> QueryMap.fit(two, List.of(new float[] {1, 0}), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 2 and 1");
    assertThatThrownBy(() -> QueryMap.fit(two, List.of(new float[] {1, 0}, new float[] {1, 0, 0}), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vector 1").hasMessageContaining("expected 2");
    assertThatThrownBy(() -> QueryMap.fit(two, two, 0)).hasMessageContaining("ridge must be positive");
    QueryMap map = QueryMap.fit(two, two, 1);
    assertThatThrownBy(() -> map.apply(new float[3])).hasMessageContaining("dimension 3, the map's is 2");
    assertThat(map.heldOutCosine()).isNaN(); // under ten pairs: nothing held out
  }

  @Test
  void pseudoQueriesAreShortCutsOfTheTitles_distinctAndRepeatable() {
    Catalog catalog = DemoData.catalog();
    List<String> qs = QueryMap.pseudoQueries(catalog, 500, 1);
    assertThat(qs).hasSize(500).doesNotHaveDuplicates().isEqualTo(QueryMap.pseudoQueries(catalog, 500, 1));
    assertThat(qs).isNotEqualTo(QueryMap.pseudoQueries(catalog, 500, 2));
    List<String> titles = catalog.products().stream().map(p -> p.title().toLowerCase(java.util.Locale.ROOT)).toList();
    assertThat(qs).allSatisfy(q -> {
      assertThat(q.split(" ")).hasSizeBetween(2, 4);
      assertThat(q.split(" ")).allSatisfy(w -> assertThat(titles).anyMatch(t -> t.contains(w)));
    });
    // Chinese titles: runs of two to six characters, found in some title; the 36-product shop is gone through again
    Catalog zh = DemoData.chineseCatalog();
    List<String> zq = QueryMap.pseudoQueries(zh, 300, 1);
    assertThat(zq.size()).isGreaterThan(3 * zh.size());
    List<String> zt = zh.products().stream().map(Product::title).toList();
    assertThat(zq).allSatisfy(q -> assertThat(q.split(" ")).allSatisfy(piece -> {
      assertThat(piece.codePointCount(0, piece.length())).isBetween(2, 6);
      assertThat(zt).anyMatch(t -> t.contains(piece));
    }));
  }

  @Test
  void bgeQueriesWithoutTheInstruction_mappedOnTheShopsTitles_comeCloserToTheInstructionsVectors() {
    Catalog zh = DemoData.chineseCatalog();
    try (OnnxEncoder target = OnnxEncoder.bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15);
        OnnxEncoder fast = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15).int8Weights(true)
            .queryPrefix("").build()) {
      Encoder mapped = QueryMap.fitted(zh, target, fast);
      assertThat(mapped.modelId()).isEqualTo(target.modelId() + "~" + fast.modelId());
      assertThat(mapped.dimension()).isEqualTo(target.dimension());
      // shoppers' messages, not pseudo-queries: the map was fitted on cuts of the titles only
      List<String> queries = List.of("跑步鞋", "男款冲锋衣", "五百以内的帐篷", "降噪耳机", "保温杯", "瑜伽垫", "双肩包 黑色",
          "送女朋友的礼物", "登山鞋 防水", "华为手表");
      List<float[]> want = target.embedAll(queries, EmbeddingPurpose.QUERY);
      List<float[]> got = mapped.embedAll(queries, EmbeddingPurpose.QUERY);
      List<float[]> plain = fast.embedAll(queries, EmbeddingPurpose.QUERY);
      double mappedCos = 0;
      double plainCos = 0;
      for (int i = 0; i < queries.size(); i++) {
        mappedCos += QuerySpace.cosine(got.get(i), want.get(i)) / queries.size();
        plainCos += QuerySpace.cosine(plain.get(i), want.get(i)) / queries.size();
        assertThat(mapped.embed(queries.get(i), EmbeddingPurpose.QUERY)).containsExactly(got.get(i));
      }
      assertThat(mappedCos).isGreaterThan(plainCos + 0.03).isGreaterThan(0.95);
      // passages pass through: the map is for queries only
      assertThat(mapped.embed("跑步鞋", EmbeddingPurpose.PASSAGE)).containsExactly(fast.embed("跑步鞋", EmbeddingPurpose.PASSAGE));
      mapped.close();
      assertThat(fast.embed("跑步鞋", EmbeddingPurpose.QUERY)).hasSize(fast.dimension()); // still open
    }
  }

  @Test
  void aCatalogTooSmallToFitOn_getsNoMap_andAnotherDimensionIsRefused() {
    Encoder small = new TestEncoders.Small();
    Catalog two = Catalog.of(List.of(
        Product.builder("a", "Kettle", io.guidesdk.Money.of("10", "USD")).build(),
        Product.builder("b", "Teapot", io.guidesdk.Money.of("12", "USD")).build()));
    assertThat(QueryMap.pseudoQueries(two, 600, 1)).containsExactlyInAnyOrder("kettle", "teapot");
    Encoder wrapped = QueryMap.fitted(two, small, small);
    float[] v = small.embed("kettle", EmbeddingPurpose.QUERY);
    assertThat(QuerySpace.cosine(wrapped.embed("kettle", EmbeddingPurpose.QUERY), v)).isGreaterThan(0.9999);
    Encoder other = new TestEncoders.Small() {
      @Override
      public int dimension() {
        return 9;
      }

      @Override
      public String modelId() {
        return "other";
      }
    };
    assertThatThrownBy(() -> QueryMap.fitted(DemoData.catalog(), small, other))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the query encoder other makes vectors of dimension");
    // the same through the builder, before anything is served
    assertThatThrownBy(() -> GuideSdk.builder().catalog(two).encoder(other).mappedQueryEncoder(small).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a query map needs the same model");
  }

  @Test
  void theGuideSdkSearchesWithTheMappedQueries() {
    try (OnnxEncoder target = OnnxEncoder.bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15);
        OnnxEncoder fast = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15).int8Weights(true)
            .queryPrefix("").build();
        GuideSdk sdk = GuideSdk.builder().catalog(DemoData.chineseCatalog()).encoder(target).mappedQueryEncoder(fast)
            .searchSettings(SearchSettings.builder().analysis(SearchSettings.Analysis.CJK).build())
            .dialogue(io.guidesdk.core.dialogue.DialogueOptions.builder().locale(java.util.Locale.SIMPLIFIED_CHINESE).build())
            .build()) {
      assertThat(sdk.search().queryEncoder().modelId()).isEqualTo(target.modelId() + "~" + fast.modelId());
      List<ScoredProduct> hits = sdk.search().retriever().search("跑步鞋", io.guidesdk.ProductFilter.none(), 5);
      assertThat(hits).isNotEmpty();
      assertThat(hits.get(0).product().categoryPath()).contains("跑步鞋");
    }
  }
}
