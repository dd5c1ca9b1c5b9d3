package io.guidesdk.examples.cli;

import io.guidesdk.onnx.llm.OnnxLanguageModel;
import io.guidesdk.remote.RemoteLanguageModel;
import io.guidesdk.spi.LanguageModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Command-line options that plug a language model into the guide: a local ONNX directory or a remote endpoint. */
public final class LlmOptions {

  @Option(names = "--llm-dir", description = "A local decoder LLM exported by Hugging Face Optimum (model.onnx, "
      + "tokenizer.json, tokenizer_config.json, generation_config.json).")
  Path dir;

  @Option(names = "--llm-device", defaultValue = "cpu",
      description = "Where the local LLM runs: cpu, cuda (falls back to cpu with a warning) or cuda-strict.")
  String device;

  @Option(names = "--llm-openai", description = "An OpenAI-compatible base URL, e.g. https://api.openai.com/v1 or "
      + "http://localhost:8000/v1 (vLLM, llama.cpp server).")
  String openAi;

  @Option(names = "--llm-ollama", description = "An Ollama base URL, e.g. http://localhost:11434.")
  String ollama;

  @Option(names = "--llm-model", description = "The remote model name, e.g. gpt-4o-mini or llama3.2.")
  String model;

  private static final String DEFAULT_KEY_ENV = "OPENAI_API_KEY";

  @Option(names = "--llm-api-key-env", defaultValue = DEFAULT_KEY_ENV,
      description = "The environment variable holding the API key (default OPENAI_API_KEY).")
  String apiKeyEnv;

  @Option(names = "--llm-timeout-ms", defaultValue = "30000", description = "Deadline of one remote call (ms).")
  long timeoutMs;

  /** The configured model, or null when none of the options is given. */
  @Nullable LanguageModel create() {
    int set = (dir != null ? 1 : 0) + (openAi != null ? 1 : 0) + (ollama != null ? 1 : 0);
    if (set == 0) {
      return null;
    }
    if (set > 1) {
      throw new IllegalArgumentException("give only one of --llm-dir, --llm-openai, --llm-ollama");
    }
    if (dir != null) {
      OnnxLanguageModel.Builder b = OnnxLanguageModel.builder(dir);
      switch (device.toLowerCase(Locale.ROOT)) {
        case "cpu" -> b.device(OnnxLanguageModel.Device.CPU);
        case "cuda" -> b.device(OnnxLanguageModel.Device.CUDA);
        case "cuda-strict" -> b.device(OnnxLanguageModel.Device.CUDA).strictDevice(true);
        default -> throw new IllegalArgumentException("--llm-device must be cpu, cuda or cuda-strict, was " + device);
      }
      return b.build();
    }
    if (model == null) {
      throw new IllegalArgumentException("--llm-model is required with --llm-openai or --llm-ollama");
    }
    RemoteLanguageModel.Builder b = openAi != null ? RemoteLanguageModel.openAiCompatible(openAi)
        : RemoteLanguageModel.ollama(ollama);
    b.model(model).timeout(Duration.ofMillis(timeoutMs));
    String key = System.getenv(apiKeyEnv);
    if (key != null && !key.isBlank()) {
      b.apiKey(key);
    } else if (!apiKeyEnv.equals(DEFAULT_KEY_ENV)) { // named on purpose, so its absence is a mistake
      throw new IllegalArgumentException("--llm-api-key-env: the environment variable " + apiKeyEnv
          + " is not set (leave the option out for a server that needs no key)");
    }
    return b.build();
  }
}
