package io.guidesdk.benchmarks;

import io.guidesdk.Product;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.onnx.OnnxEncoder;
import io.guidesdk.spi.EmbeddingPurpose;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The local encoder's building blocks, one variant of the bundled all-MiniLM-L6-v2 per {@code model}:
 * {@code fp32}, {@code int8} (the default: graph rewritten for per-token activation scales, decision
 * 0401) and {@code int8-exported} ({@code perTokenActivationScales(false)}: the graph as exported, texts
 * run alone) and {@code fp32-w8} (the fp32 model with 8-bit block-quantised weights, decision 0411: the
 * SDK's default query encoder). Every variant has the load-time layer-norm rewrite of decision 0410
 * except {@code int8-exported}. {@code zh} and {@code zh-w8} are the Chinese model a Chinese shop adds,
 * bge-small-zh-v1.5 (decision 0412), as is and with 8-bit weights; they embed Chinese product titles.
 *
 * <p>Run: {@code java -jar guide-sdk-benchmarks/target/benchmarks.jar EncoderBenchmarks}
 * (docs/performance.md). The comparison with LangChain4j is {@code guide bench encoder}.
 */
public class EncoderBenchmarks {

  static OnnxEncoder.Builder builder(String model) {
    return switch (model) {
      case "fp32" -> OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2);
      case "int8" -> OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q);
      case "int8-exported" -> OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2_Q)
          .perTokenActivationScales(false);
      case "fp32-w8" -> OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.ALL_MINILM_L6_V2).int8Weights(true);
      case "zh" -> OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15);
      case "zh-w8" -> OnnxEncoder.builder().bundled(OnnxEncoder.Bundled.BGE_SMALL_ZH_V15).int8Weights(true);
      default -> throw new IllegalArgumentException("model: expected fp32, int8, int8-exported, fp32-w8, zh or zh-w8,"
          + " got " + model);
    };
  }

  /**
   * Chinese product titles for the Chinese model, about as many tokens as the demo catalog's English
   * titles (a Han character is one token).
   */
  static final List<String> CHINESE_TITLES = List.of("李宁 男款轻量跑步鞋 透气网面", "安踏 女款缓震跑步鞋",
      "特步 专业竞速跑步鞋 碳板", "骆驼 男款防水登山鞋", "探路者 女款高帮徒步鞋", "陶瓷咖啡杯 350毫升", "双层玻璃咖啡杯",
      "不锈钢保温杯 500毫升", "不锈钢保温茶壶 1.5升", "手工紫砂茶壶", "无线蓝牙耳机 主动降噪", "运动蓝牙耳机 防汗",
      "头戴式有线耳机", "户外登山背包 40升", "城市通勤双肩包", "双人野营帐篷 防雨", "男款冲锋衣 防水防风", "女款轻薄羽绒服");

  /** Building an encoder: reading the model, the graph rewrites, creating the ONNX Runtime session. */
  @State(Scope.Benchmark)
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 10)
  @Fork(1)
  public static class Load {
    @Param({"fp32", "int8", "int8-exported", "fp32-w8", "zh", "zh-w8"})
    public String model;

    @Benchmark
    public int build() {
      try (OnnxEncoder encoder = builder(model).cacheSize(0).build()) {
        return encoder.dimension();
      }
    }
  }

  /** One product title at a time (batch 1), the query path's embedding. */
  @State(Scope.Benchmark)
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  @Fork(1)
  public static class Query {
    @Param({"fp32", "int8", "int8-exported", "fp32-w8", "zh", "zh-w8"})
    public String model;

    OnnxEncoder encoder;
    List<String> titles;
    int next;

    @Setup(Level.Trial)
    public void load() {
      encoder = builder(model).cacheSize(0).build();
      titles = model.startsWith("zh") ? CHINESE_TITLES
          : DemoData.catalog().products().stream().map(Product::title).toList();
    }

    @TearDown(Level.Trial)
    public void close() {
      encoder.close();
    }

    @Benchmark
    public float[] embed() {
      String title = titles.get(next);
      next = (next + 1) % titles.size();
      return encoder.embed(title, EmbeddingPurpose.QUERY);
    }
  }
}
