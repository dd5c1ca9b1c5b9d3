package io.guidesdk.core.dialogue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.guidesdk.ChatReply;
import io.guidesdk.ChatRequest;
import io.guidesdk.Intent;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.ShoppingGuide;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.FaqEntry;
import io.guidesdk.core.learning.Impression;
import io.guidesdk.core.learning.ImpressionLog;
import io.guidesdk.core.retrieval.ProductRetriever;
import io.guidesdk.core.retrieval.ScoredProduct;
import io.guidesdk.spi.Encoder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The guide on the embedded default: rules over the catalog's vocabulary for understanding, the
 * retriever for products, the FAQ for policies, templates for replies. Dialogue state lives in a
 * Caffeine cache keyed by user and session, with idle expiry and a size bound.
 */
public final class DefaultShoppingGuide implements ShoppingGuide {
  private static final double FAQ_MIN_SIMILARITY = 0.25;
  private static final String ANONYMOUS = "";

  private final Supplier<Catalog> catalog;
  private final ProductRetriever retriever;
  private final ImpressionLog impressions;
  private final FaqIndex faq;
  private final Clock clock;
  private final int productsPerReply;
  private final Cache<SessionKey, DialogueState> sessions;
  private final ReplyComposer composer;
  private final MessageInterpreter interpreter;
  private final ReplyWriter writer;
  private volatile RuleUnderstander understander;
  private volatile Catalog understood;

  /** Dialogue state is per (user, session): the same session id under two users is two sessions. */
  private record SessionKey(String userId, String sessionId) {}

  public DefaultShoppingGuide(Supplier<Catalog> catalog, ProductRetriever retriever, ImpressionLog impressions,
      List<FaqEntry> faq, Encoder encoder, Clock clock, int productsPerReply, Duration sessionIdle,
      long maxSessions, Currency currency) {
    this(catalog, retriever, impressions, faq, encoder, clock, productsPerReply, sessionIdle, maxSessions, currency,
        MessageInterpreter.none(), ReplyWriter.templatesOnly());
  }

  /** As above, with an optional second reader of messages and writer of replies (an LLM). */
  public DefaultShoppingGuide(Supplier<Catalog> catalog, ProductRetriever retriever, ImpressionLog impressions,
      List<FaqEntry> faq, Encoder encoder, Clock clock, int productsPerReply, Duration sessionIdle,
      long maxSessions, Currency currency, MessageInterpreter interpreter, ReplyWriter writer) {
    this.interpreter = Objects.requireNonNull(interpreter, "interpreter");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.retriever = Objects.requireNonNull(retriever, "retriever");
    this.impressions = Objects.requireNonNull(impressions, "impressions");
    this.faq = new FaqIndex(faq, encoder);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.productsPerReply = productsPerReply;
    this.sessions = Caffeine.newBuilder().expireAfterAccess(sessionIdle).maximumSize(maxSessions).build();
    this.composer = new ReplyComposer(currency);
  }

  @Override
  public ChatReply chat(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    String user = request.userId() == null ? ANONYMOUS : request.userId();
    SessionKey key = new SessionKey(user, request.sessionId());
    DialogueState state = sessions.asMap().getOrDefault(key, DialogueState.EMPTY);
    Understanding u = understander().understand(request.message(), state);
    Understanding rules = u;
    u = interpreter.interpret(request.message(), state.filter(),
            new MessageInterpreter.Interpretation(rules.intent(), rules.filter(), rules.need()))
        .map(i -> new Understanding(i.intent(), i.filter(), i.need(), rules.nextPage()))
        .orElse(rules);
    List<FaqEntry> passages = new ArrayList<>();

    List<Product> shown = List.of();
    String text;
    DialogueState next = state;
    List<String> suggestions = List.of();
    switch (u.intent()) {
      case GREETING -> text = composer.greeting();
      case OUT_OF_SCOPE -> text = composer.outOfScope();
      case POLICY_QUESTION -> {
        faq.best(request.message(), FAQ_MIN_SIMILARITY).ifPresent(passages::add);
        text = passages.stream().findFirst().map(FaqEntry::answer)
            .orElse("I don't have an answer to that in our store policies; please contact customer service.");
      }
      case ORDER_REQUEST -> {
        faq.best(request.message(), FAQ_MIN_SIMILARITY).ifPresent(passages::add);
        text = composer.orderHandOff(passages.stream().findFirst().map(FaqEntry::answer).orElse(""));
      }
      case COMPARE -> {
        shown = state.lastShown().subList(0, Math.min(3, state.lastShown().size()));
        text = composer.compare(shown);
      }
      default -> {
        int page = u.nextPage() ? state.page() + 1 : 0;
        List<ScoredProduct> hits = retriever.search(u.need(), u.filter(), productsPerReply * (page + 1));
        shown = hits.stream().skip((long) productsPerReply * page).map(ScoredProduct::product).toList();
        if (shown.isEmpty()) {
          Product nearest = nearestRelaxation(u);
          text = composer.nothingFits(u.filter(), nearest);
        } else {
          text = composer.products(shown, u.filter(), u.need());
          suggestions = suggestions(u.filter());
        }
        next = new DialogueState(u.filter(), u.need(), shown.isEmpty() ? state.lastShown() : shown, page);
      }
    }
    if (u.intent() != Intent.COMPARE && u.intent() != Intent.ORDER_REQUEST) {
      text = writer.write(new ReplyWriter.Draft(request.message(), u.intent(), u.filter(), shown, passages, text))
          .orElse(text);
    }
    sessions.put(key, next);
    String id = impressions.newId();
    impressions.record(new Impression(id, user, shown.stream().map(Product::id).toList(),
        shown.stream().map(p -> "chat").toList(), shown.stream().map(p -> 1.0).toList(), "chat-rules-1",
        clock.instant()));
    return new ChatReply(text, shown, u.intent(), u.filter(), suggestions, id);
  }

  /** The best product if the price bound is dropped: used to say "nothing under $50; the cheapest is $64". */
  private Product nearestRelaxation(Understanding u) {
    ProductFilter relaxed = u.filter().toBuilder().minPrice(null).maxPrice(null).build();
    List<ScoredProduct> hits = retriever.search(u.need(), relaxed, 20);
    if (hits.isEmpty()) {
      return null;
    }
    if (u.filter().maxPrice() != null) {
      return hits.stream().map(ScoredProduct::product)
          .min((a, b) -> a.price().amount().compareTo(b.price().amount())).orElse(null);
    }
    return hits.get(0).product();
  }

  private static List<String> suggestions(ProductFilter filter) {
    List<String> out = new ArrayList<>();
    out.add("Show cheaper ones");
    out.add("Show me more");
    out.add("Compare the first two");
    return out;
  }

  private RuleUnderstander understander() {
    Catalog current = catalog.get();
    if (current != understood) {
      synchronized (this) {
        if (current != understood) {
          understander = new RuleUnderstander(current);
          understood = current;
        }
      }
    }
    return understander;
  }

  @Override
  public void endSession(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    sessions.asMap().keySet().removeIf(k -> k.sessionId().equals(sessionId));
  }

  @Override
  public void forget(String userId) {
    Objects.requireNonNull(userId, "userId");
    sessions.asMap().keySet().removeIf(k -> k.userId().equals(userId));
    impressions.forget(userId);
  }
}
