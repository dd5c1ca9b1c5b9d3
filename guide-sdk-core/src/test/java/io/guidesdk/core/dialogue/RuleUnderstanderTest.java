package io.guidesdk.core.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guidesdk.Intent;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.dialogue.eval.DialogueEvaluator;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Constraint extraction by the rules alone (no encoder): one message against an empty state. */
class RuleUnderstanderTest {
  private static final RuleUnderstander RULES = new RuleUnderstander(DemoData.catalog(), null);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "backpacks $50-$80 | category=backpacks,min=50,max=80",
      "tents 300 or less | category=tents,max=300",
      "laptops under $1,500 | category=laptops,max=1500",
      "laptops with 16GB RAM | category=laptops,ram_gb=16",
      "women's down jacket size M | category=down jackets,gender=women,sizes=xs-xl,sizes=s-xxl",
      "hiking boots not waterproof | category=hiking boots,waterproof=no",
      "headphones except Sony or Bose | category=headphones,-brand=sony,-brand=bose",
      "The North Face rain jackets | category=rain jackets,brand=the north face",
      "gray running shoes from Hoka over 120 | category=running shoes,brand=hoka,color=grey,min=120",
      "coffee maker with a grinder, programmable | category=coffee makers,built_in_grinder=yes,programmable=yes",
      "yoga mats under -5 | category=yoga mats",
      "跑鞋 100元以下 | category=running shoes,max=100",
      "dumbbells under $99999999 | category=dumbbells"})
  void extractsEachConstraintKind(String message, String expected) {
    Understanding u = RULES.understand(message, DialogueState.EMPTY);
    assertEquals(Intent.SEARCH, u.intent(), "intent of " + message);
    assertThat(new TreeSet<>(DialogueEvaluator.atoms(u.filter())))
        .isEqualTo(new TreeSet<>(Arrays.asList(expected.split(","))));
  }

  @Test
  void followUpsRefineTheRememberedState() {
    Understanding first = RULES.understand("Nike running shoes under $150", DialogueState.EMPTY);
    DialogueState s = new DialogueState(first.filter(), first.need(), List.of("SHOE-RUN-0001", "SHOE-RUN-0003"), 0,
        first.intent());
    Understanding notNike = RULES.understand("not Nike", s);
    assertThat(notNike.filter().brands()).isEmpty();
    assertThat(notNike.filter().excludedBrands()).containsExactly("Nike");
    assertThat(notNike.filter().categories()).containsExactly("Running Shoes");
    Understanding cheaper = RULES.understand("cheaper ones", s);
    assertThat(cheaper.filter().maxPrice()).isEqualByComparingTo("64.98");
    Understanding more = RULES.understand("show me more", s);
    assertThat(more.nextPage()).isTrue();
    assertThat(more.filter()).isEqualTo(first.filter());
    Understanding newTopic = RULES.understand("tents", s);
    assertThat(newTopic.filter()).isEqualTo(ProductFilter.builder().category("Tents").build());
    Understanding second = RULES.understand("is the second one waterproof?", s);
    assertEquals(Intent.PRODUCT_QUESTION, second.intent());
    assertThat(second.referencedIds()).containsExactly("SHOE-RUN-0003");
    assertEquals("waterproof", second.askedAttribute());
  }

  @Test
  void unusablePricesAreReportedNotApplied() {
    Understanding u = RULES.understand("laptops under $1e9", DialogueState.EMPTY);
    assertThat(u.filter().maxPrice()).isNull();
    assertThat(u.ignoredPrices()).isNotEmpty();
    assertThat(Set.copyOf(u.ignoredPrices())).allMatch(s -> s.contains("1e9"));
  }
}
