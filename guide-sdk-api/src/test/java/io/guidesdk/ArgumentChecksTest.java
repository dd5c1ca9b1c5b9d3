package io.guidesdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentChecksTest {

  @Test
  void chatRequest_nullAndBlankArguments_nameTheArgument() {
    assertEquals("sessionId", assertThrows(NullPointerException.class, () -> ChatRequest.of(null, "hi")).getMessage());
    assertEquals("message", assertThrows(NullPointerException.class, () -> ChatRequest.of("s", null)).getMessage());
    assertEquals("message must not be blank",
        assertThrows(IllegalArgumentException.class, () -> ChatRequest.of("s", " \t\n")).getMessage());
    assertEquals("sessionId must not be blank",
        assertThrows(IllegalArgumentException.class, () -> ChatRequest.of("", "hi")).getMessage());
  }

  @Test
  void chatRequest_tooLongMessage_givesLimitAndLength() {
    String huge = "a".repeat(ChatRequest.MAX_MESSAGE_LENGTH + 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChatRequest.of("s", huge));
    assertEquals("message must be at most 100000 characters, was 100001", e.getMessage());
    assertEquals(ChatRequest.MAX_MESSAGE_LENGTH, ChatRequest.of("s", huge.substring(1)).message().length());
  }

  @Test
  void ids_withControlCharacters_areRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChatRequest.of("s", "user\u0000x", "hi"));
    assertTrue(e.getMessage().startsWith("userId must not contain control characters"), e.getMessage());
  }

  @Test
  void recommendRequest_nOutOfRange_givesValue() {
    assertEquals("n must be between 1 and 1000, was 0",
        assertThrows(IllegalArgumentException.class, () -> RecommendRequest.of("u", 0)).getMessage());
    assertEquals("n must be between 1 and 1000, was 1001",
        assertThrows(IllegalArgumentException.class, () -> RecommendRequest.of("u", 1001)).getMessage());
    assertEquals("userId", assertThrows(NullPointerException.class, () -> RecommendRequest.of(null, 3)).getMessage());
    assertEquals(3, RecommendRequest.of("u", 3).n());
  }

  @Test
  void money_rejectsNegativeAndUnknownCurrency() {
    assertEquals("amount must not be negative: -5",
        assertThrows(IllegalArgumentException.class, () -> Money.of("-5", "USD")).getMessage());
    assertEquals("not an ISO 4217 currency code: \"XYZ1\"",
        assertThrows(IllegalArgumentException.class, () -> Money.of("5", "XYZ1")).getMessage());
    assertEquals("amount is not a decimal number: \"1e9e\"",
        assertThrows(IllegalArgumentException.class, () -> Money.of("1e9e", "USD")).getMessage());
    assertEquals("$89.90", Money.of("89.9", "USD").format());
  }

  @Test
  void money_comparesOnlyWithinOneCurrency() {
    assertThrows(IllegalArgumentException.class, () -> Money.of(1, "USD").compareTo(Money.of(1, "EUR")));
    assertTrue(Money.of(1, "USD").compareTo(Money.of(2, "USD")) < 0);
  }

  @Test
  void product_validatesFields() {
    assertThrows(IllegalArgumentException.class, () -> Product.builder(" ", "t", Money.of(1, "USD")).build());
    assertThrows(IllegalArgumentException.class, () -> Product.builder("id", "", Money.of(1, "USD")).build());
    assertEquals("popularity must be a finite number >= 0: -1.0", assertThrows(IllegalArgumentException.class,
        () -> Product.builder("id", "t", Money.of(1, "USD")).popularity(-1).build()).getMessage());
    Product p = Product.builder("id", "t", Money.of(1, "USD")).category("A", "B").build();
    assertEquals("B", p.category());
    assertThrows(UnsupportedOperationException.class, () -> p.attributes().put("x", "y"));
  }

  @Test
  void rewardEvent_valueOnlyForPurchases_andNeverNegative() {
    assertEquals("value is only for PURCHASE events, not CLICK", assertThrows(IllegalArgumentException.class,
        () -> new RewardEvent(RewardEventType.CLICK, "u", "p", null, BigDecimal.ONE, Instant.now())).getMessage());
    assertEquals("value must not be negative: -1", assertThrows(IllegalArgumentException.class,
        () -> RewardEvent.purchase("u", "p", null, BigDecimal.valueOf(-1))).getMessage());
    assertEquals("timestamp", assertThrows(NullPointerException.class,
        () -> new RewardEvent(RewardEventType.CLICK, "u", "p", null, null, null)).getMessage());
  }

  @Test
  void rewardEvent_valueBeyondAnyRealPurchase_isRefusedNamingIt() {
    // 1e400 is Infinity as a double; it once reached the reward sum as 0 x Infinity = NaN.
    assertEquals("value must be at most 1E+18, was 1E+400", assertThrows(IllegalArgumentException.class,
        () -> RewardEvent.purchase("u", "p", null, new BigDecimal("1e400"))).getMessage());
    assertEquals("value must be at most 1E+18, was 1000000000000000001", assertThrows(IllegalArgumentException.class,
        () -> RewardEvent.purchase("u", "p", null, new BigDecimal("1000000000000000001"))).getMessage());
    assertEquals("value must not be negative: -1E+400", assertThrows(IllegalArgumentException.class,
        () -> RewardEvent.purchase("u", "p", null, new BigDecimal("-1e400"))).getMessage());
    assertEquals(0, new BigDecimal("1e18").compareTo(RewardEvent.purchase("u", "p", null, new BigDecimal("1e18")).value()));
  }

  @Test
  void productFilter_semantics() {
    Product nike = Product.builder("1", "Nike Pegasus", Money.of("89.99", "USD")).brand("Nike")
        .category("Shoes", "Running Shoes").attribute("color", "Black").build();
    assertTrue(ProductFilter.none().test(nike));
    assertTrue(ProductFilter.builder().maxPrice(89.99).build().test(nike), "bounds are inclusive");
    assertFalse(ProductFilter.builder().maxPrice(89.98).build().test(nike));
    assertTrue(ProductFilter.builder().category("shoes").build().test(nike), "a top category selects its subtree");
    assertFalse(ProductFilter.builder().excludeBrand("NIKE").build().test(nike), "brands ignore case");
    assertTrue(ProductFilter.builder().attribute("color", "black").build().test(nike));
    assertFalse(ProductFilter.builder().attribute("color", "white").build().test(nike));
    assertFalse(ProductFilter.builder().attribute("size", "10").build().test(nike), "missing attribute fails");
    assertTrue(ProductFilter.builder().minPrice(100).maxPrice(50).build().isContradictory());
    assertEquals("minPrice must not be negative: -5.0", assertThrows(IllegalArgumentException.class,
        () -> ProductFilter.builder().minPrice(-5).build()).getMessage());
  }

  @Test
  void productFilter_attributeRanges() {
    Product pan = Product.builder("1", "Cast iron pan", Money.of("40", "USD")).attribute("oven_safe_f", "500")
        .attribute("weight_kg", "2.4 kg").attribute("sizes", "8-12").build();
    assertTrue(ProductFilter.builder().attributeAtLeast("oven_safe_f", 500).build().test(pan), "bounds are inclusive");
    assertTrue(ProductFilter.builder().attributeAtMost("oven_safe_f", 500).build().test(pan));
    assertFalse(ProductFilter.builder().attributeAtLeast("oven_safe_f", 500.5).build().test(pan));
    assertTrue(ProductFilter.builder().attributeBetween("weight_kg", 2, 2.5).build().test(pan), "a unit after the number");
    assertFalse(ProductFilter.builder().attributeAtLeast("sizes", 1).build().test(pan), "a span is not a number");
    assertFalse(ProductFilter.builder().attributeAtLeast("pieces", 1).build().test(pan), "missing attribute fails");
    ProductFilter both = ProductFilter.builder().attributeAtLeast("oven_safe_f", 400).attributeAtMost("weight_kg", 2)
        .build();
    assertFalse(both.test(pan), "every range applies");
    assertEquals(both, both.toBuilder().build());
    assertFalse(both.isEmpty());
    assertTrue(both.toBuilder().clearAttributeRange("weight_kg").build().test(pan));
    assertEquals("≥ 400", both.attributeRanges().get("oven_safe_f").toString());
    assertEquals("2–3.5", ProductFilter.Range.between(new BigDecimal("2"), new BigDecimal("3.5")).toString());

    assertTrue(ProductFilter.builder().attributeBetween("oven_safe_f", 600, 400).build().isContradictory());
    assertFalse(ProductFilter.builder().attributeBetween("oven_safe_f", 400, 400).build().isContradictory());
    assertEquals("a range needs a min, a max or both", assertThrows(IllegalArgumentException.class,
        () -> new ProductFilter.Range(null, null)).getMessage());
    assertEquals("a range bound must be a finite number: NaN", assertThrows(IllegalArgumentException.class,
        () -> ProductFilter.builder().attributeAtLeast("x", Double.NaN)).getMessage());
    assertEquals("range", assertThrows(NullPointerException.class,
        () -> ProductFilter.builder().attributeRange("x", null)).getMessage());
  }

  @Test
  void productFilter_badArgumentsAreNamed() {
    assertEquals("maxPrice must be a finite number: NaN", assertThrows(IllegalArgumentException.class,
        () -> ProductFilter.builder().maxPrice(Double.NaN)).getMessage());
    assertEquals("minPrice must be a finite number: Infinity", assertThrows(IllegalArgumentException.class,
        () -> ProductFilter.builder().minPrice(Double.POSITIVE_INFINITY)).getMessage());
    assertEquals("categories", assertThrows(NullPointerException.class,
        () -> new ProductFilter(null, null, null, Set.of(), Set.of(), Map.of(), Map.of(), false)).getMessage());
    Set<String> withNull = new HashSet<>(Arrays.asList("Nike", null));
    assertEquals("brands must not contain null", assertThrows(NullPointerException.class,
        () -> new ProductFilter(null, null, Set.of(), withNull, Set.of(), Map.of(), Map.of(), false)).getMessage());
    Map<String, Set<String>> nullSet = new HashMap<>();
    nullSet.put("color", null);
    assertEquals("attributes of color", assertThrows(NullPointerException.class,
        () -> new ProductFilter(null, null, Set.of(), Set.of(), Set.of(), nullSet, Map.of(), false)).getMessage());
    assertEquals("excludedAttributes of color must not contain null", assertThrows(NullPointerException.class,
        () -> new ProductFilter(null, null, Set.of(), Set.of(), Set.of(), Map.of(), Map.of("color", withNull), false))
        .getMessage());
  }

  @Test
  void productFilter_exclusiveBoundsLeaveTheBoundItselfOut() {
    Product at2 = Product.builder("a", "Tent", Money.of("100", "USD")).attribute("weight_kg", "2 kg").build();
    Product at195 = Product.builder("b", "Tent", Money.of("100", "USD")).attribute("weight_kg", "1.95").build();
    ProductFilter below2 = ProductFilter.builder().attributeBelow("weight_kg", 2).build();
    assertFalse(below2.test(at2), "2 is not below 2");
    assertTrue(below2.test(at195));
    ProductFilter above195 = ProductFilter.builder().attributeAbove("weight_kg", 1.95).build();
    assertTrue(above195.test(at2));
    assertFalse(above195.test(at195));

    BigDecimal one = BigDecimal.ONE;
    BigDecimal five = new BigDecimal("5");
    assertEquals("< 2", below2.attributeRanges().get("weight_kg").toString());
    assertEquals("> 1.95", above195.attributeRanges().get("weight_kg").toString());
    assertEquals("> 1 and ≤ 5", new ProductFilter.Range(one, five, true, false).toString());
    assertEquals("1–5", new ProductFilter.Range(one, five, false, false).toString());
    assertEquals(new ProductFilter.Range(one, five), new ProductFilter.Range(one, five, false, false));
    assertFalse(ProductFilter.Range.below(five).equals(ProductFilter.Range.atMost(five)));

    // empty: equal ends with either one exclusive; a bound just past the other is not
    assertTrue(new ProductFilter.Range(five, five, true, false).isEmpty());
    assertTrue(new ProductFilter.Range(five, five, false, true).isEmpty());
    assertFalse(new ProductFilter.Range(five, five).isEmpty());
    assertFalse(new ProductFilter.Range(five, new BigDecimal("5.000001"), true, true).isEmpty());
    assertTrue(ProductFilter.builder().attributeRange("w", new ProductFilter.Range(five, five, true, true)).build()
        .isContradictory());
    // the doubles an index range query takes: the nearest ones inside the bounds
    assertEquals(Math.nextUp(1.0), new ProductFilter.Range(one, five, true, false).lowest());
    assertEquals(5.0, new ProductFilter.Range(one, five, true, false).highest());

    assertEquals("minExclusive needs a min", assertThrows(IllegalArgumentException.class,
        () -> new ProductFilter.Range(null, five, true, false)).getMessage());
    assertEquals("maxExclusive needs a max", assertThrows(IllegalArgumentException.class,
        () -> new ProductFilter.Range(five, null, false, true)).getMessage());
  }

  @Test
  void range_numberOf_readsANumberWithAnOptionalUnit() {
    assertEquals(265, ProductFilter.Range.numberOf("265").getAsDouble());
    assertEquals(-5, ProductFilter.Range.numberOf(" -5 ").getAsDouble());
    assertEquals(0.35, ProductFilter.Range.numberOf("0.35").getAsDouble());
    assertEquals(0.5, ProductFilter.Range.numberOf(".5").getAsDouble());
    assertEquals(10, ProductFilter.Range.numberOf("10 atm").getAsDouble());
    assertEquals(500, ProductFilter.Range.numberOf("500°F").getAsDouble());
    assertEquals(95, ProductFilter.Range.numberOf("95%").getAsDouble());
    assertEquals(1.5, ProductFilter.Range.numberOf("1.5 fl. oz").getAsDouble());
    for (String notANumber : List.of("", "grey", "7-14", "3-season", "1,024", "10-55", "about 5", "5 / 10", "-")) {
      assertTrue(ProductFilter.Range.numberOf(notANumber).isEmpty(), notANumber);
    }
  }

  @Test
  void catalogException_listsProblemsWithFileLineAndField() {
    CatalogException e = new CatalogException(List.of(
        new CatalogProblem("c.jsonl", 3, "price", "must not be negative, was -1")));
    assertEquals("1 problem in catalog: c.jsonl:3: field 'price': must not be negative, was -1", e.getMessage());
    assertFalse(e.isRetriable());
    assertThat(new RateLimitedException("slow down", null, null).isRetriable()).isTrue();
    assertThat(Map.of()).isEmpty();
  }
}
