package io.guidesdk.examples.cli;

import io.guidesdk.onnx.llm.OnnxLanguageModel;
import io.guidesdk.spi.ChatMessage;
import io.guidesdk.spi.Generation;
import io.guidesdk.spi.GenerationOptions;
import io.guidesdk.spi.GenerationRequest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guide bench llm}: generation speed of a local ONNX decoder LLM. Greedy decoding with the KV
 * cache against the baseline of recomputing the whole prefix at every step, in the same run, and
 * the aggregate rate of concurrent generations on one loaded model.
 */
@Command(name = "llm", mixinStandardHelpOptions = true,
    description = "Tokens/s of a local ONNX LLM: KV-cache decoding vs recomputing the prefix, and concurrent.")
public final class LlmBenchCommand implements Callable<Integer> {
  static final Path TEST_MODEL = Path.of("guide-sdk-onnx/src/test/resources/tiny-llm/with-position-ids");

  @Option(names = "--model-dir", description = "An Optimum export directory (default: the repository's tiny test "
      + "model, " + "guide-sdk-onnx/src/test/resources/tiny-llm/with-position-ids).")
  Path modelDir;

  @Option(names = "--tokens", defaultValue = "64", description = "Tokens generated per run (default 64).")
  int tokens;

  @Option(names = "--runs", defaultValue = "5", description = "Timed runs per mode (default 5).")
  int runs;

  @Option(names = "--threads", defaultValue = "4", description = "Concurrent generations (default 4).")
  int threads;

  @Option(names = "--prompt", defaultValue = "I need waterproof trail running shoes under $150 for muddy races.",
      description = "The user message.")
  String prompt;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path dir = modelDir != null ? modelDir : TEST_MODEL;
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no model directory " + dir.toAbsolutePath()
          + " (run from the repository root, or pass --model-dir)");
    }
    if (tokens < 1 || runs < 1 || threads < 1) {
      throw new IllegalArgumentException("--tokens, --runs and --threads must be at least 1");
    }
    List<ChatMessage> messages = List.of(ChatMessage.system("You are a shopping assistant."), ChatMessage.user(prompt));
    GenerationRequest request = GenerationRequest.of(messages, GenerationOptions.greedy(1));
    try (OnnxLanguageModel llm = OnnxLanguageModel.builder(dir).build()) {
      Generation warm = llm.generate(request);
      llm.decodeForBenchmark(messages, Math.min(4, tokens), true);
      llm.decodeForBenchmark(messages, Math.min(4, tokens), false);
      int promptTokens = warm.usage().inputTokens();
      out.printf(Locale.ROOT, "model %s (%d layers, %s), prompt %d tokens, %d tokens per run, %d runs, %d threads, "
          + "%d CPU cores%n", dir, llm.layers(), llm.device(), promptTokens, tokens, runs, threads,
          Runtime.getRuntime().availableProcessors());

      long produced = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        produced += llm.decodeForBenchmark(messages, tokens, true);
      }
      double kvSeconds = (System.nanoTime() - t0) / 1e9;
      double kvRate = produced / kvSeconds;
      out.printf(Locale.ROOT, "KV cache:        %6d tokens in %7.3f s = %9.1f tokens/s (prefill included)%n",
          produced, kvSeconds, kvRate);

      long baseProduced = 0;
      long t1 = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        baseProduced += llm.decodeForBenchmark(messages, tokens, false);
      }
      double baseSeconds = (System.nanoTime() - t1) / 1e9;
      double baseRate = baseProduced / baseSeconds;
      out.printf(Locale.ROOT, "no cache (base): %6d tokens in %7.3f s = %9.1f tokens/s%n", baseProduced, baseSeconds,
          baseRate);

      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long concurrentProduced = 0;
      long t2 = System.nanoTime();
      try {
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          futures.add(pool.submit(() -> {
            int n = 0;
            for (int i = 0; i < runs; i++) {
              n += llm.decodeForBenchmark(messages, tokens, true);
            }
            return n;
          }));
        }
        for (Future<Integer> f : futures) {
          concurrentProduced += f.get();
        }
      } finally {
        pool.shutdown();
      }
      double concSeconds = (System.nanoTime() - t2) / 1e9;
      double concRate = concurrentProduced / concSeconds;
      out.printf(Locale.ROOT, "%d concurrent:    %6d tokens in %7.3f s = %9.1f tokens/s aggregate%n", threads,
          concurrentProduced, concSeconds, concRate);
      out.printf(Locale.ROOT, "{\"model\":\"%s\",\"prompt_tokens\":%d,\"tokens_per_run\":%d,\"runs\":%d,"
          + "\"kv_tokens_per_s\":%.1f,\"no_cache_tokens_per_s\":%.1f,\"kv_speedup\":%.2f,\"threads\":%d,"
          + "\"concurrent_tokens_per_s\":%.1f}%n", dir.toString().replace("\\", "/"), promptTokens, tokens, runs,
          kvRate, baseRate, kvRate / baseRate, threads, concRate);
    }
    return 0;
  }
}
