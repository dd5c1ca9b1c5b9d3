package io.guidesdk.core.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.core.GuideSdk;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.DemoData;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The guide reads each catalog's vocabulary before a shopper's message has to wait for it. */
class GuidePreparationTest {

  @Test
  void theGuideIsPrepared_atStart_andAfterEachCatalogUpdate() throws Exception {
    try (GuideSdk sdk = GuideSdk.builder().demoCatalog().build()) {
      DefaultShoppingGuide guide = (DefaultShoppingGuide) sdk.guide();
      assertThat(guide.isPreparedFor(sdk.catalog())).isTrue();
      Product kettle = Product.builder("KETTLE-1", "Gooseneck kettle", Money.of(49, "USD"))
          .category("Kettles").brand("Fellow").build();
      Catalog updated = sdk.updateCatalog(List.of(kettle), Set.of()).get();
      assertThat(updated).isNotSameAs(DemoData.catalog());
      assertThat(guide.isPreparedFor(updated)).isTrue();
    }
  }
}
