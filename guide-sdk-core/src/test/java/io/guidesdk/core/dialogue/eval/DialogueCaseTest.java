package io.guidesdk.core.dialogue.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.Intent;
import io.guidesdk.ProductFilter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialogueCaseTest {
  private static List<DialogueCase> parse(String jsonl) throws IOException {
    return DialogueCase.parse(new BufferedReader(new StringReader(jsonl)));
  }

  @Test
  void checksParseIntoTypedFields_andEachGivenOneCounts() throws IOException {
    List<DialogueCase> cases = parse("""
        {"id":"a","split":"dev","turns":[{"say":"tents under 200","intent":"SEARCH","constraints":{"category":"Tents","maxPrice":200},"check":{"minProducts":1,"maxProducts":5,"contains":["tent","$"],"productId":"p1","cheaperOrNone":true}},{"say":"thanks","intent":"GREETING"}]}

        {"id":"b","split":"test","turns":[{"say":"returns?","intent":"POLICY_QUESTION","check":{"notContains":["refund"]}}]}
        {"id":"c","split":"test","turns":[{"say":"jackets","intent":"SEARCH","constraints":{"category":["Down Jackets","Rain Jackets"]},"check":{"priceOrder":"descending","newProducts":true}}]}
        {"id":"d","split":"test","turns":[{"say":"pans oven-safe to 500 or more","intent":"SEARCH","constraints":{"ranges":{"oven_safe_f":{"min":500}}}}]}
        """);
    assertThat(cases).extracting(DialogueCase::id).containsExactly("a", "b", "c", "d");
    ProductFilter ovenSafe = cases.get(3).turns().get(0).constraints();
    assertThat(ovenSafe.attributeRanges()).containsEntry("oven_safe_f", ProductFilter.Range.atLeast(new BigDecimal("500")));
    assertThat(DialogueEvaluator.atoms(ovenSafe)).containsExactly("oven_safe_f>=500");
    DialogueCase.Turn first = cases.get(0).turns().get(0);
    assertThat(first.intent()).isEqualTo(Intent.SEARCH);
    assertThat(first.constraints().maxPrice()).isEqualByComparingTo("200");
    DialogueCase.Checks c = first.checks();
    assertThat(c.minProducts()).isEqualTo(1);
    assertThat(c.maxProducts()).isEqualTo(5);
    assertThat(c.contains()).containsExactly("tent", "$");
    assertThat(c.productId()).isEqualTo("p1");
    assertThat(c.cheaperOrNone()).isTrue();
    assertThat(c.size()).isEqualTo(5);
    assertThat(cases.get(0).turns().get(1).checks()).isEqualTo(DialogueCase.Checks.none());
    assertThat(cases.get(0).turns().get(1).checks().size()).isZero();
    assertThat(cases.get(1).turns().get(0).checks().notContains()).containsExactly("refund");
    assertThat(cases.get(1).turns().get(0).checks().size()).isEqualTo(1);
    DialogueCase.Turn jackets = cases.get(2).turns().get(0);
    assertThat(jackets.constraints().categories()).containsExactlyInAnyOrder("Down Jackets", "Rain Jackets");
    assertThat(jackets.checks().priceOrder()).isEqualTo("descending");
    assertThat(jackets.checks().newProducts()).isTrue();
    assertThat(jackets.checks().size()).isEqualTo(2);
  }

  @Test
  void badChecksNameTheLineAndWhatWasExpected() {
    String ok = "{\"id\":\"a\",\"split\":\"dev\",\"turns\":[{\"say\":\"hi\",\"intent\":\"GREETING\"}]}\n";
    assertThatThrownBy(() -> parse(ok + "{\"id\":\"b\",\"split\":\"dev\",\"turns\":[{\"say\":\"x\",\"intent\":\"SEARCH\","
        + "\"check\":{\"minProduct\":1}}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2").hasMessageContaining("unknown check 'minProduct'").hasMessageContaining("minProducts");
    assertThatThrownBy(() -> parse("{\"id\":\"b\",\"split\":\"dev\",\"turns\":[{\"say\":\"x\",\"intent\":\"SEARCH\","
        + "\"check\":{\"maxProducts\":\"five\"}}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1").hasMessageContaining("'maxProducts' must be a non-negative integer");
    assertThatThrownBy(() -> parse("{\"id\":\"b\",\"split\":\"dev\",\"turns\":[{\"say\":\"x\",\"intent\":\"SEARCH\","
        + "\"check\":{\"contains\":\"tent\"}}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'contains' must be an array of strings");
    assertThatThrownBy(() -> parse("{\"id\":\"b\",\"split\":\"dev\",\"turns\":[{\"say\":\"x\",\"intent\":\"SEARCH\","
        + "\"check\":{\"priceOrder\":\"cheapest\"}}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1")
        .hasMessageContaining("'priceOrder' must be \"ascending\" or \"descending\"");
    assertThatThrownBy(() -> parse(ok + ok + "{\"id\":\"b\",\"split\":\"dev\",\"turns\":[{\"say\":\"x\",\"intent\":\"SEARCH\","
        + "\"constraints\":{\"ranges\":{\"weight_g\":{\"max\":\"light\"}}}}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3")
        .hasMessageContaining("range bound 'max' must be a number, was \"light\"");
  }

  /** The non-blank lines of a bundled resource: one conversation each. */
  private static int conversations(String resource) throws IOException {
    try (var in = DialogueCase.class.getResourceAsStream(resource)) {
      return (int) new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank()).count();
    }
  }

  @Test
  void theBundledSetParses_everyConversationOfItsFile() throws IOException {
    List<DialogueCase> bundled = DialogueCase.bundled();
    assertThat(bundled).hasSize(conversations(DialogueCase.RESOURCE));
    assertThat(bundled).extracting(DialogueCase::id).as("conversation ids").doesNotHaveDuplicates();
    assertThat(bundled).allSatisfy(c -> assertThat(c.split()).isIn("dev", "test", "hard", "hard2", "hard3", "hard4", "hard5", "long", "hard6", "hard7", "hard8", "hard9", "hard10", "hard11", "hard12", "hard13", "hard14", "hard15", "hard16", "hard17", "hard18", "hard19"));
    assertThat(bundled.stream().flatMap(c -> c.turns().stream()).mapToInt(t -> t.checks().size()).sum()).isPositive();
  }

  @Test
  void theChineseSetParses_andNamesOnlyWhatTheChineseDemoShopHas() throws IOException {
    List<DialogueCase> zh = DialogueCase.bundledChinese();
    assertThat(zh).hasSize(conversations(DialogueCase.CHINESE_RESOURCE));
    assertThat(zh).extracting(DialogueCase::id).as("conversation ids").doesNotHaveDuplicates();
    assertThat(zh).allSatisfy(c -> assertThat(c.split()).isIn("dev", "test", "hard", "hard2", "hant", "hard3", "hard4", "hard5", "hard6", "long", "hard7", "hard8", "hard9", "hard10", "hard11", "hard12", "hard13", "hard14", "hard15", "hard16", "hard17", "hard18"));
    assertThat(zh).anySatisfy(c -> assertThat(c.split()).isEqualTo("hard"));
    io.guidesdk.core.catalog.Catalog catalog = io.guidesdk.core.catalog.DemoData.chineseCatalog();
    zh.stream().flatMap(c -> c.turns().stream()).filter(t -> t.checks().productId() != null)
        .forEach(t -> assertThat(catalog.get(t.checks().productId())).as(t.say()).isPresent());
    java.util.Map<String, java.util.Set<String>> values = catalog.attributeValues();
    zh.stream().flatMap(c -> c.turns().stream()).filter(t -> t.constraints() != null).forEach(t -> {
      io.guidesdk.ProductFilter f = t.constraints();
      assertThat(catalog.categories()).as(t.say()).containsAll(f.categories());
      assertThat(catalog.brands()).as(t.say()).containsAll(f.brands()).containsAll(f.excludedBrands());
      f.attributes().forEach((name, vs) -> assertThat(values.get(name)).as(t.say()).containsAll(vs));
      f.excludedAttributes().forEach((name, vs) -> assertThat(values.get(name)).as(t.say()).containsAll(vs));
    });
  }
}
