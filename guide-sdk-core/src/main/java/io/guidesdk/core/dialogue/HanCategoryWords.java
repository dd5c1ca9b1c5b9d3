package io.guidesdk.core.dialogue;

import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How Chinese shoppers name a category without writing its name (decision 0606). Chinese compounds
 * put their head last, so a word's last characters say what kind of thing it is:
 * <ul>
 *   <li><b>Short forms of a category name</b> ({@link #shortForm}): its head with the noun suffix 子
 *       dropped (保温杯 is a kind of 杯子, 牛仔裤 of 裤子), its first and last characters with middle
 *       ones left out (跑鞋 for 跑步鞋), and its last two or more characters (手表 for 智能手表,
 *       音箱 for 蓝牙音箱).
 *   <li><b>Product-type words from the titles</b> ({@link #fromTitles}): a word of the message that
 *       the catalog's titles use in one category only (羽绒服 in the titles of coats, 茶壶 in those of
 *       tea sets) names that category.
 * </ul>
 * Both are weaker than a category name written out; {@link RuleUnderstander} uses a short form only
 * when it covers more of the message than any name written out, and the titles only when the
 * message names no category at all.
 *
 * <p>Hand-written rather than a Chinese segmenter (jieba, HanLP): these read the catalog's own words,
 * need no dictionary, and are small and tested; decision 0606 has the trade-off.
 */
final class HanCategoryWords {

  /** A bigram used by the titles of more than this many categories says nothing about the category. */
  private static final int MAX_CATEGORIES_PER_BIGRAM = 3;
  /** Marks a bigram that the titles of many categories use. */
  private static final Set<String> ANY = Set.of();

  private static final ConcurrentMap<String, Pattern> SHORT_FORMS = new ConcurrentHashMap<>();
  private static final Pattern NONE = Pattern.compile("(?!)");

  /**
   * Each Han bigram of the titles ({@link #key}) to the leaf categories (lower case) whose titles use
   * it, or {@link #ANY}.
   */
  private final Map<Integer, Set<String>> bigramCategories = new HashMap<>();
  /**
   * The last character of each leaf category name of two or more Han characters, to that category
   * (lower case), or {@link #SHARED_HEAD} where two names end with it (鞋 ends 跑步鞋 and 登山鞋).
   */
  private final Map<Character, String> heads = new HashMap<>();
  private static final String SHARED_HEAD = "";

  HanCategoryWords(Catalog catalog) {
    Map<String, String> lowerCase = new HashMap<>();
    for (Product p : catalog.products()) {
      if (p.category().isEmpty()) {
        continue;
      }
      String category = lowerCase.computeIfAbsent(p.category(), c -> c.toLowerCase(Locale.ROOT));
      if (category.length() >= 2 && category.chars().allMatch(c -> isHan((char) c))) {
        heads.merge(category.charAt(category.length() - 1), category,
            (a, b) -> a.equals(b) ? a : SHARED_HEAD);
      }
      String title = p.title();
      boolean previousHan = false;
      for (int i = 0; i < title.length(); i++) {
        boolean han = isHan(title.charAt(i));
        if (han && previousHan) {
          bigramCategories.compute(key(title, i - 1), (k, cats) -> add(cats, category));
        }
        previousHan = han;
      }
    }
  }

  /** The bigram of {@code text} at {@code i} as one number: no substring to allocate per bigram of a large catalog. */
  private static int key(String text, int i) {
    return text.charAt(i) << 16 | text.charAt(i + 1);
  }

  private static Set<String> add(@Nullable Set<String> categories, String category) {
    if (categories == ANY) {
      return ANY;
    }
    Set<String> out = categories == null ? new HashSet<>(2) : categories;
    out.add(category);
    return out.size() > MAX_CATEGORIES_PER_BIGRAM ? ANY : out;
  }

  /**
   * The pattern of {@code category}'s short forms, or one that never matches when it has none (a name
   * that is not all Han, or a single character). It does not match the full name itself.
   */
  static Pattern shortForm(String category) {
    return SHORT_FORMS.computeIfAbsent(category, HanCategoryWords::compileShortForm);
  }

  private static Pattern compileShortForm(String name) {
    if (name.length() < 2 || !name.chars().allMatch(c -> isHan((char) c))) {
      return NONE;
    }
    StringBuilder alternatives = new StringBuilder();
    int n = name.length();
    if (n >= 3) {
      // the first and the last character, middle ones optional, but not all of them (that is the name)
      StringBuilder abbreviation = new StringBuilder(Pattern.quote(name.substring(0, 1)));
      for (int i = 1; i < n - 1; i++) {
        abbreviation.append("(?:").append(Pattern.quote(name.substring(i, i + 1))).append(")?");
      }
      abbreviation.append(Pattern.quote(name.substring(n - 1)));
      alternatives.append("(?!").append(Pattern.quote(name)).append(')').append(abbreviation);
      // its last characters, longest first
      for (int start = 1; start <= n - 2; start++) {
        alternatives.append('|').append(Pattern.quote(name.substring(start)));
      }
    }
    if (name.endsWith("子")) {
      // the head without its noun suffix, where it ends the Chinese word: 保温杯 but not 杯垫
      alternatives.append(alternatives.length() == 0 ? "" : "|")
          .append(Pattern.quote(name.substring(0, n - 1))).append("(?!子|\\p{IsHan})");
    }
    return alternatives.length() == 0 ? NONE : Pattern.compile(alternatives.toString());
  }

  /** Where {@link #fromTitles} found a product-type word: its category (lower case) and place in the message. */
  record TitleWord(String category, int start, int end) {}

  /**
   * The category that the message's product-type words point to: the longest run of the message's
   * Han bigrams that the titles use, whose categories have one category in common. Null when no run
   * points to exactly one, or two runs point to different ones.
   */
  @Nullable TitleWord fromTitles(String text) {
    if (bigramCategories.isEmpty()) {
      return null;
    }
    TitleWord found = null;
    int i = 0;
    while (i + 1 < text.length()) {
      Set<String> common = null;
      int j = i;
      while (j + 1 < text.length() && isHan(text.charAt(j)) && isHan(text.charAt(j + 1))) {
        Set<String> cats = bigramCategories.get(key(text, j));
        if (cats == null) {
          break;
        }
        if (cats != ANY) {
          Set<String> next = new HashSet<>(common == null ? cats : common);
          next.retainAll(cats);
          if (next.isEmpty()) {
            break;
          }
          common = next;
        }
        j++;
      }
      if (common != null && common.size() == 1) {
        String category = common.iterator().next();
        if (found != null && !found.category().equals(category)) {
          return null; // two product types: no one category
        }
        if (found == null || j + 1 - i > found.end() - found.start()) {
          found = new TitleWord(category, i, j + 1);
        }
      }
      i = Math.max(j, i + 1);
    }
    return found;
  }

  /**
   * A compound of a modifier and a category's head character (登山包 for 背包, 双肩包 too): the last
   * character of exactly one category name, after a bigram the titles of that category use (户外登山背包
   * has 登山). Null when no such compound is in the message, or two point to different categories.
   * A weaker reading than {@link #fromTitles}, tried only where that finds nothing.
   */
  @Nullable TitleWord fromHead(String text) {
    TitleWord found = null;
    for (int i = 2; i < text.length(); i++) {
      String category = heads.get(text.charAt(i));
      if (category == null || category.equals(SHARED_HEAD) || !isHan(text.charAt(i - 2)) || !isHan(text.charAt(i - 1))
          || text.startsWith(category, i + 1 - category.length())) {
        continue;
      }
      Set<String> cats = bigramCategories.get(key(text, i - 2));
      if (cats == null || cats == ANY || !cats.contains(category)) {
        continue;
      }
      if (found != null && !found.category().equals(category)) {
        return null;
      }
      found = new TitleWord(category, i - 2, i + 1);
    }
    return found;
  }

  /** Whether {@code category} has short forms ({@link #shortForm} can match). */
  static boolean hasShortForm(String category) {
    return shortForm(category) != NONE;
  }

  /**
   * Whether {@code text} can hold a short form of {@code category}: every short form has its last
   * character, except the head without 子, which has the character before it. A cheap test that spares
   * the pattern for most categories of a large catalog.
   */
  static boolean mayHoldShortForm(String text, String category) {
    int n = category.length();
    return text.indexOf(category.charAt(n - 1)) >= 0
        || category.endsWith("子") && n >= 2 && text.indexOf(category.charAt(n - 2)) >= 0;
  }

  static boolean isHan(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
  }
}
