package io.guidesdk.core.retrieval.eval;

import io.guidesdk.CatalogException;
import io.guidesdk.CatalogProblem;
import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Graded product-search judgments in the CrowdFlower layout: {@code queries.csv} (query_id, query),
 * {@code products.csv} (product_id, product_title, product_description) and {@code labels.csv}
 * (query_id, product_id, median_relevance 1..4). The products become a {@link Catalog} (no brand,
 * category or price in this data).
 */
public final class SearchJudgments {
  /** One judged query: its text and the graded products (gain = median_relevance - 1). */
  public record Query(int id, String text, Map<String, Integer> gains) {}

  private final Catalog catalog;
  private final List<Query> queries;

  private SearchJudgments(Catalog catalog, List<Query> queries) {
    this.catalog = catalog;
    this.queries = queries;
  }

  /** Development split: {@code query_id % 4 != 0}. */
  public static final IntPredicate DEV = id -> id % 4 != 0;
  /** Test split: {@code query_id % 4 == 0}. */
  public static final IntPredicate TEST = id -> id % 4 == 0;

  /** The split by name, {@code dev} or {@code test}. */
  public static IntPredicate split(String name) {
    return switch (name) {
      case "dev" -> DEV;
      case "test" -> TEST;
      default -> throw new IllegalArgumentException("split must be dev or test, was '" + name + "'");
    };
  }

  /**
   * Reads the three files from {@code dir}.
   *
   * @throws CatalogException naming the file, line and field of the first malformed row
   */
  public static SearchJudgments load(Path dir) {
    List<Product> products = new ArrayList<>();
    for (CSVRecord r : read(dir.resolve("products.csv"), "product_id", "product_title", "product_description")) {
      String title = r.get("product_title").strip();
      if (title.isEmpty()) {
        throw problem(dir.resolve("products.csv"), r, "product_title", "must not be empty");
      }
      products.add(Product.builder(r.get("product_id"), title, Money.of("1.00", "USD"))
          .description(r.get("product_description").strip()).build());
    }
    Map<Integer, String> text = new LinkedHashMap<>();
    for (CSVRecord r : read(dir.resolve("queries.csv"), "query_id", "query")) {
      text.put(integer(dir.resolve("queries.csv"), r, "query_id"), r.get("query"));
    }
    Map<Integer, Map<String, Integer>> gains = new LinkedHashMap<>();
    Path labels = dir.resolve("labels.csv");
    for (CSVRecord r : read(labels, "query_id", "product_id", "median_relevance")) {
      int q = integer(labels, r, "query_id");
      int rel = integer(labels, r, "median_relevance");
      if (rel < 1 || rel > 4) {
        throw problem(labels, r, "median_relevance", "expected 1..4, was " + rel);
      }
      if (!text.containsKey(q)) {
        throw problem(labels, r, "query_id", "no such query in queries.csv: " + q);
      }
      gains.computeIfAbsent(q, x -> new LinkedHashMap<>()).put(r.get("product_id"), rel - 1);
    }
    List<Query> queries = new ArrayList<>();
    text.forEach((id, t) -> queries.add(new Query(id, t,
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gains.getOrDefault(id, Map.of()))))));
    return new SearchJudgments(Catalog.of(products), List.copyOf(queries));
  }

  public Catalog catalog() {
    return catalog;
  }

  /** The queries whose id passes {@code split}, in file order. */
  public List<Query> queries(IntPredicate split) {
    return queries.stream().filter(q -> split.test(q.id()) && !q.gains().isEmpty()).toList();
  }

  private static List<CSVRecord> read(Path file, String... columns) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
          .parse(in).getRecords();
      if (!rows.isEmpty()) {
        for (String c : columns) {
          if (!rows.get(0).isMapped(c)) {
            throw new CatalogException(List.of(new CatalogProblem(file.toString(), 1, c, "missing column")));
          }
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static int integer(Path file, CSVRecord r, String column) {
    try {
      return Integer.parseInt(r.get(column).strip());
    } catch (NumberFormatException e) {
      throw problem(file, r, column, "expected an integer, was '" + r.get(column) + "'");
    }
  }

  private static CatalogException problem(Path file, CSVRecord r, String field, String message) {
    return new CatalogException(List.of(new CatalogProblem(file.toString(), r.getRecordNumber() + 1, field, message)));
  }
}
