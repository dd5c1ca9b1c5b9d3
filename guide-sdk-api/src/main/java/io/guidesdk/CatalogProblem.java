package io.guidesdk;

import java.util.Objects;

/**
 * One problem in a catalog file.
 *
 * @param source the file (or resource) name
 * @param line the 1-based line number (for CSV, the record's first line); 0 when not tied to a line
 * @param field the field at fault, or {@code "*"} when the whole row is
 * @param message what is wrong and what was expected
 */
public record CatalogProblem(String source, long line, String field, String message) {
  public CatalogProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("line must not be negative: " + line);
    }
  }

  @Override
  public String toString() {
    return source + ":" + line + ": field '" + field + "': " + message;
  }
}
