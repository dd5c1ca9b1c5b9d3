package io.guidesdk.core.dialogue;

import io.guidesdk.core.catalog.FaqEntry;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shop's FAQ, embedded once, searched by similarity between the message and each question+answer.
 * For Chinese, a small lexical term is added: the share of the question's content characters that
 * the message uses. "我想退掉上周买的鞋子，怎么弄" shares 退 with "怎么退货？" and nothing with "商品有保修吗？",
 * which the Chinese encoder alone ranked first. English words get no such term: tried on the English
 * demo FAQ, it moved three answers, two of them to a worse entry ("can i pay with paypal" to
 * installments), since English questions share common words ("pay", "shipping") across entries.
 */
final class FaqIndex {
  /** Weight of the lexical share next to the cosine (0..1 each). */
  static final double LEXICAL_WEIGHT = 0.15;
  /** Characters too common in questions to say which entry is meant. */
  private static final Set<Integer> STOP = "的了吗我你是有在怎么什呢吧啊和想要可以能多久哪些该如何请问".codePoints().boxed()
      .collect(Collectors.toUnmodifiableSet());
  private final List<FaqEntry> entries;
  private final List<float[]> vectors;
  private final List<Set<Integer>> questionWords;
  private final Encoder encoder;

  FaqIndex(List<FaqEntry> entries, Encoder encoder) {
    this.entries = List.copyOf(entries);
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    List<String> texts = new ArrayList<>();
    for (FaqEntry e : this.entries) {
      texts.add(e.question() + " " + e.answer());
    }
    this.vectors = texts.isEmpty() ? List.of() : encoder.embedAll(texts, EmbeddingPurpose.PASSAGE);
    this.questionWords = this.entries.stream().map(e -> words(e.question())).toList();
  }

  /** The Han characters of {@code text} that can tell one question from another. */
  static Set<Integer> words(String text) {
    Set<Integer> out = new HashSet<>();
    text.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN && !STOP.contains(c))
        .forEach(out::add);
    return out;
  }

  /** The best entry for the message, if any entry is similar enough to be an answer. */
  Optional<FaqEntry> best(String message, double minSimilarity) {
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    float[] q = encoder.embed(message, EmbeddingPurpose.QUERY);
    Set<Integer> said = words(message);
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < vectors.size(); i++) {
      float[] v = vectors.get(i);
      double s = 0;
      for (int d = 0; d < v.length; d++) {
        s += q[d] * v[d];
      }
      if (s < minSimilarity) {
        continue; // the lexical share picks among answers, it never makes one
      }
      Set<Integer> asked = questionWords.get(i);
      long shared = asked.stream().filter(said::contains).count();
      s += asked.isEmpty() ? 0 : LEXICAL_WEIGHT * shared / asked.size();
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    }
    return best >= 0 ? Optional.of(entries.get(best)) : Optional.empty();
  }
}
