package io.guidesdk.spi;

/**
 * A language model: chat messages in, text (or tool calls) out, optionally streamed token by token.
 *
 * <p>Backends: guide-sdk-onnx runs a local decoder LLM on ONNX Runtime; guide-sdk-remote calls an
 * OpenAI-compatible or Ollama endpoint. Set one on the SDK builder ({@code languageModel(...)}) or
 * let a {@link LanguageModelProvider} be discovered; one set explicitly wins.
 *
 * <p>Implementations are thread-safe: one instance serves concurrent requests. Failures are thrown
 * as {@link io.guidesdk.GuideException}s: {@link io.guidesdk.RateLimitedException} and
 * {@link io.guidesdk.GuideTimeoutException} (retriable), {@link io.guidesdk.ModelLoadException}, or
 * another retriable / non-retriable {@code GuideException}.
 */
public interface LanguageModel extends AutoCloseable {

  /** A stable name for logs and reports, e.g. {@code onnx:Qwen2.5-0.5B-Instruct} or {@code openai:gpt-4o-mini}. */
  String name();

  /** What this backend supports beyond plain text generation. */
  Capabilities capabilities();

  /** Generates the whole answer to {@code request}. */
  Generation generate(GenerationRequest request);

  /**
   * Generates the answer to {@code request}, handing each new piece of text to {@code listener} as it
   * is produced. The pieces concatenate to {@link Generation#text()} of the returned generation; a
   * piece never splits a character (no broken UTF-8), and text that may turn out to be the start of a
   * stop sequence is held back until it is known not to be.
   *
   * <p>The default implementation generates the whole answer and hands it over as one piece.
   */
  default Generation generate(GenerationRequest request, TokenListener listener) {
    Generation g = generate(request);
    if (!g.text().isEmpty()) {
      listener.onText(g.text());
    }
    return g;
  }

  /** Frees the backend's resources; idempotent. The default does nothing. */
  @Override
  default void close() {}

  /**
   * What a backend supports.
   *
   * @param streaming whether pieces arrive while generating (otherwise the default one-piece stream)
   * @param toolCalls whether the backend can return {@link ToolCall}s for the {@link ToolSpec}s it is given
   * @param jsonOutput whether {@link GenerationOptions#jsonOutput()} is enforced by the backend
   *     (otherwise it is only asked for in the prompt and callers must validate)
   * @param seededSampling whether {@link GenerationOptions#seed()} makes sampling reproducible
   */
  record Capabilities(boolean streaming, boolean toolCalls, boolean jsonOutput, boolean seededSampling) {}
}
