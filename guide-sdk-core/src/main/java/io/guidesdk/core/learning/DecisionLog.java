package io.guidesdk.core.learning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Where decision records go. Called only from the reward sink's writer thread, so implementations
 * need not be thread-safe.
 */
public interface DecisionLog extends AutoCloseable {

  void write(DecisionRecord record);

  /** Pushes buffered records to their destination. */
  default void flush() {}

  @Override
  default void close() {}

  /** Appends records as JSON Lines (UTF-8, one object per line) to {@code file}, creating it if needed. */
  static DecisionLog jsonLines(Path file) {
    Objects.requireNonNull(file, "file");
    ObjectMapper mapper = mapper();
    BufferedWriter out;
    try {
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open decision log " + file, e);
    }
    return new DecisionLog() {
      @Override
      public void write(DecisionRecord record) {
        try {
          out.write(mapper.writeValueAsString(record));
          out.write('\n');
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write decision log " + file, e);
        }
      }

      @Override
      public void flush() {
        try {
          out.flush();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot flush decision log " + file, e);
        }
      }

      @Override
      public void close() {
        try {
          out.close();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot close decision log " + file, e);
        }
      }
    };
  }

  /** The JSON mapping used for decision records (ISO-8601 timestamps). */
  static ObjectMapper mapper() {
    return new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }
}
