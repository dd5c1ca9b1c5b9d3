package io.guidesdk.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.core.IndexProgress;
import io.guidesdk.core.catalog.Catalog;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A catalog update in another currency is refused before anything is embedded. */
class ProductSearchCurrencyTest {
  @Test
  void anUpsertInAnotherCurrencyFailsTheUpdateAndChangesNothing() {
    Catalog usd = Catalog.of(List.of(Product.builder("u1", "Kettle", Money.of("40", "USD")).build()));
    try (ProductSearch search = ProductSearch.open(usd, new TestEncoders.Small(), SearchSettings.defaults(),
        IndexProgress.none())) {
      Product euro = Product.builder("e1", "Pan", Money.of("35", "EUR")).build();
      assertThatThrownBy(() -> search.update(List.of(euro), Set.of(), IndexProgress.none()).join())
          .isInstanceOf(CompletionException.class).cause().isInstanceOf(IllegalArgumentException.class)
          .hasMessage("product e1 is priced in EUR but the catalog is in USD (product u1); a catalog has one currency");
      assertThat(search.catalog().size()).isEqualTo(1);
    }
  }
}
