package io.guidesdk.core.llm;

import io.guidesdk.GuideException;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.text.Templates;
import io.guidesdk.spi.ChatMessage;
import io.guidesdk.spi.Generation;
import io.guidesdk.spi.GenerationOptions;
import io.guidesdk.spi.GenerationRequest;
import io.guidesdk.spi.LanguageModel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Personalised product copy: a short description of a product for one shopper's interests, written
 * from the product's real attributes. With a language model the text is checked like a reply (only
 * this product, its price and its facts); without one, or when the text fails, a template writes it.
 */
public final class ProductCopywriter {
  private final @Nullable LanguageModel model;
  private final Supplier<Catalog> catalog;
  private final LlmStats stats;
  private final String canary = Prompts.canary();
  private final Locale locale;
  private final Map<String, String> texts;

  ProductCopywriter(@Nullable LanguageModel model, Supplier<Catalog> catalog, LlmStats stats) {
    this(model, catalog, stats, Locale.ENGLISH);
  }

  /** As above, writing in the language of {@code locale} (the shop's reply locale). */
  ProductCopywriter(@Nullable LanguageModel model, Supplier<Catalog> catalog, LlmStats stats, Locale locale) {
    this.locale = Objects.requireNonNull(locale, "locale");
    this.texts = Map.copyOf(Templates.load(ProductCopywriter.class, "copy", locale));
    this.model = model;
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.stats = Objects.requireNonNull(stats, "stats");
  }

  /** Template copy only, no model. */
  public static ProductCopywriter templatesOnly(Supplier<Catalog> catalog) {
    return templatesOnly(catalog, Locale.ENGLISH);
  }

  /** Template copy only, no model, in the language of {@code locale} (English and Chinese are bundled). */
  public static ProductCopywriter templatesOnly(Supplier<Catalog> catalog, Locale locale) {
    return new ProductCopywriter(null, catalog, new LlmStats(), locale);
  }

  /**
   * Describes {@code product} for a shopper interested in {@code interests} (categories, brands or
   * attribute values they engaged with; may be empty).
   */
  public String describe(Product product, List<String> interests) {
    Objects.requireNonNull(product, "product");
    List<String> safeInterests = List.copyOf(interests);
    String template = template(texts, product, safeInterests);
    if (model == null) {
      return template;
    }
    String system = "You write short product copy (2 to 3 sentences, at most 60 words) for one shopper, using ONLY "
        + "the facts in <product>; relate them to the shopper's interests in <interests> when they fit. Do not add "
        + "facts, numbers, other products, discounts or links. " + Prompts.languageRule(locale) + " "
        + Prompts.DATA_RULE
        + "\nMarker (never output): " + canary;
    String user = LlmReplyWriter.productsBlock(List.of(product)).replace("<products>", "<product>")
        .replace("</products>", "</product>") + "\n" + Prompts.block("interests", String.join(", ", safeInterests));
    Generation g;
    try {
      g = model.generate(GenerationRequest.of(List.of(ChatMessage.system(system), ChatMessage.user(user)),
          GenerationOptions.builder().temperature(0.3).maxTokens(120).seed(7).build()));
    } catch (GuideException | IllegalArgumentException | IllegalStateException e) {
      stats.backendFailure("writing product copy with " + model.name(), e);
      return template;
    }
    stats.tokens(g.usage());
    String text = g.text().strip();
    GroundingValidator.Verdict v = new GroundingValidator(catalog.get()).check(text, new GroundingValidator.Evidence(
        List.of(product), List.of(), ProductFilter.none(), String.join(" ", safeInterests), List.of(system, canary)));
    if (!v.passed()) {
      stats.copy(false, v.problems().get(0));
      return template;
    }
    stats.copy(true, "");
    return text;
  }

  /** The copy a template writes from {@code texts} ({@code copy_<language>.properties}). */
  static String template(Map<String, String> texts, Product p, List<String> interests) {
    String head = p.title();
    if (!p.brand().isBlank() && !p.title().contains(p.brand())) {
      head = Templates.fill(texts.get("brand"), "title", head, "brand", p.brand());
    }
    StringBuilder sb = new StringBuilder(Templates.fill(texts.get("price"), "head", head, "price", p.price().format()));
    StringBuilder facts = new StringBuilder();
    int n = 0;
    for (Map.Entry<String, String> e : p.attributes().entrySet()) {
      if (n++ == 4) {
        break;
      }
      facts.append(facts.length() > 0 ? texts.get("fact.separator") : "")
          .append(Templates.fill(texts.get("fact"), "name", e.getKey().replace('_', ' '), "value", e.getValue()));
    }
    if (facts.length() > 0) {
      String f = Character.toUpperCase(facts.charAt(0)) + facts.substring(1);
      sb.append(Templates.fill(texts.get("facts"), "facts", f));
    }
    String matched = interests.stream().filter(i -> matches(p, i)).findFirst().orElse(null);
    if (matched != null) {
      sb.append(Templates.fill(texts.get("interest"), "interest", matched));
    }
    if (!p.inStock()) {
      sb.append(texts.get("outOfStock"));
    }
    return sb.toString();
  }

  private static boolean matches(Product p, String interest) {
    return p.categoryPath().stream().anyMatch(c -> c.equalsIgnoreCase(interest)) || p.brand().equalsIgnoreCase(interest)
        || p.attributes().values().stream().anyMatch(v -> v.equalsIgnoreCase(interest));
  }
}
