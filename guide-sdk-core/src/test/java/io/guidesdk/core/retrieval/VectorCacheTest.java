package io.guidesdk.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.core.GuideSdk;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passage vectors kept in a file across restarts (GuideSdk.Builder#vectorCache). */
class VectorCacheTest {
  @TempDir
  Path dir;

  /** A deterministic encoder that counts the texts it embeds; {@code variant} changes every vector. */
  static final class Counting implements Encoder {
    final int variant;
    final AtomicInteger passages = new AtomicInteger();
    final AtomicInteger queries = new AtomicInteger();

    Counting(int variant) {
      this.variant = variant;
    }

    @Override
    public int dimension() {
      return 8;
    }

    @Override
    public String modelId() {
      return "counting-8";
    }

    @Override
    public float[] embed(String text, EmbeddingPurpose purpose) {
      (purpose == EmbeddingPurpose.PASSAGE ? passages : queries).incrementAndGet();
      float[] v = new float[8];
      for (int i = 0; i < 8; i++) {
        v[i] = (float) Math.sin(text.hashCode() * (i + 1) + variant * 0.7);
      }
      return v;
    }

    @Override
    public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
      return texts.stream().map(t -> embed(t, purpose)).toList();
    }

    @Override
    public void close() {}
  }

  private static List<String> texts(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("product " + i + ": a description");
    }
    return out;
  }

  @Test
  void aReopenedCacheServesThePassagesItHoldsAndEmbedsOnlyNewOnes() {
    Path file = dir.resolve("vectors.bin");
    Counting encoder = new Counting(0);
    List<float[]> first;
    try (VectorCache cache = VectorCache.open(file, encoder)) {
      first = cache.embedAll(texts(20), EmbeddingPurpose.PASSAGE);
      assertThat(cache.size()).isEqualTo(20);
    }
    int embedded = encoder.passages.get();

    List<String> more = new ArrayList<>(texts(20));
    more.add("a new product");
    try (VectorCache cache = VectorCache.open(file, encoder)) {
      List<float[]> again = cache.embedAll(more, EmbeddingPurpose.PASSAGE);
      // the probe, then only the new product
      assertThat(encoder.passages.get() - embedded).isEqualTo(2);
      for (int i = 0; i < 20; i++) {
        assertThat(again.get(i)).containsExactly(first.get(i));
      }
      assertThat(again.get(20)).containsExactly(new Counting(0).embed("a new product", EmbeddingPurpose.PASSAGE));
      assertThat(cache.hitsAndMisses()).containsExactly(20, 1);
    }
  }

  @Test
  void concurrentCallersAppendIntactRecords() throws Exception {
    Path file = dir.resolve("v.bin");
    try (VectorCache cache = VectorCache.open(file, new Counting(0))) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int offset = t * 50; // overlapping ranges: some passages are missed by two threads at once
          done.add(pool.submit(() -> {
            for (int i = 0; i < 100; i += 10) {
              List<String> chunk = texts(300).subList(offset + i, offset + i + 10);
              List<float[]> v = cache.embedAll(chunk, EmbeddingPurpose.PASSAGE);
              for (int j = 0; j < chunk.size(); j++) {
                assertThat(v.get(j)).containsExactly(new Counting(0).embed(chunk.get(j), EmbeddingPurpose.PASSAGE));
              }
            }
          }));
        }
        for (Future<?> f : done) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    Counting encoder = new Counting(0);
    try (VectorCache cache = VectorCache.open(file, encoder)) {
      assertThat(cache.size()).isEqualTo(250);
      List<float[]> v = cache.embedAll(texts(250), EmbeddingPurpose.PASSAGE);
      assertThat(encoder.passages.get()).isEqualTo(1); // the probe only: every record was intact
      assertThat(v.get(249)).containsExactly(new Counting(0).embed(texts(250).get(249), EmbeddingPurpose.PASSAGE));
    }
  }

  @Test
  void queriesAreNeitherCachedNorServedFromTheCache() {
    Counting encoder = new Counting(0);
    try (VectorCache cache = VectorCache.open(dir.resolve("v.bin"), encoder)) {
      cache.embed("tent", EmbeddingPurpose.QUERY);
      cache.embedAll(List.of("tent", "tent"), EmbeddingPurpose.QUERY);
      assertThat(encoder.queries.get()).isEqualTo(3);
      assertThat(cache.size()).isZero();
    }
  }

  @Test
  void aRecordTornByACrashIsDroppedAndEmbeddedAgainWithoutLosingTheOthers() throws IOException {
    Path file = dir.resolve("v.bin");
    Counting encoder = new Counting(0);
    try (VectorCache cache = VectorCache.open(file, encoder)) {
      cache.embedAll(texts(10), EmbeddingPurpose.PASSAGE);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 5); // the last append stopped half-way
    }
    int before = encoder.passages.get();
    try (VectorCache cache = VectorCache.open(file, encoder)) {
      assertThat(cache.size()).isEqualTo(9);
      cache.embedAll(texts(10), EmbeddingPurpose.PASSAGE);
      assertThat(encoder.passages.get() - before).isEqualTo(2); // the probe and the torn one
    }
    try (VectorCache cache = VectorCache.open(file, encoder)) {
      assertThat(cache.size()).isEqualTo(10);
    }
  }

  @Test
  void aCorruptRecordDropsItAndWhatFollowsNotTheRecordsBefore() throws IOException {
    Path file = dir.resolve("v.bin");
    Counting encoder = new Counting(0);
    try (VectorCache cache = VectorCache.open(file, encoder)) {
      cache.embedAll(texts(10), EmbeddingPurpose.PASSAGE);
    }
    byte[] bytes = Files.readAllBytes(file);
    int record = 16 + 8 * 4 + 4;
    int header = bytes.length - 10 * record;
    bytes[header + 6 * record + 20] ^= 0x40; // a flipped bit in the 7th record's vector
    Files.write(file, bytes);
    try (VectorCache cache = VectorCache.open(file, encoder)) {
      assertThat(cache.size()).isEqualTo(6);
      List<float[]> v = cache.embedAll(texts(10), EmbeddingPurpose.PASSAGE);
      assertThat(v.get(6)).containsExactly(new Counting(0).embed(texts(10).get(6), EmbeddingPurpose.PASSAGE));
    }
  }

  @Test
  void anotherVersionOfTheModelOrAnotherModelStartsTheCacheAfresh() throws IOException {
    Path file = dir.resolve("v.bin");
    try (VectorCache cache = VectorCache.open(file, new Counting(0))) {
      cache.embedAll(texts(5), EmbeddingPurpose.PASSAGE);
    }
    Counting changed = new Counting(1); // same model id, other vectors
    try (VectorCache cache = VectorCache.open(file, changed)) {
      assertThat(cache.size()).isZero();
      assertThat(cache.embedAll(texts(5), EmbeddingPurpose.PASSAGE).get(0))
          .containsExactly(new Counting(1).embed(texts(5).get(0), EmbeddingPurpose.PASSAGE));
    }
    TestEncoders.Small otherModel = new TestEncoders.Small();
    try (VectorCache cache = VectorCache.open(file, otherModel)) {
      assertThat(cache.size()).isZero();
      cache.embedAll(texts(2), EmbeddingPurpose.PASSAGE);
    }
    try (VectorCache cache = VectorCache.open(file, otherModel)) {
      assertThat(cache.size()).isEqualTo(2);
    }
  }

  @Test
  void aFileThatIsNotAVectorCacheIsRefusedNotOverwritten() throws IOException {
    Path victim = Files.writeString(dir.resolve("victim.jsonl"), "{\"id\":\"1\",\"title\":\"tent\",\"price\":5}\n");
    assertThatThrownBy(() -> VectorCache.open(victim, new Counting(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(victim.toAbsolutePath() + " is not a guide-sdk vector cache (it does not start with GSDKVEC1);"
            + " refusing to overwrite it: give the path of a new file or of a vector cache");
    assertThat(Files.readString(victim)).isEqualTo("{\"id\":\"1\",\"title\":\"tent\",\"price\":5}\n");
    Path empty = Files.createFile(dir.resolve("empty.bin"));
    try (VectorCache cache = VectorCache.open(empty, new Counting(0))) {
      assertThat(cache.size()).isZero();
    }
  }

  @Test
  void retainOnlyRewritesTheFileWithoutTheVectorsNoLongerUsed() throws IOException {
    Path file = dir.resolve("v.bin");
    try (VectorCache cache = VectorCache.open(file, new Counting(0))) {
      cache.embedAll(texts(30), EmbeddingPurpose.PASSAGE);
      long full = Files.size(file);
      assertThat(cache.retainOnly(texts(10))).isEqualTo(20);
      assertThat(Files.size(file)).isLessThan(full);
      cache.embedAll(List.of("after compaction"), EmbeddingPurpose.PASSAGE);
    }
    Counting encoder = new Counting(0);
    try (VectorCache cache = VectorCache.open(file, encoder)) {
      assertThat(cache.size()).isEqualTo(11);
      cache.embedAll(texts(10), EmbeddingPurpose.PASSAGE);
      assertThat(encoder.passages.get()).isEqualTo(1); // the probe only
    }
  }

  @Test
  void aClosedCacheRefusesPassagesAndAMissingFolderIsAClearError() {
    VectorCache cache = VectorCache.open(dir.resolve("v.bin"), new Counting(0));
    cache.close();
    assertThatThrownBy(() -> cache.embed("tent", EmbeddingPurpose.PASSAGE))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> VectorCache.open(dir.resolve("no-such-folder").resolve("v.bin"), new Counting(0)))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot open the vector cache");
  }

  @Test
  void productsAddedByACatalogUpdateAreKeptForTheNextStart() throws Exception {
    Path file = dir.resolve("catalog.vectors");
    List<Product> products = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      products.add(Product.builder("p" + i, "Product number " + i, Money.of(10 + i, "USD")).category("Things").build());
    }
    Product added = Product.builder("new-1", "A product added while running", Money.of(5, "USD")).category("Things").build();
    try (GuideSdk sdk = GuideSdk.builder().catalog(Catalog.of(products)).encoder(new Counting(0)).vectorCache(file)
        .build()) {
      sdk.updateCatalog(List.of(added), Set.of("p0")).get(30, TimeUnit.SECONDS);
    }
    List<Product> next = new ArrayList<>(products.subList(1, products.size()));
    next.add(added);
    Counting restarted = new Counting(0);
    try (GuideSdk sdk = GuideSdk.builder().catalog(Catalog.of(next)).encoder(restarted).vectorCache(file).build()) {
      assertThat(restarted.passages.get()).isEqualTo(1); // the probe only
      assertThat(sdk.catalog().size()).isEqualTo(10);
    }
  }

  @Test
  void theSdkCompactsACacheHoldingFarMoreVectorsThanItsCatalogUses() throws IOException {
    Path file = dir.resolve("catalog.vectors");
    try (VectorCache cache = VectorCache.open(file, new Counting(0))) {
      cache.embedAll(texts(1100), EmbeddingPurpose.PASSAGE); // products long gone
    }
    List<Product> products = List.of(
        Product.builder("p1", "Product number 1", Money.of(11, "USD")).category("Things").build(),
        Product.builder("p2", "Product number 2", Money.of(12, "USD")).category("Things").build());
    try (GuideSdk sdk = GuideSdk.builder().catalog(Catalog.of(products)).encoder(new Counting(0)).vectorCache(file)
        .build()) {
      assertThat(sdk.catalog().size()).isEqualTo(2);
    }
    try (VectorCache cache = VectorCache.open(file, new Counting(0))) {
      assertThat(cache.size()).isEqualTo(2);
    }
  }

  @Test
  void aRestartedSdkEmbedsOnlyTheProductsThatChanged() {
    Path file = dir.resolve("catalog.vectors");
    List<Product> products = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      products.add(Product.builder("p" + i, "Product number " + i, Money.of(10 + i, "USD")).category("Things").build());
    }
    Counting encoder = new Counting(0);
    try (GuideSdk sdk = GuideSdk.builder().catalog(Catalog.of(products)).encoder(encoder).vectorCache(file).build()) {
      assertThat(sdk.search().encoder().modelId()).isEqualTo("counting-8");
    }
    products.set(3, Product.builder("p3", "Product number 3, renamed", Money.of(13, "USD")).category("Things").build());
    Counting restarted = new Counting(0);
    try (GuideSdk sdk = GuideSdk.builder().catalog(Catalog.of(products)).encoder(restarted).vectorCache(file).build()) {
      // the probe and the changed product, not the 39 others
      assertThat(restarted.passages.get()).isEqualTo(2);
      float[] stored = sdk.search().current().embeddings().vector(3);
      assertThat(stored).containsExactly(new Counting(0).embed(EmbeddingIndex.passageText(products.get(3)),
          EmbeddingPurpose.PASSAGE));
    }
  }
}
