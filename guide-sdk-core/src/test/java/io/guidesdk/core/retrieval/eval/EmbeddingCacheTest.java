package io.guidesdk.core.retrieval.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {

  /** A 2-dimensional encoder whose vectors are (length of the text, offset); counts the texts it embeds in bulk. */
  static final class Counting implements Encoder {
    final float offset;
    final AtomicInteger bulkTexts = new AtomicInteger();

    Counting(float offset) {
      this.offset = offset;
    }

    @Override
    public float[] embed(String text, EmbeddingPurpose purpose) {
      return new float[] {text.length(), offset};
    }

    @Override
    public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
      bulkTexts.addAndGet(texts.size());
      return texts.stream().map(t -> embed(t, purpose)).toList();
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public String modelId() {
      return "counting";
    }

    @Override
    public void close() {}
  }

  @Test
  void aSecondRunReadsTheVectorsBackAndAChangedModelUnderTheSameIdDoesNot(@TempDir Path dir) throws Exception {
    List<String> texts = List.of("kettle", "red shoes", "");
    EmbeddingCache cache = new EmbeddingCache(dir);
    Counting first = new Counting(0);
    float[] computed = cache.vectors(first, texts, EmbeddingPurpose.PASSAGE, n -> { });
    assertThat(computed).containsExactly(6, 0, 9, 0, 0, 0);
    assertThat(first.bulkTexts).hasValue(3);

    Counting again = new Counting(0);
    assertThat(cache.vectors(again, texts, EmbeddingPurpose.PASSAGE, n -> { })).containsExactly(computed);
    assertThat(again.bulkTexts).as("read from the cache").hasValue(0);

    // Same model id, different vectors (a rewritten graph, say): its own file, not the other's vectors.
    Counting changed = new Counting(1);
    assertThat(cache.vectors(changed, texts, EmbeddingPurpose.PASSAGE, n -> { })).containsExactly(6, 1, 9, 1, 0, 1);
    assertThat(changed.bulkTexts).hasValue(3);
    try (var files = Files.list(dir)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".f32")).count()).isEqualTo(2);
    }
  }
}
