package io.guidesdk.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.Money;
import io.guidesdk.Product;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogTest {
  private static Product product(String id, String amount, String currency) {
    return Product.builder(id, "Product " + id, Money.of(amount, currency)).build();
  }

  @Test
  void aCatalogRefusesProductsInMoreThanOneCurrency() {
    assertThatThrownBy(() -> Catalog.of(List.of(product("u1", "5", "USD"), product("e1", "4", "EUR"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("product e1 is priced in EUR but the catalog is in USD (product u1); a catalog has one currency");
  }

  @Test
  void anUpsertInAnotherCurrencyIsRefusedAndAWholeSwitchIsNot() {
    Catalog usd = Catalog.of(List.of(product("u1", "5", "USD"), product("u2", "6", "USD")));
    assertThatThrownBy(() -> usd.with(List.of(product("e1", "4", "EUR")), Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("product e1 is priced in EUR but the catalog is in USD");
    assertThatThrownBy(() -> usd.with(List.of(product("u2", "4", "EUR")), Set.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("u2");
    Catalog eur = usd.with(List.of(product("u1", "4", "EUR"), product("u2", "5", "EUR")), Set.of());
    assertThat(eur.products()).allSatisfy(p -> assertThat(p.price().currency().getCurrencyCode()).isEqualTo("EUR"));
  }
}
