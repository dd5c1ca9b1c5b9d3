package io.guidesdk.core.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bundled demo shop, "Northwind Outfitters": a catalog of sports, outdoor, electronics and
 * kitchen products and a store FAQ, written for this project (see {@code tools/demo-catalog}). A
 * smaller Chinese shop comes with it ({@link #chineseCatalog()}, {@link #chineseFaq()}): 36 products
 * and 7 FAQ entries written for this project, for the Chinese set-up (docs/search.md, "Chinese
 * catalogs") and its dialogue evaluation.
 */
public final class DemoData {
  private static final String CATALOG = "/io/guidesdk/core/demo/catalog.jsonl";
  private static final String FAQ = "/io/guidesdk/core/demo/faq.jsonl";
  private static final String VECTORS = "/io/guidesdk/core/demo/catalog.vectors";
  private static final String CHINESE_CATALOG = "/io/guidesdk/core/demo/zh/catalog.jsonl";
  private static final String CHINESE_FAQ = "/io/guidesdk/core/demo/zh/faq.jsonl";

  private DemoData() {}

  /** The demo catalog; every row is valid, so this never reports problems. */
  public static Catalog catalog() {
    return loadCatalog(CATALOG);
  }

  /** The demo store's FAQ. */
  public static List<FaqEntry> faq() {
    return loadFaq(FAQ);
  }

  /** The Chinese demo catalog: 36 products of 10 kinds (16 categories with their parents), prices in CNY. */
  public static Catalog chineseCatalog() {
    return loadCatalog(CHINESE_CATALOG);
  }

  /** The Chinese demo store's FAQ: shipping, returns, refunds, warranty, payment, invoices, cancelling. */
  public static List<FaqEntry> chineseFaq() {
    return loadFaq(CHINESE_FAQ);
  }

  private static Catalog loadCatalog(String resource) {
    try (Reader reader = open(resource)) {
      return CatalogLoader.failFast().readJsonLines(reader, "classpath:" + resource).catalog();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<FaqEntry> loadFaq(String resource) {
    try (Reader reader = open(resource)) {
      return FaqLoader.read(reader, "classpath:" + resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The demo catalog's product vectors for the bundled all-MiniLM-L6-v2, in the format of
   * {@code io.guidesdk.core.retrieval.VectorCache}. They are written by the command
   * {@code java -jar examples/target/guide.jar demo --vector-cache
   * guide-sdk-core/src/main/resources/io/guidesdk/core/demo/catalog.vectors} (after deleting the old file),
   * which must be re-run whenever the catalog or the bundled model changes; {@code DemoVectorsTest}
   * fails until it is.
   */
  public static InputStream vectors() {
    InputStream in = DemoData.class.getResourceAsStream(VECTORS);
    if (in == null) {
      throw new IllegalStateException("demo resource missing from the classpath: " + VECTORS);
    }
    return in;
  }

  private static Reader open(String resource) {
    InputStream in = DemoData.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("demo resource missing from the classpath: " + resource);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
