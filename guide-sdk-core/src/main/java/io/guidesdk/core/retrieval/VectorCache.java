package io.guidesdk.core.retrieval;

import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Encoder} that keeps the passage vectors it computes in a file, so that a restarted
 * application embeds only the products that are new or changed since the last run (all of them took
 * about 4 s for the 644-product demo catalog on two cores, and minutes for tens of thousands).
 * Queries are never cached here: they pass straight to the wrapped encoder.
 *
 * <p>The file is an append-only log: a header naming the model (its id, dimension and its vector of a
 * fixed probe text), then one record per passage (the first 16 bytes of the SHA-256 of the text, the
 * vector, a CRC-32 of both). Vectors computed by a call are appended before it returns, without a
 * sync: a record torn by a crash fails its CRC and is dropped, with everything after it, when the file
 * is next opened, and those passages are embedded again. If the wrapped encoder's probe vector differs
 * from the file's (another model, or the same id with another graph), or the header is of another
 * version of this format, the file is started afresh; a non-empty file that is not a vector cache at
 * all is refused by {@link #open}, not overwritten. The log only grows by itself; {@link #retainOnly(List)}
 * rewrites it (atomically) to the vectors a catalog still uses. Memory holds only where each record
 * starts, not the vectors.
 *
 * <p>Hand-written rather than built on an embedded key-value store (MapDB, RocksDB, H2): the records
 * have a fixed size and are only appended, read back by offset and rewritten whole, which one file
 * channel does without a dependency or a format the SDK does not control (decision 0510).
 *
 * <p>Thread-safe. Closing it closes the file, not the wrapped encoder.
 */
public final class VectorCache implements Encoder {
  private static final Logger LOG = LoggerFactory.getLogger(VectorCache.class);
  private static final byte[] MAGIC = "GSDKVEC1".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final String PROBE = "vector cache probe: stainless steel kettle 1.7 L";
  /** Probe vectors at least this close (cosine) count as the same model: runs on other CPUs may differ in the last bits. */
  static final double SAME_MODEL_COSINE = 0.99999;
  private static final int KEY_BYTES = 16;
  /** Records read per chunk when a file is opened. */
  private static final int READ_CHUNK_RECORDS = 1024;

  private final Encoder delegate;
  private final Path file;
  private final int dimension;
  private final int recordBytes;
  private final float[] probe;
  private final Object lock = new Object();
  // Guarded by lock. Only where each vector's record starts is kept in memory (about 80 bytes per
  // product, against 1.5 KB for a 384-dimension vector that the index holds anyway); a hit reads the
  // record back, from the page cache as a rule.
  private final Map<Key, Long> offsets = new HashMap<>();
  private FileChannel channel;
  private long end;
  private long hits;
  private long misses;
  private boolean closed;
  private boolean deleteOnClose;

  private record Key(long high, long low) {}

  private VectorCache(Encoder delegate, Path file) {
    this.delegate = delegate;
    this.file = file;
    this.dimension = delegate.dimension();
    this.recordBytes = KEY_BYTES + dimension * 4 + 4;
    this.probe = delegate.embed(PROBE, EmbeddingPurpose.PASSAGE);
  }

  /**
   * Opens (or creates) the cache in {@code file} for {@code encoder}'s passage vectors.
   *
   * @throws IllegalArgumentException if {@code file} is a non-empty file that is not a vector cache
   *     (it is left as it is)
   * @throws UncheckedIOException if the file cannot be read or created (its folder is missing or not
   *     writable)
   */
  public static VectorCache open(Path file, Encoder encoder) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(encoder, "encoder");
    VectorCache c = new VectorCache(encoder, file.toAbsolutePath());
    c.load();
    return c;
  }

  /**
   * Opens a cache on a private copy of {@code seed} (a cache file's bytes, for example a classpath
   * resource shipped with a catalog) in a temporary file that {@link #close()} deletes. Vectors computed
   * for passages the seed lacks are kept only until then. A seed written for another model is ignored,
   * as {@link #open} ignores such a file.
   *
   * @throws UncheckedIOException if the seed cannot be read or the temporary file written
   */
  public static VectorCache openCopy(InputStream seed, Encoder encoder) {
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(encoder, "encoder");
    Path copy;
    try {
      copy = Files.createTempFile("guide-sdk-vectors-", ".bin");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary vector cache: " + e.getMessage(), e);
    }
    try {
      copy.toFile().deleteOnExit(); // should the application not close the SDK
      Files.copy(seed, copy, StandardCopyOption.REPLACE_EXISTING);
      VectorCache c = new VectorCache(encoder, copy);
      c.deleteOnClose = true;
      c.load();
      return c;
    } catch (IOException e) {
      deleteQuietly(copy);
      throw new UncheckedIOException("cannot copy the vector cache seed to " + copy + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(copy);
      throw e;
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("could not delete {}: {}", file, e.getMessage());
    }
  }

  private void load() {
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      long valid = readExisting();
      if (valid < 0) {
        offsets.clear();
        channel.truncate(0);
        byte[] header = header();
        writeFully(ByteBuffer.wrap(header), 0);
        end = header.length;
      } else {
        if (channel.size() > valid) {
          channel.truncate(valid);
        }
        end = valid;
      }
    } catch (IOException e) {
      closeQuietly();
      throw new UncheckedIOException("cannot open the vector cache " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /**
   * Indexes the records of the file into {@link #offsets}; returns the length of its valid prefix, or
   * -1 when there is nothing usable (an empty file, another format, another model).
   */
  private long readExisting() throws IOException {
    long size = channel.size();
    if (size == 0) {
      return -1;
    }
    int headerLength = header().length;
    ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, headerLength)).order(ByteOrder.LITTLE_ENDIAN);
    readFully(head, 0);
    head.flip();
    if (!deleteOnClose && !startsLikeACache(head)) {
      // Most likely a path mixed up with another file's (the catalog's, say): starting afresh would
      // truncate it. A file that starts with the magic (even a torn header) is this cache's to rewrite.
      throw new IllegalArgumentException(file + " is not a guide-sdk vector cache (it does not start with "
          + new String(MAGIC, StandardCharsets.US_ASCII) + "); refusing to overwrite it: give the path of a new file"
          + " or of a vector cache");
    }
    String problem = headerProblem(head);
    if (problem != null) {
      LOG.info("vector cache {}: {}; starting it afresh", file, problem);
      return -1;
    }
    long valid = headerLength;
    ByteBuffer chunk = ByteBuffer.allocate(recordBytes * READ_CHUNK_RECORDS).order(ByteOrder.LITTLE_ENDIAN);
    CRC32 crc = new CRC32();
    reading:
    while (valid + recordBytes <= size) {
      chunk.clear();
      chunk.limit((int) Math.min(chunk.capacity(), (size - valid) / recordBytes * recordBytes));
      readFully(chunk, valid);
      chunk.flip();
      while (chunk.remaining() >= recordBytes) {
        int at = chunk.position();
        crc.reset();
        crc.update(chunk.array(), at, recordBytes - 4);
        if ((int) crc.getValue() != chunk.getInt(at + recordBytes - 4)) {
          break reading;
        }
        offsets.put(new Key(chunk.getLong(at), chunk.getLong(at + 8)), valid);
        chunk.position(at + recordBytes);
        valid += recordBytes;
      }
    }
    if (valid < size) {
      LOG.warn("vector cache {}: dropped {} bytes after the last intact record (an interrupted write); those"
          + " passages are embedded again", file, size - valid);
    }
    LOG.debug("vector cache {}: {} vectors of {}", file, offsets.size(), delegate.modelId());
    return valid;
  }

  /** Whether the file starts with {@link #MAGIC}, or with the start of it (a header torn by a crash). */
  private static boolean startsLikeACache(ByteBuffer head) {
    int n = Math.min(head.remaining(), MAGIC.length);
    for (int i = 0; i < n; i++) {
      if (head.get(head.position() + i) != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** Why the file's header does not fit this encoder, or null if it does. */
  private @Nullable String headerProblem(ByteBuffer in) {
    if (in.remaining() < MAGIC.length + 8) {
      return "too short to be a vector cache";
    }
    byte[] magic = new byte[MAGIC.length];
    in.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      return "not a vector cache (unknown header)";
    }
    int version = in.getInt();
    if (version != VERSION) {
      return "format version " + version + ", this SDK writes " + VERSION;
    }
    int idLength = in.getInt();
    if (idLength < 0 || idLength > in.remaining()) {
      return "written for another model";
    }
    byte[] id = new byte[idLength];
    in.get(id);
    String modelId = new String(id, StandardCharsets.UTF_8);
    int dim = in.remaining() >= 4 ? in.getInt() : -1;
    if (!modelId.equals(delegate.modelId()) || dim != dimension) {
      return "written for model " + modelId + " (" + dim + " dimensions), not " + delegate.modelId() + " ("
          + dimension + ")";
    }
    if (in.remaining() < dim * 4) {
      return "damaged header";
    }
    float[] p = new float[dim];
    in.asFloatBuffer().get(p);
    if (!(QuerySpace.cosine(p, probe) >= SAME_MODEL_COSINE)) {
      return "written by another version of " + modelId + " (its vector of a probe text differs)";
    }
    return null;
  }

  private byte[] header() {
    byte[] id = delegate.modelId().getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + 4 + id.length + 4 + dimension * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putInt(VERSION).putInt(id.length).put(id).putInt(dimension);
    b.asFloatBuffer().put(probe);
    return b.array();
  }

  private void readFully(ByteBuffer b, long position) throws IOException {
    long at = position;
    while (b.hasRemaining()) {
      int n = channel.read(b, at);
      if (n < 0) {
        throw new IOException("unexpected end of file at byte " + at);
      }
      at += n;
    }
  }

  private void writeFully(ByteBuffer b, long position) throws IOException {
    long at = position;
    while (b.hasRemaining()) {
      at += channel.write(b, at);
    }
  }

  private void closeQuietly() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("closing {}: {}", file, e.getMessage());
      }
    }
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public String modelId() {
    return delegate.modelId();
  }

  @Override
  public float[] embed(String text, EmbeddingPurpose purpose) {
    if (purpose != EmbeddingPurpose.PASSAGE) {
      return delegate.embed(text, purpose);
    }
    return embedAll(List.of(text), purpose).get(0);
  }

  @Override
  public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
    if (purpose != EmbeddingPurpose.PASSAGE) {
      return delegate.embedAll(texts, purpose);
    }
    // Hashed before taking the lock, so that concurrent callers only serialise on the lookups.
    Key[] keys = keys(texts);
    float[][] out = new float[texts.size()][];
    List<String> missing = new ArrayList<>();
    List<Integer> missingAt = new ArrayList<>();
    synchronized (lock) {
      ensureOpen();
      ByteBuffer record = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < keys.length; i++) {
        Long at = offsets.get(keys[i]);
        if (at != null) {
          out[i] = read(record, at);
        } else {
          missing.add(texts.get(i));
          missingAt.add(i);
        }
      }
      hits += keys.length - missing.size();
      misses += missing.size();
    }
    if (!missing.isEmpty()) {
      List<float[]> fresh = delegate.embedAll(missing, purpose);
      ByteBuffer records = ByteBuffer.allocate(missing.size() * recordBytes).order(ByteOrder.LITTLE_ENDIAN);
      CRC32 crc = new CRC32();
      for (int j = 0; j < missing.size(); j++) {
        int i = missingAt.get(j);
        out[i] = fresh.get(j);
        put(records, keys[i], out[i], crc);
      }
      records.flip();
      synchronized (lock) {
        ensureOpen();
        try {
          writeFully(records, end);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot append to the vector cache " + file + ": " + e.getMessage(), e);
        }
        for (int j = 0; j < missing.size(); j++) {
          offsets.put(keys[missingAt.get(j)], end + (long) j * recordBytes);
        }
        end += (long) missing.size() * recordBytes;
      }
    }
    return Arrays.asList(out);
  }

  /** The vector of the record at {@code at}, which {@link #readExisting} or an append checked. */
  private float[] read(ByteBuffer record, long at) {
    record.clear();
    try {
      readFully(record, at);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the vector cache " + file + ": " + e.getMessage(), e);
    }
    float[] v = new float[dimension];
    record.position(KEY_BYTES);
    record.asFloatBuffer().get(v);
    return v;
  }

  /** Appends one record (key, vector, CRC-32 of both) to {@code out}. */
  private void put(ByteBuffer out, Key key, float[] vector, CRC32 crc) {
    if (vector.length != dimension) {
      throw new IllegalStateException("encoder " + delegate.modelId() + " returned a vector of " + vector.length
          + " dimensions, expected " + dimension);
    }
    int start = out.position();
    out.putLong(key.high()).putLong(key.low());
    out.asFloatBuffer().put(vector);
    out.position(start + KEY_BYTES + dimension * 4);
    crc.reset();
    crc.update(out.array(), start, out.position() - start);
    out.putInt((int) crc.getValue());
  }

  /**
   * Rewrites the file to hold only the vectors of {@code passages} (for example every product's
   * passage text after a catalog was built), dropping those of products gone or changed. The new file
   * is written beside the old one, synced and moved into place, so a crash leaves one of the two whole.
   *
   * @return how many vectors were dropped
   */
  public int retainOnly(List<String> passages) {
    Set<Key> live = new HashSet<>(Arrays.asList(keys(passages)));
    synchronized (lock) {
      ensureOpen();
      int dropped = 0;
      for (Key k : offsets.keySet()) {
        if (!live.contains(k)) {
          dropped++;
        }
      }
      if (dropped == 0) {
        return 0;
      }
      Map<Key, Long> kept = new HashMap<>();
      Path tmp = null;
      try {
        tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          byte[] header = header();
          ByteBuffer h = ByteBuffer.wrap(header);
          while (h.hasRemaining()) {
            out.write(h);
          }
          long at = header.length;
          ByteBuffer record = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
          for (Map.Entry<Key, Long> e : offsets.entrySet()) {
            if (!live.contains(e.getKey())) {
              continue;
            }
            record.clear();
            readFully(record, e.getValue());
            record.flip();
            while (record.hasRemaining()) {
              out.write(record);
            }
            kept.put(e.getKey(), at);
            at += recordBytes;
          }
          out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        tmp = null;
        channel.close();
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        end = channel.size();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot rewrite the vector cache " + file + ": " + e.getMessage(), e);
      } finally {
        if (tmp != null) {
          deleteQuietly(tmp);
        }
      }
      offsets.clear();
      offsets.putAll(kept);
      return dropped;
    }
  }

  /** How many passage vectors the cache holds. */
  public int size() {
    synchronized (lock) {
      return offsets.size();
    }
  }

  /** Passages served from the cache and passages embedded, since it was opened. */
  public long[] hitsAndMisses() {
    synchronized (lock) {
      return new long[] {hits, misses};
    }
  }

  /** The cache file. */
  public Path file() {
    return file;
  }

  /** The encoder that computes what the cache does not hold. */
  public Encoder delegate() {
    return delegate;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("vector cache " + file + " is closed");
    }
  }

  /** Closes the file; the wrapped encoder stays open. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      closeQuietly();
      if (deleteOnClose) {
        deleteQuietly(file);
      }
    }
  }

  @Override
  public String toString() {
    return "VectorCache[" + file + ", " + delegate + "]";
  }

  /** The keys of {@code texts}: the first 128 bits of each one's SHA-256. */
  private static Key[] keys(List<String> texts) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
    Key[] keys = new Key[texts.size()];
    for (int i = 0; i < keys.length; i++) {
      ByteBuffer b = ByteBuffer.wrap(sha.digest(texts.get(i).getBytes(StandardCharsets.UTF_8)));
      keys[i] = new Key(b.getLong(), b.getLong());
    }
    return keys;
  }
}
