package io.guidesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor as a modular application sees it: every package of classes exported (a package
 * added later and forgotten would be unreachable from the module path), ICU4J optional, and the service
 * interfaces the SDK discovers declared as used.
 */
class ModuleDescriptorTest {
  @Test
  void everyPackageIsExported_icuIsOptional_andTheServicesAreUsed() {
    Module module = GuideSdk.class.getModule();
    assumeTrue(module.isNamed(), "the tests run on the class path: no module to check");
    ModuleDescriptor d = module.getDescriptor();
    assertThat(d.name()).isEqualTo("io.guidesdk.core");
    Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    // the packages left are the demo shops' data files, which the module reads itself
    assertThat(d.packages().stream().filter(p -> !exported.contains(p)).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("io.guidesdk.core.demo", "io.guidesdk.core.demo.zh");
    assertThat(d.requires()).anySatisfy(r -> {
      assertThat(r.name()).isEqualTo("com.ibm.icu");
      assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.STATIC);
    });
    assertThat(d.requires()).anySatisfy(r -> {
      assertThat(r.name()).isEqualTo("io.guidesdk.api");
      assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
    });
    assertThat(d.uses()).contains("io.guidesdk.spi.EncoderProvider", "io.guidesdk.spi.LanguageModelProvider");
  }
}
