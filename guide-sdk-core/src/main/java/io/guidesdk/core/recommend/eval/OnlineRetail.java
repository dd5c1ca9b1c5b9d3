package io.guidesdk.core.recommend.eval;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The UCI Online Retail data set ({@code online_retail.csv.gz}): its products as a {@link Catalog}
 * (StockCode as id, the most frequent Description as title, the latest positive UnitPrice in GBP)
 * and its customers' purchase lines. Cancellations (invoices starting with C), lines without a
 * customer, and lines with a non-positive quantity are not purchases.
 */
public final class OnlineRetail {
  public static final String FILE = "online_retail.csv.gz";
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** One purchase line. */
  public record Purchase(String customerId, String productId, String invoice, Instant at, double quantity,
      BigDecimal unitPrice) {}

  private final Catalog catalog;
  private final List<Purchase> purchases;

  private OnlineRetail(Catalog catalog, List<Purchase> purchases) {
    this.catalog = catalog;
    this.purchases = purchases;
  }

  public Catalog catalog() {
    return catalog;
  }

  /** Every purchase line, in file order (which is time order). */
  public List<Purchase> purchases() {
    return purchases;
  }

  /**
   * Loads {@code dir/online_retail.csv.gz}.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed row
   * @throws UncheckedIOException if the file cannot be read
   */
  public static OnlineRetail load(Path dir) {
    Path file = dir.resolve(FILE);
    Map<String, Map<String, Integer>> titles = new LinkedHashMap<>();
    Map<String, BigDecimal> prices = new HashMap<>();
    List<Purchase> purchases = new ArrayList<>();
    try (Reader in = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8);
        CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      for (CSVRecord r : csv) {
        long line = r.getRecordNumber() + 1;
        try {
          String code = r.get("StockCode").trim();
          if (code.isEmpty()) {
            continue;
          }
          String invoice = r.get("InvoiceNo").trim();
          double quantity = Double.parseDouble(r.get("Quantity"));
          BigDecimal price = new BigDecimal(r.get("UnitPrice").trim());
          Instant at = LocalDateTime.parse(r.get("InvoiceDate").trim(), DATE).toInstant(ZoneOffset.UTC);
          String description = r.get("Description").trim();
          if (!description.isEmpty()) {
            titles.computeIfAbsent(code, k -> new HashMap<>()).merge(description, 1, Integer::sum);
          } else {
            titles.computeIfAbsent(code, k -> new HashMap<>());
          }
          if (price.signum() > 0) {
            prices.put(code, price);
          }
          String customer = r.get("CustomerID").trim();
          if (customer.endsWith(".0")) {
            customer = customer.substring(0, customer.length() - 2);
          }
          if (!customer.isEmpty() && !invoice.startsWith("C") && quantity > 0 && price.signum() >= 0) {
            purchases.add(new Purchase(customer, code, invoice, at, quantity, price));
          }
        } catch (NumberFormatException | DateTimeParseException e) {
          throw new IllegalArgumentException(file + " line " + line + ": " + e.getMessage(), e);
        } catch (IllegalStateException | IllegalArgumentException e) {
          throw new IllegalArgumentException(file + " line " + line + ": expected the columns InvoiceNo, StockCode, "
              + "Description, Quantity, InvoiceDate, UnitPrice, CustomerID: " + e.getMessage(), e);
        }
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no " + FILE + " in " + dir.toAbsolutePath(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<Product> products = new ArrayList<>(titles.size());
    titles.forEach((code, counts) -> {
      String title = counts.entrySet().stream()
          .max(Map.Entry.<String, Integer>comparingByValue()
              .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
          .map(Map.Entry::getKey).orElse(code);
      products.add(Product.builder(code, title, new Money(prices.getOrDefault(code, BigDecimal.ZERO),
          java.util.Currency.getInstance("GBP"))).build());
    });
    return new OnlineRetail(Catalog.of(products), List.copyOf(purchases));
  }
}
