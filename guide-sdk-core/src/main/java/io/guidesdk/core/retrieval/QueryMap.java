package io.guidesdk.core.retrieval;

import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An affine map from a fast query encoder's vectors to the catalog encoder's query vectors, fitted on
 * pseudo-queries cut from the catalog's own titles, so that search pays for the fast encoder only.
 *
 * <p>What it is for: a model such as BGE asks for an instruction before every query ("为这个句子生成表示
 * 以用于检索相关文章：", 19 characters), which triples the tokens of a short query and its embedding
 * time. The same model without the instruction gives vectors that a linear map brings back to where the
 * instruction puts them: on the CrowdFlower development split, bge-small-en-v1.5's queries without the
 * instruction, mapped, rank products as well as with it (docs/quality.md, decision 0610). The fast
 * encoder may also have 8-bit weights; the map then corrects some of their rounding as well.
 *
 * <p>The fit is ridge regression towards the identity, {@code min |[X 1] W − Y|² + λ |W − [I 0]|²},
 * over the fast encoder's vectors {@code X} and the catalog encoder's query vectors {@code Y} of the same
 * pseudo-queries; a fifth of them is held out to measure the fit ({@link #heldOutCosine()}). Solved by
 * hand (a Cholesky factorisation of a (d+1)² matrix, d the dimension) rather than with a linear-algebra
 * library: it is one small symmetric positive-definite system, solved once per catalog.
 */
public final class QueryMap {
  private static final Logger LOG = LoggerFactory.getLogger(QueryMap.class);

  /** How many pseudo-queries a fit embeds with each encoder at most. */
  public static final int DEFAULT_SAMPLES = 600;
  /** How many a small catalog gets at least (eight per product otherwise, up to {@link #DEFAULT_SAMPLES}). */
  public static final int MIN_SAMPLES = 250;
  /** Below this many pseudo-queries (an empty or nearly empty catalog) no map is fitted. */
  static final int MIN_FIT = 20;
  /** The ridge weight λ towards the identity; chosen on the CrowdFlower development split. */
  public static final double DEFAULT_RIDGE = 1.0;

  private static final Pattern LATIN_WORD = Pattern.compile("[\\p{IsLatin}\\p{N}][\\p{IsLatin}\\p{N}'’.-]*");
  private static final Pattern HAN_RUN = Pattern.compile("\\p{IsHan}{2,}");
  private static final Set<String> JOINING = Set.of("a", "an", "the", "of", "for", "with", "and", "in", "on", "to",
      "by", "from", "at", "x");

  private final int dimension;
  /** (dimension + 1) × dimension, row-major: the last row is the bias. */
  private final double[] weights;
  private final double heldOutCosine;
  private final double heldOutCosineUnmapped;

  private QueryMap(int dimension, double[] weights, double heldOutCosine, double heldOutCosineUnmapped) {
    this.dimension = dimension;
    this.weights = weights;
    this.heldOutCosine = heldOutCosine;
    this.heldOutCosineUnmapped = heldOutCosineUnmapped;
  }

  /**
   * Fits the map from {@code fast}'s to {@code target}'s query vectors on pseudo-queries from
   * {@code catalog}'s titles ({@link #pseudoQueries}) and returns {@code fast} with the map applied to
   * its query vectors ({@link #wrap}). A catalog whose titles give fewer than 20 pseudo-queries (an
   * empty one) gets no map: {@code fast} unmapped, with a warning in the log.
   *
   * @throws IllegalArgumentException if the two encoders' dimensions differ
   */
  public static Encoder fitted(Catalog catalog, Encoder target, Encoder fast) {
    if (target.dimension() != fast.dimension()) {
      throw new IllegalArgumentException("the query encoder " + fast.modelId() + " makes vectors of dimension "
          + fast.dimension() + ", the catalog encoder " + target.modelId() + " of dimension " + target.dimension()
          + ": a query map needs the same model (without its query instruction, or with 8-bit weights)");
    }
    int n = (int) Math.min(DEFAULT_SAMPLES, Math.max(MIN_SAMPLES, 8L * catalog.size()));
    List<String> samples = pseudoQueries(catalog, n, 1);
    if (samples.size() < MIN_FIT) {
      LOG.warn("query map {} -> {}: the catalog's titles give {} pseudo-queries, fewer than {} to fit on; queries "
          + "are embedded by {} unmapped", fast.modelId(), target.modelId(), samples.size(), MIN_FIT, fast.modelId());
      return identity(fast.dimension()).wrap(fast, target.modelId());
    }
    long t0 = System.nanoTime();
    QueryMap map = fit(fast.embedAll(samples, EmbeddingPurpose.QUERY), target.embedAll(samples, EmbeddingPurpose.QUERY),
        DEFAULT_RIDGE);
    LOG.info("query map {} -> {}: fitted on {} pseudo-queries in {} ms; held-out cosine {} (unmapped {})",
        fast.modelId(), target.modelId(), samples.size(), (System.nanoTime() - t0) / 1_000_000,
        String.format(Locale.ROOT, "%.4f", map.heldOutCosine()),
        String.format(Locale.ROOT, "%.4f", map.heldOutCosineUnmapped()));
    return map.wrap(fast, target.modelId());
  }

  /**
   * Fits the map from {@code from} to {@code to} (vectors of the same texts, in the same order) with
   * ridge weight {@code ridge}, holding every fifth pair out to measure it.
   *
   * @throws IllegalArgumentException if the lists differ in length or the vectors in dimension
   */
  public static QueryMap fit(List<float[]> from, List<float[]> to, double ridge) {
    if (from.size() != to.size() || from.isEmpty()) {
      throw new IllegalArgumentException("need the same positive number of vectors on both sides, got "
          + from.size() + " and " + to.size());
    }
    if (!(ridge > 0)) {
      throw new IllegalArgumentException("ridge must be positive: " + ridge);
    }
    int d = from.get(0).length;
    for (int i = 0; i < from.size(); i++) {
      if (from.get(i).length != d || to.get(i).length != d) {
        throw new IllegalArgumentException("vector " + i + " has dimension " + from.get(i).length + " -> "
            + to.get(i).length + ", expected " + d + " on both sides");
      }
    }
    int m = d + 1;
    double[] a = new double[m * m]; // XᵀX + λI
    double[] b = new double[m * d]; // XᵀY + λ[I 0]
    boolean holdOut = from.size() >= 10;
    for (int n = 0; n < from.size(); n++) {
      if (holdOut && n % 5 == 4) {
        continue;
      }
      float[] x = from.get(n);
      float[] y = to.get(n);
      for (int i = 0; i < m; i++) {
        double xi = i < d ? x[i] : 1;
        for (int j = i; j < m; j++) {
          a[i * m + j] += xi * (j < d ? x[j] : 1);
        }
        for (int j = 0; j < d; j++) {
          b[i * d + j] += xi * y[j];
        }
      }
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < i; j++) {
        a[i * m + j] = a[j * m + i];
      }
      a[i * m + i] += ridge;
      if (i < d) {
        b[i * d + i] += ridge;
      }
    }
    double[] w = solve(a, b, m, d);
    QueryMap map = new QueryMap(d, w, Double.NaN, Double.NaN);
    double mapped = 0;
    double unmapped = 0;
    int held = 0;
    for (int n = 4; holdOut && n < from.size(); n += 5) {
      mapped += cosine(map.apply(from.get(n)), to.get(n));
      unmapped += cosine(from.get(n), to.get(n));
      held++;
    }
    return new QueryMap(d, w, held == 0 ? Double.NaN : mapped / held, held == 0 ? Double.NaN : unmapped / held);
  }

  /** The map that changes nothing but the length (to 1). */
  static QueryMap identity(int dimension) {
    double[] w = new double[(dimension + 1) * dimension];
    for (int i = 0; i < dimension; i++) {
      w[i * dimension + i] = 1;
    }
    return new QueryMap(dimension, w, Double.NaN, Double.NaN);
  }

  /** The map of {@code v}, at unit length. */
  public float[] apply(float[] v) {
    if (v.length != dimension) {
      throw new IllegalArgumentException("vector of dimension " + v.length + ", the map's is " + dimension);
    }
    double[] out = new double[dimension];
    for (int i = 0; i <= dimension; i++) {
      double x = i < dimension ? v[i] : 1;
      if (x == 0) {
        continue;
      }
      int row = i * dimension;
      for (int j = 0; j < dimension; j++) {
        out[j] += x * weights[row + j];
      }
    }
    double norm = 0;
    for (double o : out) {
      norm += o * o;
    }
    float[] r = new float[dimension];
    double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
    for (int j = 0; j < dimension; j++) {
      r[j] = (float) (out[j] * scale);
    }
    return r;
  }

  /** The mean cosine between mapped vectors and their targets over the held-out fifth (NaN under 10 pairs). */
  public double heldOutCosine() {
    return heldOutCosine;
  }

  /** The same mean cosine without the map: how far apart the two encoders are to begin with. */
  public double heldOutCosineUnmapped() {
    return heldOutCosineUnmapped;
  }

  /** The dimension of the vectors the map takes and gives. */
  public int dimension() {
    return dimension;
  }

  /**
   * {@code fast} with this map applied to its query vectors; passages pass through unchanged. The
   * wrapper's model id is {@code targetModelId + "~" + fast's}; closing it leaves {@code fast} open.
   */
  public Encoder wrap(Encoder fast, String targetModelId) {
    Objects.requireNonNull(fast, "fast");
    if (fast.dimension() != dimension) {
      throw new IllegalArgumentException("the encoder " + fast.modelId() + " makes vectors of dimension "
          + fast.dimension() + ", the map's is " + dimension);
    }
    String id = targetModelId + "~" + fast.modelId();
    return new Encoder() {
      @Override
      public int dimension() {
        return dimension;
      }

      @Override
      public String modelId() {
        return id;
      }

      @Override
      public float[] embed(String text, EmbeddingPurpose purpose) {
        float[] v = fast.embed(text, purpose);
        return purpose == EmbeddingPurpose.QUERY ? apply(v) : v;
      }

      @Override
      public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
        List<float[]> vs = fast.embedAll(texts, purpose);
        return purpose == EmbeddingPurpose.QUERY ? vs.stream().map(QueryMap.this::apply).toList() : vs;
      }

      @Override
      public void close() {
        // the caller owns fast
      }

      @Override
      public String toString() {
        return "QueryMap[" + id + "]";
      }
    };
  }

  /**
   * Short queries cut from the catalog's titles, as shoppers type them: for Latin-script titles the
   * first two to four words, the last two or three, and two content words (a one-word title as it
   * is); for Chinese, runs of two to six characters, and two of them together. A small catalog's titles
   * are cut again, up to 16 times. At most {@code max}, distinct, in a fixed order for a given
   * {@code seed}.
   */
  public static List<String> pseudoQueries(Catalog catalog, int max, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Product> products = new ArrayList<>(catalog.products());
    // a fixed shuffle, so that a large catalog contributes titles from everywhere
    for (int i = products.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Product t = products.get(i);
      products.set(i, products.get(j));
      products.set(j, t);
    }
    Set<String> out = new LinkedHashSet<>();
    // a small catalog is gone through again, for other cuts of the same titles
    for (int round = 0; round < MAX_ROUNDS && out.size() < max; round++) {
      for (Product p : products) {
        if (out.size() >= max) {
          break;
        }
        cut(p.title().toLowerCase(Locale.ROOT), random, out, max);
      }
    }
    return out.stream().limit(max).toList();
  }

  private static final int MAX_ROUNDS = 16;

  private static void cut(String title, SplittableRandom random, Set<String> out, int max) {
    List<String> words = new ArrayList<>();
    Matcher w = LATIN_WORD.matcher(title);
    while (w.find()) {
      words.add(w.group());
    }
    if (words.size() == 1 && words.get(0).chars().anyMatch(Character::isLetter) && !HAN_RUN.matcher(title).find()) {
      out.add(words.get(0)); // a one-word title is a query as it is
    }
    if (words.size() >= 2) {
      int k = 2 + random.nextInt(Math.min(4, words.size()) - 1);
      out.add(String.join(" ", words.subList(0, k)));
      k = 2 + random.nextInt(Math.min(3, words.size()) - 1);
      out.add(String.join(" ", words.subList(words.size() - k, words.size())));
      List<String> content = words.stream().filter(x -> !JOINING.contains(x) && !x.chars().allMatch(Character::isDigit))
          .toList();
      if (content.size() >= 2) {
        int i = random.nextInt(content.size());
        int j = random.nextInt(content.size() - 1);
        out.add(content.get(i) + " " + content.get(j >= i ? j + 1 : j));
      }
    }
    List<String> pieces = new ArrayList<>();
    Matcher h = HAN_RUN.matcher(title);
    while (h.find()) {
      String run = h.group();
      int len = Math.min(run.length(), 2 + random.nextInt(5));
      int start = random.nextInt(run.length() - len + 1);
      pieces.add(run.substring(start, start + len));
    }
    out.addAll(pieces);
    if (pieces.size() >= 2) { // two pieces of one title, as in 李宁 跑步鞋
      int i = random.nextInt(pieces.size());
      int j = random.nextInt(pieces.size() - 1);
      out.add(pieces.get(Math.min(i, j >= i ? j + 1 : j)) + " " + pieces.get(Math.max(i, j >= i ? j + 1 : j)));
    }
  }

  /** Solves a·w = b for a symmetric positive-definite m×m {@code a} and an m×d {@code b}, by Cholesky. */
  private static double[] solve(double[] a, double[] b, int m, int d) {
    double[] l = new double[m * m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * m + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * m + k] * l[j * m + k];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw new IllegalStateException("query map: the normal equations are not positive definite");
          }
          l[i * m + i] = Math.sqrt(s);
        } else {
          l[i * m + j] = s / l[j * m + j];
        }
      }
    }
    double[] w = b.clone();
    for (int c = 0; c < d; c++) {
      for (int i = 0; i < m; i++) { // L z = b
        double s = w[i * d + c];
        for (int k = 0; k < i; k++) {
          s -= l[i * m + k] * w[k * d + c];
        }
        w[i * d + c] = s / l[i * m + i];
      }
      for (int i = m - 1; i >= 0; i--) { // Lᵀ w = z
        double s = w[i * d + c];
        for (int k = i + 1; k < m; k++) {
          s -= l[k * m + i] * w[k * d + c];
        }
        w[i * d + c] = s / l[i * m + i];
      }
    }
    return w;
  }

  static double cosine(float[] x, float[] y) {
    return QuerySpace.cosine(x, y);
  }
}
