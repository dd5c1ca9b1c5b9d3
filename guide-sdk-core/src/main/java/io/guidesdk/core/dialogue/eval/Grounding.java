package io.guidesdk.core.dialogue.eval;

import io.guidesdk.ChatReply;
import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.FaqEntry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a reply is grounded: every catalog product named in its text is one of the reply's
 * products, and every price in its text is the price of one of those products, a bound of the
 * reply's constraints, an amount quoted in the shop's FAQ, or (when the reply shows nothing) the real
 * price of a catalog product in the constraints' category, quoted as the nearest relaxation.
 */
public final class Grounding {
  private static final Pattern MONEY = Pattern.compile("[$€£¥]\\s?(\\d[\\d,]*(?:\\.\\d+)?)");
  private final Catalog catalog;
  /** The largest price the guide reads; its ignored-amount notice quotes it. */
  private static final BigDecimal PRICE_LIMIT = new BigDecimal("10000000");
  private final Set<BigDecimal> faqAmounts = new HashSet<>();

  public Grounding(Catalog catalog, List<FaqEntry> faq) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    for (FaqEntry e : faq) {
      amounts(e.question() + " " + e.answer()).forEach(faqAmounts::add);
    }
  }

  /** The problems found in one reply; empty when it is grounded. */
  public List<String> problems(ChatReply reply) {
    Objects.requireNonNull(reply, "reply");
    List<String> out = new ArrayList<>();
    String text = reply.text();
    Set<String> shownIds = new HashSet<>();
    reply.products().forEach(p -> shownIds.add(p.id()));
    for (Product p : reply.products()) {
      Product real = catalog.get(p.id()).orElse(null);
      if (real == null) {
        out.add("product not in catalog: " + p.id());
      } else if (!real.equals(p)) {
        out.add("product differs from the catalog: " + p.id());
      }
    }
    List<Product> named = new ArrayList<>();
    for (Product p : catalog.products()) {
      if (text.contains(p.title())) {
        named.add(p);
      }
    }
    for (Product p : named) {
      boolean partOfLonger = named.stream().anyMatch(o -> o != p && o.title().length() > p.title().length()
          && o.title().contains(p.title()) && shownIds.contains(o.id()));
      if (!shownIds.contains(p.id()) && !partOfLonger) {
        out.add("text names a product not in the reply's products: " + p.title());
      }
    }
    Set<BigDecimal> allowed = new HashSet<>(faqAmounts);
    allowed.add(norm(PRICE_LIMIT));
    reply.products().forEach(p -> allowed.add(norm(p.price().amount())));
    if (reply.constraints().minPrice() != null) {
      allowed.add(norm(reply.constraints().minPrice()));
    }
    if (reply.constraints().maxPrice() != null) {
      allowed.add(norm(reply.constraints().maxPrice()));
    }
    for (BigDecimal amount : amounts(text)) {
      if (allowed.contains(amount)) {
        continue;
      }
      if (reply.products().isEmpty() && relaxationPrice(reply, amount)) {
        continue;
      }
      out.add("price in text matches nothing in the reply, its constraints, the FAQ or the catalog: " + amount);
    }
    return out;
  }

  private boolean relaxationPrice(ChatReply reply, BigDecimal amount) {
    Set<String> cats = reply.constraints().categories();
    for (Product p : catalog.products()) {
      if (norm(p.price().amount()).equals(amount)
          && (cats.isEmpty() || p.categoryPath().stream().anyMatch(c -> cats.stream().anyMatch(c::equalsIgnoreCase)))) {
        return true;
      }
    }
    return false;
  }

  static List<BigDecimal> amounts(String text) {
    List<BigDecimal> out = new ArrayList<>();
    Matcher m = MONEY.matcher(text);
    while (m.find()) {
      out.add(norm(new BigDecimal(m.group(1).replace(",", ""))));
    }
    return out;
  }

  private static BigDecimal norm(BigDecimal v) {
    return v.stripTrailingZeros();
  }
}
