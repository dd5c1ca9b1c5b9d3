package io.guidesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guidesdk.CatalogException;
import io.guidesdk.core.catalog.DemoData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuideSdkBuilderTest {

  @Test
  void build_withoutCatalog_saysWhatToCall() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> GuideSdk.builder().build());
    assertThat(e.getMessage()).contains("no catalog").contains("demoCatalog()");
  }

  @Test
  void settingsMayBeSetOnlyOnce() {
    GuideSdk.Builder b = GuideSdk.builder().catalog(DemoData.catalog());
    assertEquals("catalog was already set",
        assertThrows(IllegalStateException.class, () -> b.catalog(Path.of("x.jsonl"))).getMessage());
    b.limits(GuideLimits.defaults());
    assertEquals("limits was already set",
        assertThrows(IllegalStateException.class, () -> b.limits(GuideLimits.defaults())).getMessage());
  }

  @Test
  void dialogueOptions_chineseScriptConversion_defaultsOn_andMayBeSetOnce() {
    assertThat(io.guidesdk.core.dialogue.DialogueOptions.defaults().chineseScriptConversion()).isTrue();
    io.guidesdk.core.dialogue.DialogueOptions.Builder b = io.guidesdk.core.dialogue.DialogueOptions.builder()
        .chineseScriptConversion(false);
    assertThat(b.build().chineseScriptConversion()).isFalse();
    assertEquals("chineseScriptConversion was already set to false",
        assertThrows(IllegalStateException.class, () -> b.chineseScriptConversion(true)).getMessage());
  }

  @Test
  void nullArguments_nameTheArgument() {
    assertEquals("catalog", assertThrows(NullPointerException.class,
        () -> GuideSdk.builder().catalog((io.guidesdk.core.catalog.Catalog) null)).getMessage());
    assertEquals("encoder", assertThrows(NullPointerException.class, () -> GuideSdk.builder().encoder(null))
        .getMessage());
    assertEquals("clock", assertThrows(NullPointerException.class, () -> GuideSdk.builder().clock(null))
        .getMessage());
  }

  @Test
  void badCatalogFile_failsAtBuildNamingFileLineAndField(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("shop.jsonl"),
        "{\"id\":\"1\",\"title\":\"ok\",\"price\":1}\n{\"id\":\"2\",\"title\":\"bad\",\"price\":-1}\n");
    CatalogException e = assertThrows(CatalogException.class, () -> GuideSdk.builder().catalog(file).build());
    assertThat(e.getMessage()).contains("shop.jsonl:2: field 'price': must not be negative");
  }

  @Test
  void limits_checkRanges() {
    assertEquals("productsPerReply must be between 1 and 50, was 0",
        assertThrows(IllegalArgumentException.class, () -> GuideLimits.defaults().withProductsPerReply(0))
            .getMessage());
    assertEquals("attributionWindow must be positive, was PT0S", assertThrows(IllegalArgumentException.class,
        () -> GuideLimits.defaults().withAttributionWindow(Duration.ZERO)).getMessage());
    assertEquals("maxShoppers must be >= 1, was 0", assertThrows(IllegalArgumentException.class,
        () -> GuideLimits.defaults().withMaxShoppers(0)).getMessage());
  }

  @Test
  void limits_maxShoppers_defaultsAlsoThroughTheConstructorWithoutIt() {
    assertEquals(1_000_000, GuideLimits.DEFAULT_MAX_SHOPPERS);
    assertEquals(GuideLimits.DEFAULT_MAX_SHOPPERS, GuideLimits.defaults().maxShoppers());
    GuideLimits before = new GuideLimits(5, 1000, Duration.ofMinutes(30), Duration.ofHours(24), 1_000_000, 200,
        Duration.ofDays(30));
    assertEquals(GuideLimits.DEFAULT_MAX_SHOPPERS, before.maxShoppers());
    assertEquals(7, before.withMaxShoppers(7).maxShoppers());
    assertEquals(1000, before.withMaxShoppers(7).maxSessions());
  }
}
