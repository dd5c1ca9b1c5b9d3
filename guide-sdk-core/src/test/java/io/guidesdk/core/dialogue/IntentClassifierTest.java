package io.guidesdk.core.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.guidesdk.Intent;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which bundled examples the nearest-example vote embeds, per shop language. */
class IntentClassifierTest {

  /** Records what it is asked to embed; every text gets the same vector. */
  private static final class RecordingEncoder implements Encoder {
    final List<String> embedded = new ArrayList<>();

    @Override
    public float[] embed(String text, EmbeddingPurpose purpose) {
      embedded.add(text);
      return new float[] {1, 0};
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public String modelId() {
      return "recording";
    }

    @Override
    public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
      return texts.stream().map(t -> embed(t, purpose)).toList();
    }

    @Override
    public void close() {}
  }

  @Test
  void aChineseShop_embedsTheChineseExamplesBesideTheEnglishOnes_oneForEachEnglishExample() {
    RecordingEncoder en = new RecordingEncoder();
    new IntentClassifier(en, Map.of(), Locale.ENGLISH);
    RecordingEncoder zh = new RecordingEncoder();
    new IntentClassifier(zh, Map.of(Intent.GREETING, List.of("在不在")), Locale.SIMPLIFIED_CHINESE);
    assertThat(en.embedded).isNotEmpty().noneMatch(t -> t.matches(".*\\p{IsHan}.*"));
    assertThat(zh.embedded).containsAll(en.embedded).contains("在不在", "运费多少", "讲个笑话");
    // a translation of every English example, plus the shop's own
    assertThat(zh.embedded).hasSize(2 * en.embedded.size() + 1);
  }

  @Test
  void aLanguageWithoutBundledExamples_getsTheEnglishOnes() {
    RecordingEncoder en = new RecordingEncoder();
    new IntentClassifier(en, Map.of(), Locale.ENGLISH);
    RecordingEncoder de = new RecordingEncoder();
    new IntentClassifier(de, Map.of(), Locale.GERMAN);
    assertThat(de.embedded).isEqualTo(en.embedded);
  }
}
