package io.guidesdk.remote;

import io.guidesdk.spi.LanguageModel;
import io.guidesdk.spi.LanguageModelProvider;
import java.time.Duration;
import java.util.Optional;

/**
 * Discovers a remote LLM from configuration (system property, else environment variable):
 * {@code guide.llm.openai.base-url} / {@code GUIDE_LLM_OPENAI_BASE_URL} with
 * {@code guide.llm.openai.api-key} / {@code GUIDE_LLM_OPENAI_API_KEY}, or
 * {@code guide.llm.ollama.base-url} / {@code GUIDE_LLM_OLLAMA_BASE_URL}; the model in
 * {@code guide.llm.model} / {@code GUIDE_LLM_MODEL}, the deadline in {@code guide.llm.timeout-ms} /
 * {@code GUIDE_LLM_TIMEOUT_MS}. Not configured: no model.
 */
public final class RemoteLanguageModelProvider implements LanguageModelProvider {

  @Override
  public String name() {
    return "remote";
  }

  @Override
  public int priority() {
    return 5;
  }

  @Override
  public Optional<LanguageModel> create() {
    String openAi = setting("guide.llm.openai.base-url", "GUIDE_LLM_OPENAI_BASE_URL");
    String ollama = setting("guide.llm.ollama.base-url", "GUIDE_LLM_OLLAMA_BASE_URL");
    if (openAi == null && ollama == null) {
      return Optional.empty();
    }
    String model = setting("guide.llm.model", "GUIDE_LLM_MODEL");
    if (model == null) {
      throw new IllegalStateException("a remote LLM endpoint is configured but guide.llm.model / GUIDE_LLM_MODEL "
          + "is not set");
    }
    RemoteLanguageModel.Builder b;
    try {
      b = openAi != null ? RemoteLanguageModel.openAiCompatible(openAi) : RemoteLanguageModel.ollama(ollama);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException((openAi != null ? "guide.llm.openai.base-url / GUIDE_LLM_OPENAI_BASE_URL"
          : "guide.llm.ollama.base-url / GUIDE_LLM_OLLAMA_BASE_URL") + ": " + e.getMessage(), e);
    }
    b.model(model);
    String key = setting("guide.llm.openai.api-key", "GUIDE_LLM_OPENAI_API_KEY");
    if (key != null) {
      b.apiKey(key);
    }
    String timeout = setting("guide.llm.timeout-ms", "GUIDE_LLM_TIMEOUT_MS");
    if (timeout != null) {
      try {
        b.timeout(Duration.ofMillis(Long.parseLong(timeout.trim())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("guide.llm.timeout-ms must be a whole number of milliseconds, was '"
            + timeout + "'", e);
      }
    }
    return Optional.of(b.build());
  }

  private static String setting(String property, String env) {
    String v = System.getProperty(property);
    v = v != null ? v : System.getenv(env);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
