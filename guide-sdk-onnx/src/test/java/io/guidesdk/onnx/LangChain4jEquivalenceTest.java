package io.guidesdk.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.guidesdk.spi.EmbeddingPurpose;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our vectors against LangChain4j's in-process model of the same ONNX file. */
class LangChain4jEquivalenceTest {

  static final List<String> TEXTS = List.of(
      "Waterproof hiking boots for women",
      "a",
      "USB-C charger 65W, GaN, two ports — fits laptops & phones",
      "Ergonomic office chair with lumbar support and adjustable armrests, mesh back, black",
      "陶瓷咖啡杯",
      "Kaffeemühle aus Edelstahl (manuell) für Espresso",
      "");

  static List<float[]> reference(EmbeddingModel model, List<String> texts) {
    List<float[]> out = new ArrayList<>();
    for (Embedding e : model.embedAll(texts.stream().map(TextSegment::from).toList()).content()) {
      out.add(e.vector());
    }
    return out;
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void fp32VectorsEqualLangChain4jWithin1e4() {
    List<String> texts = TEXTS.subList(0, TEXTS.size() - 1); // LangChain4j rejects blank segments
    List<float[]> expected = reference(new AllMiniLmL6V2EmbeddingModel(), texts);
    try (OnnxEncoder ours = OnnxEncoder.builder().cacheSize(0).build()) {
      List<float[]> batched = ours.embedAll(texts, EmbeddingPurpose.PASSAGE);
      for (int i = 0; i < texts.size(); i++) {
        float[] single = ours.embed(texts.get(i), EmbeddingPurpose.QUERY);
        for (int d = 0; d < expected.get(i).length; d++) {
          assertThat(batched.get(i)[d]).as("text %d dim %d batched", i, d)
              .isCloseTo(expected.get(i)[d], org.assertj.core.data.Offset.offset(1e-4f));
          assertThat(single[d]).as("text %d dim %d alone", i, d)
              .isCloseTo(expected.get(i)[d], org.assertj.core.data.Offset.offset(1e-4f));
        }
        assertThat(cosine(batched.get(i), expected.get(i))).isGreaterThanOrEqualTo(0.9999);
      }
    }
  }

  @Test
  void int8VectorsEqualLangChain4jWithTheExportedGraph() {
    List<String> texts = TEXTS.subList(0, TEXTS.size() - 1);
    List<float[]> expected = reference(new AllMiniLmL6V2QuantizedEmbeddingModel(), texts);
    try (OnnxEncoder ours = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q)
        .perTokenActivationScales(false).cacheSize(0).build()) {
      assertThat(ours.batchInvariant()).as("dynamic quantisation detected").isTrue();
      List<float[]> got = ours.embedAll(texts, EmbeddingPurpose.PASSAGE);
      for (int i = 0; i < texts.size(); i++) {
        System.out.println("int8 cos " + i + " " + cosine(got.get(i), expected.get(i)));
        assertThat(cosine(got.get(i), expected.get(i))).as("text %d", i).isGreaterThanOrEqualTo(0.9999);
      }
    }
  }
}
