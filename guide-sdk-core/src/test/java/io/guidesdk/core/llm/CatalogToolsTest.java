package io.guidesdk.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.spi.ToolCall;
import io.guidesdk.spi.ToolSpec;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code search_products} with attribute filters: validated against the catalog, applied as given. */
class CatalogToolsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Catalog CATALOG = DemoData.catalog();

  private final AtomicReference<ProductFilter> seen = new AtomicReference<>();
  /** Stands in for retrieval: the catalog's products that pass the filter, cheapest first. */
  private final CatalogTools tools = new CatalogTools(() -> CATALOG, (need, filter, limit) -> {
    seen.set(filter);
    return CATALOG.products().stream().filter(filter::test)
        .sorted(Comparator.comparing((Product p) -> p.price().amount())).limit(limit).toList();
  }, DemoData.faq());

  private CatalogTools.Result search(String args) {
    return tools.execute(new ToolCall("c1", "search_products", args));
  }

  @Test
  void theSearchSchemaIsValidJson_andOffersAttributeFilters() throws Exception {
    for (ToolSpec spec : tools.specs()) {
      JSON.readTree(spec.parametersJsonSchema()); // throws on malformed JSON
    }
    JsonNode search = JSON.readTree(tools.specs().get(0).parametersJsonSchema()).get("properties");
    assertThat(search.has("attributes")).isTrue();
    assertThat(search.get("attribute_ranges").get("description").asText()).contains("{\"oven_safe_f\":{\"min\":500}}");
  }

  @Test
  void rangesAndValuesFilterTheSearch() throws Exception {
    CatalogTools.Result r = search("{\"query\":\"cookware set\",\"category\":\"cookware sets\","
        + "\"attribute_ranges\":{\"oven_safe_f\":{\"min\":550}},\"attributes\":{\"material\":\"stainless steel\"}}");
    assertThat(seen.get().attributeRanges())
        .containsEntry("oven_safe_f", ProductFilter.Range.atLeast(new BigDecimal("550")));
    assertThat(seen.get().attributes()).containsEntry("material", java.util.Set.of("stainless steel"));
    assertThat(r.products()).isNotEmpty().allSatisfy(p -> {
      assertThat(Double.parseDouble(p.attribute("oven_safe_f").orElseThrow())).isGreaterThanOrEqualTo(550);
      assertThat(p.attribute("material")).contains("stainless steel");
    });
    assertThat(r.products()).hasSize(3); // 550, 600 and 800 °F, where the value 550 alone gives one
    search("{\"query\":\"cookware set\",\"category\":\"cookware sets\","
        + "\"attribute_ranges\":{\"oven_safe_f\":{\"min\":550,\"min_exclusive\":true}}}");
    assertThat(seen.get().attributeRanges())
        .containsEntry("oven_safe_f", ProductFilter.Range.above(new BigDecimal("550")));
    assertThat(JSON.readTree(r.json()).get("products").size()).isEqualTo(r.products().size());
  }

  @Test
  void badAttributeFiltersAreErrorsTheModelCanRead() throws Exception {
    assertThat(error("{\"query\":\"pan\",\"attribute_ranges\":{\"color\":{\"min\":1}}}"))
        .isEqualTo("attribute 'color' has no numeric values in the catalog");
    assertThat(error("{\"query\":\"pan\",\"attribute_ranges\":{\"oven_safe_f\":{\"min\":600,\"max\":400}}}"))
        .isEqualTo("the filters leave nothing: a minimum is above its maximum");
    assertThat(error("{\"query\":\"pan\",\"attribute_ranges\":{\"oven_safe_f\":{\"min\":\"hot\"}}}"))
        .isEqualTo("min of attribute 'oven_safe_f' must be a number or null");
    assertThat(error("{\"query\":\"pan\",\"attribute_ranges\":{\"oven_safe_f\":{\"max\":400,\"min_exclusive\":true}}}"))
        .isEqualTo("min_exclusive of attribute 'oven_safe_f' is true but there is no min");
    assertThat(error("{\"query\":\"pan\",\"attribute_ranges\":{\"oven_safe_f\":{\"min\":400,\"over\":true}}}"))
        .isEqualTo("unknown field 'over' in the range of attribute 'oven_safe_f'; expected min, max, min_exclusive, "
            + "max_exclusive");
    assertThat(error("{\"query\":\"pan\",\"attributes\":{\"color\":[\"plaid-neon\"]}}"))
        .isEqualTo("'plaid-neon' is not a value of attribute 'color'");
    assertThat(error("{\"query\":\"pan\",\"attributes\":{\"flavour\":[\"salty\"]}}"))
        .isEqualTo("attribute 'flavour' is not in the catalog");
  }

  private String error(String args) throws Exception {
    seen.set(null);
    CatalogTools.Result r = search(args);
    assertThat(r.products()).isEmpty();
    assertThat(seen.get()).as("no search runs for a bad call").isNull();
    return JSON.readTree(r.json()).get("error").asText();
  }
}
