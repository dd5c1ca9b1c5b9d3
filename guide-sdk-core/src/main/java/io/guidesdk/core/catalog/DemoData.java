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
 * kitchen products and a store FAQ, written for this project (see {@code tools/demo-catalog}).
 */
public final class DemoData {
  private static final String CATALOG = "/io/guidesdk/core/demo/catalog.jsonl";
  private static final String FAQ = "/io/guidesdk/core/demo/faq.jsonl";

  private DemoData() {}

  /** The demo catalog; every row is valid, so this never reports problems. */
  public static Catalog catalog() {
    try (Reader reader = open(CATALOG)) {
      return CatalogLoader.failFast().readJsonLines(reader, "classpath:" + CATALOG).catalog();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The demo store's FAQ. */
  public static List<FaqEntry> faq() {
    try (Reader reader = open(FAQ)) {
      return FaqLoader.read(reader, "classpath:" + FAQ);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reader open(String resource) {
    InputStream in = DemoData.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("demo resource missing from the classpath: " + resource);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
