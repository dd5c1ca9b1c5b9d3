package io.guidesdk.core.dialogue;

import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the products a message names ("is the Pegasus 41 waterproof?", "Ghost 16 vs Pegasus 41").
 * A title word names a model when few products share it (at most {@value #MAX_MODEL_DF}) and it is
 * not a brand, category, colour or common word; a message part names the product whose title words
 * it matches best, weighted by rarity.
 */
final class ProductNames {
  static final int MAX_MODEL_DF = 6;
  private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern PARTS = Pattern.compile(
      "\\s+(?:vs\\.?|versus|and|or|with|against|to)\\s+|,|;|/|和|与|跟|还是|、|，|；");
  private static final Pattern HAN_RUN = Pattern.compile("\\p{IsHan}{2,}");
  /** The longest Chinese title word looked for inside a message, in characters. */
  private static final int MAX_HAN_WORD = 10;
  private static final Set<String> COMMON = Set.of("the", "and", "with", "for", "men", "women", "mens", "womens",
      "unisex", "pair", "set", "black", "white", "grey", "gray", "blue", "red", "green", "navy", "silver", "pink",
      "orange", "purple", "brown", "olive", "beige", "long", "regular", "pro", "plus", "max", "mini", "one", "edition",
      "inch", "size", "shoe", "shoes", "boot", "mid", "low", "high", "top", "first", "second", "third", "last", "it",
      "that", "this", "them", "does", "have", "waterproof", "wireless", "bluetooth", "portable", "speaker",
      "headphones", "cup", "bag", "pack", "sleeping", "person", "tent", "mat", "yoga", "bottle", "jacket", "rain",
      "down", "hiking", "trail", "running", "road", "coffee", "maker", "blender", "knife", "laptop", "watch",
      "smartwatch", "dumbbells", "cookware", "backpack", "backpacking", "camping", "lightweight", "insulated",
      "noise", "cancelling", "stainless", "steel", "ultra", "air", "new", "what", "which", "how", "about", "more");

  private final Catalog catalog;
  private final Map<String, List<Integer>> postings = new HashMap<>();
  private final List<Set<String>> titleTokens = new ArrayList<>();
  private final Set<String> blocked = new HashSet<>(COMMON);
  /** The last two or three characters of Chinese title words (手表 of 智能手表), to the products with such a word. */
  private final Map<String, Set<Integer>> hanHeads = new HashMap<>();
  /** Marks a head among {@link #hanTitleWords}, which no title word starts with. */
  private static final String HEAD = "\u0000";

  ProductNames(Catalog catalog) {
    this.catalog = catalog;
    catalog.brands().forEach(b -> blocked.addAll(tokens(b)));
    catalog.categories().forEach(c -> blocked.addAll(tokens(c)));
    // a word of an attribute value ("cork" of "cork and tpe") is a spec a shopper asks for, not a model
    catalog.attributeValues().values().forEach(vs -> vs.forEach(v -> blocked.addAll(tokens(v))));
    List<Product> products = catalog.products();
    for (int i = 0; i < products.size(); i++) {
      Set<String> t = tokens(products.get(i).title());
      titleTokens.add(t);
      for (String tok : t) {
        postings.computeIfAbsent(tok, k -> new ArrayList<>()).add(i);
        if (tok.length() >= 4 && tok.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
          for (int k = 2; k <= 3; k++) {
            hanHeads.computeIfAbsent(tok.substring(tok.length() - k), x -> new HashSet<>()).add(i);
          }
        }
      }
    }
  }

  static Set<String> tokens(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (String t : SPLIT.split(text.toLowerCase(Locale.ROOT))) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * A number with a unit of measure ("32gb", "1tb", "43mm", "500ml"): a spec a shopper asks for, not a
   * model's name, even where few titles have it.
   */
  private static final Pattern MEASURE_TOKEN = Pattern.compile(
      "\\d+(?:\\.\\d+)?(?:gb|tb|mb|mm|cm|in|inch|inches|l|ml|oz|lb|lbs|kg|g|w|mah|hz|ft|pc|pcs|piece|qt)");

  private boolean isModelWord(String token) {
    List<Integer> p = postings.get(token);
    return p != null && p.size() <= MAX_MODEL_DF && !blocked.contains(token) && token.length() >= 3
        && token.chars().anyMatch(Character::isLetter) && !MEASURE_TOKEN.matcher(token).matches();
  }

  /** Whether the text names at least one product by a model word. */
  boolean mentionsModel(String text) {
    Set<String> none = Set.of();
    for (String part : PARTS.split(text)) {
      Set<String> words = tokens(part);
      words.addAll(hanTitleWords(part));
      if (best(words, List.of(), none) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the text names a product only by words that are each common (a brand and a product type:
   * 华为手表), which names it for a question about it ("华为手表多少钱") but not for "索尼的耳机有吗", a
   * search.
   */
  boolean namesByCommonWords(String text) {
    for (String part : PARTS.split(text)) {
      Set<String> han = hanTitleWords(part);
      if (han.size() >= 2 && onlyProductWithAll(han, List.of()) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The ids of the products the text names, in the order named. Between products that match equally
   * (a model's men's and women's versions), one already shown wins, then the more popular.
   */
  List<String> find(String text, List<String> shown, Catalog context) {
    Set<String> shownWords = new HashSet<>();
    shown.forEach(id -> context.get(id).ifPresent(p -> shownWords.addAll(tokens(p.title()))));
    List<String> out = new ArrayList<>();
    for (String part : PARTS.split(text)) {
      Set<String> words = tokens(part);
      Set<String> han = hanTitleWords(part);
      words.addAll(han);
      String id = best(words, shown, shownWords);
      if (id == null && han.size() >= 2) {
        id = onlyProductWithAll(han, shown);
      }
      if (id != null && !out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /**
   * The title words inside a Chinese message part, which has no spaces between words: every run of Han
   * characters is searched for the titles' own words ("华为智能手表" holds 华为 and 智能手表), and for the
   * heads that end them (手表 ends 智能手表: Chinese puts the head last), each standing for the title
   * words it ends.
   */
  private Set<String> hanTitleWords(String part) {
    Set<String> out = new LinkedHashSet<>();
    java.util.regex.Matcher m = HAN_RUN.matcher(part);
    while (m.find()) {
      String run = m.group();
      boolean[] inWord = new boolean[run.length()];
      for (int i = 0; i < run.length(); i++) {
        for (int j = i + 2; j <= Math.min(run.length(), i + MAX_HAN_WORD); j++) {
          String w = run.substring(i, j);
          if (postings.containsKey(w)) {
            out.add(w);
            java.util.Arrays.fill(inWord, i, j, true);
          }
        }
      }
      for (int i = 0; i < run.length(); i++) {
        for (int j = i + 2; j <= Math.min(run.length(), i + 3); j++) {
          String w = run.substring(i, j);
          if (!inWord[i] && !inWord[j - 1] && hanHeads.containsKey(w)) {
            out.add(HEAD + w); // a head inside a title word already found is that word, not another
          }
        }
      }
    }
    return out;
  }

  /**
   * A Chinese name made of words that are each common (a brand and a product type: 华为智能手表) names the
   * one product whose title has them all, or the one of several just shown; none where that is not one.
   */
  private String onlyProductWithAll(Set<String> words, List<String> shown) {
    Set<Integer> common = null;
    for (String w : words) {
      Set<Integer> p = new HashSet<>(w.startsWith(HEAD) ? hanHeads.get(w.substring(HEAD.length())) : postings.get(w));
      if (common == null) {
        common = p;
      } else {
        common.retainAll(p);
      }
    }
    List<Product> products = catalog.products();
    if (common == null || common.isEmpty()) {
      return null;
    }
    if (common.size() == 1) {
      return products.get(common.iterator().next()).id();
    }
    List<String> shownAmong = common.stream().map(i -> products.get(i).id()).filter(shown::contains).toList();
    return shownAmong.size() == 1 ? shownAmong.get(0) : null;
  }

  /**
   * A single model word names a product only when it is backed: a digit in it ("770nc"), a second
   * title word, or the word being in a product just shown ("is the Pegasus waterproof?" after a list
   * of running shoes). Otherwise ordinary words that happen to be rare in titles ("weather") would
   * turn chit-chat into product questions.
   */
  private String best(Set<String> words, List<String> shown, Set<String> shownWords) {
    Set<Integer> candidates = new HashSet<>();
    for (String w : words) {
      if (isModelWord(w)) {
        candidates.addAll(postings.get(w));
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    int n = catalog.size();
    double bestScore = -1;
    String bestId = null;
    List<Product> products = catalog.products();
    for (int i : candidates) {
      double score = 0;
      int matched = 0;
      boolean backed = false;
      for (String w : words) {
        if (titleTokens.get(i).contains(w)) {
          score += Math.log(1.0 + (double) n / postings.get(w).size());
          matched++;
          if (isModelWord(w) && (w.chars().anyMatch(Character::isDigit) || shownWords.contains(w))) {
            backed = true;
          }
        }
      }
      if (matched < 2 && !backed) {
        continue;
      }
      Product p = products.get(i);
      int pos = shown.indexOf(p.id());
      double tie = (pos >= 0 ? 1e-3 * (10 - Math.min(pos, 9)) : 0) + 1e-9 * p.popularity();
      if (score + tie > bestScore) {
        bestScore = score + tie;
        bestId = p.id();
      }
    }
    return bestId;
  }
}
