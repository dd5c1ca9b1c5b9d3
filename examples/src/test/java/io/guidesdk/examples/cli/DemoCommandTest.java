package io.guidesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.DemoData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo line: exits 0 and shows only products of the bundled catalog, at their prices. */
class DemoCommandTest {
  private static final Pattern CHAT_LINE = Pattern.compile("guide   \\| \\d+\\. (.+) — (\\$[0-9.]+)");

  @Test
  void demo_exitsZero_andPrintsRealCatalogProducts() {
    String out = stdout("demo");

    Catalog catalog = DemoData.catalog();
    Set<String> titleAndPrice = catalog.products().stream()
        .map(p -> p.title() + " — " + p.price().format()).collect(Collectors.toSet());
    List<String> shown = new ArrayList<>();
    Matcher m = CHAT_LINE.matcher(out);
    while (m.find()) {
      shown.add(m.group(1) + " — " + m.group(2));
    }
    assertThat(shown).as("chat lines listing products").hasSizeGreaterThanOrEqualTo(3);
    assertThat(titleAndPrice).containsAll(shown);

    Set<String> titles = catalog.products().stream().map(Product::title).collect(Collectors.toSet());
    long recommendationLines = out.lines().filter(l -> l.matches("\\s+\\d+\\. .*")).count();
    assertThat(recommendationLines).isGreaterThanOrEqualTo(10);
    out.lines().filter(l -> l.matches("\\s+\\d+\\. .*")).forEach(l ->
        assertThat(titles.stream().anyMatch(l::contains)).as("a catalog title in: %s", l).isTrue());
    assertThat(out).contains("recommendations changed after the shopper's reactions");
  }

  @Test
  void demo_withAVectorCache_printsTheSameOnTheRunThatReadsIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("demo.vectors");
    String cold = stdout("demo", "--vector-cache", file.toString());
    long size = Files.size(file);
    String warm = stdout("demo", "--vector-cache", file.toString());

    assertThat(cold).contains("recommendations changed after the shopper's reactions");
    // the second run embedded nothing new: the file did not grow, and every answer is the same
    assertThat(Files.size(file)).isEqualTo(size);
    assertThat(size).isGreaterThan((long) DemoData.catalog().size() * 384 * 4);
    assertThat(warm).isEqualTo(cold);
  }

  private static String stdout(String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(0, run.exit(), run.out());
    return run.out();
  }

  @Test
  void unknownSubcommand_failsWithUsage() {
    CliRun run = CliRun.of("nonsense");
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("Unmatched argument");
  }

  @Test
  void theChineseDemoRunsInChinese() {
    String out = stdout("demo", "--language", "zh");
    assertThat(out).contains("encoder bge-small-zh-v1.5").contains("为您找到").contains("根据本店政策")
        .contains("热销商品").contains("因为您购买过");
    Set<String> titles = DemoData.chineseCatalog().products().stream().map(Product::title).collect(Collectors.toSet());
    out.lines().filter(l -> l.matches("\\s+\\d+\\. .*")).forEach(l ->
        assertThat(titles.stream().anyMatch(l::contains)).as("a catalog title in: %s", l).isTrue());
  }
}
