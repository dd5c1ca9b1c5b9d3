package io.guidesdk.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.FaqEntry;
import io.guidesdk.spi.ToolCall;
import io.guidesdk.spi.ToolSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tools over the catalog that a language model may call: {@code search_products} (a need in words
 * plus filters: category, brand, price bounds, attribute values and numeric attribute ranges), {@code get_product_details} (by id) and {@code lookup_store_policy} (a question).
 * The SDK executes them, never the model: arguments are parsed and validated here, filters use only
 * the catalog's real values, result sizes are bounded, and a bad call gets an error result the
 * model can read, never an exception. Catalog text in results is neutralised like all untrusted text.
 */
public final class CatalogTools {
  static final int MAX_RESULTS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Searches products for a need within a filter, best first. */
  @FunctionalInterface
  public interface ProductSearch {
    List<Product> search(String need, ProductFilter filter, int limit);
  }

  /**
   * The result of one call.
   *
   * @param json the result to send back to the model
   * @param products the products the result shows
   * @param passages the policy passages the result quotes
   */
  public record Result(String json, List<Product> products, List<FaqEntry> passages) {
    public Result {
      Objects.requireNonNull(json, "json");
      products = List.copyOf(products);
      passages = List.copyOf(passages);
    }
  }

  private final Supplier<Catalog> catalog;
  private final ProductSearch search;
  private final List<FaqEntry> faq;

  public CatalogTools(Supplier<Catalog> catalog, ProductSearch search, List<FaqEntry> faq) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.search = Objects.requireNonNull(search, "search");
    this.faq = List.copyOf(faq);
  }

  /** The tools' specifications, for {@link io.guidesdk.spi.GenerationRequest#tools()}. */
  public List<ToolSpec> specs() {
    return List.of(
        new ToolSpec("search_products", "Search the shop's catalog. Returns up to " + MAX_RESULTS + " products.",
            "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"},\"category\":{\"type\":\"string\"},"
                + "\"brand\":{\"type\":\"string\"},\"max_price\":{\"type\":\"number\"},\"min_price\":{\"type\":\"number\"},"
                + "\"attributes\":{\"type\":\"object\",\"description\":\"attribute name to the allowed values\","
                + "\"additionalProperties\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
                + "\"attribute_ranges\":{\"type\":\"object\",\"description\":\"numeric attribute name to bounds, "
                + "e.g. {\\\"oven_safe_f\\\":{\\\"min\\\":500}}\",\"additionalProperties\":{\"type\":\"object\","
                + "\"properties\":{\"min\":{\"type\":[\"number\",\"null\"]},\"max\":{\"type\":[\"number\",\"null\"]},"
                + "\"min_exclusive\":{\"type\":\"boolean\"},\"max_exclusive\":{\"type\":\"boolean\","
                + "\"description\":\"true leaves max itself out, as in 'lighter than 2 kg'\"}}}}},"
                + "\"required\":[\"query\"]}"),
        new ToolSpec("get_product_details", "Get every fact about one product by its id.",
            "{\"type\":\"object\",\"properties\":{\"product_id\":{\"type\":\"string\"}},\"required\":[\"product_id\"]}"),
        new ToolSpec("lookup_store_policy", "Find the store policy (shipping, returns, warranty, payment) answering a question.",
            "{\"type\":\"object\",\"properties\":{\"question\":{\"type\":\"string\"}},\"required\":[\"question\"]}"));
  }

  /** Executes one call; never throws for bad arguments (the result says what was wrong). */
  public Result execute(ToolCall call) {
    Objects.requireNonNull(call, "call");
    JsonNode args;
    try {
      args = JSON.readTree(call.argumentsJson().isBlank() ? "{}" : call.argumentsJson());
    } catch (IOException e) {
      return error("arguments are not valid JSON");
    }
    if (args == null || !args.isObject()) {
      return error("arguments must be a JSON object");
    }
    return switch (call.name()) {
      case "search_products" -> searchProducts(args);
      case "get_product_details" -> details(args);
      case "lookup_store_policy" -> policy(args);
      default -> error("unknown tool '" + call.name() + "'; tools: search_products, get_product_details, "
          + "lookup_store_policy");
    };
  }

  private Result searchProducts(JsonNode args) {
    String query = args.path("query").asText("").trim();
    if (query.isEmpty() || query.length() > 300) {
      return error("query must be a non-empty string of at most 300 characters");
    }
    Vocabulary v = new Vocabulary(catalog.get());
    ProductFilter.Builder f = ProductFilter.builder();
    if (args.hasNonNull("category")) {
      String c = args.get("category").asText();
      if (v.category(c).isEmpty()) {
        return error("unknown category '" + c + "'");
      }
      f.category(v.category(c).get());
    }
    if (args.hasNonNull("brand")) {
      String b = args.get("brand").asText();
      if (v.brand(b).isEmpty()) {
        return error("unknown brand '" + b + "'");
      }
      f.brand(v.brand(b).get());
    }
    for (String bound : List.of("min_price", "max_price")) {
      if (args.hasNonNull(bound)) {
        if (!args.get(bound).isNumber() || args.get(bound).decimalValue().signum() < 0) {
          return error(bound + " must be a non-negative number");
        }
        if (bound.equals("min_price")) {
          f.minPrice(args.get(bound).decimalValue());
        } else {
          f.maxPrice(args.get(bound).decimalValue());
        }
      }
    }
    try {
      LlmMessageInterpreter.attributes(args, "attributes", v, f::attribute);
      LlmMessageInterpreter.ranges(args, v, f);
    } catch (LlmMessageInterpreter.Invalid e) {
      return error(e.getMessage());
    }
    ProductFilter filter = f.build();
    if (filter.isContradictory()) {
      return error("the filters leave nothing: a minimum is above its maximum");
    }
    List<Product> found = search.search(query, filter, MAX_RESULTS);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode arr = out.putArray("products");
    found.forEach(p -> arr.add(summary(p)));
    return new Result(out.toString(), found, List.of());
  }

  private Result details(JsonNode args) {
    String id = args.path("product_id").asText("");
    return catalog.get().get(id).map(p -> {
      ObjectNode o = summary(p);
      o.put("description", Prompts.neutralize(p.description()));
      o.put("in_stock", p.inStock());
      ObjectNode attrs = o.putObject("attributes");
      p.attributes().forEach((k, val) -> attrs.put(k, Prompts.neutralize(val)));
      return new Result(o.toString(), List.of(p), List.<FaqEntry>of());
    }).orElseGet(() -> error("no product with id '" + Prompts.neutralize(id) + "'"));
  }

  private Result policy(JsonNode args) {
    String q = args.path("question").asText("").toLowerCase(Locale.ROOT);
    if (q.isBlank()) {
      return error("question must be a non-empty string");
    }
    Set<String> words = stems(q);
    // Lexical overlap over ~30 FAQ entries: the model asks in keywords ("return window"), so overlap
    // of crude stems with topic, question and answer finds the entry without an embedding per tool use.
    FaqEntry best = faq.stream().max(Comparator.comparingLong(e -> overlap(words, e))).orElse(null);
    if (best == null || overlap(words, best) == 0) {
      return new Result("{\"policy\":null,\"note\":\"no matching store policy\"}", List.of(), List.of());
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("topic", best.topic());
    o.put("question", best.question());
    o.put("answer", best.answer());
    return new Result(o.toString(), List.of(), List.of(best));
  }

  private static final Set<String> STOP = Set.of("how", "long", "what", "when", "where", "which", "does", "do", "can",
      "the", "and", "for", "you", "your", "our", "are", "is", "with", "much", "many", "any", "about", "have");

  private static Set<String> stems(String text) {
    Set<String> out = new HashSet<>();
    for (String w : GroundingValidator.words(text.toLowerCase(Locale.ROOT))) {
      if (w.length() > 2 && !STOP.contains(w)) {
        out.add(w.endsWith("s") && w.length() > 3 ? w.substring(0, w.length() - 1) : w);
      }
    }
    return out;
  }

  private static long overlap(Set<String> words, FaqEntry e) {
    Set<String> topic = stems(e.topic() + " " + e.question());
    Set<String> answer = stems(e.answer());
    long score = 0;
    for (String w : words) {
      score += topic.contains(w) ? 2 : answer.contains(w) ? 1 : 0;
    }
    return score;
  }

  private static ObjectNode summary(Product p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", p.id());
    o.put("name", Prompts.neutralize(p.title()));
    o.put("brand", p.brand());
    o.put("price", p.price().format());
    o.put("category", p.category());
    return o;
  }

  private static Result error(String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("error", message);
    return new Result(o.toString(), List.of(), List.of());
  }

  static List<Product> dedupe(List<Product> in) {
    List<Product> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Product p : in) {
      if (seen.add(p.id())) {
        out.add(p);
      }
    }
    return out;
  }
}
