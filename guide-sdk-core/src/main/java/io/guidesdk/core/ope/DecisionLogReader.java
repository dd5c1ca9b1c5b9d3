package io.guidesdk.core.ope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the SDK's decision log (JSON Lines, see {@link io.guidesdk.core.learning.DecisionRecord}) as
 * rounds: action = the strategy, position = the slot, actions = the slot's action set (the
 * strategies the slot policy chose among; in logs written before guide-sdk recorded it, the
 * strategies of the same list), context = the state features. Lines with {@code "policyDecision":false} (the chat guide's replies:
 * not chosen by the slot policy, propensity 1 by construction) are skipped, so they never enter an
 * off-policy estimate; lines without the field (older logs) are policy decisions. A bad line is
 * refused with its line number, the field, what it must be and what was found: a field of the wrong
 * JSON type (a string for {@code reward}, say) is an error, never read as 0.
 */
public final class DecisionLogReader {
  private DecisionLogReader() {}

  public static List<LoggedRound> read(Path file) {
    List<LoggedRound> rounds = new ArrayList<>();
    read(file, false, (id, round) -> rounds.add(round));
    return rounds;
  }

  /**
   * Reads the log as lists: the policy decisions of each recommendation id in slot order, lists in the
   * order their first line appears. A list with a missing or repeated slot is refused, naming it.
   */
  public static List<LoggedList> readLists(Path file) {
    Map<String, List<LoggedRound>> byId = new LinkedHashMap<>();
    read(file, true, (id, round) -> byId.computeIfAbsent(id, k -> new ArrayList<>()).add(round));
    List<LoggedList> lists = new ArrayList<>(byId.size());
    byId.forEach((id, slots) -> {
      slots.sort(java.util.Comparator.comparingInt(LoggedRound::position));
      try {
        lists.add(new LoggedList(id, slots));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
    });
    return lists;
  }

  private static void read(Path file, boolean lists, java.util.function.BiConsumer<String, LoggedRound> sink) {
    ObjectMapper mapper = new ObjectMapper();
    int n = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode j;
          try {
            j = mapper.readTree(line);
          } catch (JsonProcessingException e) {
            // Jackson's own words, with the column; its "at [Source: ...]" location means nothing here.
            throw new IllegalArgumentException("not valid JSON at column " + e.getLocation().getColumnNr() + ": "
                + e.getOriginalMessage(), e);
          }
          if (!j.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, found " + found(j));
          }
          JsonNode decided = j.get("policyDecision");
          if (decided != null && !decided.isNull()) {
            if (!decided.isBoolean()) {
              throw new IllegalArgumentException("field 'policyDecision' must be true or false, found " + found(decided));
            }
            if (!decided.booleanValue()) {
              continue;
            }
          }
          Map<String, String> context = new LinkedHashMap<>();
          JsonNode c = require(j, "context");
          if (!c.isObject()) {
            throw new IllegalArgumentException("field 'context' must be an object, found " + found(c));
          }
          for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            // Values as text; arrays and objects (the state's "before") as their JSON.
            context.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
          }
          JsonNode a = require(j, "actions");
          if (!a.isArray()) {
            throw new IllegalArgumentException("field 'actions' must be an array of strings, found " + found(a));
          }
          List<String> actions = new ArrayList<>();
          for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isTextual()) {
              throw new IllegalArgumentException("field 'actions' must be an array of strings, found "
                  + found(a.get(i)) + " at index " + i);
            }
            actions.add(a.get(i).textValue());
          }
          String action = text(j, "action");
          if (!actions.contains(action)) {
            actions.add(action);
          }
          String id = lists ? text(j, "recommendationId") : "";
          int slot = slot(j);
          sink.accept(id, new LoggedRound(context, slot, actions, action, number(j, "propensity"),
              number(j, "reward")));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + " line " + n + ": " + e.getMessage(), e);
        }
      }
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read decision log " + file + ": it does not exist", e);
    } catch (AccessDeniedException e) {
      throw new UncheckedIOException("cannot read decision log " + file + ": permission denied", e);
    } catch (CharacterCodingException e) {
      // Decoded ahead in blocks: the bad byte is somewhere after the last line read.
      throw new UncheckedIOException("cannot read decision log " + file + ": it is not UTF-8 text (a malformed "
          + "byte after line " + n + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read decision log " + file + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
  }

  private static JsonNode require(JsonNode j, String field) {
    JsonNode v = j.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return v;
  }

  private static String text(JsonNode j, String field) {
    JsonNode v = require(j, field);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string, found " + found(v));
    }
    return v.textValue();
  }

  private static double number(JsonNode j, String field) {
    JsonNode v = require(j, field);
    if (!v.isNumber()) {
      throw new IllegalArgumentException("field '" + field + "' must be a number, found " + found(v));
    }
    return v.doubleValue();
  }

  private static int slot(JsonNode j) {
    JsonNode v = require(j, "slot");
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
      throw new IllegalArgumentException("field 'slot' must be a whole number >= 0, found " + found(v));
    }
    return v.intValue();
  }

  /** A JSON value as a message shows it: {@code the string "lots"}, {@code 1.5}, {@code an array}. */
  private static String found(JsonNode v) {
    if (v.isTextual()) {
      String t = v.textValue();
      return "the string " + new com.fasterxml.jackson.databind.node.TextNode(
          t.length() > 40 ? t.substring(0, 40) + "…" : t);
    }
    if (v.isArray()) {
      return "an array";
    }
    if (v.isObject()) {
      return "an object";
    }
    return v.toString(); // a number, true, false or null
  }
}
