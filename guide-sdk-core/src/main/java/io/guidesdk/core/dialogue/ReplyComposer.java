package io.guidesdk.core.dialogue;

import io.guidesdk.Money;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import java.util.List;
import java.util.Locale;

/**
 * Writes reply text from templates, using only the products and FAQ answers it is given, so every
 * name and price in the text comes from the catalog.
 */
final class ReplyComposer {
  private final java.util.Currency currency;

  ReplyComposer(java.util.Currency currency) {
    this.currency = currency;
  }

  String products(List<Product> products, ProductFilter filter, String need) {
    StringBuilder sb = new StringBuilder();
    sb.append("Here ").append(products.size() == 1 ? "is 1 match" : "are " + products.size() + " matches");
    String described = describe(filter);
    if (!described.isEmpty()) {
      sb.append(" for ").append(described);
    }
    sb.append(":\n");
    for (int i = 0; i < products.size(); i++) {
      Product p = products.get(i);
      sb.append(i + 1).append(". ").append(p.title()).append(" — ").append(p.price().format());
      String facts = facts(p);
      if (!facts.isEmpty()) {
        sb.append(" (").append(facts).append(')');
      }
      if (!p.inStock()) {
        sb.append(" [out of stock]");
      }
      sb.append('\n');
    }
    return sb.toString().stripTrailing();
  }

  String nothingFits(ProductFilter filter, Product nearest) {
    String described = describe(filter);
    String base = "I couldn't find anything" + (described.isEmpty() ? "" : " for " + described) + ".";
    if (nearest == null) {
      return base + " Try a broader description.";
    }
    if (filter.maxPrice() != null && nearest.price().amount().compareTo(filter.maxPrice()) > 0) {
      return base + " The cheapest close match is " + nearest.title() + " at " + nearest.price().format() + ".";
    }
    return base + " The closest match is " + nearest.title() + " at " + nearest.price().format() + ".";
  }

  String policy(String answer) {
    return answer;
  }

  String orderHandOff(String policyAnswer) {
    String handOff = "I can't view or change orders myself; please contact our customer service team with your "
        + "order number and they will help you.";
    return policyAnswer.isEmpty() ? handOff : policyAnswer + "\n" + handOff;
  }

  String greeting() {
    return "Hello! Tell me what you're looking for — a product, a budget, a brand — and I'll find matching items.";
  }

  String outOfScope() {
    return "I can help you find products from our catalog and answer questions about shipping, returns, "
        + "warranty and payment. What are you looking for?";
  }

  String compare(List<Product> products) {
    if (products.size() < 2) {
      return "Show me at least two products first, then ask me to compare them.";
    }
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    products.forEach(p -> keys.addAll(p.attributes().keySet()));
    StringBuilder sb = new StringBuilder("| |");
    products.forEach(p -> sb.append(' ').append(p.title()).append(" |"));
    sb.append("\n|---|");
    products.forEach(p -> sb.append("---|"));
    sb.append("\n| price |");
    products.forEach(p -> sb.append(' ').append(p.price().format()).append(" |"));
    sb.append("\n| brand |");
    products.forEach(p -> sb.append(' ').append(p.brand()).append(" |"));
    for (String k : keys) {
      sb.append("\n| ").append(k.replace('_', ' ')).append(" |");
      products.forEach(p -> sb.append(' ').append(p.attributes().getOrDefault(k, "—")).append(" |"));
    }
    return sb.toString();
  }

  private static String facts(Product p) {
    StringBuilder sb = new StringBuilder();
    if (!p.brand().isBlank()) {
      sb.append(p.brand());
    }
    p.attribute("color").ifPresent(c -> sb.append(sb.length() > 0 ? ", " : "").append(c));
    return sb.toString();
  }

  String describe(ProductFilter f) {
    StringBuilder sb = new StringBuilder();
    f.attributes().getOrDefault("color", java.util.Set.of()).forEach(c -> sb.append(c).append(' '));
    if (!f.brands().isEmpty()) {
      sb.append(String.join(" or ", f.brands())).append(' ');
    }
    if (!f.categories().isEmpty()) {
      sb.append(String.join(" or ", f.categories()).toLowerCase(Locale.ROOT)).append(' ');
    }
    if (f.minPrice() != null && f.maxPrice() != null) {
      sb.append("between ").append(money(f.minPrice())).append(" and ").append(money(f.maxPrice())).append(' ');
    } else if (f.maxPrice() != null) {
      sb.append("up to ").append(money(f.maxPrice())).append(' ');
    } else if (f.minPrice() != null) {
      sb.append("from ").append(money(f.minPrice())).append(' ');
    }
    if (!f.excludedBrands().isEmpty()) {
      sb.append("not ").append(String.join(" or ", f.excludedBrands())).append(' ');
    }
    return sb.toString().trim();
  }

  private String money(java.math.BigDecimal amount) {
    return new Money(amount, currency).format();
  }
}
