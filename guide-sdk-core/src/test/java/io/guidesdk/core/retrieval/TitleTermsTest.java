package io.guidesdk.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Product;
import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.catalog.Catalog;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

/**
 * The re-ranker's term features (title coverage, title phrase, brand in query) read titles analysed
 * once per snapshot as term ids; they must equal the same features computed from the analysed
 * strings, before and after catalog updates.
 */
class TitleTermsTest {

  private static List<Product> products() {
    return List.of(
        SearchFixtures.product("a", "Trail Running Shoes for Women", "", "Nimbus Peak", 90, "Shoes"),
        SearchFixtures.product("b", "Running shoe, waterproof trail model", "", "Acme", 80, "Shoes"),
        SearchFixtures.product("c", "Wool socks (3 pairs)", "", "", 12, "Socks"),
        SearchFixtures.product("d", "Nimbus Peak rain jacket", "", "Nimbus Peak", 150, "Jackets"),
        SearchFixtures.product("e", "Yoga mat, extra thick", "", "Acme", 30, "Yoga"),
        SearchFixtures.product("f", "shoes shoes shoes", "", "Acme", 5, "Shoes"));
  }

  private static final List<String> QUERIES = List.of("trail running shoes", "nimbus peak jacket",
      "acme zzyzx socks zzyzx", "running running", "unknownword", "qqq rrr shoes", "wool socks",
      "peak nimbus", "shoes");

  @Test
  void termFeaturesEqualTheSameFeaturesComputedFromStrings() {
    try (ProductSearchIndex idx = SearchFixtures.index(products(), SearchSettings.defaults())) {
      assertFeaturesMatchStrings(idx);
    }
  }

  @Test
  void anUpdateAnalysesOnlyChangedProductsAndKeepsFeaturesExact() {
    Catalog catalog = Catalog.of(products());
    try (ProductSearchIndex idx = ProductSearchIndex.build(EmbeddingIndex.of(catalog, SearchFixtures.DIM,
            SearchFixtures.randomVectors(catalog.size(), SearchFixtures.DIM, 3)), SearchSettings.defaults(),
            IndexProgress.none());
         TestEncoders.Small encoder = new TestEncoders.Small()) {
      List<Product> upserts = List.of(
          SearchFixtures.product("b", "Zzyzx trail sandal", "", "Zzyzx Works", 70, "Shoes"),
          SearchFixtures.product("g", "Merino wool running socks", "", "Peak", 15, "Socks"));
      // "zzyzx" is in no product before the update
      assertThat(idx.titleTerms().query(List.of("zzyzx"))[0]).isNegative();
      try (ProductSearchIndex next = idx.update(upserts, Set.of("c"), encoder, IndexProgress.none())) {
        TitleTerms before = idx.titleTerms();
        TitleTerms after = next.titleTerms();
        // only the changed and the new product are analysed; the others keep their terms
        assertThat(before.analysed()).isEqualTo(products().size());
        assertThat(after.analysed()).isEqualTo(2);
        for (String id : List.of("a", "d", "e", "f")) {
          assertThat(after.title(next.catalog().indexOf(id))).isEqualTo(before.title(idx.catalog().indexOf(id)));
        }
        assertThat(after.title(next.catalog().indexOf("b"))).isNotEqualTo(before.title(idx.catalog().indexOf("b")));
        assertThat(after.query(List.of("zzyzx"))[0]).isNotNegative();
        assertFeaturesMatchStrings(next);
        // the old snapshot shares the grown dictionary and still serves exact features
        assertFeaturesMatchStrings(idx);
      }
    }
  }

  @Test
  void unknownQueryTermsAreDistinctAndMatchNothing() {
    try (ProductSearchIndex idx = SearchFixtures.index(products(), SearchSettings.defaults())) {
      int[] q = idx.titleTerms().query(List.of("foo", "shoe", "bar", "foo"));
      assertThat(q[0]).isNegative().isEqualTo(q[3]);
      assertThat(q[2]).isNegative().isNotEqualTo(q[0]);
      assertThat(q[1]).isNotNegative();
    }
  }

  @Test
  void containsSequence() {
    assertThat(TitleTerms.containsSequence(new int[] {1, 2, 3, 4}, new int[] {2, 3})).isTrue();
    assertThat(TitleTerms.containsSequence(new int[] {1, 2, 3, 4}, new int[] {3, 2})).isFalse();
    assertThat(TitleTerms.containsSequence(new int[] {1, 2}, new int[] {1, 2, 3})).isFalse();
    assertThat(TitleTerms.containsSequence(new int[] {1, 2}, new int[0])).isTrue();
    assertThat(TitleTerms.containsSequence(new int[0], new int[] {1})).isFalse();
    assertThat(TitleTerms.containsSequence(new int[] {1, 1, 2}, new int[] {1, 2})).isTrue();
    // within a range of a larger array: a run that crosses the range's ends does not count
    int[] packed = {7, 1, 2, 3, 8};
    assertThat(TitleTerms.containsSequence(packed, 1, 4, new int[] {2, 3})).isTrue();
    assertThat(TitleTerms.containsSequence(packed, 1, 4, new int[] {3, 8})).isFalse();
    assertThat(TitleTerms.containsSequence(packed, 1, 4, new int[] {7, 1})).isFalse();
  }

  /** Rows 5–7 of the feature matrix against the string computation, for every query and product. */
  private static void assertFeaturesMatchStrings(ProductSearchIndex idx) {
    Analyzer analyzer = idx.analyzer();
    int n = idx.catalog().size();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    int[] nonZero = new int[3];
    for (String query : QUERIES) {
      double[][] f = HybridRetriever.features(idx, query, new float[SearchFixtures.DIM], all, new double[n],
          new double[n], null, p -> 0, true);
      List<String> q = HybridRetriever.terms(analyzer, query);
      Set<String> qSet = new HashSet<>(q);
      for (int i = 0; i < n; i++) {
        Product p = idx.catalog().products().get(i);
        List<String> t = HybridRetriever.terms(analyzer, p.title());
        List<String> b = p.brand().isBlank() ? List.of() : HybridRetriever.terms(analyzer, p.brand());
        long hits = qSet.stream().filter(new HashSet<>(t)::contains).count();
        double coverage = qSet.isEmpty() ? 0 : (double) hits / qSet.size();
        double phrase = q.size() >= 2 && Collections.indexOfSubList(t, q) >= 0 ? 1 : 0;
        double brand = !b.isEmpty() && Collections.indexOfSubList(q, b) >= 0 ? 1 : 0;
        String where = query + " / " + p.id();
        assertThat(f[5][i]).as("coverage " + where).isEqualTo(coverage);
        assertThat(f[6][i]).as("phrase " + where).isEqualTo(phrase);
        assertThat(f[7][i]).as("brand " + where).isEqualTo(brand);
        nonZero[0] += coverage > 0 ? 1 : 0;
        nonZero[1] += phrase > 0 ? 1 : 0;
        nonZero[2] += brand > 0 ? 1 : 0;
      }
    }
    // the queries make every feature fire somewhere, so agreement is not agreement on zeros
    assertThat(nonZero).doesNotContain(0);
  }
}
