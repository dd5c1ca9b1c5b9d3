package io.guidesdk.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.GuideSdk;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import io.guidesdk.spi.EncoderProvider;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo catalog's shipped vectors are those the bundled model gives today. When the catalog or the
 * model changes this fails: regenerate the file as {@link DemoData#vectors()} says.
 */
class DemoVectorsTest {
  private static final String REGENERATE = "the shipped demo vectors are stale: delete "
      + "guide-sdk-core/src/main/resources/io/guidesdk/core/demo/catalog.vectors and run "
      + "java -jar examples/target/guide.jar demo --vector-cache "
      + "guide-sdk-core/src/main/resources/io/guidesdk/core/demo/catalog.vectors";

  private static Encoder encoder;

  @BeforeAll
  static void load() {
    encoder = ServiceLoader.load(EncoderProvider.class).findFirst().orElseThrow().create();
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void everyDemoProductHasItsVectorForTheBundledModel() throws Exception {
    List<String> passages = DemoData.catalog().products().stream().map(EmbeddingIndex::passageText).toList();
    try (InputStream seed = DemoData.vectors(); VectorCache cache = VectorCache.openCopy(seed, encoder)) {
      List<float[]> shipped = cache.embedAll(passages, EmbeddingPurpose.PASSAGE);

      assertThat(cache.hitsAndMisses()).as(REGENERATE).containsExactly(passages.size(), 0);
      // what the model computes now, for a spread of products
      for (int i = 0; i < passages.size(); i += 37) {
        float[] fresh = encoder.embed(passages.get(i), EmbeddingPurpose.PASSAGE);
        assertThat(QuerySpace.cosine(shipped.get(i), fresh)).as(REGENERATE + " (product %d)", i).isGreaterThan(0.99999);
      }
    }
  }

  @Test
  void theDemoStartsFromTheShippedVectorsAndLeavesNoTemporaryFileBehind() {
    Path copy;
    try (GuideSdk sdk = GuideSdk.builder().demoCatalog().encoder(encoder).build()) {
      Product first = sdk.catalog().products().get(0);
      assertThat(sdk.search().retriever().search(first.title(), ProductFilter.none(), 1).get(0).product())
          .isEqualTo(first);
      VectorCache cache = (VectorCache) sdk.search().encoder();
      copy = cache.file();
      assertThat(cache.hitsAndMisses()[1]).as(REGENERATE).isZero();
      assertThat(Files.exists(copy)).isTrue();
    }
    assertThat(Files.exists(copy)).isFalse();
  }
}
