package io.guidesdk.core.dialogue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidesdk.Intent;
import io.guidesdk.ProductFilter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One conversation of the dialogue evaluation set: turns with the expected intent, optionally the
 * constraints expected in force after the turn, and checks on the reply.
 *
 * @param id the conversation's id
 * @param split {@code dev} (used while writing the rules), {@code test} (written with dev, held out,
 *     never tuned on), {@code hard} (written after the rules were final, deliberately varied
 *     phrasing, typos and indirect requests; never tuned on until its first run was reported) or
 *     {@code hard2} (written after the fixes that the hard split's first run led to, before its own
 *     first run); in the Chinese set also {@code hant} (messages written in Traditional characters
 *     to the Simplified demo shop) and {@code hard3} (messages that need the nearest-example vote),
 *     each written before its first run
 * @param turns the shopper's messages with expectations
 */
public record DialogueCase(String id, String split, List<Turn> turns) {

  /** The bundled set's resource path. */
  public static final String RESOURCE = "/io/guidesdk/core/dialogue/eval/dialogues.jsonl";
  public static final String CHINESE_RESOURCE = "/io/guidesdk/core/dialogue/eval/dialogues-zh.jsonl";

  public DialogueCase {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(split, "split");
    turns = List.copyOf(turns);
  }

  /**
   * One turn.
   *
   * @param say the shopper's message
   * @param intent the expected intent
   * @param constraints the constraints expected after the turn, or null when the turn does not state them
   * @param checks further checks on the reply
   */
  public record Turn(String say, Intent intent, @Nullable ProductFilter constraints, Checks checks) {
    public Turn {
      Objects.requireNonNull(say, "say");
      Objects.requireNonNull(intent, "intent");
      Objects.requireNonNull(checks, "checks");
    }
  }

  /**
   * Checks on one reply; each one given counts as one check.
   *
   * @param minProducts the least number of products the reply shows, or null
   * @param maxProducts the most products the reply shows, or null
   * @param contains phrases the reply's text must all contain (case-insensitive); empty for none
   * @param notContains phrases the reply's text must not contain (case-insensitive); empty for none
   * @param productId the id the reply's first product must have, or null
   * @param cheaperOrNone whether every product must be cheaper than the previous reply's cheapest (or,
   *     with none, the reply's price bound below it)
   * @param priceOrder {@code "ascending"} or {@code "descending"}: the reply shows at least one product,
   *     in that order of price; or null
   * @param newProducts whether the reply must show at least one product and none that the previous
   *     reply showed ("show me more")
   */
  public record Checks(@Nullable Integer minProducts, @Nullable Integer maxProducts, List<String> contains,
      List<String> notContains, @Nullable String productId, boolean cheaperOrNone, @Nullable String priceOrder,
      boolean newProducts) {
    /** The field names of the set's {@code check} object. */
    static final List<String> NAMES = List.of("minProducts", "maxProducts", "contains", "notContains", "productId",
        "cheaperOrNone", "priceOrder", "newProducts");

    public Checks {
      contains = List.copyOf(contains);
      notContains = List.copyOf(notContains);
      if (priceOrder != null && !priceOrder.equals("ascending") && !priceOrder.equals("descending")) {
        throw new IllegalArgumentException("check 'priceOrder' must be \"ascending\" or \"descending\", was \""
            + priceOrder + "\"");
      }
    }

    /** No checks. */
    public static Checks none() {
      return new Checks(null, null, List.of(), List.of(), null, false, null, false);
    }

    /** How many checks are given. */
    public int size() {
      return (minProducts != null ? 1 : 0) + (maxProducts != null ? 1 : 0) + (contains.isEmpty() ? 0 : 1)
          + (notContains.isEmpty() ? 0 : 1) + (productId != null ? 1 : 0) + (cheaperOrNone ? 1 : 0)
          + (priceOrder != null ? 1 : 0) + (newProducts ? 1 : 0);
    }
  }

  /** The bundled dialogue set. */
  public static List<DialogueCase> bundled() {
    return bundled(RESOURCE);
  }

  /**
   * The bundled Chinese dialogue set, over the Chinese demo shop
   * ({@code DemoData.chineseCatalog()}): dev conversations were used while writing the Chinese rules;
   * the test split was written before its first run.
   */
  public static List<DialogueCase> bundledChinese() {
    return bundled(CHINESE_RESOURCE);
  }

  private static List<DialogueCase> bundled(String resource) {
    InputStream in = DialogueCase.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("bundled resource " + resource + " is missing");
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return parse(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON Lines, one conversation a line; errors name the line. */
  public static List<DialogueCase> parse(BufferedReader reader) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<DialogueCase> out = new ArrayList<>();
    String line;
    int n = 0;
    while ((line = reader.readLine()) != null) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode c = json.readTree(line);
        List<Turn> turns = new ArrayList<>();
        for (JsonNode t : c.required("turns")) {
          JsonNode cons = t.get("constraints");
          turns.add(new Turn(t.required("say").asText(), Intent.valueOf(t.required("intent").asText()),
              cons == null ? null : filter(cons), t.has("check") ? checks(t.get("check")) : Checks.none()));
        }
        out.add(new DialogueCase(c.required("id").asText(), c.required("split").asText(), turns));
      } catch (RuntimeException | IOException e) {
        throw new IllegalArgumentException("dialogue set line " + n + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static Checks checks(JsonNode c) {
    c.fieldNames().forEachRemaining(name -> {
      if (!Checks.NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown check '" + name + "', expected one of " + Checks.NAMES);
      }
    });
    return new Checks(c.has("minProducts") ? count(c, "minProducts") : null,
        c.has("maxProducts") ? count(c, "maxProducts") : null, texts(c, "contains"), texts(c, "notContains"),
        c.has("productId") ? c.get("productId").asText() : null, c.path("cheaperOrNone").asBoolean(false),
        c.has("priceOrder") ? c.get("priceOrder").asText() : null, c.path("newProducts").asBoolean(false));
  }

  private static int count(JsonNode c, String name) {
    JsonNode v = c.get(name);
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
      throw new IllegalArgumentException("check '" + name + "' must be a non-negative integer, was " + v);
    }
    return v.asInt();
  }

  private static List<String> texts(JsonNode c, String name) {
    JsonNode v = c.get(name);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException("check '" + name + "' must be an array of strings, was " + v);
    }
    List<String> out = new ArrayList<>();
    v.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static @Nullable BigDecimal bound(JsonNode range, String name) {
    JsonNode v = range.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException("range bound '" + name + "' must be a number, was " + v);
    }
    return v.decimalValue();
  }

  private static final Set<String> RANGE_FIELDS = Set.of("min", "max", "minExclusive", "maxExclusive");

  /** {@code {"min": 16}}, {@code {"max": 2, "maxExclusive": true}}: a label's range on one attribute. */
  private static ProductFilter.Range range(JsonNode r) {
    r.fieldNames().forEachRemaining(name -> {
      if (!RANGE_FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown range field '" + name + "', expected one of " + RANGE_FIELDS);
      }
    });
    return new ProductFilter.Range(bound(r, "min"), bound(r, "max"), r.path("minExclusive").asBoolean(false),
        r.path("maxExclusive").asBoolean(false));
  }

  private static ProductFilter filter(JsonNode c) {
    ProductFilter.Builder b = ProductFilter.builder();
    if (c.path("category").isArray()) {
      c.get("category").forEach(x -> b.category(x.asText())); // any of them
    } else if (c.has("category")) {
      b.category(c.get("category").asText());
    }
    if (c.has("minPrice")) {
      b.minPrice(new BigDecimal(c.get("minPrice").asText()));
    }
    if (c.has("maxPrice")) {
      b.maxPrice(new BigDecimal(c.get("maxPrice").asText()));
    }
    c.path("brands").forEach(x -> b.brand(x.asText()));
    c.path("notBrands").forEach(x -> b.excludeBrand(x.asText()));
    c.path("attrs").fields().forEachRemaining(e -> e.getValue().forEach(v -> b.attribute(e.getKey(), v.asText())));
    c.path("notAttrs").fields().forEachRemaining(e -> e.getValue().forEach(v -> b.excludeAttribute(e.getKey(), v.asText())));
    c.path("ranges").fields().forEachRemaining(e -> b.attributeRange(e.getKey(), range(e.getValue())));
    return b.build();
  }
}
