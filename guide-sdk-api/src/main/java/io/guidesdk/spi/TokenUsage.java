package io.guidesdk.spi;

/**
 * Tokens a generation consumed, as the backend counted them.
 *
 * @param inputTokens prompt tokens
 * @param outputTokens generated tokens
 */
public record TokenUsage(int inputTokens, int outputTokens) {
  public static final TokenUsage UNKNOWN = new TokenUsage(0, 0);

  public TokenUsage {
    if (inputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative: " + inputTokens + ", " + outputTokens);
    }
  }

  public int totalTokens() {
    return inputTokens + outputTokens;
  }

  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
  }
}
