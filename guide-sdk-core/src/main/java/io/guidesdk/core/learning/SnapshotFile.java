package io.guidesdk.core.learning;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The on-disk envelope of a snapshot, written crash-safely:
 *
 * <pre>
 *   bytes 0-7    magic "GSDKSNAP"
 *   bytes 8-11   format version (big-endian int), currently {@value #FORMAT_VERSION} (1 to 3 are read too)
 *   bytes 12-19  payload length n (big-endian long)
 *   bytes 20..   payload (n bytes, UTF-8 JSON)
 *   last 8       CRC32C of the payload (big-endian long)
 * </pre>
 *
 * <p>{@link #write} creates the target's folder if it is missing, writes to a temporary file in it,
 * forces it to disk, renames it over the target atomically and forces the folder, so a crash at any
 * point leaves either the previous file or the new one, never a mix. It refuses a target that names
 * no file (such as {@code /}) or is a directory. {@link #read} refuses a truncated or corrupt file and a newer
 * format with a {@link SnapshotException} that says which.
 */
public final class SnapshotFile {
  /**
   * The format this version writes and the newest it reads: 2 added the impressions inside their
   * credit horizon and the product arrivals to the payload, 3 each pending impression's per-slot
   * action sets ({@link Impression#available()}), 4 the recommender's purchase statistics ({@link
   * LearningSnapshot.Purchases}); versions 1 to 3 are still read.
   */
  public static final int FORMAT_VERSION = 4;
  static final byte[] MAGIC = "GSDKSNAP".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = 8 + 4 + 8;

  private SnapshotFile() {}

  /** Writes {@code payload} to {@code target} atomically. */
  public static void write(Path target, byte[] payload) {
    write(target, payload, () -> {});
  }

  /** As {@link #write(Path, byte[])}, running {@code beforeRename} after the temporary file is durable. */
  static void write(Path target, byte[] payload, Runnable beforeRename) {
    write(target, payload, FORMAT_VERSION, beforeRename);
  }

  /** As {@link #write(Path, byte[], Runnable)} with an explicit format version (tests write old formats). */
  static void write(Path target, byte[] payload, int version, Runnable beforeRename) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(payload, "payload");
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null || absolute.getFileName() == null) {
      throw new SnapshotException("cannot write snapshot " + target + ": the path names no file; give the path "
          + "of a file");
    }
    if (Files.isDirectory(absolute)) {
      throw new SnapshotException("cannot write snapshot " + target + ": it is a directory; give the path of a "
          + "file (in it, for example)");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new SnapshotException("cannot write snapshot " + target + ": cannot create its folder " + dir + " ("
          + reason(e) + ")", e);
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      CRC32C crc = new CRC32C();
      crc.update(payload);
      ByteBuffer head = ByteBuffer.allocate(HEADER).put(MAGIC).putInt(version).putLong(payload.length).flip();
      ByteBuffer tail = ByteBuffer.allocate(8).putLong(crc.getValue()).flip();
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        writeFully(ch, head);
        writeFully(ch, ByteBuffer.wrap(payload));
        writeFully(ch, tail);
        ch.force(true);
      }
      beforeRename.run();
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new SnapshotException("cannot write snapshot " + target + ": the file system cannot rename "
            + "atomically, so a crash could corrupt the snapshot; choose a local folder", e);
      }
      tmp = null;
      forceDirectory(dir);
    } catch (AccessDeniedException e) {
      // Named by the folder: the file denied is the temporary one, which the caller never chose.
      throw new SnapshotException("cannot write snapshot " + target + ": permission denied in its folder " + dir, e);
    } catch (IOException e) {
      throw new SnapshotException("cannot write snapshot " + target + ": " + reason(e), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The temporary file is garbage either way; the previous snapshot is intact.
        }
      }
    }
  }

  /** Reads and verifies the payload of {@code file}. */
  public static byte[] read(Path file) {
    Objects.requireNonNull(file, "file");
    if (Files.isDirectory(file)) {
      throw new SnapshotException("cannot read snapshot " + file + ": it is a directory, not a snapshot file");
    }
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SnapshotException("snapshot " + file + " does not exist", e);
    } catch (IOException e) {
      throw new SnapshotException("cannot read snapshot " + file + ": " + reason(e), e);
    }
    if (all.length < HEADER + 8 || !Arrays.equals(all, 0, 8, MAGIC, 0, 8)) {
      throw new SnapshotException("refusing " + file + ": not a guide-sdk snapshot (bad magic or shorter than "
          + (HEADER + 8) + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(all);
    b.position(8);
    int version = b.getInt();
    if (version > FORMAT_VERSION) {
      throw new SnapshotException("refusing " + file + ": snapshot format version " + version
          + " is newer than the newest this library reads (" + FORMAT_VERSION + "); upgrade guide-sdk");
    }
    if (version < 1) {
      throw new SnapshotException("refusing " + file + ": invalid snapshot format version " + version);
    }
    long length = b.getLong();
    if (length != all.length - HEADER - 8L) {
      throw new SnapshotException("refusing " + file + ": truncated or padded snapshot: header says " + length
          + " payload bytes, file holds " + (all.length - HEADER - 8L));
    }
    byte[] payload = Arrays.copyOfRange(all, HEADER, HEADER + (int) length);
    long expected = ByteBuffer.wrap(all, HEADER + (int) length, 8).getLong();
    CRC32C crc = new CRC32C();
    crc.update(payload);
    if (crc.getValue() != expected) {
      throw new SnapshotException("refusing " + file + ": checksum mismatch (stored " + Long.toHexString(expected)
          + ", computed " + Long.toHexString(crc.getValue()) + "); the file is corrupt");
    }
    return payload;
  }

  /** What went wrong, in words: "permission denied: /x", not "java.nio.file.AccessDeniedException: /x". */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException x) {
      return "permission denied: " + x.getFile();
    }
    if (e instanceof FileAlreadyExistsException x) {
      return x.getFile() + " exists and is not a folder";
    }
    if (e instanceof NoSuchFileException x) {
      return x.getFile() + " does not exist";
    }
    if (e instanceof NotDirectoryException x) {
      return x.getFile() + " is not a folder";
    }
    if (e instanceof FileSystemException x && x.getReason() != null) {
      return x.getReason() + ": " + x.getFile();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static void forceDirectory(Path dir) {
    // Makes the rename durable on POSIX file systems; not supported on some platforms (Windows).
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Best effort: the rename itself is still atomic.
    }
  }
}
