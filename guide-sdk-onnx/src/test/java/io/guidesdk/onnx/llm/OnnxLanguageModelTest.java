package io.guidesdk.onnx.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.ModelLoadException;
import io.guidesdk.spi.ChatMessage;
import io.guidesdk.spi.FinishReason;
import io.guidesdk.spi.Generation;
import io.guidesdk.spi.GenerationOptions;
import io.guidesdk.spi.GenerationRequest;
import io.guidesdk.spi.ToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local LLM on the tiny random-weight decoders of tools/tiny-llm/generate.py, which have the exact
 * Optimum signature (one with position_ids, one without).
 */
class OnnxLanguageModelTest {
  static OnnxLanguageModel withPos;
  static OnnxLanguageModel withoutPos;

  static Path dir(String variant) {
    return Path.of("src/test/resources/tiny-llm", variant);
  }

  @BeforeAll
  static void load() {
    withPos = OnnxLanguageModel.load(dir("with-position-ids"));
    withoutPos = OnnxLanguageModel.load(dir("without-position-ids"));
  }

  @AfterAll
  static void close() {
    withPos.close();
    withoutPos.close();
  }

  static OnnxLanguageModel model(String variant) {
    return variant.equals("with-position-ids") ? withPos : withoutPos;
  }

  static GenerationRequest ask(String text, GenerationOptions options) {
    return GenerationRequest.of(List.of(ChatMessage.user(text)), options);
  }

  @Test
  void discoversTheSignatureFromTheSession() {
    assertThat(withPos.usesPositionIds()).isTrue();
    assertThat(withoutPos.usesPositionIds()).isFalse();
    assertThat(withPos.layers()).isEqualTo(2);
    assertThat(withPos.device()).isEqualTo(OnnxLanguageModel.Device.CPU);
  }

  @ParameterizedTest
  @ValueSource(strings = {"with-position-ids", "without-position-ids"})
  void kvCacheDecodingMatchesRecomputingThePrefix(String variant) {
    OnnxLanguageModel m = model(variant);
    long[] prompt = m.encode(m.renderPrompt(List.of(ChatMessage.user("red running shoes under $100"))));
    List<float[]> logits = new ArrayList<>();
    OnnxLanguageModel.Trace t = m.decode(prompt, GenerationOptions.builder().maxTokens(16).temperature(0)
        .repetitionPenalty(1.0).build(), p -> {}, logits);
    assertThat(t.tokens()).hasSizeGreaterThan(3);
    for (int step = 0; step < logits.size(); step++) {
      long[] prefix = new long[prompt.length + step];
      System.arraycopy(prompt, 0, prefix, 0, prompt.length);
      for (int i = 0; i < step; i++) {
        prefix[prompt.length + i] = t.tokens().get(i);
      }
      float[] full = m.logitsWithoutCache(prefix);
      float[] cached = logits.get(step);
      assertThat(cached).hasSameSizeAs(full);
      float maxDiff = 0;
      for (int i = 0; i < full.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(full[i] - cached[i]));
      }
      assertThat(maxDiff).as("max |logit difference| at step %d", step).isLessThanOrEqualTo(1e-4f);
      if (step < t.tokens().size()) {
        assertThat(Sampler.argmax(full)).as("token at step %d", step).isEqualTo(t.tokens().get(step));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"with-position-ids", "without-position-ids"})
  void greedyIsDeterministic(String variant) {
    OnnxLanguageModel m = model(variant);
    Generation a = m.generate(ask("hello", GenerationOptions.greedy(24)));
    Generation b = m.generate(ask("hello", GenerationOptions.greedy(24)));
    assertThat(a.text()).isNotEmpty().isEqualTo(b.text());
    assertThat(a.usage().outputTokens()).isEqualTo(b.usage().outputTokens()).isPositive();
    assertThat(a.usage().inputTokens()).isGreaterThan(10);
  }

  @Test
  void seededSamplingIsReproducibleAndTheSeedMatters() {
    GenerationOptions s42 = GenerationOptions.builder().maxTokens(30).temperature(1.0).topK(50).topP(0.95).seed(42).build();
    Generation a = withPos.generate(ask("hello", s42));
    Generation b = withPos.generate(ask("hello", s42));
    Generation c = withPos.generate(ask("hello", s42.toBuilder().seed(7).build()));
    Generation greedy = withPos.generate(ask("hello", GenerationOptions.greedy(30)));
    assertThat(a.text()).isEqualTo(b.text());
    assertThat(c.text()).isNotEqualTo(a.text());
    assertThat(a.text()).isNotEqualTo(greedy.text());
  }

  @Test
  void unsetOptionsComeFromGenerationConfig() {
    // generation_config.json says do_sample=true, so without a temperature two unseeded runs differ.
    GenerationOptions unset = GenerationOptions.builder().maxTokens(30).build();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      texts.add(withPos.generate(ask("hello", unset)).text());
    }
    assertThat(texts.stream().distinct().count()).isGreaterThan(1);
  }

  @Test
  void maxTokensBoundsTheOutput() {
    Generation g = withPos.generate(ask("hello", GenerationOptions.greedy(5)));
    assertThat(g.usage().outputTokens()).isEqualTo(5);
    assertThat(g.finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"with-position-ids", "without-position-ids"})
  void stopStringEndsTheTextBeforeIt(String variant) {
    OnnxLanguageModel m = model(variant);
    String full = m.generate(ask("tell me about jackets", GenerationOptions.greedy(40))).text();
    assertThat(full.length()).isGreaterThan(12);
    String stop = full.substring(full.length() / 2, full.length() / 2 + 2);
    String expected = full.substring(0, full.indexOf(stop));
    List<String> pieces = new ArrayList<>();
    Generation g = m.generate(ask("tell me about jackets",
        GenerationOptions.builder().maxTokens(40).temperature(0).stop("never-produced-zz", stop).build()), pieces::add);
    assertThat(g.text()).isEqualTo(expected);
    assertThat(g.finishReason()).isEqualTo(FinishReason.STOP_SEQUENCE);
    assertThat(String.join("", pieces)).isEqualTo(expected);
  }

  @Test
  void streamedPiecesConcatenateToTheFinalText() {
    List<String> pieces = new ArrayList<>();
    Generation g = withoutPos.generate(ask("你好，我想买一双跑鞋", GenerationOptions.builder().maxTokens(60)
        .temperature(0.9).seed(3).build()), pieces::add);
    assertThat(pieces).isNotEmpty().allSatisfy(p -> assertThat(p).isNotEmpty());
    assertThat(String.join("", pieces)).isEqualTo(g.text());
  }

  @Test
  void incrementalDetokenisationNeverBreaksCjkOrEmoji() {
    String text = "价格：你好世界 — 跑鞋 😀 ok";
    long[] ids = withPos.encode(text);
    assertThat(ids.length).as("byte-level tokens split the characters").isGreaterThan(text.length());
    StreamingDetokenizer d = new StreamingDetokenizer(withPos.tokenizer());
    StringBuilder out = new StringBuilder();
    for (long id : ids) {
      String piece = d.add(id);
      assertThat(piece).doesNotContain("\uFFFD");
      if (!piece.isEmpty()) {
        assertThat(Character.isLowSurrogate(piece.charAt(0))).isFalse();
      }
      out.append(piece);
    }
    out.append(d.flush());
    assertThat(out.toString()).isEqualTo(text);
  }

  @Test
  void eightConcurrentGenerationsOnOneModelMatchSequentialOnes() throws Exception {
    List<String> prompts = List.of("a", "running shoes", "jacket", "tent", "你好", "laptop bag", "socks", "gift");
    List<String> sequential = new ArrayList<>();
    for (String p : prompts) {
      sequential.add(withPos.generate(ask(p, GenerationOptions.greedy(20))).text());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (String p : prompts) {
        futures.add(pool.submit(() -> withPos.generate(ask(p, GenerationOptions.greedy(20))).text()));
      }
      List<String> concurrent = new CopyOnWriteArrayList<>();
      for (Future<String> f : futures) {
        concurrent.add(f.get());
      }
      assertThat(concurrent).containsExactlyElementsOf(sequential);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void cudaRequestedWithoutAGpuFallsBackToTheCpu() {
    try (OnnxLanguageModel m = OnnxLanguageModel.builder(dir("with-position-ids"))
        .device(OnnxLanguageModel.Device.CUDA).build()) {
      assertThat(m.device()).isEqualTo(OnnxLanguageModel.Device.CPU);
      assertThat(m.generate(ask("hello", GenerationOptions.greedy(10))).text())
          .isEqualTo(withPos.generate(ask("hello", GenerationOptions.greedy(10))).text());
    }
    assertThatThrownBy(() -> OnnxLanguageModel.builder(dir("with-position-ids"))
        .device(OnnxLanguageModel.Device.CUDA).strictDevice(true).build())
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("CUDA was required");
  }

  @Test
  void chatTemplateIsTheModelsOwn() {
    String withSystem = withPos.renderPrompt(List.of(ChatMessage.system("Be brief."), ChatMessage.user("hi")));
    assertThat(withSystem).isEqualTo("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n"
        + "<|im_start|>assistant\n");
    String noSystem = withPos.renderPrompt(List.of(ChatMessage.user("hi")));
    assertThat(noSystem).startsWith("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n");
  }

  @Test
  void missingFilesGiveAClearError(@TempDir Path tmp) throws Exception {
    Files.copy(dir("with-position-ids").resolve("model.onnx"), tmp.resolve("model.onnx"));
    assertThatThrownBy(() -> OnnxLanguageModel.load(tmp)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("no tokenizer.json").hasMessageContaining("optimum-cli");
    assertThatThrownBy(() -> OnnxLanguageModel.load(tmp.resolve("absent"))).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void toolCallsInTheQwenFormatAreParsed() {
    List<ToolCall> calls = OnnxLanguageModel.parseToolCalls("ok <tool_call>\n{\"name\": \"search_products\", "
        + "\"arguments\": {\"query\": \"tent\"}}\n</tool_call> <tool_call>{not json}</tool_call>");
    assertThat(calls).containsExactly(new ToolCall("call_0", "search_products", "{\"query\":\"tent\"}"));
  }
}
