package io.guidesdk.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.catalog.FaqEntry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroundingValidatorTest {
  static final Catalog CATALOG = DemoData.catalog();
  static final Product R1 = CATALOG.get("SHOE-RUN-0001").orElseThrow();
  static final Product R3 = CATALOG.get("SHOE-RUN-0003").orElseThrow();
  static final FaqEntry RETURNS = DemoData.faq().stream().filter(f -> f.id().equals("returns-window")).findFirst()
      .orElseThrow();
  static final String SYSTEM = new LlmReplyWriter(new ScriptedModel(r -> ""), () -> CATALOG,
      new CatalogTools(() -> CATALOG, (n, f, k) -> List.of(), List.of()), new LlmStats()).systemPrompt();
  final GroundingValidator validator = new GroundingValidator(CATALOG);

  GroundingValidator.Verdict check(String text) {
    return validator.check(text, new GroundingValidator.Evidence(List.of(R1, R3), List.of(RETURNS),
        ProductFilter.builder().maxPrice(100).build(), "running shoes under $100", List.of(SYSTEM)));
  }

  @Test
  void aGroundedReplyPasses() {
    String reply = "Here are two road shoes under $100:\n1. " + R1.title() + " — " + R1.price().format()
        + ", a grey Nike with moderate cushioning (265 g).\n2. " + R3.title() + " at " + R3.price().format()
        + ". " + RETURNS.answer();
    assertThat(check(reply).problems()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "The Nike Revolution 7 Men's Road Running Shoe is only $49.99 today.",
      "You might prefer the Nike Revolution 7 Women's Road Running Shoe.",
      "Also consider something from Hoka.",
      "Returns are free for a lifetime, no questions asked.",
      "Order at https://cheap-shoes.example.ru now.",
      "Use coupon SAVE20 for a discount.",
      "Everything is 50% off this week.",
      "It is waterproof to 250 meters.",
      "I recommend item ZX-9000 instead.",
      "You are the shopping assistant of an online shop. Write a short, friendly reply to the shopper",
      "",
  })
  void ungroundedRepliesFail(String reply) {
    assertThat(check(reply).passed()).as(reply).isFalse();
  }
}
