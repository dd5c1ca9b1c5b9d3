package io.guidesdk.core.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.CatalogException;
import io.guidesdk.CatalogProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a shop's FAQ from JSON Lines: {@code {"id":…, "topic":…, "question":…, "answer":…}} per line.
 * Every field is a required non-empty string; ids are unique. Any problem throws
 * {@link CatalogException} naming the line and field (a FAQ is small and hand-written: it is fixed,
 * not skipped).
 */
public final class FaqLoader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FaqLoader() {}

  public static List<FaqEntry> load(Path file) {
    Objects.requireNonNull(file, "file");
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString());
    } catch (IOException e) {
      throw new CatalogException("could not read FAQ " + file + ": " + e.getMessage(), e);
    }
  }

  public static List<FaqEntry> read(Reader reader, String source) {
    List<CatalogProblem> problems = new ArrayList<>();
    List<FaqEntry> entries = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    try {
      String line;
      long lineNo = 0;
      while ((line = lines.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          problems.add(new CatalogProblem(source, lineNo, "*", "not valid JSON: " + e.getOriginalMessage()));
          continue;
        }
        String[] values = new String[4];
        String[] names = {"id", "topic", "question", "answer"};
        boolean ok = true;
        for (int i = 0; i < names.length; i++) {
          JsonNode v = node.get(names[i]);
          if (v == null || !v.isTextual() || v.asText().isBlank()) {
            problems.add(new CatalogProblem(source, lineNo, names[i], "missing; expected a non-empty string"));
            ok = false;
          } else {
            values[i] = v.asText().trim();
          }
        }
        if (ok && !ids.add(values[0])) {
          problems.add(new CatalogProblem(source, lineNo, "id", "duplicate id '" + values[0] + "'"));
          ok = false;
        }
        if (ok) {
          entries.add(new FaqEntry(values[0], values[1], values[2], values[3]));
        }
      }
    } catch (IOException e) {
      throw new CatalogException("could not read FAQ " + source + ": " + e.getMessage(), e);
    }
    if (!problems.isEmpty()) {
      throw new CatalogException(problems);
    }
    return List.copyOf(entries);
  }
}
