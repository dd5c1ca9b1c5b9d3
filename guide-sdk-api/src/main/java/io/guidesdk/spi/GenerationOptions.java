package io.guidesdk.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to generate. A {@code null} setting means "the backend's or model's default" (for a local
 * model, its {@code generation_config.json}).
 *
 * @param maxTokens the most tokens to generate, at least 1
 * @param temperature 0 for greedy decoding; above 0 samples with that temperature
 * @param topP nucleus sampling: keep the smallest set of tokens whose probability reaches this, in (0, 1]
 * @param topK keep only the k most likely tokens, at least 1
 * @param repetitionPenalty divides the logits of tokens already seen (1 = none), above 0
 * @param seed makes sampling reproducible where the backend supports it
 * @param stop stop sequences: generation ends before the first one produced; at most 16
 * @param jsonOutput whether to ask for a single JSON object as the answer
 */
public record GenerationOptions(
    @Nullable Integer maxTokens,
    @Nullable Double temperature,
    @Nullable Double topP,
    @Nullable Integer topK,
    @Nullable Double repetitionPenalty,
    @Nullable Long seed,
    List<String> stop,
    boolean jsonOutput) {

  public static final int MAX_STOP_SEQUENCES = 16;
  private static final GenerationOptions DEFAULTS = builder().build();

  public GenerationOptions {
    if (maxTokens != null && maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1: " + maxTokens);
    }
    if (temperature != null && !(temperature >= 0 && temperature <= 100)) {
      throw new IllegalArgumentException("temperature must be in [0, 100]: " + temperature);
    }
    if (topP != null && !(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1]: " + topP);
    }
    if (topK != null && topK < 1) {
      throw new IllegalArgumentException("topK must be at least 1: " + topK);
    }
    if (repetitionPenalty != null && !(repetitionPenalty > 0 && repetitionPenalty < 100)) {
      throw new IllegalArgumentException("repetitionPenalty must be in (0, 100): " + repetitionPenalty);
    }
    stop = List.copyOf(stop);
    if (stop.size() > MAX_STOP_SEQUENCES) {
      throw new IllegalArgumentException("at most " + MAX_STOP_SEQUENCES + " stop sequences, got " + stop.size());
    }
    for (String s : stop) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException("a stop sequence must not be empty");
      }
    }
  }

  /** Every setting left to the backend. */
  public static GenerationOptions defaults() {
    return DEFAULTS;
  }

  /** Greedy decoding of at most {@code maxTokens} tokens. */
  public static GenerationOptions greedy(int maxTokens) {
    return builder().maxTokens(maxTokens).temperature(0.0).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxTokens = maxTokens;
    b.temperature = temperature;
    b.topP = topP;
    b.topK = topK;
    b.repetitionPenalty = repetitionPenalty;
    b.seed = seed;
    b.stop.addAll(stop);
    b.jsonOutput = jsonOutput;
    return b;
  }

  /** Builds {@link GenerationOptions}; checks happen in {@link #build()}. */
  public static final class Builder {
    private @Nullable Integer maxTokens;
    private @Nullable Double temperature;
    private @Nullable Double topP;
    private @Nullable Integer topK;
    private @Nullable Double repetitionPenalty;
    private @Nullable Long seed;
    private final List<String> stop = new ArrayList<>();
    private boolean jsonOutput;

    private Builder() {}

    public Builder maxTokens(int maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    public Builder temperature(double temperature) {
      this.temperature = temperature;
      return this;
    }

    public Builder topP(double topP) {
      this.topP = topP;
      return this;
    }

    public Builder topK(int topK) {
      this.topK = topK;
      return this;
    }

    public Builder repetitionPenalty(double repetitionPenalty) {
      this.repetitionPenalty = repetitionPenalty;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder stop(String... sequences) {
      for (String s : sequences) {
        stop.add(Objects.requireNonNull(s, "stop sequence"));
      }
      return this;
    }

    public Builder jsonOutput(boolean jsonOutput) {
      this.jsonOutput = jsonOutput;
      return this;
    }

    public GenerationOptions build() {
      return new GenerationOptions(maxTokens, temperature, topP, topK, repetitionPenalty, seed, stop, jsonOutput);
    }
  }
}
