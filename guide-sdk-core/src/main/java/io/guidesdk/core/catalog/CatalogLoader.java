package io.guidesdk.core.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.CatalogException;
import io.guidesdk.CatalogProblem;
import io.guidesdk.Money;
import io.guidesdk.Product;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a catalog from JSON Lines or CSV, validating every row.
 *
 * <p>JSON Lines: one object per line with the fields {@code id}, {@code title} (required),
 * {@code description}, {@code category} (an array from the root down, or a string {@code "A > B"}),
 * {@code brand}, {@code price} (required, a number or decimal string), {@code currency} (ISO 4217;
 * the loader's default when absent), {@code attributes} (an object of strings, numbers or booleans),
 * {@code inStock} (default true) and {@code popularity} (a number ≥ 0, default 0). Other fields are an
 * error, so a misspelt field is not silently dropped. Blank lines are skipped.
 *
 * <p>CSV: a header row, then one product a row; columns {@code id, title, description, category,
 * brand, price, currency, in_stock, popularity}; every other column becomes an attribute (empty cells
 * are left out).
 *
 * <p>Each problem names the source, the line and the field. In {@link ErrorMode#FAIL_FAST} the first
 * bad row throws {@link CatalogException}; in {@link ErrorMode#SKIP_AND_REPORT} bad rows are skipped
 * and listed in {@link Result#problems()}, and every good row is kept. A repeated id is a problem of
 * the later row. Files ending in {@code .gz} are decompressed. Input must be UTF-8.
 */
public final class CatalogLoader {

  /** What to do with a bad row. */
  public enum ErrorMode {
    /** Throw at the first bad row. */
    FAIL_FAST,
    /** Skip bad rows and report them with the result. */
    SKIP_AND_REPORT
  }

  /** The products loaded and the problems of the rows that were skipped. */
  public record Result(Catalog catalog, List<CatalogProblem> problems) {
    public Result {
      Objects.requireNonNull(catalog, "catalog");
      problems = List.copyOf(problems);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> JSON_FIELDS =
      Set.of("id", "title", "description", "category", "brand", "price", "currency", "attributes", "inStock", "popularity");
  private static final Set<String> CSV_COLUMNS =
      Set.of("id", "title", "description", "category", "brand", "price", "currency", "in_stock", "popularity");

  private final ErrorMode mode;
  private final Currency defaultCurrency;

  private CatalogLoader(ErrorMode mode, Currency defaultCurrency) {
    this.mode = mode;
    this.defaultCurrency = defaultCurrency;
  }

  /** A loader that fails on the first bad row, with USD as the default currency. */
  public static CatalogLoader failFast() {
    return new CatalogLoader(ErrorMode.FAIL_FAST, Currency.getInstance("USD"));
  }

  /** A loader that skips bad rows and reports them, with USD as the default currency. */
  public static CatalogLoader skipAndReport() {
    return new CatalogLoader(ErrorMode.SKIP_AND_REPORT, Currency.getInstance("USD"));
  }

  /** This loader with another currency for rows that name none. */
  public CatalogLoader withDefaultCurrency(String currencyCode) {
    Objects.requireNonNull(currencyCode, "currencyCode");
    try {
      return new CatalogLoader(mode, Currency.getInstance(currencyCode));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an ISO 4217 currency code: " + currencyCode, e);
    }
  }

  public ErrorMode mode() {
    return mode;
  }

  /**
   * Loads a file: {@code .jsonl}, {@code .ndjson}, {@code .json} (JSON Lines) or {@code .csv}, each
   * optionally {@code .gz}.
   *
   * @throws CatalogException if the file cannot be read, or (fail-fast) at the first bad row
   */
  public Result load(Path file) {
    Objects.requireNonNull(file, "file");
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean gz = name.endsWith(".gz");
    String base = gz ? name.substring(0, name.length() - 3) : name;
    boolean csv = base.endsWith(".csv");
    if (!csv && !base.endsWith(".jsonl") && !base.endsWith(".ndjson") && !base.endsWith(".json")) {
      throw new CatalogException(List.of(new CatalogProblem(file.toString(), 0, "*",
          "unknown catalog format; expected a name ending in .jsonl, .ndjson, .json or .csv (optionally .gz)")));
    }
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = gz ? new GZIPInputStream(raw) : raw;
        Reader reader = utf8(in)) {
      return csv ? readCsv(reader, file.toString()) : readJsonLines(reader, file.toString());
    } catch (IOException e) {
      throw new CatalogException("could not read catalog " + file + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new CatalogException("could not read catalog " + file + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Reads JSON Lines; {@code source} names the input in problems. */
  public Result readJsonLines(Reader reader, String source) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(source, "source");
    Rows rows = new Rows(source);
    BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    try {
      String line;
      long lineNo = 0;
      while ((line = lines.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        rows.add(lineNo, parseJson(line, source, lineNo));
      }
    } catch (CharacterCodingException e) {
      throw new CatalogException(List.of(new CatalogProblem(source, 0, "*", "input is not valid UTF-8")));
    } catch (IOException e) {
      throw new CatalogException("could not read catalog " + source + ": " + e.getMessage(), e);
    }
    return rows.result();
  }

  /** Reads CSV with a header row; {@code source} names the input in problems. */
  public Result readCsv(Reader reader, String source) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(source, "source");
    Rows rows = new Rows(source);
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      List<String> header = parser.getHeaderNames();
      for (String required : List.of("id", "title", "price")) {
        if (!header.contains(required)) {
          throw new CatalogException(List.of(new CatalogProblem(source, 1, required,
              "missing column; the header must name at least id, title, price (found " + header + ")")));
        }
      }
      long nextLine = parser.getCurrentLineNumber() + 1;
      for (CSVRecord record : parser) {
        long lineNo = nextLine;
        nextLine = parser.getCurrentLineNumber() + 1;
        rows.add(lineNo, parseCsv(record, header, source, lineNo));
      }
    } catch (IOException | UncheckedIOException e) {
      Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
      if (cause instanceof CharacterCodingException) {
        throw new CatalogException(List.of(new CatalogProblem(source, 0, "*", "input is not valid UTF-8")));
      }
      throw new CatalogException(List.of(new CatalogProblem(source, 0, "*",
          "malformed CSV: " + cause.getMessage())));
    }
    return rows.result();
  }

  /** Parses one JSON line into a product or a problem. */
  private Parsed parseJson(String line, String source, long lineNo) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return Parsed.problem(new CatalogProblem(source, lineNo, "*",
          "not valid JSON: " + e.getOriginalMessage() + " at column " + e.getLocation().getColumnNr()));
    }
    if (node == null || !node.isObject()) {
      return Parsed.problem(new CatalogProblem(source, lineNo, "*", "expected a JSON object"));
    }
    Fields f = new Fields(source, lineNo);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!JSON_FIELDS.contains(name)) {
        return Parsed.problem(f.problem(name, "unknown field; expected one of " + new java.util.TreeSet<>(JSON_FIELDS)));
      }
    }
    try {
      String id = f.requiredText(node.get("id"), "id");
      String title = f.requiredText(node.get("title"), "title");
      String description = f.optionalText(node.get("description"), "description");
      List<String> category = f.category(node.get("category"));
      String brand = f.optionalText(node.get("brand"), "brand");
      BigDecimal price = f.price(node.get("price"));
      Currency currency = f.currency(node.get("currency"), defaultCurrency);
      Map<String, String> attributes = f.attributes(node.get("attributes"));
      boolean inStock = f.bool(node.get("inStock"), "inStock", true);
      double popularity = f.popularity(node.get("popularity"));
      return Parsed.of(build(f, id, title, description, category, brand, price, currency, attributes, inStock, popularity));
    } catch (RowException e) {
      return Parsed.problem(e.problem);
    }
  }

  private Parsed parseCsv(CSVRecord record, List<String> header, String source, long lineNo) {
    Fields f = new Fields(source, lineNo);
    if (!record.isConsistent()) {
      return Parsed.problem(f.problem("*", "expected " + header.size() + " columns, found " + record.size()));
    }
    try {
      String id = f.requiredCell(record.get("id"), "id");
      String title = f.requiredCell(record.get("title"), "title");
      String description = header.contains("description") ? record.get("description") : "";
      List<String> category = header.contains("category") ? splitCategory(record.get("category")) : List.of();
      String brand = header.contains("brand") ? record.get("brand") : "";
      BigDecimal price = f.decimal(record.get("price"), "price");
      Currency currency = header.contains("currency") && !record.get("currency").isEmpty()
          ? f.currencyCode(record.get("currency"))
          : defaultCurrency;
      boolean inStock = !header.contains("in_stock") || record.get("in_stock").isEmpty()
          || f.boolCell(record.get("in_stock"), "in_stock");
      double popularity = header.contains("popularity") && !record.get("popularity").isEmpty()
          ? f.nonNegative(record.get("popularity"), "popularity")
          : 0;
      Map<String, String> attributes = new LinkedHashMap<>();
      for (String column : header) {
        if (!CSV_COLUMNS.contains(column) && !record.get(column).isEmpty()) {
          attributes.put(column.toLowerCase(Locale.ROOT), record.get(column));
        }
      }
      return Parsed.of(build(f, id, title, description, category, brand, price, currency, attributes, inStock, popularity));
    } catch (RowException e) {
      return Parsed.problem(e.problem);
    }
  }

  private static Product build(Fields f, String id, String title, String description, List<String> category,
      String brand, BigDecimal price, Currency currency, Map<String, String> attributes, boolean inStock,
      double popularity) {
    try {
      return new Product(id, title, description, category, brand, new Money(price, currency), attributes, inStock,
          popularity);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new RowException(f.problem("*", e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }

  static List<String> splitCategory(String value) {
    if (value.isBlank()) {
      return List.of();
    }
    String separator = value.contains(">") ? ">" : "/";
    return Arrays.stream(value.split(java.util.regex.Pattern.quote(separator)))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static Reader utf8(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
  }

  /** Accumulates good rows and problems according to the mode. */
  private final class Rows {
    private final String source;
    private final List<Product> products = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final List<CatalogProblem> problems = new ArrayList<>();

    Rows(String source) {
      this.source = source;
    }

    void add(long lineNo, Parsed parsed) {
      CatalogProblem problem = parsed.problem;
      if (problem == null && parsed.product != null && !ids.add(parsed.product.id())) {
        problem = new CatalogProblem(source, lineNo, "id", "duplicate id '" + parsed.product.id() + "'");
      }
      if (problem != null) {
        if (mode == ErrorMode.FAIL_FAST) {
          throw new CatalogException(List.of(problem));
        }
        problems.add(problem);
        return;
      }
      products.add(parsed.product);
    }

    Result result() {
      return new Result(Catalog.of(products), problems);
    }
  }

  private record Parsed(Product product, CatalogProblem problem) {
    static Parsed of(Product p) {
      return new Parsed(p, null);
    }

    static Parsed problem(CatalogProblem p) {
      return new Parsed(null, p);
    }
  }

  /** Thrown inside row parsing to carry one problem out; never escapes the loader. */
  private static final class RowException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient CatalogProblem problem;

    RowException(CatalogProblem problem) {
      super(problem.message(), null, false, false);
      this.problem = problem;
    }
  }

  /** Typed access to the fields of one row, turning every mismatch into a problem naming the field. */
  private record Fields(String source, long line) {
    CatalogProblem problem(String field, String message) {
      return new CatalogProblem(source, line, field, message);
    }

    RowException fail(String field, String message) {
      return new RowException(problem(field, message));
    }

    String requiredText(JsonNode n, String field) {
      if (n == null || n.isNull()) {
        throw fail(field, "missing; expected a non-empty string");
      }
      if (!n.isTextual() && !n.isNumber()) {
        throw fail(field, "expected a string, found " + n.getNodeType().toString().toLowerCase(Locale.ROOT));
      }
      String s = n.asText().trim();
      if (s.isEmpty()) {
        throw fail(field, "empty; expected a non-empty string");
      }
      return s;
    }

    String optionalText(JsonNode n, String field) {
      if (n == null || n.isNull()) {
        return "";
      }
      if (!n.isTextual()) {
        throw fail(field, "expected a string, found " + n.getNodeType().toString().toLowerCase(Locale.ROOT));
      }
      return n.asText().trim();
    }

    List<String> category(JsonNode n) {
      if (n == null || n.isNull()) {
        return List.of();
      }
      if (n.isTextual()) {
        return splitCategory(n.asText());
      }
      if (!n.isArray()) {
        throw fail("category", "expected an array of strings or a string like \"Shoes > Running Shoes\"");
      }
      List<String> path = new ArrayList<>();
      for (JsonNode e : n) {
        if (!e.isTextual() || e.asText().isBlank()) {
          throw fail("category", "expected every element to be a non-empty string");
        }
        path.add(e.asText().trim());
      }
      return path;
    }

    BigDecimal price(JsonNode n) {
      if (n == null || n.isNull()) {
        throw fail("price", "missing; expected a number >= 0");
      }
      if (n.isNumber()) {
        BigDecimal v = n.decimalValue();
        if (v.signum() < 0) {
          throw fail("price", "must not be negative, was " + v.toPlainString());
        }
        return v;
      }
      if (n.isTextual()) {
        return decimal(n.asText(), "price");
      }
      throw fail("price", "expected a number >= 0, found " + n.getNodeType().toString().toLowerCase(Locale.ROOT));
    }

    Currency currency(JsonNode n, Currency fallback) {
      if (n == null || n.isNull()) {
        return fallback;
      }
      if (!n.isTextual()) {
        throw fail("currency", "expected an ISO 4217 code such as \"USD\"");
      }
      return currencyCode(n.asText());
    }

    Currency currencyCode(String code) {
      try {
        return Currency.getInstance(code.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw fail("currency", "not an ISO 4217 code: \"" + code + "\"");
      }
    }

    Map<String, String> attributes(JsonNode n) {
      Map<String, String> out = new LinkedHashMap<>();
      if (n == null || n.isNull()) {
        return out;
      }
      if (!n.isObject()) {
        throw fail("attributes", "expected an object of name to string/number/boolean");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (!v.isValueNode() || v.isNull()) {
          throw fail("attributes." + e.getKey(), "expected a string, number or boolean");
        }
        out.put(e.getKey().toLowerCase(Locale.ROOT), v.asText());
      }
      return out;
    }

    boolean bool(JsonNode n, String field, boolean fallback) {
      if (n == null || n.isNull()) {
        return fallback;
      }
      if (!n.isBoolean()) {
        throw fail(field, "expected true or false");
      }
      return n.booleanValue();
    }

    double popularity(JsonNode n) {
      if (n == null || n.isNull()) {
        return 0;
      }
      if (!n.isNumber()) {
        throw fail("popularity", "expected a number >= 0");
      }
      double v = n.doubleValue();
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw fail("popularity", "expected a finite number >= 0, was " + n.asText());
      }
      return v;
    }

    String requiredCell(String value, String field) {
      if (value == null || value.isBlank()) {
        throw fail(field, "empty; expected a value");
      }
      return value.trim();
    }

    BigDecimal decimal(String value, String field) {
      if (value == null || value.isBlank()) {
        throw fail(field, "missing; expected a number >= 0");
      }
      BigDecimal v;
      try {
        v = new BigDecimal(value.trim());
      } catch (NumberFormatException e) {
        throw fail(field, "not a number: \"" + value + "\"");
      }
      if (v.signum() < 0) {
        throw fail(field, "must not be negative, was " + v.toPlainString());
      }
      return v;
    }

    double nonNegative(String value, String field) {
      return decimal(value, field).doubleValue();
    }

    boolean boolCell(String value, String field) {
      switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "1" -> {
          return true;
        }
        case "false", "no", "0" -> {
          return false;
        }
        default -> throw fail(field, "expected true/false, yes/no or 1/0, found \"" + value + "\"");
      }
    }
  }
}
