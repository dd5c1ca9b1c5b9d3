package io.guidesdk.onnx.llm;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from logits, the way Hugging Face {@code generate} does: repetition penalty
 * over every token seen, then greedy argmax, or temperature, top-k, top-p and a draw.
 */
final class Sampler {
  private final boolean greedy;
  private final double temperature;
  private final int topK;
  private final double topP;
  private final double repetitionPenalty;
  private final SplittableRandom random;

  Sampler(boolean greedy, double temperature, int topK, double topP, double repetitionPenalty, SplittableRandom random) {
    this.greedy = greedy;
    this.temperature = temperature;
    this.topK = topK;
    this.topP = topP;
    this.repetitionPenalty = repetitionPenalty;
    this.random = random;
  }

  /** Chooses a token; {@code seen[id]} says whether {@code id} occurred in the prompt or the output. */
  int next(float[] logits, boolean[] seen) {
    float[] scores = logits.clone();
    if (repetitionPenalty != 1.0) {
      for (int i = 0; i < scores.length; i++) {
        if (i < seen.length && seen[i]) {
          scores[i] = (float) (scores[i] > 0 ? scores[i] / repetitionPenalty : scores[i] * repetitionPenalty);
        }
      }
    }
    if (greedy) {
      return argmax(scores);
    }
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // Stable sort by score, descending: ties keep the lower id first, so a seed fixes the result.
    Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
    int keep = Math.min(topK <= 0 ? n : topK, n);
    double max = scores[order[0]] / temperature;
    double[] probs = new double[keep];
    double sum = 0;
    for (int i = 0; i < keep; i++) {
      probs[i] = Math.exp(scores[order[i]] / temperature - max);
      sum += probs[i];
    }
    double cumulative = 0;
    int nucleus = keep;
    for (int i = 0; i < keep; i++) {
      probs[i] /= sum;
      cumulative += probs[i];
      if (cumulative >= topP) {
        nucleus = i + 1;
        break;
      }
    }
    double total = 0;
    for (int i = 0; i < nucleus; i++) {
      total += probs[i];
    }
    double r = random.nextDouble() * total;
    for (int i = 0; i < nucleus; i++) {
      r -= probs[i];
      if (r < 0) {
        return order[i];
      }
    }
    return order[nucleus - 1];
  }

  static int argmax(float[] scores) {
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return best;
  }
}
