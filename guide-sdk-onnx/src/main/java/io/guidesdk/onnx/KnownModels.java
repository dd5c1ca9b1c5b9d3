package io.guidesdk.onnx;

import java.util.Locale;

/**
 * Per-model defaults for pooling and query/passage prefixes, recognised from the model id (the
 * directory name unless set). These follow the model cards: BGE uses the [CLS] vector and an
 * instruction before queries, E5 mean-pools with {@code query: }/{@code passage: } prefixes,
 * sentence-transformers models (MiniLM, MPNet) mean-pool without prefixes. A
 * {@code 1_Pooling/config.json} in the model directory, or the builder, overrides these.
 */
final class KnownModels {

  record Defaults(OnnxEncoder.Pooling pooling, String queryPrefix, String passagePrefix) {}

  static final String BGE_ZH_QUERY = "为这个句子生成表示以用于检索相关文章：";
  static final String BGE_EN_QUERY = "Represent this sentence for searching relevant passages: ";

  private KnownModels() {}

  static Defaults forModel(String modelId) {
    String id = modelId.toLowerCase(Locale.ROOT);
    if (id.contains("bge") && id.contains("-m3")) {
      return new Defaults(OnnxEncoder.Pooling.CLS, "", "");
    }
    if (id.contains("bge") && id.contains("zh")) {
      return new Defaults(OnnxEncoder.Pooling.CLS, BGE_ZH_QUERY, "");
    }
    if (id.contains("bge")) {
      return new Defaults(OnnxEncoder.Pooling.CLS, BGE_EN_QUERY, "");
    }
    if (id.contains("e5")) {
      return new Defaults(OnnxEncoder.Pooling.MEAN, "query: ", "passage: ");
    }
    return new Defaults(OnnxEncoder.Pooling.MEAN, "", "");
  }
}
