package io.guidesdk.core.ope;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an Open Bandit Dataset campaign log ({@code <policy>/<campaign>/<campaign>.csv} with its
 * {@code item_context.csv}): one round per row, action = {@code item_id}, position = {@code position}
 * (1-based in the file, 0-based here), reward = {@code click}, propensity = {@code propensity_score},
 * context = {@code user_feature_0..3} plus {@code campaign} (the folder's name); the actions of every round are all items of the campaign.
 */
public final class ObdLog {
  private ObdLog() {}

  /** Reads {@code folder/<name>.csv} where {@code name} is the folder's name (e.g. {@code random/men}). */
  public static List<LoggedRound> read(Path folder) {
    Path csv = folder.resolve(folder.getFileName().toString() + ".csv");
    Path items = folder.resolve("item_context.csv");
    List<String> actions = new ArrayList<>();
    for (CSVRecord r : records(items)) {
      actions.add(field(r, "item_id", items));
    }
    if (actions.isEmpty()) {
      throw new IllegalArgumentException(items + ": no items");
    }
    List<LoggedRound> rounds = new ArrayList<>();
    for (CSVRecord r : records(csv)) {
      Map<String, String> context = new LinkedHashMap<>();
      context.put("campaign", folder.getFileName().toString());
      for (int i = 0; i < 4; i++) {
        String name = "user_feature_" + i;
        if (r.isMapped(name)) {
          context.put(name, r.get(name));
        }
      }
      String item = field(r, "item_id", csv);
      if (!actions.contains(item)) {
        throw new IllegalArgumentException(csv + " line " + (r.getRecordNumber() + 1) + ": item_id " + item
            + " is not in " + items);
      }
      try {
        rounds.add(new LoggedRound(context, Integer.parseInt(field(r, "position", csv)) - 1, actions, item,
            Double.parseDouble(field(r, "propensity_score", csv)), Double.parseDouble(field(r, "click", csv))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(csv + " line " + (r.getRecordNumber() + 1) + ": " + e.getMessage(), e);
      }
    }
    return rounds;
  }

  private static List<CSVRecord> records(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).get()
          .parse(in).getRecords();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("file not found: " + file + " (an Open Bandit Dataset folder such as "
          + "random/men holds men.csv and item_context.csv)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e, e);
    }
  }

  private static String field(CSVRecord r, String name, Path file) {
    if (!r.isMapped(name)) {
      throw new IllegalArgumentException(file + ": missing column '" + name + "'");
    }
    return r.get(name);
  }
}
