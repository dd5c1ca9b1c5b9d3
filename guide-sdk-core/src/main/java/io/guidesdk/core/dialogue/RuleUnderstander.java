package io.guidesdk.core.dialogue;

import io.guidesdk.Intent;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.Catalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads intent and constraints from a message with rules over the catalog's own vocabulary: its
 * categories, brands and attribute values. Prices: "under $100", "below 80", "between 50 and 80",
 * "$50-$80", "over 200", "cheaper". Brands: "Nike", "not Nike". Attribute values: "in black".
 */
final class RuleUnderstander {
  private static final String NUM = "\\$?\\s*(\\d{1,7}(?:[.,]\\d{1,2})?)";
  private static final Pattern BETWEEN = Pattern.compile(
      "(?:between|from)\\s+" + NUM + "\\s*(?:dollars|usd)?\\s*(?:and|to|-)\\s*" + NUM);
  private static final Pattern RANGE = Pattern.compile("\\$\\s*(\\d{1,7}(?:\\.\\d{1,2})?)\\s*-\\s*\\$?\\s*(\\d{1,7}(?:\\.\\d{1,2})?)");
  private static final Pattern MAX = Pattern.compile(
      "(?:under|below|less than|cheaper than|at most|max(?:imum)?|up to|no more than|within|<)\\s*" + NUM);
  private static final Pattern MIN = Pattern.compile(
      "(?:over|above|more than|at least|min(?:imum)?|starting at|>)\\s*" + NUM);
  private static final Pattern GREETING = Pattern.compile(
      "^(hi|hello|hey|good (morning|afternoon|evening)|thanks|thank you|thx|bye|goodbye|cheers)\\b.*");
  private static final Pattern POLICY = Pattern.compile(
      "\\b(shipping|ship|deliver(y|ed)?|return(s|ing)?|refund(s|ed)?|warrant(y|ies)|guarantee|payment|pay|paypal"
          + "|credit card|instal?lments?|gift card|price match|gift wrap(ping)?|pick ?up|exchange)\\b");
  private static final Pattern ORDER = Pattern.compile(
      "\\b(my order|order number|order #|cancel|track(ing)?|where is my|change my order|invoice)\\b");
  private static final Pattern COMPARE = Pattern.compile("\\b(compare|comparison|difference between|vs\\.?|versus)\\b");
  private static final Pattern RECOMMEND = Pattern.compile(
      "\\b(recommend|suggest|what should i (buy|get)|surprise me|for me|popular|best sellers?)\\b");
  private static final Pattern QUESTION = Pattern.compile(
      "^(is|does|do|can|how (heavy|long|big|much does)|what (is|are) the)\\b.*");
  private static final Pattern CHEAPER = Pattern.compile("\\b(cheaper|less expensive|lower price|more affordable)\\b");
  private static final Pattern MORE = Pattern.compile("\\b(show (me )?more|more (options|results)|next|others?)\\b");
  private static final Pattern NEGATION = Pattern.compile("\\b(?:not|no|except|without|other than|but not)\\s+$");

  private final Catalog catalog;
  private final List<String> categoriesLongestFirst;
  private final List<String> brandsLongestFirst;

  RuleUnderstander(Catalog catalog) {
    this.catalog = catalog;
    this.categoriesLongestFirst = catalog.categories().stream()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    this.brandsLongestFirst = catalog.brands().stream()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  Understanding understand(String message, DialogueState state) {
    String text = normalise(message);
    Intent intent = intent(text);
    boolean refinement = isRefinement(text);
    ProductFilter.Builder filter = (refinement || intent == Intent.SEARCH && !mentionsCategory(text))
        ? state.filter().toBuilder() : ProductFilter.builder();
    if (intent == Intent.SEARCH || intent == Intent.RECOMMEND || intent == Intent.COMPARE) {
      applyCategory(text, filter);
      applyBrands(text, filter);
      applyAttributes(text, filter);
      applyPrice(text, filter, state);
    }
    ProductFilter built = filter.build();
    String need = built.categories().isEmpty() && !state.need().isEmpty() && refinement ? state.need() : message;
    boolean nextPage = MORE.matcher(text).find() && !state.lastShown().isEmpty();
    return new Understanding(intent, built, need, nextPage);
  }

  static String normalise(String message) {
    return message.replaceAll("\\p{Cntrl}", " ").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
  }

  private Intent intent(String text) {
    if (GREETING.matcher(text).matches() && text.length() < 40) {
      return Intent.GREETING;
    }
    if (ORDER.matcher(text).find()) {
      return Intent.ORDER_REQUEST;
    }
    if (POLICY.matcher(text).find()) {
      return Intent.POLICY_QUESTION;
    }
    if (COMPARE.matcher(text).find()) {
      return Intent.COMPARE;
    }
    if (QUESTION.matcher(text).matches() && mentionsProduct(text)) {
      return Intent.PRODUCT_QUESTION;
    }
    if (RECOMMEND.matcher(text).find() && !mentionsCategory(text)) {
      return Intent.RECOMMEND;
    }
    return Intent.SEARCH;
  }

  private boolean isRefinement(String text) {
    return CHEAPER.matcher(text).find() || MORE.matcher(text).find()
        || text.startsWith("in ") || text.startsWith("only ") || text.startsWith("what about")
        || text.startsWith("and ") || text.startsWith("any ") || text.split(" ").length <= 3 && !mentionsCategory(text);
  }

  boolean mentionsCategory(String text) {
    return categoriesLongestFirst.stream().anyMatch(c -> containsPhrase(text, c));
  }

  private boolean mentionsProduct(String text) {
    for (Product p : catalog.products()) {
      if (text.contains(p.title().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private void applyCategory(String text, ProductFilter.Builder filter) {
    for (String c : categoriesLongestFirst) {
      if (containsPhrase(text, c)) {
        filter.clearCategories().category(c);
        return;
      }
    }
  }

  private void applyBrands(String text, ProductFilter.Builder filter) {
    List<String> wanted = new ArrayList<>();
    for (String b : brandsLongestFirst) {
      Matcher m = phrase(b).matcher(text);
      while (m.find()) {
        if (NEGATION.matcher(text.substring(0, m.start())).find()) {
          filter.excludeBrand(b);
        } else {
          wanted.add(b);
        }
      }
    }
    if (!wanted.isEmpty()) {
      filter.clearBrands();
      wanted.forEach(filter::brand);
    }
  }

  private void applyAttributes(String text, ProductFilter.Builder filter) {
    for (Map.Entry<String, Set<String>> e : catalog.attributeValues().entrySet()) {
      String name = e.getKey();
      if (!name.equals("color") && !name.equals("colour") && !name.equals("gender") && !name.equals("material")) {
        continue;
      }
      List<String> hits = new ArrayList<>();
      for (String value : e.getValue()) {
        Matcher m = phrase(value).matcher(text);
        if (m.find()) {
          if (NEGATION.matcher(text.substring(0, m.start())).find()) {
            filter.excludeAttribute(name, value);
          } else {
            hits.add(value);
          }
        }
      }
      if (!hits.isEmpty()) {
        filter.clearAttribute(name);
        hits.forEach(v -> filter.attribute(name, v));
      }
    }
  }

  private void applyPrice(String text, ProductFilter.Builder filter, DialogueState state) {
    Matcher m = BETWEEN.matcher(text);
    if (!m.find()) {
      m = RANGE.matcher(text);
      if (!m.find()) {
        m = null;
      }
    }
    if (m != null) {
      BigDecimal a = number(m.group(1));
      BigDecimal b = number(m.group(2));
      filter.minPrice(a.min(b)).maxPrice(a.max(b));
      return;
    }
    Matcher max = MAX.matcher(text);
    if (max.find()) {
      filter.maxPrice(number(max.group(1)));
    }
    Matcher min = MIN.matcher(text);
    if (min.find()) {
      filter.minPrice(number(min.group(1)));
    }
    if (CHEAPER.matcher(text).find() && !max.find(0) && !state.lastShown().isEmpty()) {
      BigDecimal cheapest = state.lastShown().stream().map(p -> p.price().amount())
          .min(BigDecimal::compareTo).orElseThrow();
      filter.maxPrice(cheapest.subtract(new BigDecimal("0.01")).max(BigDecimal.ZERO));
    }
  }

  private static BigDecimal number(String s) {
    return new BigDecimal(s.replace(',', '.'));
  }

  /** Whole-phrase match that also accepts a singular/plural difference ("running shoe"). */
  static boolean containsPhrase(String text, String phrase) {
    return phrase(phrase).matcher(text).find();
  }

  private static final java.util.concurrent.ConcurrentMap<String, Pattern> PHRASES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Pattern phrase(String phrase) {
    return PHRASES.computeIfAbsent(phrase, RuleUnderstander::compilePhrase);
  }

  private static Pattern compilePhrase(String phrase) {
    String p = phrase.toLowerCase(Locale.ROOT).trim();
    String stem = p.endsWith("es") && p.length() > 4 ? Pattern.quote(p.substring(0, p.length() - 2)) + "(?:es|e|s)"
        : p.endsWith("s") && p.length() > 3 ? Pattern.quote(p.substring(0, p.length() - 1)) + "s?"
        : Pattern.quote(p) + "s?";
    return Pattern.compile("(?<![\\p{L}\\p{N}])" + stem + "(?![\\p{L}\\p{N}])");
  }
}
