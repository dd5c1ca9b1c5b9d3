package io.guidesdk.core.retrieval;

import static io.guidesdk.core.retrieval.SearchFixtures.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.CatalogException;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.onnx.OnnxEncoder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Catalog updates and the full hybrid ranker, with the real bundled encoder. */
class ProductSearchUpdateTest {
  private static OnnxEncoder encoder;

  private static final List<Product> PRODUCTS = List.of(
      product("shoe-1", "Trail running shoe", "grippy outsole", "Salomon", 120, "Shoes", "Running Shoes"),
      product("shoe-2", "Road running shoe", "cushioned", "Asics", 95, "Shoes", "Running Shoes"),
      product("boot-1", "Leather hiking boot", "waterproof", "Meindl", 180, "Shoes", "Boots"),
      product("kettle-1", "Electric kettle 1.7 l", "stainless steel", "Bosch", 40, "Kitchen", "Kettles"),
      product("pan-1", "Cast iron frying pan", "pre-seasoned", "Lodge", 35, "Kitchen", "Pans"),
      product("tv-1", "OLED television 55 inch", "model OLED55C3", "LG", 1200, "Electronics", "TVs"));

  @BeforeAll
  static void load() {
    encoder = OnnxEncoder.bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2);
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  private static ProductSearch open() {
    return ProductSearch.open(Catalog.of(PRODUCTS), encoder, SearchSettings.defaults(), IndexProgress.none());
  }

  @Test
  void updatesBecomeVisibleAndTheOldSnapshotKeepsServing() throws Exception {
    try (ProductSearch search = open()) {
      ProductSearchIndex before = search.current();
      assertThat(before.tryAcquire()).isTrue(); // an in-flight search holding the old snapshot
      List<int[]> progress = new CopyOnWriteArrayList<>();
      Product umbrella = product("umb-1", "Zebra striped umbrella", "windproof", "Totes", 25, "Accessories");
      Product cheaperBoot = product("boot-1", "Leather hiking boot", "waterproof", "Meindl", 99, "Shoes", "Boots");
      ProductSearchIndex after = search.update(List.of(umbrella, cheaperBoot), Set.of("pan-1"),
          (done, total) -> progress.add(new int[] {done, total})).get();

      assertThat(search.current()).isSameAs(after);
      assertThat(progress).isNotEmpty();
      assertThat(progress.get(progress.size() - 1)).containsExactly(3, 3);
      List<ScoredProduct> found = search.retriever().search("zebra umbrella", ProductFilter.none(), 3);
      assertThat(found.get(0).product().id()).isEqualTo("umb-1");
      assertThat(search.retriever().search("frying pan", ProductFilter.none(), 10))
          .noneMatch(sp -> sp.product().id().equals("pan-1"));
      List<ScoredProduct> cheap = search.retriever().search("hiking boot", ProductFilter.builder().maxPrice(100).build(), 5);
      assertThat(cheap.get(0).product().id()).isEqualTo("boot-1");
      assertThat(cheap).hasSize(4).allMatch(sp -> sp.product().price().amount().intValue() <= 100);
      assertThat(after.catalog().get("boot-1").orElseThrow().price().amount()).isEqualByComparingTo("99");

      // every product under 100 passes (umbrella, kettle, road shoe, boot): the filter fills k as far as it can
      // the old snapshot is unchanged and still answers while held
      assertThat(before.lexical("zebra umbrella", ProductFilter.none(), 5).size()).isZero();
      assertThat(before.lexical("frying pan", ProductFilter.none(), 5).size()).isEqualTo(1);
      assertThat(before.catalog().get("boot-1").orElseThrow().price().amount()).isEqualByComparingTo("180");
      before.release();
      assertThat(before.tryAcquire()).isFalse(); // retired once the last search let go
    }
  }

  @Test
  void aFailedUpdateChangesNothing() {
    try (ProductSearch search = open()) {
      ProductSearchIndex before = search.current();
      assertThatThrownBy(() -> search.update(List.of(), Set.of("no-such-id"), IndexProgress.none()).join())
          .isInstanceOf(CompletionException.class).hasCauseInstanceOf(CatalogException.class)
          .hasMessageContaining("no-such-id");
      assertThat(search.current()).isSameAs(before);
      assertThat(search.catalog().size()).isEqualTo(PRODUCTS.size());
    }
  }

  @Test
  void anIdBothUpsertedAndRemoved_isNamedAsSuch_andAnUpdateAfterCloseIsRefused() {
    Product fresh = product("new-2", "Ultralight tent", "one person", "Msr", 300, "Camping", "Tents");
    try (ProductSearch search = open()) {
      // It was "cannot remove new-2: no product has this id", the unknown removal being checked first.
      assertThatThrownBy(() -> search.update(List.of(fresh), Set.of("new-2"), IndexProgress.none()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'new-2' is both upserted");
      assertThatThrownBy(() -> search.current().update(List.of(fresh), Set.of("new-2"), encoder, IndexProgress.none()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("product id both upserted and removed in one update: new-2");
      assertThat(search.catalog().size()).isEqualTo(PRODUCTS.size());
    }
    ProductSearch closed = open();
    closed.close();
    // It was a RejectedExecutionException from the closed updater thread.
    assertThatThrownBy(() -> closed.update(List.of(fresh), Set.of(), IndexProgress.none()))
        .isExactlyInstanceOf(IllegalStateException.class).hasMessage("the product search is closed");
  }

  @Test
  void hybridRankerHandlesBadInput() {
    try (ProductSearch search = open()) {
      HybridRetriever r = search.retriever();
      // empty query browses by filters
      assertThat(r.search("", ProductFilter.builder().category("Kitchen").build(), 10))
          .extracting(sp -> sp.product().id()).containsExactlyInAnyOrder("kettle-1", "pan-1");
      // unknown brand: nothing, and a notice with the nearest known brand
      HybridRetriever.SearchResult unknown = r.search(SearchRequest.of("shoe",
          ProductFilter.builder().brand("Salomn").build(), 5));
      assertThat(unknown.products()).isEmpty();
      assertThat(unknown.notices()).singleElement().asString().contains("unknown brand 'Salomn'").contains("Salomon");
      HybridRetriever.SearchResult category = r.search(SearchRequest.of("shoe",
          ProductFilter.builder().category("Boot").build(), 5));
      assertThat(category.notices()).singleElement().asString().contains("Boots");
      // contradictory price bounds
      HybridRetriever.SearchResult contradictory = r.search(SearchRequest.of("shoe",
          ProductFilter.builder().minPrice(100).maxPrice(50).build(), 5));
      assertThat(contradictory.notices()).singleElement().asString().contains("contradictory");
      // very long query: cut, still answers
      HybridRetriever.SearchResult longQuery = r.search(SearchRequest.of("running shoe ".repeat(500),
          ProductFilter.none(), 3));
      assertThat(longQuery.products()).hasSize(3);
      assertThat(longQuery.notices()).singleElement().asString().contains("maxQueryChars");
      // another script: no lexical match, the dense side still answers
      assertThat(r.search("跑步鞋", ProductFilter.none(), 3)).hasSize(3);
      // model number match lifts the product
      assertThat(r.search("OLED55C3", ProductFilter.none(), 1).get(0).product().id()).isEqualTo("tv-1");
      // personalisation hook and price fit reorder otherwise similar products
      SearchRequest personal = new SearchRequest("running shoe", ProductFilter.none(), 2, new BigDecimal("95"),
          p -> p.brand().equals("Asics") ? 1 : 0);
      assertThat(r.search(personal).products().get(0).product().id()).isEqualTo("shoe-2");
    }
  }
}
