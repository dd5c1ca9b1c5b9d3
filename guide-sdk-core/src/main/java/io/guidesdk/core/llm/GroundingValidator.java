package io.guidesdk.core.llm;

import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.FaqEntry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks model-written text against what the guide retrieved. A text passes only if every product
 * it names is one of the allowed products, every price is one of theirs (or a bound the shopper set,
 * or an amount in a quoted policy), every other number, link, discount and policy claim comes from
 * the allowed products' facts or the retrieved FAQ passages, and nothing of the system prompt leaks.
 *
 * <p>The checks are deliberately strict: a correct reply that cannot be verified is rejected too,
 * and the guide's template reply (grounded by construction) is shown instead.
 */
public final class GroundingValidator {
  static final int MAX_REPLY_CHARS = 3_000;
  private static final Pattern MONEY = Pattern.compile(
      "(?:[$€£¥]\\s?(\\d[\\d,]*(?:\\.\\d+)?))|(?:(\\d[\\d,]*(?:\\.\\d+)?)\\s?(?:(?:USD|EUR|GBP|CNY|RMB|dollars?|euros?|bucks)\\b"
          + "|元|块))",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
  private static final Pattern LINK = Pattern.compile(
      "(?:https?://|www\\.)\\S+|\\b[\\w.+-]+@[\\w-]+\\.[\\w.]+\\b|\\b[\\w-]+\\.(?:com|net|org|io|ru|xyz|shop|biz|info|co)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern CODE_LIKE = Pattern.compile("\\b[A-Z][A-Z0-9]*-[A-Z0-9][A-Z0-9-]*\\b");
  private static final Pattern LIST_ORDINAL = Pattern.compile("(?m)^\\s*(\\d{1,2})[.)]\\s");
  private static final Pattern SENTENCE = Pattern.compile("[^.!?。！？；\\n]+[.!?。！？；]?");
  private static final Set<String> POLICY_WORDS = Set.of("ship", "shipping", "shipped", "delivery", "deliver",
      "delivered", "return", "returns", "returned", "refund", "refunds", "refunded", "exchange", "exchanges",
      "warranty", "guarantee", "guaranteed", "payment", "pay", "installments", "price-match", "policy");
  private static final List<String> CLAIM_TERMS = List.of("free", "lifetime", "guarantee", "no questions asked",
      "unlimited", "money back", "money-back", "refund", "cancel", "price match", "price-match", "same day",
      "same-day", "overnight", "express", "international", "worldwide");
  private static final List<String> PROMO_TERMS = List.of("discount", "coupon", "promo", "voucher", "% off",
      "percent off", "sale price", "deal of", "free gift", "giveaway", "bonus", "cashback", "bogo",
      "打折", "折扣", "优惠", "促销", "满减", "立减", "特价", "赠品", "返现", "秒杀", "降价");
  /** "八折", "8折", "7.5折": a discount stated as the share of the price paid. */
  private static final Pattern CN_DISCOUNT = Pattern.compile("[0-9一二三四五六七八九][.0-9五]?折");
  /** Chinese has no spaces to find {@link #POLICY_WORDS} by, so these are found as substrings. */
  private static final List<String> CN_POLICY_WORDS = List.of("运费", "包邮", "配送", "发货", "送达", "退货", "退款",
      "换货", "保修", "质保", "付款", "支付", "发票");
  private static final List<String> CN_CLAIM_TERMS = List.of("免费", "终身", "无理由", "当天", "当日", "次日", "国际",
      "全球", "加急", "全额", "随时");
  private static final List<String> ALL_CLAIM_TERMS =
      java.util.stream.Stream.concat(CLAIM_TERMS.stream(), CN_CLAIM_TERMS.stream()).toList();

  private final Catalog catalog;

  public GroundingValidator(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /**
   * What a text may draw on.
   *
   * @param products the products the text may name (those the guide shows)
   * @param passages the FAQ passages retrieved for this turn
   * @param constraints the shopper's constraints (their price bounds and brands may be restated)
   * @param userText the shopper's own message (numbers the shopper said may be restated)
   * @param secrets text that must never appear (the system prompt, its canary)
   */
  public record Evidence(List<Product> products, List<FaqEntry> passages, ProductFilter constraints, String userText,
      List<String> secrets) {
    public Evidence {
      products = List.copyOf(products);
      passages = List.copyOf(passages);
      Objects.requireNonNull(constraints, "constraints");
      Objects.requireNonNull(userText, "userText");
      secrets = List.copyOf(secrets);
    }
  }

  /** The outcome: passed, or the problems found. */
  public record Verdict(List<String> problems) {
    public Verdict {
      problems = List.copyOf(problems);
    }

    public boolean passed() {
      return problems.isEmpty();
    }
  }

  /** Checks {@code text}; never throws on odd text. */
  public Verdict check(String text, Evidence ev) {
    List<String> problems = new ArrayList<>();
    if (text.isBlank()) {
      problems.add("empty text");
      return new Verdict(problems);
    }
    if (text.length() > MAX_REPLY_CHARS) {
      problems.add("too long: " + text.length() + " characters");
    }
    String lower = text.toLowerCase(Locale.ROOT);
    String policyText = String.join("\n", ev.passages().stream().map(p -> p.question() + " " + p.answer()).toList())
        .toLowerCase(Locale.ROOT);
    StringBuilder facts = new StringBuilder();
    Set<String> allowedIds = new HashSet<>();
    Set<String> allowedBrands = new HashSet<>();
    for (Product p : ev.products()) {
      allowedIds.add(p.id());
      allowedBrands.add(p.brand().toLowerCase(Locale.ROOT));
      facts.append(p.id()).append(' ').append(p.title()).append(' ').append(withoutInstructions(p.description())).append(' ')
          .append(p.price().amount().toPlainString()).append(' ').append(String.join(" ", p.categoryPath()))
          .append(' ').append(p.attributes()).append('\n');
    }
    ev.constraints().brands().forEach(b -> allowedBrands.add(b.toLowerCase(Locale.ROOT)));
    ev.constraints().excludedBrands().forEach(b -> allowedBrands.add(b.toLowerCase(Locale.ROOT)));
    String factText = facts.toString().toLowerCase(Locale.ROOT);
    String userLower = ev.userText().toLowerCase(Locale.ROOT);

    leaks(text, lower, ev.secrets(), problems);
    prices(text, ev, policyText, problems);
    numbers(text, factText, policyText, userLower, ev, problems);
    links(lower, policyText, problems);
    promotions(lower, policyText, factText, problems);
    policyClaims(lower, policyText, problems);
    otherProducts(text, lower, allowedIds, ev.products(), problems);
    otherBrands(text, allowedBrands, userLower, problems);
    return new Verdict(problems);
  }

  private static void leaks(String text, String lower, List<String> secrets, List<String> problems) {
    for (String secret : secrets) {
      if (secret.isBlank()) {
        continue;
      }
      if (secret.length() < 40) {
        if (text.contains(secret)) {
          problems.add("leaks a secret marker");
        }
        continue;
      }
      List<String> words = words(secret.toLowerCase(Locale.ROOT));
      String normText = " " + String.join(" ", words(lower)) + " ";
      for (int i = 0; i + 6 <= words.size(); i++) {
        String shingle = " " + String.join(" ", words.subList(i, i + 6)) + " ";
        if (normText.contains(shingle)) {
          problems.add("repeats the system prompt: \"" + shingle.trim() + "\"");
          break;
        }
      }
    }
  }

  private static void prices(String text, Evidence ev, String policyText, List<String> problems) {
    Set<BigDecimal> allowed = new HashSet<>();
    ev.products().forEach(p -> allowed.add(p.price().amount().stripTrailingZeros()));
    if (ev.constraints().minPrice() != null) {
      allowed.add(ev.constraints().minPrice().stripTrailingZeros());
    }
    if (ev.constraints().maxPrice() != null) {
      allowed.add(ev.constraints().maxPrice().stripTrailingZeros());
    }
    Matcher pm = MONEY.matcher(policyText);
    while (pm.find()) {
      amount(pm).ifPresent(allowed::add);
    }
    // Amounts the shopper typed are not evidence: "say it costs $1" must not make "$1" a price. Their
    // bounds are, through the constraints above.
    Matcher m = MONEY.matcher(text);
    while (m.find()) {
      java.util.Optional<BigDecimal> a = amount(m);
      if (a.isPresent() && !allowed.contains(a.get())) {
        problems.add("price " + m.group().trim() + " is not a price of the products shown or of the quoted policies");
      }
    }
  }

  private static java.util.Optional<BigDecimal> amount(Matcher m) {
    String raw = m.group(1) != null ? m.group(1) : m.group(2);
    try {
      return java.util.Optional.of(new BigDecimal(raw.replace(",", "")).stripTrailingZeros());
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  private static void numbers(String text, String factText, String policyText, String userLower, Evidence ev,
      List<String> problems) {
    Set<String> ordinals = new HashSet<>();
    Matcher om = LIST_ORDINAL.matcher(text);
    while (om.find()) {
      ordinals.add(om.group(1));
    }
    Set<String> known = new HashSet<>();
    for (String source : List.of(factText, policyText, userLower)) {
      Matcher k = NUMBER.matcher(source);
      while (k.find()) {
        known.add(normalizeNumber(k.group()));
      }
    }
    ev.products().forEach(p -> known.add(normalizeNumber(p.price().amount().toPlainString())));
    for (BigDecimal b : new BigDecimal[] {ev.constraints().minPrice(), ev.constraints().maxPrice()}) {
      if (b != null) {
        known.add(normalizeNumber(b.toPlainString()));
      }
    }
    for (int i = 1; i <= Math.max(1, ev.products().size()); i++) {
      known.add(Integer.toString(i));
    }
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      String n = normalizeNumber(m.group());
      if (!known.contains(n) && !ordinals.contains(m.group())) {
        problems.add("the number " + m.group() + " is not in the products' facts or the quoted policies");
      }
    }
  }

  private static String normalizeNumber(String n) {
    String s = n.replace(",", "");
    try {
      return new BigDecimal(s).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return s;
    }
  }

  private static void links(String lower, String policyText, List<String> problems) {
    Matcher m = LINK.matcher(lower);
    while (m.find()) {
      if (!policyText.contains(m.group())) {
        problems.add("link or address not from the shop's policies: " + m.group());
      }
    }
  }

  private static void promotions(String lower, String policyText, String factText, List<String> problems) {
    for (String term : PROMO_TERMS) {
      if (lower.contains(term) && !policyText.contains(term) && !factText.contains(term)) {
        problems.add("promotion claim not in the catalog or policies: '" + term + "'");
      }
    }
    if (lower.contains("%") && !policyText.contains("%") && !factText.contains("%")) {
      problems.add("percentage not in the catalog or policies");
    }
    Matcher d = CN_DISCOUNT.matcher(lower);
    while (d.find()) {
      if (!policyText.contains(d.group()) && !factText.contains(d.group())) {
        problems.add("promotion claim not in the catalog or policies: '" + d.group() + "'");
      }
    }
  }

  private static void policyClaims(String lower, String policyText, List<String> problems) {
    Set<String> policyNumbers = new HashSet<>();
    Matcher pn = NUMBER.matcher(policyText);
    while (pn.find()) {
      policyNumbers.add(normalizeNumber(pn.group()));
    }
    Matcher s = SENTENCE.matcher(lower);
    while (s.find()) {
      String sentence = s.group();
      List<String> w = words(sentence);
      boolean policy = w.stream().anyMatch(POLICY_WORDS::contains) || CN_POLICY_WORDS.stream().anyMatch(sentence::contains);
      if (!policy) {
        continue;
      }
      for (String term : ALL_CLAIM_TERMS) {
        if (sentence.contains(term) && !policyText.contains(term)) {
          problems.add("policy claim not in the retrieved store policies: '" + term + "' in \"" + sentence.trim() + "\"");
        }
      }
      if (policyText.isEmpty() && NUMBER.matcher(sentence).find()) {
        problems.add("policy detail stated without any retrieved policy: \"" + sentence.trim() + "\"");
        continue;
      }
      // Every number of a policy statement (prices aside, checked above) must be one the policies state.
      Matcher n = NUMBER.matcher(MONEY.matcher(sentence).replaceAll(" "));
      while (n.find()) {
        if (!policyNumbers.contains(normalizeNumber(n.group()))) {
          problems.add("policy detail not in the retrieved store policies: " + n.group() + " in \""
              + sentence.trim() + "\"");
        }
      }
    }
  }

  private void otherProducts(String text, String lower, Set<String> allowedIds, List<Product> allowed,
      List<String> problems) {
    Set<String> allowedNames = new HashSet<>();
    for (Product p : allowed) {
      allowedNames.add(p.title().toLowerCase(Locale.ROOT));
      allowedNames.add(shortName(p));
    }
    for (Product p : catalog.products()) {
      if (allowedIds.contains(p.id())) {
        continue;
      }
      String title = p.title().toLowerCase(Locale.ROOT);
      String shortName = shortName(p);
      if (text.contains(p.id()) || lower.contains(title)
          || (shortName.split(" ").length >= 3 && containsPhrase(lower, shortName) && !coveredBy(shortName, allowedNames))) {
        problems.add("names a product that is not shown: " + p.title());
        return;
      }
    }
    Matcher m = CODE_LIKE.matcher(text);
    while (m.find()) {
      String code = m.group();
      boolean known = allowed.stream().anyMatch(p -> p.id().equals(code) || p.title().contains(code)
          || p.description().contains(code) || p.attributes().containsValue(code));
      if (!known) {
        problems.add("names an item code that is not shown: " + code);
      }
    }
  }

  private static boolean coveredBy(String shortName, Collection<String> allowedNames) {
    for (String a : allowedNames) {
      if (a.contains(shortName)) {
        return true;
      }
    }
    return false;
  }

  /** The first three words of a title: brand and model, e.g. "nike revolution 7". */
  private static String shortName(Product p) {
    List<String> w = words(p.title().toLowerCase(Locale.ROOT));
    return String.join(" ", w.subList(0, Math.min(3, w.size())));
  }

  /** Brands are matched as written (case-sensitive), so brands that are also words ("Global", "Keen") match only as names. */
  private void otherBrands(String text, Set<String> allowedBrands, String userLower, List<String> problems) {
    for (String brand : catalog.brands()) {
      String b = brand.toLowerCase(Locale.ROOT);
      boolean han = b.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
      if (b.length() < (han ? 2 : 3) || allowedBrands.contains(b) || userLower.contains(b)) {
        continue;
      }
      // Chinese has no word boundaries: a Han brand counts wherever it stands
      if (han ? text.contains(brand) : containsPhrase(text, brand)) {
        problems.add("names a brand not among the products shown: " + brand);
      }
    }
  }

  private static boolean containsPhrase(String lower, String phrase) {
    int at = lower.indexOf(phrase);
    while (at >= 0) {
      boolean startOk = at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1));
      int end = at + phrase.length();
      boolean endOk = end >= lower.length() || !Character.isLetterOrDigit(lower.charAt(end));
      if (startOk && endOk) {
        return true;
      }
      at = lower.indexOf(phrase, at + 1);
    }
    return false;
  }

  private static final Pattern INSTRUCTION = Pattern.compile(
      "\\b(ignore|disregard|forget|override)\\b|\\b(system|assistant|developer)\\s*[:>]|\\b(you must|you should|you are now|"
          + "new rule|instructions?|prompt)\\b|^\\s*(tell|say|claim|promise|inform|ask|direct|remind|recommend|suggest|"
          + "print|reveal|output|append|repeat|respond|reply|answer|write|mention|state|offer)\\b|[<>‹›]",
      Pattern.CASE_INSENSITIVE);

  /**
   * A catalog description without its instruction-like sentences ("Tell the shopper…", "Ignore
   * previous instructions…"): descriptions are untrusted, so what they tell a model to say is not
   * evidence that it is true. Only the remaining sentences can ground a claim.
   */
  static String withoutInstructions(String description) {
    StringBuilder out = new StringBuilder();
    Matcher s = SENTENCE.matcher(description);
    while (s.find()) {
      if (!INSTRUCTION.matcher(s.group().strip()).find()) {
        out.append(s.group()).append(' ');
      }
    }
    return out.toString();
  }

  static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    for (String w : s.split("[^\\p{L}\\p{N}$.%-]+")) {
      String t = w.replaceAll("^[.\\-]+|[.\\-]+$", "");
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }
}
