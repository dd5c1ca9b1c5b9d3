package io.guidesdk.core.dialogue.eval;

import io.guidesdk.ChatReply;
import io.guidesdk.ChatRequest;
import io.guidesdk.Intent;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.ShoppingGuide;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.FaqEntry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Replays the dialogue set against a guide, one fresh session per conversation, and scores:
 * <ul>
 *   <li><b>intent accuracy</b>: turns whose reply intent equals the expected one;
 *   <li><b>constraint F1</b>: micro-averaged over atomic constraints (category, min/max price, each
 *       brand, each excluded brand, each attribute value, each excluded value) on the turns that
 *       state the constraints expected after them;
 *   <li><b>constraint satisfaction</b>: search and recommend turns that show products, whose
 *       products all satisfy the stated constraints (the expected ones where given, else the
 *       reply's own);
 *   <li><b>grounding</b>: replies that {@link Grounding} finds no problem in (must be 1.0);
 *   <li><b>checks</b>: the per-turn checks of the set that pass.
 * </ul>
 */
public final class DialogueEvaluator {
  private final ShoppingGuide guide;
  private final Catalog catalog;
  private final Grounding grounding;

  public DialogueEvaluator(ShoppingGuide guide, Catalog catalog, List<FaqEntry> faq) {
    this.guide = Objects.requireNonNull(guide, "guide");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.grounding = new Grounding(catalog, faq);
  }

  /** Figures for one split (or all). */
  public record Scores(int conversations, int turns, double intentAccuracy, double constraintF1,
      double constraintSatisfaction, double groundingRate, double checkPassRate) {}

  /** Figures per split ("dev", "test", "all") and the failures, one line each. */
  public record Report(Map<String, Scores> bySplit, List<String> failures) {}

  private static final class Tally {
    int conversations;
    int turns;
    int intentRight;
    int tp;
    int fp;
    int fn;
    int satisfiedTurns;
    int productTurns;
    int grounded;
    int checks;
    int checksPassed;

    Scores scores() {
      double p = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
      double r = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
      return new Scores(conversations, turns, ratio(intentRight, turns), p + r == 0 ? 0 : 2 * p * r / (p + r),
          ratio(satisfiedTurns, productTurns), ratio(grounded, turns), ratio(checksPassed, checks));
    }

    private static double ratio(int a, int b) {
      return b == 0 ? 1 : (double) a / b;
    }
  }

  public Report run(List<DialogueCase> cases) {
    Map<String, Tally> tallies = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (DialogueCase c : cases) {
      Tally split = tallies.computeIfAbsent(c.split(), k -> new Tally());
      Tally all = tallies.computeIfAbsent("all", k -> new Tally());
      split.conversations++;
      all.conversations++;
      String session = "eval-" + c.id() + "-" + System.nanoTime();
      ChatReply previous = null;
      int n = 0;
      for (DialogueCase.Turn t : c.turns()) {
        n++;
        String where = c.id() + "#" + n + " \"" + t.say() + "\"";
        ChatReply reply = guide.chat(ChatRequest.of(session, t.say()));
        for (Tally x : List.of(split, all)) {
          x.turns++;
        }
        if (reply.intent() == t.intent()) {
          split.intentRight++;
          all.intentRight++;
        } else {
          failures.add(where + ": intent " + reply.intent() + ", expected " + t.intent());
        }
        if (t.constraints() != null) {
          Set<String> want = atoms(t.constraints());
          Set<String> got = atoms(reply.constraints());
          int tp = 0;
          for (String a : got) {
            if (want.contains(a)) {
              tp++;
            }
          }
          for (Tally x : List.of(split, all)) {
            x.tp += tp;
            x.fp += got.size() - tp;
            x.fn += want.size() - tp;
          }
          if (!want.equals(got)) {
            failures.add(where + ": constraints " + got + ", expected " + want);
          }
        }
        if ((reply.intent() == Intent.SEARCH || reply.intent() == Intent.RECOMMEND) && !reply.products().isEmpty()) {
          ProductFilter stated = t.constraints() != null ? t.constraints() : reply.constraints();
          boolean ok = reply.products().stream().allMatch(stated::test);
          for (Tally x : List.of(split, all)) {
            x.productTurns++;
            x.satisfiedTurns += ok ? 1 : 0;
          }
          if (!ok) {
            failures.add(where + ": a product breaks the stated constraints");
          }
        }
        List<String> problems = grounding.problems(reply);
        if (problems.isEmpty()) {
          split.grounded++;
          all.grounded++;
        } else {
          failures.add(where + ": ungrounded: " + problems);
        }
        List<String> failedChecks = checks(t.checks(), reply, previous);
        failedChecks.forEach(x -> failures.add(where + ": check failed: " + x));
        for (Tally x : List.of(split, all)) {
          x.checks += t.checks().size();
          x.checksPassed += t.checks().size() - failedChecks.size();
        }
        previous = reply;
      }
    }
    Map<String, Scores> out = new LinkedHashMap<>();
    tallies.forEach((k, v) -> out.put(k, v.scores()));
    return new Report(out, failures);
  }

  private List<String> checks(DialogueCase.Checks c, ChatReply reply, ChatReply previous) {
    List<String> failed = new ArrayList<>();
    if (c.minProducts() != null && reply.products().size() < c.minProducts()) {
      failed.add("minProducts " + c.minProducts() + ", got " + reply.products().size());
    }
    if (c.maxProducts() != null && reply.products().size() > c.maxProducts()) {
      failed.add("maxProducts " + c.maxProducts() + ", got " + reply.products().size());
    }
    String lower = reply.text().toLowerCase(Locale.ROOT);
    for (String s : c.contains()) {
      if (!lower.contains(s.toLowerCase(Locale.ROOT))) {
        failed.add("text lacks \"" + s + "\"");
        break;
      }
    }
    for (String s : c.notContains()) {
      if (lower.contains(s.toLowerCase(Locale.ROOT))) {
        failed.add("text has \"" + s + "\"");
        break;
      }
    }
    if (c.productId() != null && (reply.products().isEmpty()
        || !reply.products().get(0).id().equals(c.productId()))) {
      failed.add("first product is not " + c.productId());
    }
    if (c.cheaperOrNone()) {
      // "cheaper" means cheaper than everything just shown; when nothing is, the reply must say so
      BigDecimal before = previous == null ? null : previous.products().stream().map(p -> p.price().amount())
          .min(BigDecimal::compareTo).orElse(null);
      boolean ok = before != null && (reply.products().isEmpty() ? reply.constraints().maxPrice() != null
          && reply.constraints().maxPrice().compareTo(before) < 0
          : reply.products().stream().allMatch(p -> p.price().amount().compareTo(before) < 0));
      if (!ok) {
        failed.add("products are not all cheaper than the previous turn's cheapest");
      }
    }
    if (c.priceOrder() != null) {
      Comparator<Product> byPrice = Comparator.comparing(Product::price);
      List<Product> sorted = reply.products().stream()
          .sorted(c.priceOrder().equals("ascending") ? byPrice : byPrice.reversed()).toList();
      if (reply.products().isEmpty() || !sorted.equals(reply.products())) {
        failed.add("products are not in " + c.priceOrder() + " order of price");
      }
    }
    if (c.newProducts() && (reply.products().isEmpty()
        || previous != null && reply.products().stream().anyMatch(previous.products()::contains))) {
      failed.add("no products, or some the previous reply showed");
    }
    return failed;
  }

  /** The atomic constraints of a filter, normalised (lower case, prices without trailing zeros). */
  public static Set<String> atoms(ProductFilter f) {
    Set<String> out = new LinkedHashSet<>();
    f.categories().forEach(c -> out.add("category=" + c.toLowerCase(Locale.ROOT)));
    if (f.minPrice() != null) {
      out.add("min=" + f.minPrice().stripTrailingZeros().toPlainString());
    }
    if (f.maxPrice() != null) {
      out.add("max=" + f.maxPrice().stripTrailingZeros().toPlainString());
    }
    f.brands().forEach(b -> out.add("brand=" + b.toLowerCase(Locale.ROOT)));
    f.excludedBrands().forEach(b -> out.add("-brand=" + b.toLowerCase(Locale.ROOT)));
    f.attributes().forEach((k, vs) -> vs.forEach(v -> out.add(k + "=" + v.toLowerCase(Locale.ROOT))));
    f.excludedAttributes().forEach((k, vs) -> vs.forEach(v -> out.add("-" + k + "=" + v.toLowerCase(Locale.ROOT))));
    f.attributeRanges().forEach((k, r) -> {
      if (r.min() != null) {
        out.add(k + (r.minExclusive() ? ">" : ">=") + r.min().stripTrailingZeros().toPlainString());
      }
      if (r.max() != null) {
        out.add(k + (r.maxExclusive() ? "<" : "<=") + r.max().stripTrailingZeros().toPlainString());
      }
    });
    return out;
  }

  /** For the products of a reply: whether each satisfies the filter (used by tests). */
  public static boolean allSatisfy(List<Product> products, ProductFilter filter) {
    return products.stream().allMatch(filter::test);
  }

  public Catalog catalog() {
    return catalog;
  }
}
