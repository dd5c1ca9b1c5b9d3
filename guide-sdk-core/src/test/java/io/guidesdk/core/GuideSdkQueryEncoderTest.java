package io.guidesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import io.guidesdk.spi.EncoderProvider;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Which encoder embeds search queries, and who closes it (decision 0411). */
class GuideSdkQueryEncoderTest {
  private static final Catalog CATALOG = Catalog.of(List.of(
      Product.builder("tent-1", "Two-person backpacking tent", Money.of(199, "USD")).category("Camping", "Tents").build(),
      Product.builder("jacket-1", "Waterproof rain jacket", Money.of(89, "USD")).category("Clothing", "Jackets").build(),
      Product.builder("boots-1", "Leather hiking boots", Money.of(129, "USD")).category("Shoes", "Boots").build()));

  @Test
  void theEmbeddedDefaultEmbedsQueriesWithTheProvidersQueryEncoderAndClosesIt() {
    Encoder queries;
    try (GuideSdk sdk = GuideSdk.builder().catalog(CATALOG).build()) {
      queries = sdk.search().queryEncoder();
      assertThat(queries).isNotSameAs(sdk.search().encoder());
      assertThat(queries.toString()).contains("int8Weights");
      assertThat(queries.modelId()).isEqualTo(sdk.search().encoder().modelId());
      assertThat(sdk.search().retriever().search("rain jacket", ProductFilter.none(), 1).get(0).product().id())
          .isEqualTo("jacket-1");
    }
    assertThatThrownBy(() -> queries.embed("boots", EmbeddingPurpose.QUERY)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aGivenEncoderEmbedsQueriesTooAndAGivenQueryEncoderStaysTheCallers() {
    EncoderProvider provider = ServiceLoader.load(EncoderProvider.class).findFirst().orElseThrow();
    Encoder encoder = provider.create();
    Encoder queries = provider.createQueryEncoder().orElseThrow();
    try {
      try (GuideSdk sdk = GuideSdk.builder().catalog(CATALOG).encoder(encoder).build()) {
        assertThat(sdk.search().queryEncoder()).isSameAs(encoder);
      }
      try (GuideSdk sdk = GuideSdk.builder().catalog(CATALOG).queryEncoder(queries).build()) {
        assertThat(sdk.search().queryEncoder()).isSameAs(queries);
      }
      assertThat(queries.embed("boots", EmbeddingPurpose.QUERY)).hasSize(encoder.dimension());
      assertThat(encoder.embed("boots", EmbeddingPurpose.QUERY)).hasSize(encoder.dimension());
    } finally {
      queries.close();
      encoder.close();
    }
  }
}
