package io.guidesdk.core.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.guidesdk.CatalogException;
import io.guidesdk.CatalogProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a shop's FAQ from JSON Lines: {@code {"id":…, "topic":…, "question":…, "answer":…}} per line.
 * Every field is a required non-empty string; ids are unique; other fields, or a field given twice,
 * are an error (as in {@link CatalogLoader}). Input is UTF-8 (a leading byte-order mark is dropped).
 * Any problem throws {@link CatalogException} naming the line and field (a FAQ is small and
 * hand-written: it is fixed, not skipped).
 */
public final class FaqLoader {
  /** A repeated key is an error rather than the last value silently winning. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final List<String> FIELDS = List.of("id", "topic", "question", "answer");

  private FaqLoader() {}

  /**
   * Reads a FAQ file.
   *
   * @throws CatalogException if the file cannot be read (the message says why) or has a bad line
   */
  public static List<FaqEntry> load(Path file) {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return read(CatalogInput.utf8(in), file.toString());
    } catch (IOException e) {
      throw CatalogInput.unreadable("FAQ", file, e);
    }
  }

  /** Reads a FAQ; {@code source} names the input in problems. */
  public static List<FaqEntry> read(Reader reader, String source) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(source, "source");
    List<CatalogProblem> problems = new ArrayList<>();
    List<FaqEntry> entries = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    long lineNo = 0;
    try {
      BufferedReader lines = CatalogInput.withoutBom(reader);
      String line;
      while ((line = lines.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        FaqEntry entry = parse(line, source, lineNo, problems);
        if (entry != null && !ids.add(entry.id())) {
          problems.add(new CatalogProblem(source, lineNo, "id", "duplicate id '" + entry.id() + "'"));
        } else if (entry != null) {
          entries.add(entry);
        }
      }
    } catch (CharacterCodingException e) {
      // Only from a caller's Reader that decodes with CodingErrorAction.REPORT (load() marks bad bytes).
      problems.add(new CatalogProblem(source, lineNo + 1, "*",
          "input is not valid UTF-8; expected UTF-8 text (the lines after it could not be read)"));
    } catch (IOException e) {
      throw new CatalogException("could not read FAQ " + source + ": " + e.getMessage(), e);
    }
    if (!problems.isEmpty()) {
      throw new CatalogException(problems);
    }
    return List.copyOf(entries);
  }

  /** One line's entry, or null after adding its problems. */
  private static FaqEntry parse(String line, String source, long lineNo, List<CatalogProblem> problems) {
    int bad = CatalogInput.badTextAt(line);
    if (bad >= 0) {
      problems.add(new CatalogProblem(source, lineNo, CatalogInput.badField(line, JSON),
          "input is not valid UTF-8 at column " + (bad + 1) + "; expected UTF-8 text"));
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      // Jackson signals a repeated key only by this message (see CatalogLoader.parseJson).
      if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field ")
          && e.getProcessor() instanceof JsonParser p && p.getParsingContext().getCurrentName() != null) {
        problems.add(new CatalogProblem(source, lineNo, p.getParsingContext().getCurrentName(), "given more than once; expected each field once"));
      } else {
        problems.add(new CatalogProblem(source, lineNo, "*", "not valid JSON: " + e.getOriginalMessage()));
      }
      return null;
    }
    if (node == null || !node.isObject()) {
      problems.add(new CatalogProblem(source, lineNo, "*", "expected a JSON object"));
      return null;
    }
    int before = problems.size();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        problems.add(new CatalogProblem(source, lineNo, name, "unknown field; expected one of " + new TreeSet<>(FIELDS)));
      }
    }
    String[] values = new String[FIELDS.size()];
    for (int i = 0; i < values.length; i++) {
      String name = FIELDS.get(i);
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        problems.add(new CatalogProblem(source, lineNo, name, "missing; expected a non-empty string"));
      } else if (!v.isTextual()) {
        problems.add(new CatalogProblem(source, lineNo, name,
            "expected a string, found " + v.getNodeType().toString().toLowerCase(Locale.ROOT)));
      } else if (v.asText().isBlank()) {
        problems.add(new CatalogProblem(source, lineNo, name, "empty; expected a non-empty string"));
      } else {
        values[i] = v.asText().trim();
      }
    }
    return problems.size() > before ? null : new FaqEntry(values[0], values[1], values[2], values[3]);
  }
}
