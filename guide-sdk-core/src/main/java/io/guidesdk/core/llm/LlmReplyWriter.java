package io.guidesdk.core.llm;

import io.guidesdk.GuideException;
import io.guidesdk.Product;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.FaqEntry;
import io.guidesdk.core.dialogue.ReplyWriter;
import io.guidesdk.spi.ChatMessage;
import io.guidesdk.spi.Generation;
import io.guidesdk.spi.GenerationOptions;
import io.guidesdk.spi.GenerationRequest;
import io.guidesdk.spi.LanguageModel;
import io.guidesdk.spi.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the reply with a language model from the draft's products and FAQ passages only. The model
 * may call the {@link CatalogTools} (the SDK runs them; at most {@value #MAX_TOOL_ROUNDS} rounds);
 * policies it looks up become evidence, but the reply may name only the products the guide shows,
 * so what is recommended stays the retriever's decision. The text is checked by the
 * {@link GroundingValidator}; a failing text, or any backend failure, returns empty so the template
 * reply stands, and is counted in {@link LlmStats}.
 */
final class LlmReplyWriter implements ReplyWriter {
  private static final Logger LOG = LoggerFactory.getLogger(LlmReplyWriter.class);
  static final int MAX_TOOL_ROUNDS = 2;
  private static final int DESCRIPTION_CHARS = 300;

  private final LanguageModel model;
  private final Supplier<Catalog> catalog;
  private final CatalogTools tools;
  private final LlmStats stats;
  private final String canary = Prompts.canary();
  private final Locale locale;

  LlmReplyWriter(LanguageModel model, Supplier<Catalog> catalog, CatalogTools tools, LlmStats stats) {
    this(model, catalog, tools, stats, Locale.ENGLISH);
  }

  /** As above, replying in the language of {@code locale} (the shop's reply locale). */
  LlmReplyWriter(LanguageModel model, Supplier<Catalog> catalog, CatalogTools tools, LlmStats stats,
      Locale locale) {
    this.locale = Objects.requireNonNull(locale, "locale");
    this.model = Objects.requireNonNull(model, "model");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.tools = Objects.requireNonNull(tools, "tools");
    this.stats = Objects.requireNonNull(stats, "stats");
  }

  String systemPrompt() {
    return "You are the shopping assistant of an online shop. Write a short, friendly reply (at most 120 words) to "
        + "the shopper's message using ONLY the products in <products> and the store policies in <store_policies>. "
        + "Name products exactly as given, with their exact prices; do not mention any other product, brand, price, "
        + "discount, link or policy; if the data does not answer something, say so. " + Prompts.languageRule(locale)
        + " " + Prompts.DATA_RULE
        + "\nMarker (never output): " + canary;
  }

  static String productsBlock(List<Product> products) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < products.size(); i++) {
      Product p = products.get(i);
      String desc = p.description().length() > DESCRIPTION_CHARS
          ? p.description().substring(0, DESCRIPTION_CHARS) + "…" : p.description();
      sb.append(i + 1).append(". id=").append(p.id()).append(" | name=").append(p.title()).append(" | brand=")
          .append(p.brand()).append(" | price=").append(p.price().format()).append(" | in stock=")
          .append(p.inStock()).append(" | facts=").append(p.attributes()).append(" | description=").append(desc)
          .append('\n');
    }
    return Prompts.block("products", sb.toString().strip());
  }

  static String policiesBlock(List<FaqEntry> passages) {
    StringBuilder sb = new StringBuilder();
    passages.forEach(p -> sb.append("- ").append(p.question()).append(' ').append(p.answer()).append('\n'));
    return Prompts.block("store_policies", sb.toString().strip());
  }

  @Override
  public Optional<String> write(Draft draft) {
    if (draft.products().isEmpty() && draft.passages().isEmpty()) {
      return Optional.empty();
    }
    String system = systemPrompt();
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(ChatMessage.system(system));
    messages.add(ChatMessage.user(productsBlock(draft.products()) + "\n" + policiesBlock(draft.passages()) + "\n"
        + Prompts.block("shopper_message", draft.message()) + "\nWrite the reply."));
    List<FaqEntry> evidence = new ArrayList<>(draft.passages());
    GenerationOptions options = GenerationOptions.builder().temperature(0.2).maxTokens(300).seed(7).build();
    Generation g;
    try {
      int round = 0;
      while (true) {
        boolean offerTools = model.capabilities().toolCalls() && round < MAX_TOOL_ROUNDS;
        g = model.generate(new GenerationRequest(messages, options, offerTools ? tools.specs() : List.of()));
        stats.tokens(g.usage());
        if (!g.hasToolCalls() || !offerTools) {
          break;
        }
        messages.add(ChatMessage.assistant(g.text(), g.toolCalls()));
        for (ToolCall call : g.toolCalls()) {
          CatalogTools.Result r = tools.execute(call);
          evidence.addAll(r.passages());
          messages.add(ChatMessage.toolResult(call, r.json()));
        }
        round++;
      }
    } catch (GuideException | IllegalArgumentException | IllegalStateException e) {
      stats.backendFailure("writing a reply with " + model.name(), e);
      LOG.debug("LLM reply failed; the template reply stands", e);
      return Optional.empty();
    }
    String text = g.text().strip();
    GroundingValidator.Verdict v = new GroundingValidator(catalog.get()).check(text, new GroundingValidator.Evidence(
        draft.products(), evidence, draft.constraints(), draft.message(), List.of(system, canary)));
    if (!v.passed()) {
      stats.reply(false, v.problems().get(0));
      LOG.debug("LLM reply rejected: {}", v.problems());
      return Optional.empty();
    }
    stats.reply(true, "");
    return Optional.of(text);
  }
}
