package io.guidesdk.core.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.CatalogException;
import io.guidesdk.CatalogProblem;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Catalog and FAQ files as text: UTF-8 whose bad bytes are marked rather than fatal, without a leading
 * byte-order mark, and with a cut-short or damaged gzip stream turned into an end of input that is
 * reported after the lines before it were read.
 */
final class CatalogInput {
  /**
   * Stands for each malformed byte sequence. A UTF-8 decoder never yields an unpaired surrogate, so one
   * in the text is this mark (or came from a caller's {@link Reader}, which is not valid text either).
   * Decoding with {@link CodingErrorAction#REPLACE} and this mark, rather than {@code REPORT}, lets the
   * loaders name the bad line (and, in CSV, the column) and read on: a reporting decoder stops the
   * {@link InputStreamReader} for good at the first bad byte, without saying where it was.
   */
  static final char BAD_BYTES = '\uDC00';

  private static final char BOM = '\uFEFF';

  private CatalogInput() {}

  /** {@code in} decoded as UTF-8, bad bytes marked with {@link #BAD_BYTES}, a leading BOM dropped. */
  static BufferedReader utf8(InputStream in) throws IOException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .replaceWith(String.valueOf(BAD_BYTES));
    return withoutBom(new InputStreamReader(in, decoder));
  }

  /**
   * {@code reader} without a leading byte-order mark (which editors on Windows write, and which would
   * otherwise become part of the first field). Done on characters rather than with commons-io's
   * {@code BOMInputStream} because the public read methods take a {@link Reader}.
   */
  static BufferedReader withoutBom(Reader reader) throws IOException {
    BufferedReader b = reader instanceof BufferedReader br ? br : new BufferedReader(reader);
    b.mark(1);
    if (b.read() != BOM) {
      b.reset();
    }
    return b;
  }

  /** The index of the first unpaired surrogate in {@code s} (bytes that were not UTF-8), or -1. */
  static int badTextAt(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** The field of a JSON line whose text holds bytes that were not UTF-8, or "*" if the line does not parse. */
  static String badField(String line, ObjectMapper json) {
    try {
      String field = badField(json.readTree(line), "");
      return field == null || field.isEmpty() ? "*" : field;
    } catch (JsonProcessingException e) {
      return "*"; // the line is broken in other ways too; the problem names the column instead
    }
  }

  private static @Nullable String badField(@Nullable JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return badTextAt(node.textValue()) >= 0 ? path : null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      String found = badTextAt(e.getKey()) >= 0 ? name : badField(e.getValue(), name);
      if (found != null) {
        return found;
      }
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        String found = badField(element, path);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /**
   * The exception for a file that cannot be opened or read, saying what happened: the JDK's
   * {@link NoSuchFileException} message is only the path.
   *
   * @param what "catalog" or "FAQ"
   */
  static CatalogException unreadable(String what, Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new CatalogException(what + " file not found: " + file, e);
    }
    if (e instanceof AccessDeniedException) {
      return new CatalogException("cannot read " + what + " file " + file + ": permission denied", e);
    }
    String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
    return new CatalogException("could not read " + what + " " + file + ": " + reason, e);
  }

  /**
   * Ends the input where a compressed stream is cut short or damaged, remembering why, so that the
   * loader keeps the lines before it and reports the rest as a problem. Letting the exception through
   * would lose those lines: the {@link InputStreamReader} above drops the characters it had decoded
   * when a read fails. Other I/O errors pass through.
   */
  static final class Guarded extends FilterInputStream {
    private @Nullable IOException failure;
    private int last = '\n';

    Guarded(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      if (failure != null) {
        return -1;
      }
      try {
        int b = super.read();
        if (b >= 0) {
          last = b;
        }
        return b;
      } catch (EOFException | ZipException e) {
        failure = e;
        return -1;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (failure != null) {
        return -1;
      }
      try {
        int n = super.read(b, off, len);
        if (n > 0) {
          last = b[off + n - 1];
        }
        return n;
      } catch (EOFException | ZipException e) {
        failure = e;
        return -1;
      }
    }

    @Override
    public int available() throws IOException {
      return failure != null ? 0 : super.available();
    }

    /** Whether the input stopped early. */
    boolean failed() {
      return failure != null;
    }

    /** Whether it stopped early inside a line, so that the last line read is incomplete. */
    boolean endsMidLine() {
      return failure != null && last != '\n';
    }

    /** The problem to report when the input stopped early after {@code lastLine}, the last whole line read. */
    CatalogProblem problem(String source, long lastLine) {
      String where = lastLine == 0 ? "before the first line" : "after line " + lastLine;
      String message = failure instanceof EOFException
          ? "file ends early (truncated gzip?) " + where + "; the rest of the file was not read"
          : "damaged gzip data " + where + " (" + (failure == null ? "" : failure.getMessage())
              + "); the rest of the file was not read";
      return new CatalogProblem(source, lastLine + 1, "*", message);
    }
  }
}
