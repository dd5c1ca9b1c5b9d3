package io.guidesdk.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The search path's shortcuts (BM25 run while the query is embedded, BM25 scores of the first pass
 * reused by the re-ranker, zero-weight features skipped, titles analysed once per snapshot as term
 * ids) must not change a single score against the plain computation.
 */
class HybridRetrieverStagesTest {

  private static List<Product> products() {
    String[] kinds = {"running shoes", "trail running shoe", "rain jacket", "wool socks", "yoga mat", "water bottle"};
    String[] brands = {"Acme", "Nimbus", "Trailco", "Peak"};
    List<Product> ps = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String kind = kinds[i % kinds.length];
      ps.add(SearchFixtures.product("p" + i, brands[i % brands.length] + " " + kind + " model " + (100 + i),
          "A " + kind + " for every day, item " + i, brands[i % brands.length], 10 + (i * 7) % 150, "Sport",
          kind.split(" ")[kind.split(" ").length - 1]));
    }
    return ps;
  }

  /** A deterministic encoder: the vector is a hash of the text's words, so it needs no model. */
  private static class HashEncoder implements Encoder {
    @Override
    public float[] embed(String text, EmbeddingPurpose purpose) {
      float[] v = new float[SearchFixtures.DIM];
      for (String w : text.toLowerCase(java.util.Locale.ROOT).split("\\W+")) {
        if (!w.isEmpty()) {
          v[Math.floorMod(w.hashCode(), SearchFixtures.DIM)] += 1;
        }
      }
      return ProductSearchIndex.normalized(v);
    }

    @Override
    public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
      return texts.stream().map(t -> embed(t, purpose)).toList();
    }

    @Override
    public int dimension() {
      return SearchFixtures.DIM;
    }

    @Override
    public String modelId() {
      return "hash";
    }

    @Override
    public void close() {}
  }

  @Test
  void searchScoresEqualAFullRescoringOfTheSameCandidates() {
    HashEncoder encoder = new HashEncoder();
    try (ProductSearchIndex idx = ProductSearchIndex.build(io.guidesdk.core.catalog.Catalog.of(products()), encoder,
        SearchSettings.builder().candidates(30).build(), io.guidesdk.core.IndexProgress.none())) {
      HybridRetriever retriever = new HybridRetriever(() -> idx, encoder);
      for (String query : List.of("trail running shoes", "acme socks", "peak rain jacket model 104", "yoga")) {
        for (ProductFilter filter : List.of(ProductFilter.none(), ProductFilter.builder().maxPrice(java.math.BigDecimal.valueOf(60)).build())) {
          List<ScoredProduct> got = retriever.search(SearchRequest.of(query, filter, 10)).products();
          // the plain computation: both first-stage lists, then every feature computed from scratch
          float[] qv = encoder.embed(query, EmbeddingPurpose.QUERY);
          Set<Integer> union = new LinkedHashSet<>();
          Arrays.stream(idx.lexical(query, filter, 30).positions()).forEach(union::add);
          Arrays.stream(idx.dense(qv, filter, 30).positions()).forEach(union::add);
          int[] candidates = union.stream().mapToInt(Integer::intValue).toArray();
          Hits plain = HybridRetriever.rank(idx, query, qv, candidates, null, null, null, SearchRequest.NO_AFFINITY);
          assertThat(got).as("query '%s' filter %s", query, filter).hasSize(Math.min(10, plain.size()));
          for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).product().id()).isEqualTo(idx.catalog().products().get(plain.positions()[i]).id());
            assertThat(got.get(i).score()).isEqualTo(plain.scores()[i]);
          }
          assertThat(got).isNotEmpty();
        }
      }
    }
  }

  @Test
  void throughTheHnswGraph_reusedGraphScoresEqualRecomputedCosinesToFloatRounding() {
    HashEncoder encoder = new HashEncoder();
    try (ProductSearchIndex idx = ProductSearchIndex.build(io.guidesdk.core.catalog.Catalog.of(products()), encoder,
        SearchSettings.builder().candidates(30).annThreshold(0).build(), io.guidesdk.core.IndexProgress.none())) {
      assertThat(idx.usesAnn()).isTrue();
      HybridRetriever retriever = new HybridRetriever(() -> idx, encoder);
      for (String query : List.of("trail running shoes", "acme socks", "peak rain jacket model 104", "yoga")) {
        float[] qv = encoder.embed(query, EmbeddingPurpose.QUERY);
        assertThat(idx.denseScoresAreSimilarities(qv)).isTrue();
        Hits dense = idx.dense(qv, ProductFilter.none(), 30);
        for (int i = 0; i < dense.size(); i++) {
          assertThat(dense.scores()[i]).isCloseTo(idx.similarity(qv, dense.positions()[i]), org.assertj.core.data.Offset.offset(1e-6));
        }
        List<ScoredProduct> got = retriever.search(SearchRequest.of(query, ProductFilter.none(), 10)).products();
        Set<Integer> union = new LinkedHashSet<>();
        Arrays.stream(idx.lexical(query, ProductFilter.none(), 30).positions()).forEach(union::add);
        Arrays.stream(dense.positions()).forEach(union::add);
        Hits plain = HybridRetriever.rank(idx, query, qv, union.stream().mapToInt(Integer::intValue).toArray(), null,
            null, null, SearchRequest.NO_AFFINITY);
        java.util.Map<String, Double> plainScore = new java.util.HashMap<>();
        for (int i = 0; i < plain.size(); i++) {
          plainScore.put(idx.catalog().products().get(plain.positions()[i]).id(), plain.scores()[i]);
        }
        assertThat(got).isNotEmpty();
        for (ScoredProduct sp : got) {
          assertThat(sp.score()).as("query '%s' product %s", query, sp.product().id())
              .isCloseTo(plainScore.get(sp.product().id()), org.assertj.core.data.Offset.offset(1e-5));
        }
      }
      // a query vector that is not unit length: graph scores are cosines, similarity() is a dot
      // product, so they must not be reused
      float[] twice = encoder.embed("yoga", EmbeddingPurpose.QUERY);
      for (int d = 0; d < twice.length; d++) {
        twice[d] *= 2;
      }
      assertThat(idx.denseScoresAreSimilarities(twice)).isFalse();
    }
  }

  @Test
  void graphScoresAreNotReusedWhenProductVectorsAreNotUnitLength() {
    HashEncoder unit = new HashEncoder();
    Encoder unnormalised = new HashEncoder() {
      @Override
      public float[] embed(String text, EmbeddingPurpose purpose) {
        float[] v = super.embed(text, purpose);
        for (int d = 0; d < v.length; d++) {
          v[d] *= 3;
        }
        return v;
      }
    };
    try (ProductSearchIndex idx = ProductSearchIndex.build(io.guidesdk.core.catalog.Catalog.of(products()), unnormalised,
        SearchSettings.builder().annThreshold(0).build(), io.guidesdk.core.IndexProgress.none())) {
      assertThat(idx.denseScoresAreSimilarities(unit.embed("yoga", EmbeddingPurpose.QUERY))).isFalse();
    }
    try (ProductSearchIndex idx = ProductSearchIndex.build(io.guidesdk.core.catalog.Catalog.of(products()), unnormalised,
        SearchSettings.builder().vectorStorage(SearchSettings.VectorStorage.INT8).build(), io.guidesdk.core.IndexProgress.none())) {
      assertThat(idx.denseScoresAreSimilarities(unit.embed("yoga", EmbeddingPurpose.QUERY))).as("int8 scores are approximate").isFalse();
    }
  }

  @Test
  void scoresOfGivenProductsEqualTheScoresASearchGivesThem_beforeAndAfterAnUpdate() {
    HashEncoder encoder = new HashEncoder();
    ProductSearchIndex first = ProductSearchIndex.build(io.guidesdk.core.catalog.Catalog.of(products()), encoder,
        SearchSettings.defaults(), io.guidesdk.core.IndexProgress.none());
    // an update leaves deleted documents and a second segment behind
    ProductSearchIndex idx = first.update(List.of(SearchFixtures.product("p3", "Peak trail running shoe model 999",
        "renamed", "Peak", 80, "Sport", "shoe")), Set.of("p5"), encoder, io.guidesdk.core.IndexProgress.none());
    try (first; idx) {
      for (String query : List.of("trail running shoe", "acme socks model 106", "jacket")) {
        Hits all = idx.lexical(query, ProductFilter.none(), idx.catalog().size());
        assertThat(all.size()).isGreaterThan(3);
        // every product, matching or not, in a scrambled order
        List<Integer> positions = new ArrayList<>();
        for (int p = 0; p < idx.catalog().size(); p++) {
          positions.add(p);
        }
        java.util.Collections.shuffle(positions, new java.util.Random(5));
        int[] asked = positions.stream().mapToInt(Integer::intValue).toArray();
        double[] scores = idx.lexicalScores(query, asked);
        java.util.Map<Integer, Double> expected = new java.util.HashMap<>();
        for (int i = 0; i < all.size(); i++) {
          expected.put(all.positions()[i], all.scores()[i]);
        }
        for (int i = 0; i < asked.length; i++) {
          assertThat(scores[i]).as("query '%s', product %s", query, idx.catalog().products().get(asked[i]).id())
              .isEqualTo(expected.getOrDefault(asked[i], 0.0));
        }
      }
    }
  }

  @Test
  void anEncoderFailureSurfacesAsItselfAfterTheLexicalStageFinished() {
    HashEncoder working = new HashEncoder();
    Encoder failing = new HashEncoder() {
      @Override
      public float[] embed(String text, EmbeddingPurpose purpose) {
        throw new IllegalStateException("encoder is closed");
      }
    };
    try (ProductSearchIndex idx = ProductSearchIndex.build(io.guidesdk.core.catalog.Catalog.of(products()), working,
        SearchSettings.defaults(), io.guidesdk.core.IndexProgress.none())) {
      HybridRetriever retriever = new HybridRetriever(() -> idx, failing);
      assertThatThrownBy(() -> retriever.search("running shoes", ProductFilter.none(), 5))
          .isInstanceOf(IllegalStateException.class).hasMessage("encoder is closed");
      // the snapshot is still usable afterwards
      assertThat(new HybridRetriever(() -> idx, working).search("running shoes", ProductFilter.none(), 5)).hasSize(5);
    }
  }
}
