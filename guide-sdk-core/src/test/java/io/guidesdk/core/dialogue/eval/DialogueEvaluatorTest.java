package io.guidesdk.core.dialogue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.core.GuideSdk;
import io.guidesdk.core.catalog.DemoData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The evaluator's checks, run against the guide on the embedded default. */
class DialogueEvaluatorTest {
  private static GuideSdk sdk;

  @BeforeAll
  static void build() {
    sdk = GuideSdk.builder().demoCatalog().build();
  }

  @AfterAll
  static void close() {
    sdk.close();
  }

  private static DialogueEvaluator.Report run(String jsonl) throws IOException {
    List<DialogueCase> cases = DialogueCase.parse(new BufferedReader(new StringReader(jsonl)));
    return new DialogueEvaluator(sdk.guide(), sdk.catalog(), DemoData.faq()).run(cases);
  }

  @Test
  void priceOrderAndNewProducts_passWhenTheReplyDoesSo_andFailOtherwise() throws IOException {
    DialogueEvaluator.Report r = run("""
        {"id":"up","split":"dev","turns":[{"say":"running shoes","intent":"SEARCH"},{"say":"the cheapest ones","intent":"SEARCH","check":{"priceOrder":"ascending"}},{"say":"show me more","intent":"SEARCH","check":{"priceOrder":"ascending","newProducts":true}}]}
        {"id":"down","split":"test","turns":[{"say":"tents","intent":"SEARCH"},{"say":"the cheapest ones","intent":"SEARCH","check":{"priceOrder":"descending"}},{"say":"the cheapest ones","intent":"SEARCH","check":{"newProducts":true}}]}
        """);
    assertThat(r.bySplit().get("dev").checkPassRate()).isEqualTo(1.0);
    assertThat(r.failures()).containsExactly(
        "down#2 \"the cheapest ones\": check failed: products are not in descending order of price",
        "down#3 \"the cheapest ones\": check failed: no products, or some the previous reply showed");
  }

  @Test
  void severalCategoriesInTheExpectedConstraints_areAnyOfThem() throws IOException {
    DialogueEvaluator.Report r = run("""
        {"id":"j","split":"dev","turns":[{"say":"jackets","intent":"SEARCH","constraints":{"category":["Down Jackets","Rain Jackets"]}}]}
        """);
    assertThat(r.failures()).isEmpty();
    assertThat(r.bySplit().get("dev").constraintF1()).isEqualTo(1.0);
    assertThat(r.bySplit().get("dev").constraintSatisfaction()).isEqualTo(1.0);
  }
}
