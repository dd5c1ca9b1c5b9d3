package io.guidesdk.core.ope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * refused with its line number and field.
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
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode j = mapper.readTree(line);
          JsonNode decided = j.get("policyDecision");
          if (decided != null && !decided.isNull()) {
            if (!decided.isBoolean()) {
              throw new IllegalArgumentException("field 'policyDecision' must be true or false, was " + decided);
            }
            if (!decided.booleanValue()) {
              continue;
            }
          }
          Map<String, String> context = new LinkedHashMap<>();
          JsonNode c = require(j, "context");
          for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            // Values as text; arrays and objects (the state's "before") as their JSON.
            context.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
          }
          List<String> actions = new ArrayList<>();
          require(j, "actions").forEach(a -> actions.add(a.asText()));
          String action = require(j, "action").asText();
          if (!actions.contains(action)) {
            actions.add(action);
          }
          sink.accept(lists ? require(j, "recommendationId").asText() : "", new LoggedRound(context, require(j, "slot").asInt(),
              actions, action, require(j, "propensity").asDouble(), require(j, "reward").asDouble()));
        } catch (IOException | IllegalArgumentException e) {
          throw new IllegalArgumentException(file + " line " + n + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read decision log " + file, e);
    }
  }

  private static JsonNode require(JsonNode j, String field) {
    JsonNode v = j.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return v;
  }
}
