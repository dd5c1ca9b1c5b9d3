package io.guidesdk.core.dialogue;

import io.guidesdk.Intent;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Nearest labelled examples: the message is embedded and the {@value #K} most similar examples vote,
 * each with its similarity. The bundled examples ({@code intent-examples.tsv}, and for a Chinese shop
 * also {@code intent-examples_zh.tsv}) and the shop's own are embedded once at construction. A brute-force scan is right at this size (about a hundred vectors).
 */
final class IntentClassifier {
  static final int K = 5;
  static final String RESOURCE = "intent-examples.tsv";

  /** The vote's winner, and the similarity of the single nearest example (how familiar the message is). */
  record Vote(Intent intent, double share, double nearest) {}

  private final Encoder encoder;
  private final List<Intent> labels = new ArrayList<>();
  private final List<float[]> vectors;

  IntentClassifier(Encoder encoder, Map<Intent, List<String>> extra) {
    this(encoder, extra, Locale.ENGLISH);
  }

  /**
   * @param locale the shop's language: its bundled examples ({@code intent-examples_<language>.tsv},
   *     Chinese so far) join the English ones, since an encoder for that language places its messages
   *     near examples in that language, not near English ones
   */
  IntentClassifier(Encoder encoder, Map<Intent, List<String>> extra, Locale locale) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    List<String> texts = new ArrayList<>();
    List<String[]> rows = new ArrayList<>(bundled(RESOURCE));
    String own = "intent-examples_" + locale.getLanguage() + ".tsv";
    if (!locale.getLanguage().equals("en") && IntentClassifier.class.getResource(own) != null) {
      rows.addAll(bundled(own));
    }
    for (String[] row : rows) {
      labels.add(Intent.valueOf(row[0]));
      texts.add(row[1]);
    }
    extra.forEach((intent, examples) -> examples.forEach(e -> {
      labels.add(intent);
      texts.add(e);
    }));
    this.vectors = encoder.embedAll(texts, EmbeddingPurpose.QUERY);
  }

  static List<String[]> bundled() {
    return bundled(RESOURCE);
  }

  private static List<String[]> bundled(String resource) {
    InputStream in = IntentClassifier.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("bundled resource " + resource + " is missing from the jar");
    }
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t", 2);
        if (parts.length != 2) {
          throw new IllegalStateException(resource + " line " + n + ": expected INTENT<TAB>example");
        }
        rows.add(parts);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  Vote classify(float[] query) {
    int n = vectors.size();
    double[] sims = new double[n];
    for (int i = 0; i < n; i++) {
      float[] v = vectors.get(i);
      double s = 0;
      for (int d = 0; d < v.length; d++) {
        s += query[d] * v[d];
      }
      sims[i] = s;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(sims[b], sims[a]));
    Map<Intent, Double> votes = new EnumMap<>(Intent.class);
    double total = 0;
    for (int j = 0; j < Math.min(K, n); j++) {
      double w = Math.pow(Math.max(0, sims[order[j]]), 3); // the nearest examples count most
      votes.merge(labels.get(order[j]), w, Double::sum);
      total += w;
    }
    Intent best = Intent.OUT_OF_SCOPE;
    double bestVotes = -1;
    for (Map.Entry<Intent, Double> e : votes.entrySet()) {
      if (e.getValue() > bestVotes) {
        bestVotes = e.getValue();
        best = e.getKey();
      }
    }
    return new Vote(best, total > 0 ? bestVotes / total : 0, n == 0 ? 0 : sims[order[0]]);
  }

  float[] embed(String text) {
    return encoder.embed(text, EmbeddingPurpose.QUERY);
  }
}
