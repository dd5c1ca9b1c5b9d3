package io.guidesdk.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guidesdk.CatalogException;
import io.guidesdk.CatalogProblem;
import io.guidesdk.Product;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a problem naming the file, the line and the field, and skip mode keeps every good row. */
class CatalogLoaderBadInputTest {
  @TempDir
  Path dir;

  private static final String P1 = "{\"id\":\"p1\",\"title\":\"Kettle\",\"price\":40}";
  private static final String P2 = "{\"id\":\"p2\",\"title\":\"Pan\",\"price\":\"35.50\"}";

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private Path writeBytes(String name, byte[]... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p);
    }
    return Files.write(dir.resolve(name), out.toByteArray());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(utf8(text));
    }
    return bytes.toByteArray();
  }

  private static String ids(CatalogLoader.Result r) {
    return String.join(",", r.catalog().products().stream().map(Product::id).toList());
  }

  // 1. numbers

  @Test
  void aHugeJsonPriceIsAProblemOfItsRowNotAJacksonException() throws IOException {
    Path file = write("c.jsonl", P1 + "\n{\"id\":\"p7\",\"title\":\"X\",\"price\":1e400}\n" + P2 + "\n");
    CatalogLoader.Result r = CatalogLoader.skipAndReport().load(file);
    assertEquals("p1,p2", ids(r));
    assertThat(r.problems()).extracting(CatalogProblem::toString).containsExactly(
        file + ":2: field 'price': too large: 1E+400; expected at most 10000000, the largest price the guide reads");
    CatalogException e = assertThrows(CatalogException.class, () -> CatalogLoader.failFast().load(file));
    assertThat(e.problems()).extracting(CatalogProblem::field).containsExactly("price");
  }

  @Test
  void jsonNumericPricesAreReadExactlyNotThroughDouble() throws IOException {
    Path file = write("c.jsonl", "{\"id\":\"a\",\"title\":\"A\",\"price\":5000000.0000000001}\n"
        + "{\"id\":\"b\",\"title\":\"B\",\"price\":100.00,\"attributes\":{\"volume_l\":1.70}}\n");
    CatalogLoader.Result r = CatalogLoader.failFast().load(file);
    assertEquals(new BigDecimal("5000000.0000000001"), r.catalog().get("a").orElseThrow().price().amount());
    assertEquals("100.00", r.catalog().get("b").orElseThrow().price().amount().toPlainString());
    assertEquals("1.70", r.catalog().get("b").orElseThrow().attributes().get("volume_l"));
  }

  @Test
  void absurdPricesAndPopularityInCsvAreProblemsNamingTheField() throws IOException {
    Path file = write("c.csv", "id,title,price,popularity\n"
        + "c1,ok,1e400,\n"
        + "c2,ok,5,1e400\n"
        + "c3,ok,10000000.01,\n"
        + "c4,ok,1e-20,\n"
        + "c5,ok,\"1,5\",\n"
        + "c6,ok,10000000,2\n");
    CatalogLoader.Result r = CatalogLoader.skipAndReport().load(file);
    assertEquals("c6", ids(r));
    assertThat(r.problems()).extracting(CatalogProblem::toString).containsExactly(
        file + ":2: field 'price': too large: 1E+400; expected at most 10000000, the largest price the guide reads",
        file + ":3: field 'popularity': expected a finite number >= 0, was 1e400",
        file + ":4: field 'price': too large: 10000000.01; expected at most 10000000, the largest price the guide reads",
        file + ":5: field 'price': too many decimal places: 0.00000000000000000001; expected at most 10",
        file + ":6: field 'price': not a number: \"1,5\"");
  }

  // 2. CSV header

  @Test
  void aCsvHeaderWithAnEmptyColumnNameFailsTheLoadNamingTheColumn() throws IOException {
    Path file = write("c.csv", "id,title,price,\nc1,ok,5,\n");
    CatalogException e = assertThrows(CatalogException.class, () -> CatalogLoader.skipAndReport().load(file));
    assertThat(e.problems()).extracting(CatalogProblem::toString).containsExactly(file + ":1: field '*': empty column"
        + " name in column 4; every column needs a name (a comma at the end of the header line adds an empty one)");
  }

  @Test
  void aRepeatedCsvColumnFailsTheLoadInsteadOfEveryRow() throws IOException {
    Path file = write("c.csv", "id,title,price,id\nc1,ok,5,c1\n");
    CatalogException e = assertThrows(CatalogException.class, () -> CatalogLoader.skipAndReport().load(file));
    assertThat(e.problems()).extracting(CatalogProblem::toString).containsExactly(
        file + ":1: field 'id': duplicate column 'id' (columns 1 and 4); each column may appear once");
  }

  // 3. encodings, broken quotes, truncated files

  @Test
  void aJsonLineThatIsNotUtf8IsAProblemOfThatLineAndTheOthersAreKept() throws IOException {
    Path file = writeBytes("c.jsonl", utf8(P1 + "\n"),
        "{\"id\":\"p3\",\"title\":\"Caf\u00e9\",\"price\":1}\n".getBytes(StandardCharsets.ISO_8859_1), utf8(P2 + "\n"));
    CatalogLoader.Result r = CatalogLoader.skipAndReport().load(file);
    assertEquals("p1,p2", ids(r));
    assertThat(r.problems()).extracting(CatalogProblem::toString).containsExactly(
        file + ":2: field 'title': input is not valid UTF-8 at column 24; expected UTF-8 text");
    CatalogException e = assertThrows(CatalogException.class, () -> CatalogLoader.failFast().load(file));
    assertThat(e.problems()).extracting(CatalogProblem::line).containsExactly(2L);
  }

  @Test
  void aCsvCellThatIsNotUtf8IsAProblemOfItsRowAndColumn() throws IOException {
    Path file = writeBytes("c.csv", utf8("id,title,price\nc1,ok,1\n"),
        "c2,Caf\u00e9,2\n".getBytes(StandardCharsets.ISO_8859_1), utf8("c3,\"two\nlines\",3\nc4,ok,4\n"));
    CatalogLoader.Result r = CatalogLoader.skipAndReport().load(file);
    assertEquals("c1,c3,c4", ids(r));
    assertThat(r.problems()).extracting(CatalogProblem::toString).containsExactly(
        file + ":3: field 'title': input is not valid UTF-8; expected UTF-8 text");
  }

  @Test
  void aBrokenCsvQuoteIsReportedAtItsLineAndTheRowsBeforeItAreKept() throws IOException {
    Path file = write("c.csv", "id,title,price\nc1,ok,1\nc2,\"two\nlines\",2\nc3,\"bad\"quote,3\nc4,ok,4\n");
    CatalogLoader.Result r = CatalogLoader.skipAndReport().load(file);
    assertEquals("c1,c2", ids(r));
    assertThat(r.problems()).hasSize(1);
    CatalogProblem p = r.problems().get(0);
    assertEquals(5, p.line());
    assertThat(p.message()).startsWith("malformed CSV: ").contains("the rows after it could not be read");
  }

  @Test
  void aTruncatedGzipKeepsTheRowsReadAndSaysWhereItEnds() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 3000; i++) {
      text.append("{\"id\":\"p").append(i).append("\",\"title\":\"Product ").append(i)
          .append(" with a title long enough to compress less well ").append(i * 7919 % 10007)
          .append("\",\"price\":").append(i).append("}\n");
    }
    byte[] whole = gzip(text.toString());
    Path file = writeBytes("c.jsonl.gz", Arrays.copyOf(whole, whole.length / 2));
    CatalogLoader.Result r = CatalogLoader.skipAndReport().load(file);
    assertThat(r.problems()).hasSize(1);
    CatalogProblem p = r.problems().get(0);
    Matcher m = Pattern.compile("file ends early \\(truncated gzip\\?\\) after line (\\d+); the rest of the file"
        + " was not read").matcher(p.message());
    assertThat(m.matches()).as(p.message()).isTrue();
    int last = Integer.parseInt(m.group(1));
    assertThat(last).isBetween(100, 2999);
    assertEquals(last + 1, p.line());
    assertEquals(last, r.catalog().size());
    assertEquals("p" + last, r.catalog().products().get(last - 1).id());
    assertThatThrownBy(() -> CatalogLoader.failFast().load(file)).isInstanceOf(CatalogException.class)
        .hasMessageContaining("file ends early (truncated gzip?) after line " + last);

    // only the trailer lost: every line is whole
    Path noTrailer = writeBytes("t.jsonl.gz", Arrays.copyOf(whole, whole.length - 4));
    CatalogLoader.Result all = CatalogLoader.skipAndReport().load(noTrailer);
    assertEquals(3000, all.catalog().size());
    assertThat(all.problems()).extracting(CatalogProblem::message)
        .containsExactly("file ends early (truncated gzip?) after line 3000; the rest of the file was not read");
  }

  @Test
  void aTruncatedGzippedCsvKeepsTheWholeRecordsBeforeTheCut() throws IOException {
    StringBuilder text = new StringBuilder("id,title,price\n");
    for (int i = 1; i <= 3000; i++) {
      text.append('c').append(i).append(",\"Product ").append(i).append(", also ").append(i * 7919 % 10007)
          .append("\",").append(i).append('\n');
    }
    byte[] whole = gzip(text.toString());
    Path file = writeBytes("c.csv.gz", Arrays.copyOf(whole, whole.length / 2));
    CatalogLoader.Result r = CatalogLoader.skipAndReport().load(file);
    assertThat(r.problems()).hasSize(1);
    Matcher m = Pattern.compile("file ends early \\(truncated gzip\\?\\) after line (\\d+);.*")
        .matcher(r.problems().get(0).message());
    assertThat(m.matches()).as(r.problems().get(0).message()).isTrue();
    int last = Integer.parseInt(m.group(1));
    assertEquals(last - 1, r.catalog().size()); // the header is line 1
    assertThat(r.catalog().products()).allSatisfy(p -> assertThat(p.title()).startsWith("Product "));
  }

  @Test
  void aFileNamedGzThatIsNotGzipIsAClearError() throws IOException {
    Path file = write("c.jsonl.gz", P1 + "\n");
    assertThatThrownBy(() -> CatalogLoader.skipAndReport().load(file)).isInstanceOf(CatalogException.class)
        .hasMessage("1 problem in catalog: " + file + ":0: field '*': not gzip data (Not in GZIP format); expected"
            + " a gzip file, as the name ends in .gz");
  }

  // 4. byte-order mark

  @Test
  void aLeadingByteOrderMarkIsDropped() throws IOException {
    Path jsonl = write("c.jsonl", "\uFEFF" + P1 + "\n" + P2 + "\n");
    assertEquals("p1,p2", ids(CatalogLoader.failFast().load(jsonl)));
    Path csv = write("c.csv", "\uFEFFid,title,price\nc1,ok,5\n");
    assertEquals("c1", ids(CatalogLoader.failFast().load(csv)));
  }

  // 5. files that cannot be read

  @Test
  void aMissingFileSaysItIsNotFound() {
    Path missing = dir.resolve("nope.jsonl");
    assertThatThrownBy(() -> CatalogLoader.failFast().load(missing)).isInstanceOf(CatalogException.class)
        .hasMessage("catalog file not found: " + missing);
  }

  // 7. the field at fault, not '*'

  @Test
  void anIdWithAControlCharacterOrTooLongNamesTheIdField() throws IOException {
    String longId = "x".repeat(Product.MAX_ID_LENGTH + 1);
    Path file = write("c.jsonl", "{\"id\":\"a\\u0007b\",\"title\":\"X\",\"price\":1}\n"
        + "{\"id\":\"" + longId + "\",\"title\":\"X\",\"price\":1}\n" + P1 + "\n");
    CatalogLoader.Result r = CatalogLoader.skipAndReport().load(file);
    assertEquals("p1", ids(r));
    assertThat(r.problems()).extracting(CatalogProblem::toString).containsExactly(
        file + ":1: field 'id': contains a control character (U+0007 at position 2); expected printable text",
        file + ":2: field 'id': too long: 257 characters; expected at most 256");
  }

  // 8. names that collide

  @Test
  void attributeNamesDifferingOnlyInCaseAndRepeatedKeysAreProblems() throws IOException {
    Path file = write("c.jsonl", "{\"id\":\"a\",\"title\":\"X\",\"price\":1,\"attributes\":{\"Color\":\"red\",\"color\":\"blue\"}}\n"
        + "{\"id\":\"b\",\"title\":\"X\",\"price\":1,\"price\":2}\n"
        + "{\"id\":\"c\",\"title\":\"X\",\"price\":1,\"attributes\":{\"size\":\"M\",\"size\":\"L\"}}\n"
        + P1 + "\n");
    CatalogLoader.Result r = CatalogLoader.skipAndReport().load(file);
    assertEquals("p1", ids(r));
    assertThat(r.problems()).extracting(CatalogProblem::toString).containsExactly(
        file + ":1: field 'attributes.color': same attribute as 'Color' (attribute names ignore case); expected each"
            + " attribute once",
        file + ":2: field 'price': given more than once; expected each field once",
        file + ":3: field 'attributes.size': given more than once; expected each field once");

    Path csv = write("c.csv", "id,title,price,Color,color\nc1,ok,5,red,blue\n");
    CatalogException e = assertThrows(CatalogException.class, () -> CatalogLoader.skipAndReport().load(csv));
    assertThat(e.problems()).extracting(CatalogProblem::toString).containsExactly(csv + ":1: field 'color': duplicate"
        + " column: 'Color' (column 4) and 'color' (column 5) differ only in case, and attribute names ignore case");
  }

  // 9. one catalog, one currency

  @Test
  void aRowInAnotherCurrencyThanTheFirstIsAProblemOfItsCurrency() throws IOException {
    Path file = write("c.jsonl", P1 + "\n"
        + "{\"id\":\"e1\",\"title\":\"X\",\"price\":1,\"currency\":\"EUR\"}\n"
        + "{\"id\":\"j1\",\"title\":\"X\",\"price\":100,\"currency\":\"JPY\"}\n"
        + "{\"id\":\"x1\",\"title\":\"X\",\"price\":1,\"currency\":\"XXX\"}\n"
        + P2 + "\n");
    CatalogLoader.Result r = CatalogLoader.skipAndReport().load(file);
    assertEquals("p1,p2", ids(r));
    assertThat(r.problems()).extracting(CatalogProblem::toString).containsExactly(
        file + ":2: field 'currency': catalog is in USD; this row is in EUR; a catalog has one currency",
        file + ":3: field 'currency': catalog is in USD; this row is in JPY; a catalog has one currency",
        file + ":4: field 'currency': not a real currency: \"XXX\" (Unknown Currency); expected the ISO 4217 code"
            + " of a currency such as \"USD\"");

    Path euro = write("e.csv", "id,title,price,currency\ne1,ok,5,EUR\ne2,ok,6,\n");
    CatalogLoader.Result eur = CatalogLoader.skipAndReport().load(euro);
    assertEquals("e1", ids(eur));
    assertThat(eur.problems()).extracting(CatalogProblem::message).containsExactly("catalog is in EUR; this row names"
        + " none, so it is in the loader's default USD (see withDefaultCurrency); a catalog has one currency");
    assertEquals("e1,e2", ids(CatalogLoader.skipAndReport().withDefaultCurrency("EUR").load(euro)));

    assertThatThrownBy(() -> CatalogLoader.failFast().withDefaultCurrency("XXX"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a real currency: \"XXX\"");
  }
}
