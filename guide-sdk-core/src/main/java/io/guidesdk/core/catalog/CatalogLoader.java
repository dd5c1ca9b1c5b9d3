package io.guidesdk.core.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.guidesdk.CatalogException;
import io.guidesdk.CatalogProblem;
import io.guidesdk.Money;
import io.guidesdk.Product;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.jspecify.annotations.Nullable;

/**
 * Reads a catalog from JSON Lines or CSV, validating every row.
 *
 * <p>JSON Lines: one object per line with the fields {@code id}, {@code title} (required),
 * {@code description}, {@code category} (an array from the root down, or a string {@code "A > B"}),
 * {@code brand}, {@code price} (required, a number or decimal string), {@code currency} (ISO 4217;
 * the loader's default when absent), {@code attributes} (an object of strings, numbers or booleans),
 * {@code inStock} (default true) and {@code popularity} (a number ≥ 0, default 0). Other fields are an
 * error, so a misspelt field is not silently dropped, and so is a field given twice on one line. Blank
 * lines are skipped. Numbers are read exactly, as decimals, never through {@code double}.
 *
 * <p>CSV: a header row, then one product a row; columns {@code id, title, description, category,
 * brand, price, currency, in_stock, popularity}; every other column becomes an attribute (empty cells
 * are left out). Every column needs a name, and no name may repeat (ignoring case, as attribute names
 * are lower-cased); a bad header fails the load in either mode.
 *
 * <p>A price is at most {@link #MAX_PRICE} with at most {@link #MAX_PRICE_DECIMALS} decimal places. An
 * id is at most {@link Product#MAX_ID_LENGTH} characters without control characters. Attribute names
 * ignore case, so two that differ only in case are an error. A catalog has one currency, that of its
 * first product: a row in another is a problem of that row.
 *
 * <p>Each problem names the source, the line and the field. In {@link ErrorMode#FAIL_FAST} the first
 * bad row throws {@link CatalogException}; in {@link ErrorMode#SKIP_AND_REPORT} bad rows are skipped
 * and listed in {@link Result#problems()}, and every good row is kept. A repeated id is a problem of
 * the later row. Files ending in {@code .gz} are decompressed; a cut-short or damaged one is a problem
 * after its last whole line, and the rows before it are kept. Input must be UTF-8 (a leading
 * byte-order mark is dropped); a line with bytes that are not is a problem of that line. A CSV quote
 * left open or followed by text is a problem of its record, and the rows after it cannot be read.
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

  /**
   * The largest price a row may have: the largest the guide reads from a shopper or a language model
   * (a larger number in a message is not taken as a price), so every product stays reachable by a
   * price bound.
   */
  public static final BigDecimal MAX_PRICE = new BigDecimal("10000000");

  /** The most decimal places a price may have (after trailing zeros), against absurd amounts like 1e-999999. */
  public static final int MAX_PRICE_DECIMALS = 10;

  /**
   * Floats are read as {@link BigDecimal} (exact, and no overflow to infinity), kept as written
   * ({@code 100.00} stays {@code 100.00}, like a price given as a string), and a repeated key is an
   * error rather than the last value silently winning.
   */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
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

  /**
   * This loader with another currency for rows that name none.
   *
   * @throws IllegalArgumentException if the code is not ISO 4217, or names no real currency (such as
   *     {@code XXX}, "no currency", {@code XTS} or the metal {@code XAU})
   */
  public CatalogLoader withDefaultCurrency(String currencyCode) {
    Objects.requireNonNull(currencyCode, "currencyCode");
    Currency currency;
    try {
      currency = Currency.getInstance(currencyCode);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an ISO 4217 currency code: " + currencyCode, e);
    }
    String unreal = unreal(currency);
    if (unreal != null) {
      throw new IllegalArgumentException(unreal);
    }
    return new CatalogLoader(mode, currency);
  }

  public ErrorMode mode() {
    return mode;
  }

  /**
   * Loads a file: {@code .jsonl}, {@code .ndjson}, {@code .json} (JSON Lines) or {@code .csv}, each
   * optionally {@code .gz}.
   *
   * @throws CatalogException if the file cannot be read (the message says why: not found, permission
   *     denied, not gzip data), if a CSV header is bad, or (fail-fast) at the first bad row
   */
  public Result load(Path file) {
    Objects.requireNonNull(file, "file");
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean gz = name.endsWith(".gz");
    String base = gz ? name.substring(0, name.length() - 3) : name;
    boolean csv = base.endsWith(".csv");
    String source = file.toString();
    if (!csv && !base.endsWith(".jsonl") && !base.endsWith(".ndjson") && !base.endsWith(".json")) {
      throw new CatalogException(List.of(new CatalogProblem(source, 0, "*",
          "unknown catalog format; expected a name ending in .jsonl, .ndjson, .json or .csv (optionally .gz)")));
    }
    try (InputStream raw = Files.newInputStream(file)) {
      CatalogInput.Guarded guarded = gz ? new CatalogInput.Guarded(gunzip(raw, source)) : null;
      BufferedReader reader = CatalogInput.utf8(guarded != null ? guarded : raw);
      return csv ? readCsv(reader, source, guarded) : readJsonLines(reader, source, guarded);
    } catch (IOException e) {
      throw CatalogInput.unreadable("catalog", file, e);
    }
  }

  private static InputStream gunzip(InputStream raw, String source) throws IOException {
    try {
      return new GZIPInputStream(raw);
    } catch (ZipException e) {
      throw new CatalogException(List.of(new CatalogProblem(source, 0, "*",
          "not gzip data (" + e.getMessage() + "); expected a gzip file, as the name ends in .gz")));
    } catch (EOFException e) {
      throw new CatalogException(List.of(new CatalogProblem(source, 0, "*",
          "file ends early (truncated gzip?) before the first line")));
    }
  }

  /**
   * Reads JSON Lines; {@code source} names the input in problems. A leading byte-order mark is
   * dropped; a line with unpaired surrogates (what bytes that were not UTF-8 become) is a problem.
   */
  public Result readJsonLines(Reader reader, String source) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(source, "source");
    try {
      return readJsonLines(CatalogInput.withoutBom(reader), source, null);
    } catch (CharacterCodingException e) {
      return Rows.failed(this, new CatalogProblem(source, 1, "*", "input is not valid UTF-8; expected UTF-8 text"));
    } catch (IOException e) {
      throw new CatalogException("could not read catalog " + source + ": " + e.getMessage(), e);
    }
  }

  private Result readJsonLines(BufferedReader lines, String source, CatalogInput.@Nullable Guarded input) {
    Rows rows = new Rows(source);
    long lineNo = 0;
    try {
      String line = lines.readLine();
      while (line != null) {
        // From a guarded stream, one line ahead: a file cut short ends in a partial line, known to be
        // the last only once the next read finds the end.
        String next = input == null ? null : lines.readLine();
        if (input != null && next == null && input.endsMidLine()) {
          break;
        }
        lineNo++;
        if (!line.isBlank()) {
          rows.add(lineNo, parseJson(line, source, lineNo));
        }
        line = input == null ? lines.readLine() : next;
      }
    } catch (CharacterCodingException e) {
      // Only from a caller's Reader that decodes with CodingErrorAction.REPORT (load() marks bad bytes
      // instead): such a Reader cannot go on past the bad bytes.
      rows.problem(new CatalogProblem(source, lineNo + 1, "*",
          "input is not valid UTF-8; expected UTF-8 text (the lines after it could not be read)"));
    } catch (IOException e) {
      throw new CatalogException("could not read catalog " + source + ": " + e.getMessage(), e);
    }
    if (input != null && input.failed()) {
      rows.problem(input.problem(source, lineNo));
    }
    return rows.result();
  }

  /**
   * Reads CSV with a header row; {@code source} names the input in problems. A leading byte-order mark
   * is dropped; a cell with unpaired surrogates (what bytes that were not UTF-8 become) is a problem.
   *
   * @throws CatalogException if the header is bad (a required column missing, a column without a name,
   *     a name repeated), or (fail-fast) at the first bad row
   */
  public Result readCsv(Reader reader, String source) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(source, "source");
    try {
      return readCsv(CatalogInput.withoutBom(reader), source, null);
    } catch (CharacterCodingException e) {
      return Rows.failed(this, new CatalogProblem(source, 1, "*", "input is not valid UTF-8; expected UTF-8 text"));
    } catch (IOException e) {
      throw new CatalogException("could not read catalog " + source + ": " + e.getMessage(), e);
    }
  }

  private Result readCsv(BufferedReader reader, String source, CatalogInput.@Nullable Guarded input) {
    Rows rows = new Rows(source);
    // Empty and repeated column names are let through here and checked in checkHeader, whose problems
    // name the file, the line and the column (commons-csv's exceptions name none of them).
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setAllowMissingColumnNames(true).setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).get();
    CSVParser parser;
    try {
      parser = CSVParser.builder().setReader(reader).setFormat(format).get();
    } catch (IOException | UncheckedIOException e) {
      if (input != null && input.failed()) {
        throw new CatalogException(List.of(input.problem(source, 0)));
      }
      throw new CatalogException(List.of(new CatalogProblem(source, 1, "*", "malformed CSV header: " + message(e))));
    }
    try (parser) {
      return readRecords(parser, rows, source, input);
    } catch (IOException e) {
      throw new CatalogException("could not read catalog " + source + ": " + e.getMessage(), e);
    }
  }

  private Result readRecords(CSVParser parser, Rows rows, String source, CatalogInput.@Nullable Guarded input) {
    List<String> header = parser.getHeaderNames();
    checkHeader(header, source);
    // Records are added one behind the parser: a file cut short ends in a partial record, known to be
    // the last only once the parser finds the end.
    long nextLine = parser.getCurrentLineNumber() + 1;
    CSVRecord pending = null;
    long pendingLine = 0;
    Throwable broken = null;
    try {
      for (Iterator<CSVRecord> it = parser.iterator(); it.hasNext(); ) {
        CSVRecord record = it.next();
        if (pending != null) {
          rows.add(pendingLine, parseCsv(pending, header, source, pendingLine));
        }
        pending = record;
        pendingLine = nextLine;
        nextLine = parser.getCurrentLineNumber() + 1;
      }
    } catch (UncheckedIOException e) {
      broken = e.getCause();
    }
    boolean cut = input != null && input.failed();
    if (pending != null && !(cut && broken == null && input.endsMidLine())) {
      rows.add(pendingLine, parseCsv(pending, header, source, pendingLine));
      pending = null;
    }
    if (cut) {
      // A quote the cut left open is the cut's doing, not a problem of its own.
      rows.problem(input.problem(source, (pending != null ? pendingLine : nextLine) - 1));
    } else if (broken instanceof CharacterCodingException) {
      rows.problem(new CatalogProblem(source, nextLine, "*",
          "input is not valid UTF-8; expected UTF-8 text (the rows after it could not be read)"));
    } else if (broken instanceof CSVException) {
      // The parser cannot find where the next record starts after a broken quote, so it stops here.
      rows.problem(new CatalogProblem(source, nextLine, "*", "malformed CSV: " + broken.getMessage()
          + "; a quoted value must end with a quote before the next comma, and a quote inside it is"
          + " written twice (the rows after it could not be read)"));
    } else if (broken != null) {
      throw new CatalogException("could not read catalog " + source + ": " + broken.getMessage(), broken);
    }
    return rows.result();
  }

  private static String message(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    return String.valueOf(cause.getMessage());
  }

  /** Fails the load on a header that no row could be read against. */
  private static void checkHeader(List<String> header, String source) {
    List<CatalogProblem> problems = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (CatalogInput.badTextAt(name) >= 0) {
        problems.add(new CatalogProblem(source, 1, "*",
            "input is not valid UTF-8 in the name of column " + (i + 1) + "; expected UTF-8 text"));
        continue;
      }
      if (name.isEmpty()) {
        problems.add(new CatalogProblem(source, 1, "*", "empty column name in column " + (i + 1)
            + "; every column needs a name (a comma at the end of the header line adds an empty one)"));
        continue;
      }
      Integer before = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
      if (before != null) {
        String other = header.get(before);
        problems.add(new CatalogProblem(source, 1, name, other.equals(name)
            ? "duplicate column '" + name + "' (columns " + (before + 1) + " and " + (i + 1)
                + "); each column may appear once"
            : "duplicate column: '" + other + "' (column " + (before + 1) + ") and '" + name + "' (column "
                + (i + 1) + ") differ only in case, and attribute names ignore case"));
      }
    }
    if (problems.isEmpty()) {
      for (String required : List.of("id", "title", "price")) {
        if (!header.contains(required)) {
          problems.add(new CatalogProblem(source, 1, required,
              "missing column; the header must name at least id, title, price (found " + header + ")"));
          break;
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new CatalogException(problems);
    }
  }

  /** Parses one JSON line into a product or a problem. */
  private Parsed parseJson(String line, String source, long lineNo) {
    int bad = CatalogInput.badTextAt(line);
    if (bad >= 0) {
      return Parsed.problem(new CatalogProblem(source, lineNo, CatalogInput.badField(line, JSON),
          "input is not valid UTF-8 at column " + (bad + 1) + "; expected UTF-8 text"));
    }
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      // Jackson has no exception type of its own for a repeated key, only this message (2.x, from
      // STRICT_DUPLICATE_DETECTION); should it change, the problem still reads "not valid JSON: …".
      if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field ")
          && e.getProcessor() instanceof JsonParser p) {
        return Parsed.problem(new CatalogProblem(source, lineNo, path(p.getParsingContext()),
            "given more than once; expected each field once"));
      }
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
      String id = f.id(f.requiredText(node.get("id"), "id"));
      String title = f.requiredText(node.get("title"), "title");
      String description = f.optionalText(node.get("description"), "description");
      List<String> category = f.category(node.get("category"));
      String brand = f.optionalText(node.get("brand"), "brand");
      BigDecimal price = f.price(node.get("price"));
      JsonNode currencyNode = node.get("currency");
      Currency currency = f.currency(currencyNode, defaultCurrency);
      Map<String, String> attributes = f.attributes(node.get("attributes"));
      boolean inStock = f.bool(node.get("inStock"), "inStock", true);
      double popularity = f.popularity(node.get("popularity"));
      return Parsed.of(build(f, id, title, description, category, brand, price, currency, attributes, inStock, popularity),
          currencyNode == null || currencyNode.isNull());
    } catch (RowException e) {
      return Parsed.problem(e.problem);
    }
  }

  /** The dotted path ({@code attributes.color}) of the field a JSON parser stopped in, or "*". */
  private static String path(JsonStreamContext context) {
    Deque<String> names = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null; c = c.getParent()) {
      if (c.hasCurrentName()) {
        names.addFirst(c.getCurrentName());
      }
    }
    return names.isEmpty() ? "*" : String.join(".", names);
  }

  private Parsed parseCsv(CSVRecord record, List<String> header, String source, long lineNo) {
    Fields f = new Fields(source, lineNo);
    for (int i = 0; i < record.size(); i++) {
      if (CatalogInput.badTextAt(record.get(i)) >= 0) {
        return Parsed.problem(f.problem(i < header.size() ? header.get(i) : "*",
            "input is not valid UTF-8; expected UTF-8 text"));
      }
    }
    if (!record.isConsistent()) {
      return Parsed.problem(f.problem("*", "expected " + header.size() + " columns, found " + record.size()));
    }
    try {
      String id = f.id(f.requiredCell(record.get("id"), "id"));
      String title = f.requiredCell(record.get("title"), "title");
      String description = header.contains("description") ? record.get("description") : "";
      List<String> category = header.contains("category") ? splitCategory(record.get("category")) : List.of();
      String brand = header.contains("brand") ? record.get("brand") : "";
      BigDecimal price = f.price(f.decimal(record.get("price"), "price"), "price");
      boolean currencyGiven = header.contains("currency") && !record.get("currency").isEmpty();
      Currency currency = currencyGiven ? f.currencyCode(record.get("currency")) : defaultCurrency;
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
      return Parsed.of(build(f, id, title, description, category, brand, price, currency, attributes, inStock, popularity),
          !currencyGiven);
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
      // Fields checks what Product and Money check, naming the field; this is a safety net.
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

  /** Why {@code currency} cannot price a product, or null if it can. */
  static @Nullable String unreal(Currency currency) {
    // ISO 4217 gives no minor unit to the codes that are not money one pays in: XXX ("no currency"),
    // XTS (testing), the metals (XAU, XAG, XPT, XPD) and the fund units (XDR, XBA…XBD, XSU, XUA).
    if (currency.getDefaultFractionDigits() >= 0) {
      return null;
    }
    return "not a real currency: \"" + currency.getCurrencyCode() + "\" (" + currency.getDisplayName(Locale.ENGLISH)
        + "); expected the ISO 4217 code of a currency such as \"USD\"";
  }

  /** Accumulates good rows and problems according to the mode. */
  private final class Rows {
    private final String source;
    private final List<Product> products = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final List<CatalogProblem> problems = new ArrayList<>();
    private @Nullable Currency currency;

    Rows(String source) {
      this.source = source;
    }

    /** The result of an input that failed before its first row: the problem, thrown or reported. */
    static Result failed(CatalogLoader loader, CatalogProblem problem) {
      Rows rows = loader.new Rows(problem.source());
      rows.problem(problem);
      return rows.result();
    }

    void add(long lineNo, Parsed parsed) {
      CatalogProblem problem = parsed.problem;
      Product product = parsed.product;
      if (problem == null && product != null) {
        Currency rowCurrency = product.price().currency();
        if (ids.contains(product.id())) {
          problem = new CatalogProblem(source, lineNo, "id", "duplicate id '" + product.id() + "'");
        } else if (currency != null && !currency.equals(rowCurrency)) {
          problem = new CatalogProblem(source, lineNo, "currency", "catalog is in " + currency + "; this row "
              + (parsed.defaultCurrency
                  ? "names none, so it is in the loader's default " + rowCurrency + " (see withDefaultCurrency)"
                  : "is in " + rowCurrency)
              + "; a catalog has one currency");
        }
      }
      if (problem != null) {
        problem(problem);
        return;
      }
      if (product != null) {
        ids.add(product.id());
        if (currency == null) {
          currency = product.price().currency();
        }
        products.add(product);
      }
    }

    /** A problem: thrown in fail-fast mode, kept for the result otherwise. */
    void problem(CatalogProblem problem) {
      if (mode == ErrorMode.FAIL_FAST) {
        throw new CatalogException(List.of(problem));
      }
      problems.add(problem);
    }

    Result result() {
      return new Result(Catalog.of(products), problems);
    }
  }

  /** One row's product (with whether its currency is the loader's default) or its problem. */
  private record Parsed(@Nullable Product product, @Nullable CatalogProblem problem, boolean defaultCurrency) {
    static Parsed of(Product p, boolean defaultCurrency) {
      return new Parsed(p, null, defaultCurrency);
    }

    static Parsed problem(CatalogProblem p) {
      return new Parsed(null, p, false);
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

    /** Checks what {@link Product} requires of an id, naming the field. */
    String id(String id) {
      if (id.length() > Product.MAX_ID_LENGTH) {
        throw fail("id", "too long: " + id.length() + " characters; expected at most " + Product.MAX_ID_LENGTH);
      }
      for (int i = 0; i < id.length(); i++) {
        if (Character.isISOControl(id.charAt(i))) {
          throw fail("id", String.format(Locale.ROOT,
              "contains a control character (U+%04X at position %d); expected printable text", (int) id.charAt(i), i + 1));
        }
      }
      return id;
    }

    String requiredText(@Nullable JsonNode n, String field) {
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

    String optionalText(@Nullable JsonNode n, String field) {
      if (n == null || n.isNull()) {
        return "";
      }
      if (!n.isTextual()) {
        throw fail(field, "expected a string, found " + n.getNodeType().toString().toLowerCase(Locale.ROOT));
      }
      return n.asText().trim();
    }

    List<String> category(@Nullable JsonNode n) {
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

    BigDecimal price(@Nullable JsonNode n) {
      if (n == null || n.isNull()) {
        throw fail("price", "missing; expected a number >= 0");
      }
      if (n.isNumber()) {
        return price(n.decimalValue(), "price");
      }
      if (n.isTextual()) {
        return price(decimal(n.asText(), "price"), "price");
      }
      throw fail("price", "expected a number >= 0, found " + n.getNodeType().toString().toLowerCase(Locale.ROOT));
    }

    /** Checks a price's range and precision. */
    BigDecimal price(BigDecimal v, String field) {
      if (v.signum() < 0) {
        throw fail(field, "must not be negative, was " + shown(v));
      }
      if (v.compareTo(MAX_PRICE) > 0) {
        throw fail(field, "too large: " + shown(v) + "; expected at most " + MAX_PRICE.toPlainString()
            + ", the largest price the guide reads");
      }
      if (v.scale() > MAX_PRICE_DECIMALS && v.stripTrailingZeros().scale() > MAX_PRICE_DECIMALS) {
        throw fail(field, "too many decimal places: " + shown(v) + "; expected at most " + MAX_PRICE_DECIMALS);
      }
      return v;
    }

    Currency currency(@Nullable JsonNode n, Currency fallback) {
      if (n == null || n.isNull()) {
        return fallback;
      }
      if (!n.isTextual()) {
        throw fail("currency", "expected an ISO 4217 code such as \"USD\"");
      }
      return currencyCode(n.asText());
    }

    Currency currencyCode(String code) {
      Currency currency;
      try {
        currency = Currency.getInstance(code.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw fail("currency", "not an ISO 4217 code: \"" + code + "\"");
      }
      String unreal = unreal(currency);
      if (unreal != null) {
        throw fail("currency", unreal);
      }
      return currency;
    }

    Map<String, String> attributes(@Nullable JsonNode n) {
      Map<String, String> out = new LinkedHashMap<>();
      if (n == null || n.isNull()) {
        return out;
      }
      if (!n.isObject()) {
        throw fail("attributes", "expected an object of name to string/number/boolean");
      }
      Map<String, String> names = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (!v.isValueNode() || v.isNull()) {
          throw fail("attributes." + e.getKey(), "expected a string, number or boolean");
        }
        String name = e.getKey().toLowerCase(Locale.ROOT);
        String before = names.putIfAbsent(name, e.getKey());
        if (before != null) {
          throw fail("attributes." + e.getKey(), "same attribute as '" + before
              + "' (attribute names ignore case); expected each attribute once");
        }
        out.put(name, v.isBigDecimal() ? shown(v.decimalValue()) : v.asText());
      }
      return out;
    }

    boolean bool(@Nullable JsonNode n, String field, boolean fallback) {
      if (n == null || n.isNull()) {
        return fallback;
      }
      if (!n.isBoolean()) {
        throw fail(field, "expected true or false");
      }
      return n.booleanValue();
    }

    double popularity(@Nullable JsonNode n) {
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
        throw fail(field, "must not be negative, was " + shown(v));
      }
      return v;
    }

    double nonNegative(String value, String field) {
      double v = decimal(value, field).doubleValue();
      if (Double.isInfinite(v)) {
        throw fail(field, "expected a finite number >= 0, was " + value.trim());
      }
      return v;
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

    /** A number as written, or in exponent form where the plain form would be absurdly long. */
    static String shown(BigDecimal v) {
      return Math.abs((long) v.scale()) <= 30 ? v.toPlainString() : v.toString();
    }
  }
}
