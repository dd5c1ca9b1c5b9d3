package io.guidesdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The API jar is a named module that exports the API and the SPI, and nothing else. */
class ModuleDescriptorTest {

  @Test
  void theModuleExportsOnlyTheApiAndTheSpiAndNeedsNothingAtRuntime() throws Exception {
    Path classes = Path.of(ShoppingGuide.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor module = ModuleFinder.of(classes).find("io.guidesdk.api").orElseThrow().descriptor();

    assertThat(module.isAutomatic()).isFalse();
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("io.guidesdk", "io.guidesdk.spi");
    assertThat(module.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    // Only java.base and the compile-time nullness annotations: nothing is needed at run time.
    assertThat(module.requires()).allSatisfy(r -> assertThat(r.name().equals("java.base")
        || r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)).as(r.toString()).isTrue());
    // ... and nothing a consumer must have to compile against it either
    assertThat(module.requires()).noneSatisfy(r ->
        assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
  }
}
