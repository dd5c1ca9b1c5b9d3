package io.guidesdk.core.dialogue;

import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spells a message's category words the way the catalog does, and the rules' feature words
 * ("waterprof" → "waterproof"), before the rules look for them:
 * <ul>
 *   <li>a compound written apart ("smart watches", "smart-watches") is joined where the joined word is
 *       a word of a category name ("Smartwatches");
 *   <li>a word one typing slip away (one letter missing, added, changed, or two neighbours swapped)
 *       from exactly one word of the category names becomes that word ("runing" → "running"), unless
 *       the catalog's titles use the word as it is, or the word is a verb form of that word's agent
 *       noun ("makes", not "makers"). Only words of five letters or more are corrected, towards
 *       category words of six or more: short words have too many neighbours.
 * </ul>
 * Latin words only; Chinese category words are read by {@link HanCategoryWords}.
 *
 * <p>Hand-written rather than a spell-checking library (Lucene's {@code DirectSpellChecker} needs an
 * index of its own, Hunspell a dictionary): the only vocabulary that matters here is the catalog's
 * category names, a few hundred words, and one edit is all that is corrected.
 */
final class CategorySpelling {

  private static final Pattern WORD = Pattern.compile("\\p{IsLatin}+");
  private static final int MIN_TYPO_LENGTH = 5;
  private static final int MIN_TARGET_LENGTH = 6;

  /** Latin words of the category names, lower case. */
  private final Set<String> categoryWords = new HashSet<>();
  /** {@link #categoryWords} of {@link #MIN_TARGET_LENGTH} letters or more, by length. */
  private final Map<Integer, List<String>> targetsByLength = new HashMap<>();
  /** Latin words of the titles and category names, lower case: words the catalog itself uses. */
  private final Set<String> catalogWords = new HashSet<>();

  CategorySpelling(Catalog catalog, Iterable<String> categoryNames) {
    this(catalog, categoryNames, List.of());
  }

  /**
   * @param featureWords other words to spell as they are written here (the rules' feature words such
   *     as "waterproof"), corrected like category words
   */
  CategorySpelling(Catalog catalog, Iterable<String> categoryNames, Iterable<String> featureWords) {
    for (String name : categoryNames) {
      Matcher m = WORD.matcher(name.toLowerCase(Locale.ROOT));
      while (m.find()) {
        categoryWords.add(m.group());
      }
    }
    for (String name : featureWords) {
      Matcher m = WORD.matcher(name.toLowerCase(Locale.ROOT));
      while (m.find()) {
        categoryWords.add(m.group());
      }
    }
    for (String w : categoryWords) {
      if (w.length() >= MIN_TARGET_LENGTH) {
        targetsByLength.computeIfAbsent(w.length(), k -> new ArrayList<>()).add(w);
      }
    }
    catalogWords.addAll(categoryWords);
    for (Product p : catalog.products()) {
      Matcher m = WORD.matcher(p.title().toLowerCase(Locale.ROOT));
      while (m.find()) {
        catalogWords.add(m.group());
      }
    }
  }

  /** {@code text} (normalised: lower case, single spaces) with its category words spelt as the catalog does. */
  String correct(String text) {
    if (categoryWords.isEmpty()) {
      return text;
    }
    List<int[]> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      words.add(new int[] {m.start(), m.end()});
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int i = 0; i < words.size(); i++) {
      int[] w = words.get(i);
      String word = text.substring(w[0], w[1]);
      String replacement = null;
      int end = w[1];
      if (i + 1 < words.size()) {
        int[] next = words.get(i + 1);
        String between = text.substring(w[1], next[0]);
        String compound = word + text.substring(next[0], next[1]);
        if ((between.equals(" ") || between.equals("-")) && isCategoryWord(compound)) {
          replacement = compound; // "smart watches" is the catalog's "smartwatches"
          end = next[1];
          i++;
        }
      }
      if (replacement == null) {
        replacement = spell(word);
      }
      out.append(text, copied, w[0]).append(replacement);
      copied = end;
    }
    return out.append(text, copied, text.length()).toString();
  }

  private boolean isCategoryWord(String word) {
    return categoryWords.contains(word) || categoryWords.contains(word + "s") || categoryWords.contains(word + "es")
        || word.endsWith("s") && categoryWords.contains(word.substring(0, word.length() - 1));
  }

  private String spell(String word) {
    if (word.length() < MIN_TYPO_LENGTH || catalogWords.contains(word) || isCategoryWord(word)) {
      return word;
    }
    String near = null;
    for (int length = word.length() - 1; length <= word.length() + 1; length++) {
      for (String target : targetsByLength.getOrDefault(length, List.of())) {
        if (oneEditApart(word, target) && !agentNoun(word, target)) {
          if (near != null) {
            return word; // two candidates: no way to tell which was meant
          }
          near = target;
        }
      }
    }
    return near == null ? word : near;
  }

  /**
   * Whether {@code target} is the agent noun of the verb form {@code word} ("makes" and "makers",
   * "bakes" and "bakers"): a word in its own right, not a slip ("it makes a burning smell").
   */
  static boolean agentNoun(String word, String target) {
    return word.endsWith("s") && target.equals(word.substring(0, word.length() - 1) + "rs");
  }

  /** Whether {@code a} becomes {@code b} by one insertion, deletion, substitution or swap of neighbours. */
  static boolean oneEditApart(String a, String b) {
    if (a.equals(b)) {
      return false;
    }
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > 1) {
      return false;
    }
    int i = 0;
    while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (la == lb) {
      if (a.substring(i + 1).equals(b.substring(i + 1))) {
        return true; // substitution
      }
      return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
          && a.substring(i + 2).equals(b.substring(i + 2)); // neighbours swapped
    }
    return la < lb ? a.substring(i).equals(b.substring(i + 1)) : a.substring(i + 1).equals(b.substring(i));
  }
}
