package io.guidesdk.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.ProductFilter;
import io.guidesdk.core.GuideSdk;
import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.onnx.OnnxEncoder;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search queries embedded with a second encoder of the same vector space (the int8 twin of the
 * bundled model), and the check that refuses an encoder of another space.
 */
class QueryEncoderTest {
  private static OnnxEncoder fp32;
  private static OnnxEncoder int8;

  @BeforeAll
  static void load() {
    fp32 = OnnxEncoder.bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2);
    int8 = OnnxEncoder.bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q);
  }

  @AfterAll
  static void close() {
    fp32.close();
    int8.close();
  }

  /** Counts the texts it embeds for queries, delegating to a real encoder. */
  private static final class Counting implements Encoder {
    final Encoder delegate;
    final AtomicInteger queries = new AtomicInteger();

    Counting(Encoder delegate) {
      this.delegate = delegate;
    }

    @Override
    public float[] embed(String text, EmbeddingPurpose purpose) {
      if (purpose == EmbeddingPurpose.QUERY) {
        queries.incrementAndGet();
      }
      return delegate.embed(text, purpose);
    }

    @Override
    public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
      if (purpose == EmbeddingPurpose.QUERY) {
        queries.addAndGet(texts.size());
      }
      return delegate.embedAll(texts, purpose);
    }

    @Override
    public int dimension() {
      return delegate.dimension();
    }

    @Override
    public String modelId() {
      return delegate.modelId();
    }

    @Override
    public void close() {}
  }

  /** 384 dimensions like MiniLM, but an unrelated space: hashed words. */
  private static final class Stranger implements Encoder {
    @Override
    public float[] embed(String text, EmbeddingPurpose purpose) {
      float[] v = new float[384];
      for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
        if (!w.isEmpty()) {
          v[Math.floorMod(w.hashCode(), 384)] += 1;
        }
      }
      return ProductSearchIndex.normalized(v);
    }

    @Override
    public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
      List<float[]> out = new ArrayList<>();
      texts.forEach(t -> out.add(embed(t, purpose)));
      return out;
    }

    @Override
    public int dimension() {
      return 384;
    }

    @Override
    public String modelId() {
      return "stranger";
    }

    @Override
    public void close() {}
  }

  @Test
  void theInt8TwinEmbedsIntoTheCatalogEncodersSpace() {
    double cosine = QuerySpace.check(DemoData.catalog(), fp32, int8);
    assertThat(cosine).isGreaterThan(0.95).isLessThan(1.0);
  }

  @Test
  void searchEmbedsQueriesWithTheQueryEncoderAndStillFindsTheSameProducts() {
    Catalog catalog = DemoData.catalog();
    Counting catalogSide = new Counting(fp32);
    Counting querySide = new Counting(int8);
    try (ProductSearch both = ProductSearch.open(catalog, catalogSide, querySide, SearchSettings.defaults(),
        IndexProgress.none());
        ProductSearch plain = ProductSearch.open(catalog, fp32, SearchSettings.defaults(), IndexProgress.none())) {
      for (String q : List.of("waterproof hiking boots", "noise cancelling headphones", "espresso machine")) {
        List<String> got = both.retriever().search(q, ProductFilter.none(), 5).stream()
            .map(s -> s.product().id()).toList();
        List<String> reference = plain.retriever().search(q, ProductFilter.none(), 5).stream()
            .map(s -> s.product().id()).toList();
        assertThat(got).as(q).hasSize(5);
        // a slightly different query vector may swap close neighbours, not change what is found
        assertThat(got.get(0)).as(q).isIn(reference);
        assertThat(got.stream().filter(reference::contains).count()).as(q).isGreaterThanOrEqualTo(3);
      }
      assertThat(querySide.queries.get()).isEqualTo(3);
      assertThat(catalogSide.queries.get()).isZero();
    }
  }

  @Test
  void anEncoderOfAnotherSpaceIsRefusedWithTheMeasuredCosine() {
    assertThatThrownBy(() -> ProductSearch.open(DemoData.catalog(), fp32, new Stranger(), SearchSettings.defaults(),
        IndexProgress.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("query encoder stranger does not embed into the catalog encoder all-MiniLM-L6-v2")
        .hasMessageContaining("mean cosine")
        .hasMessageContaining("expected at least 0.90");
  }

  @Test
  void anEncoderOfAnotherDimensionIsRefused_alsoThroughTheSdkBuilder() {
    Encoder small = new TestEncoders.Small();
    assertThatThrownBy(() -> GuideSdk.builder().demoCatalog().encoder(fp32).queryEncoder(small).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("makes vectors of dimension 8, the catalog encoder all-MiniLM-L6-v2 of dimension 384");
  }

  @Test
  void theSdkSearchesWithTheQueryEncoder() {
    Counting querySide = new Counting(int8);
    try (GuideSdk sdk = GuideSdk.builder().demoCatalog().encoder(fp32).queryEncoder(querySide).build()) {
      // the guide's intent examples are embedded as queries too, by the same encoder, at build
      int atBuild = querySide.queries.get();
      assertThat(atBuild).isPositive();
      assertThat(sdk.search().retriever().search("trail running shoes", ProductFilter.none(), 3)).hasSize(3);
      assertThat(querySide.queries.get() - atBuild).isEqualTo(1);
    }
    assertThatThrownBy(() -> GuideSdk.builder().queryEncoder(int8).queryEncoder(int8))
        .isInstanceOf(IllegalStateException.class).hasMessage("queryEncoder was already set");
  }
}
