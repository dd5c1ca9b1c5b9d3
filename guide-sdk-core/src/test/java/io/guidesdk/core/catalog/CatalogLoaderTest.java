package io.guidesdk.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guidesdk.CatalogException;
import io.guidesdk.CatalogProblem;
import io.guidesdk.Product;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {

  private static final String GOOD_1 =
      "{\"id\":\"A1\",\"title\":\"Trail Shoe\",\"category\":[\"Shoes\",\"Trail Running Shoes\"],\"brand\":\"Hoka\","
          + "\"price\":129.5,\"attributes\":{\"color\":\"Black\",\"waterproof\":true,\"weight_g\":280},\"popularity\":3}";
  private static final String GOOD_2 =
      "{\"id\":\"A2\",\"title\":\"Road Shoe\",\"category\":\"Shoes > Running Shoes\",\"price\":\"89.99\",\"inStock\":false}";

  @Test
  void jsonLines_readsEveryFieldAndDefaults() {
    CatalogLoader.Result r = CatalogLoader.failFast().readJsonLines(new StringReader(GOOD_1 + "\n\n" + GOOD_2), "t");
    assertThat(r.problems()).isEmpty();
    Product a1 = r.catalog().get("A1").orElseThrow();
    assertEquals(List.of("Shoes", "Trail Running Shoes"), a1.categoryPath());
    assertEquals(new BigDecimal("129.5"), a1.price().amount());
    assertEquals("USD", a1.price().currency().getCurrencyCode());
    assertEquals("black", a1.attributes().get("color").toLowerCase());
    assertEquals("true", a1.attributes().get("waterproof"));
    assertEquals("280", a1.attributes().get("weight_g"));
    assertEquals(3.0, a1.popularity());
    Product a2 = r.catalog().get("A2").orElseThrow();
    assertEquals(List.of("Shoes", "Running Shoes"), a2.categoryPath());
    assertEquals(false, a2.inStock());
    assertEquals("", a2.description());
  }

  @Test
  void jsonLines_badRows_nameSourceLineAndField() {
    String input = String.join("\n",
        GOOD_1,
        "{\"id\":\"B1\",\"title\":\"x\",\"price\":-3}",
        "{\"id\":\"B2\",\"price\":3}",
        "{\"id\":\"B3\",\"title\":\"x\",\"price\":\"cheap\"}",
        "{\"id\":\"B4\",\"title\":\"x\",\"price\":3,\"prize\":4}",
        "{not json",
        "{\"id\":\"A1\",\"title\":\"again\",\"price\":3}",
        "{\"id\":\"B5\",\"title\":\"x\",\"price\":3,\"currency\":\"DOLLARS\"}",
        "[1,2]",
        "{\"id\":\"B6\",\"title\":\"x\",\"price\":3,\"attributes\":{\"size\":[1,2]}}",
        GOOD_2);
    CatalogLoader.Result r = CatalogLoader.skipAndReport().readJsonLines(new StringReader(input), "cat.jsonl");
    assertThat(r.catalog().products()).extracting(Product::id).containsExactly("A1", "A2");
    assertThat(r.problems()).extracting(CatalogProblem::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(r.problems()).extracting(CatalogProblem::field)
        .containsExactly("price", "title", "price", "prize", "*", "id", "currency", "*", "attributes.size");
    assertEquals("cat.jsonl:2: field 'price': must not be negative, was -3", r.problems().get(0).toString());
    assertEquals("cat.jsonl:7: field 'id': duplicate id 'A1'", r.problems().get(5).toString());
    assertThat(r.problems().get(2).message()).isEqualTo("not a number: \"cheap\"");
    assertThat(r.problems().get(3).message()).startsWith("unknown field; expected one of");
  }

  @Test
  void failFast_throwsAtTheFirstBadRow() {
    String input = GOOD_1 + "\n{\"id\":\"B1\",\"title\":\"x\"}\n{\"id\":\"B2\"}";
    CatalogException e = assertThrows(CatalogException.class,
        () -> CatalogLoader.failFast().readJsonLines(new StringReader(input), "cat.jsonl"));
    assertThat(e.problems()).hasSize(1);
    assertEquals("1 problem in catalog: cat.jsonl:2: field 'price': missing; expected a number >= 0", e.getMessage());
  }

  @Test
  void csv_readsColumnsAndTurnsOthersIntoAttributes() {
    String csv = "id,title,description,category,brand,price,currency,in_stock,color,size\n"
        + "C1,Rain Jacket,\"Light, packable\",Outdoor > Rain Jackets,Patagonia,149.00,USD,yes,Navy,M\n"
        + "C2,\"Multi\nline title\",,Outdoor,,20,,no,,\n";
    CatalogLoader.Result r = CatalogLoader.failFast().readCsv(new StringReader(csv), "c.csv");
    Product c1 = r.catalog().get("C1").orElseThrow();
    assertEquals("Light, packable", c1.description());
    assertEquals(List.of("Outdoor", "Rain Jackets"), c1.categoryPath());
    assertEquals("Navy", c1.attributes().get("color"));
    assertEquals("M", c1.attributes().get("size"));
    Product c2 = r.catalog().get("C2").orElseThrow();
    assertEquals(false, c2.inStock());
    assertThat(c2.attributes()).isEmpty();
  }

  @Test
  void csv_badRows_reportTheRecordsFirstLine() {
    String csv = "id,title,price,in_stock\n"
        + "C1,\"Two\nlines\",5,yes\n"
        + "C2,ok,-1,yes\n"
        + "C3,ok,5,maybe\n"
        + "C4,ok\n"
        + ",ok,5,yes\n";
    CatalogLoader.Result r = CatalogLoader.skipAndReport().readCsv(new StringReader(csv), "c.csv");
    assertThat(r.catalog().products()).extracting(Product::id).containsExactly("C1");
    assertThat(r.problems()).extracting(CatalogProblem::toString).containsExactly(
        "c.csv:4: field 'price': must not be negative, was -1",
        "c.csv:5: field 'in_stock': expected true/false, yes/no or 1/0, found \"maybe\"",
        "c.csv:6: field '*': expected 4 columns, found 2",
        "c.csv:7: field 'id': empty; expected a value");
  }

  @Test
  void csv_missingRequiredColumn_isReported() {
    CatalogException e = assertThrows(CatalogException.class,
        () -> CatalogLoader.skipAndReport().readCsv(new StringReader("id,name\n1,x\n"), "c.csv"));
    assertThat(e.getMessage()).contains("c.csv:1: field 'title': missing column");
  }

  @Test
  void load_detectsFormatAndDecompressesGzip(@TempDir Path dir) throws IOException {
    Path gz = dir.resolve("catalog.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write((GOOD_1 + "\n" + GOOD_2 + "\n").getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(2, CatalogLoader.failFast().load(gz).catalog().size());
    Path unknown = Files.writeString(dir.resolve("catalog.xml"), "<x/>");
    assertThat(assertThrows(CatalogException.class, () -> CatalogLoader.failFast().load(unknown)).getMessage())
        .contains("unknown catalog format");
    assertThat(assertThrows(CatalogException.class,
        () -> CatalogLoader.failFast().load(dir.resolve("missing.jsonl"))).getMessage())
        .isEqualTo("catalog file not found: " + dir.resolve("missing.jsonl"));
  }

  @Test
  void load_refusesInvalidUtf8(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("latin1.jsonl");
    Files.write(bad, "{\"id\":\"X\",\"title\":\"Caf\u00e9\",\"price\":1}".getBytes(StandardCharsets.ISO_8859_1));
    CatalogException e = assertThrows(CatalogException.class, () -> CatalogLoader.failFast().load(bad));
    assertThat(e.getMessage()).contains("not valid UTF-8");
    assertThat(e.problems()).extracting(CatalogProblem::line, CatalogProblem::field)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "title"));
  }

  @Test
  void demoCatalog_isLargeVariedAndValid() {
    Catalog demo = DemoData.catalog();
    assertThat(demo.size()).isGreaterThanOrEqualTo(500);
    long leafCategories = demo.products().stream().map(Product::category).distinct().count();
    assertThat(leafCategories).isGreaterThanOrEqualTo(10);
    assertThat(demo.brands().size()).isGreaterThanOrEqualTo(20);
    assertThat(demo.products()).allSatisfy(p -> {
      assertThat(p.description()).isNotBlank();
      assertThat(p.brand()).isNotBlank();
      assertThat(p.attributes()).isNotEmpty();
    });
    assertThat(DemoData.faq()).extracting(FaqEntry::topic)
        .contains("shipping", "returns", "refunds", "warranty", "payment");
  }
}
