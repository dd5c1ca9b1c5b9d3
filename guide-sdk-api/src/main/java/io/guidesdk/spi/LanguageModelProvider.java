package io.guidesdk.spi;

import java.util.Optional;

/**
 * Creates a {@link LanguageModel} from the environment's configuration; found with
 * {@link java.util.ServiceLoader} when no language model is set on the SDK builder.
 *
 * <p>A provider that is not configured (e.g. no model directory or endpoint given in system
 * properties or environment variables) returns empty, and the guide works without an LLM.
 */
public interface LanguageModelProvider {

  /** A short name for messages, e.g. {@code onnx} or {@code openai}. */
  String name();

  /** Among several configured providers, the highest priority is used. */
  default int priority() {
    return 0;
  }

  /**
   * Creates the configured model, or returns empty when this provider is not configured.
   *
   * @throws io.guidesdk.ModelLoadException if it is configured but the model cannot be created
   */
  Optional<LanguageModel> create();
}
