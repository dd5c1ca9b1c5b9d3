package io.guidesdk.core.retrieval.eval;

import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Product vectors on disk, keyed by the model id, a SHA-256 of the texts and the model's vector for a
 * fixed probe text, so an evaluation embeds a catalog once and reruns read it back in a second. The
 * probe keeps a changed model or graph under the same id (for example an int8 model with per-token
 * activation scales) from reading another's vectors. A file is written to a temporary name and
 * moved into place, so an interrupted run never leaves a half file behind.
 */
public final class EmbeddingCache {
  /** Embedded by every call: its vector identifies the model and graph behind the encoder's id. */
  private static final String PROBE = "embedding cache probe: stainless steel kettle 1.7 L";

  private final Path dir;

  public EmbeddingCache(Path dir) {
    this.dir = dir;
  }

  /** The vectors of {@code texts} as one row-major array, from the cache or computed and cached. */
  public float[] vectors(Encoder encoder, List<String> texts, EmbeddingPurpose purpose, IntConsumer progress) {
    float[] probe = encoder.embed(PROBE, purpose);
    Path file = dir.resolve(encoder.modelId() + "-" + purpose.name().toLowerCase() + "-" + key(texts, probe) + ".f32");
    int dim = encoder.dimension();
    if (Files.isRegularFile(file)) {
      try {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == (long) texts.size() * dim * 4) {
          float[] out = new float[texts.size() * dim];
          ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
          return out;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read embedding cache " + file + ": " + e.getMessage(), e);
      }
    }
    float[] out = new float[texts.size() * dim];
    int chunk = 64;
    for (int start = 0; start < texts.size(); start += chunk) {
      List<String> part = new ArrayList<>(texts.subList(start, Math.min(texts.size(), start + chunk)));
      List<float[]> v = encoder.embedAll(part, purpose);
      for (int i = 0; i < v.size(); i++) {
        System.arraycopy(v.get(i), 0, out, (start + i) * dim, dim);
      }
      progress.accept(Math.min(texts.size(), start + chunk));
    }
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "vectors", ".tmp");
      ByteBuffer buf = ByteBuffer.allocate(out.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      buf.asFloatBuffer().put(out);
      Files.write(tmp, buf.array());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write embedding cache under " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static String key(List<String> texts, float[] probe) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String t : texts) {
        md.update(t.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      ByteBuffer probeBytes = ByteBuffer.allocate(probe.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      probeBytes.asFloatBuffer().put(probe);
      md.update(probeBytes.array());
      return HexFormat.of().formatHex(md.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
