package io.guidesdk.core.dialogue;

import io.guidesdk.ChatListener;
import io.guidesdk.ChatReply;
import io.guidesdk.ChatRequest;
import io.guidesdk.GuideException;
import io.guidesdk.Intent;
import io.guidesdk.Money;
import io.guidesdk.NonRetriableGuideException;
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
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guide on the embedded default. One turn: the rules (with the nearest labelled examples where
 * no rule decides) read the message against the session's state; the optional
 * {@link MessageInterpreter} may replace that reading; products come from the retriever under the
 * hard constraints, re-checked, personalised for known users and freed of near-duplicates; policy
 * answers are quoted from the FAQ entry most similar to the message; templates write the reply; the
 * optional {@link ReplyWriter} may rewrite it (validating its own text); the state is stored and the
 * impression recorded under the reply's recommendation id (a reply without products gets an id but
 * records no impression: {@link ImpressionLog#newIdWithoutProducts()}).
 */
public final class DefaultShoppingGuide implements ShoppingGuide {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultShoppingGuide.class);
  static final String POLICY_VERSION = "chat-rules-2";
  /** The strategy name of every product a chat reply shows (not a slot policy's action). */
  public static final String STRATEGY = "chat";
  /** Below this similarity no FAQ entry is taken as the answer. */
  static final double FAQ_MIN_SIMILARITY = 0.30;
  /** How much personal affinity counts against retrieval relevance (both roughly in [0, 1]). */
  static final double PERSONAL_WEIGHT = 0.35;
  /** For "recommend something for me" without a stated need, the shopper's history leads and popularity follows. */
  static final double RECOMMEND_PERSONAL_WEIGHT = 2.0;
  /** The most candidates one turn retrieves (a browse by a known user, or a turn that orders by price). */
  private static final int MAX_CANDIDATES = 200;
  private static final String ANONYMOUS = "";
  private static final Pattern THANKS = Pattern.compile(".*\\b(thanks|thank you|thx|ty|cheers|bye|goodbye|see you)\\b.*"
      + "|.*(谢谢|再见).*");
  private static final Pattern GENDER_WORDS = Pattern.compile("\\b(men's|women's|mens|womens|unisex|men|women)\\b");

  private final Supplier<Catalog> catalog;
  private final ProductRetriever retriever;
  private final ImpressionLog impressions;
  private final FaqIndex faq;
  private final Clock clock;
  private final int productsPerReply;
  private final SessionStore sessions;
  private final ReplyComposer composer;
  private final IntentClassifier classifier;
  private final MessageInterpreter interpreter;
  private final ReplyWriter writer;
  private final Personaliser personaliser;
  private final IntentRecognition intentRecognition;
  private final boolean chineseScriptConversion;
  private volatile @Nullable RuleUnderstander understander;

  /**
   * @param sessionIdle idle expiry of the in-memory session store (unused when options name a store)
   * @param maxSessions size bound of the in-memory session store (unused when options name a store)
   */
  public DefaultShoppingGuide(Supplier<Catalog> catalog, ProductRetriever retriever, ImpressionLog impressions,
      List<FaqEntry> faq, Encoder encoder, Clock clock, int productsPerReply, Duration sessionIdle,
      long maxSessions, Currency currency, MessageInterpreter interpreter, ReplyWriter writer,
      Personaliser personaliser, DialogueOptions options) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.retriever = Objects.requireNonNull(retriever, "retriever");
    this.impressions = Objects.requireNonNull(impressions, "impressions");
    this.faq = new FaqIndex(faq, encoder);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.productsPerReply = productsPerReply;
    this.interpreter = Objects.requireNonNull(interpreter, "interpreter");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.personaliser = Objects.requireNonNull(personaliser, "personaliser");
    SessionStore store = options.sessionStore();
    this.sessions = store != null ? store : SessionStore.inMemory(sessionIdle, maxSessions);
    this.composer = new ReplyComposer(currency, ReplyTemplates.of(options.locale(), options.templates()));
    this.classifier = new IntentClassifier(encoder, options.intentExamples(), options.locale());
    this.intentRecognition = options.intentRecognition();
    this.chineseScriptConversion = options.chineseScriptConversion();
  }

  @Override
  public ChatReply chat(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    return turn(request).reply();
  }

  /** The reply with the reading behind it. */
  record Turn(ChatReply reply, Understanding understanding) {}

  Turn turn(ChatRequest request) {
    String user = request.userId() == null ? ANONYMOUS : request.userId();
    DialogueState state = sessions.get(user, request.sessionId()).orElse(DialogueState.EMPTY);
    RuleUnderstander rules = understander();
    Catalog cat = rules.catalog();
    Understanding u = interpret(request.message(), state, rules.understand(request.message(), state));

    List<Product> shown = List.of();
    List<FaqEntry> passages = List.of();
    String text;
    List<String> suggestions = List.of();
    DialogueState next = new DialogueState(u.filter(), u.need(), state.lastShownIds(), state.page(), u.intent(),
        u.priceOrder());
    switch (u.intent()) {
      case GREETING -> text = composer.greeting(THANKS.matcher(RuleUnderstander.normalise(request.message())).matches());
      case OUT_OF_SCOPE -> text = composer.outOfScope();
      case POLICY_QUESTION -> {
        Optional<FaqEntry> entry = faq.best(readable(request.message()), FAQ_MIN_SIMILARITY);
        passages = entry.stream().toList();
        text = entry.map(composer::policy).orElse(composer.policyNone());
      }
      case ORDER_REQUEST -> {
        Optional<FaqEntry> entry = faq.best(readable(request.message()), FAQ_MIN_SIMILARITY);
        passages = entry.stream().toList();
        text = composer.orderHandOff(entry.orElse(null));
      }
      case COMPARE -> {
        List<String> ids = u.referencedIds().size() >= 2 ? u.referencedIds()
            : state.lastShownIds().subList(0, Math.min(comparedCount(request.message()),
                state.lastShownIds().size()));
        shown = resolve(cat, ids);
        text = composer.compare(shown, u.askedAttribute(), superlative(request.message()));
        if (shown.size() < 2) {
          shown = List.of();
        }
      }
      case PRODUCT_QUESTION -> {
        List<Product> referenced = resolve(cat, u.referencedIds());
        if (referenced.isEmpty()) {
          text = composer.questionWhich();
        } else {
          shown = List.of(referenced.get(0));
          text = composer.question(shown.get(0), u.askedAttribute());
        }
      }
      default -> {
        boolean recommend = u.intent() == Intent.RECOMMEND;
        int page = u.nextPage() ? state.page() + 1 : 0;
        boolean open = recommend && u.filter().categories().isEmpty() && u.filter().brands().isEmpty();
        boolean[] personal = new boolean[1];
        // "the cheapest one": the best matches (as many as a search looks at), then by price
        List<Product> ranked = u.filter().isContradictory() ? List.of()
            : rank(open ? "" : u.need(), u.filter(), request.userId() == null ? null : user,
                open ? RECOMMEND_PERSONAL_WEIGHT : PERSONAL_WEIGHT,
                u.priceOrder() == null ? productsPerReply * (page + 1) : MAX_CANDIDATES, personal);
        if (u.priceOrder() != null) {
          Comparator<Product> byPrice = Comparator.comparing(Product::price);
          ranked = ranked.stream().sorted(u.priceOrder() == PriceOrder.CHEAPEST_FIRST ? byPrice
              : byPrice.reversed()).toList();
        }
        shown = ranked.stream().skip((long) productsPerReply * page).limit(productsPerReply).toList();
        if (!shown.isEmpty()) {
          text = composer.products(shown, u.filter(), recommend, personal[0] && recommend, u.priceOrder());
          suggestions = composer.suggestions(true, shown.size());
          next = new DialogueState(u.filter(), u.need(), shown.stream().map(Product::id).toList(), page, u.intent(),
              u.priceOrder());
        } else if (page > 0) {
          text = composer.moreNone(u.filter());
          next = new DialogueState(u.filter(), u.need(), state.lastShownIds(), state.page(), u.intent(),
              u.priceOrder());
        } else {
          text = composer.nothingFits(u.filter(), relax(cat, u));
        }
      }
    }
    if (!u.ignoredPrices().isEmpty()) {
      text = composer.ignoredPrices() + "\n" + text;
    }
    text = write(request.message(), u, shown, passages, text);
    sessions.put(user, request.sessionId(), next);
    String id;
    if (shown.isEmpty()) {
      // Nothing to attribute: an id (every reply has one) but no impression, which would only take
      // room in the bounded log from lists that were shown (ImpressionLog#newIdWithoutProducts).
      id = impressions.newIdWithoutProducts();
    } else {
      id = impressions.newId();
      // Chosen by the guide's rules, not by the slot policy: attributed and logged, never policy training.
      impressions.record(new Impression(id, user, shown.stream().map(Product::id).toList(),
          shown.stream().map(p -> STRATEGY).toList(), shown.stream().map(p -> 1.0).toList(), POLICY_VERSION,
          clock.instant(), null, false));
    }
    return new Turn(new ChatReply(text, shown, u.intent(), u.filter(), suggestions, id), u);
  }

  private static String readable(String message) {
    return message.length() > RuleUnderstander.MAX_READ_CHARS
        ? message.substring(0, RuleUnderstander.MAX_READ_CHARS) : message;
  }

  /**
   * How many of the products just shown a comparison takes when none is named: all of them for a
   * question over the whole list ("which of these has the longest battery?", "哪个续航最长"), three
   * when asked, otherwise the first two.
   */
  private int comparedCount(String message) {
    String t = message.toLowerCase(Locale.ROOT);
    if (WHOLE_LIST.matcher(t).find()) {
      return productsPerReply;
    }
    return t.contains("three") || t.contains(" 3") || t.contains("all three") ? 3 : 2;
  }

  /** 1 for a superlative asking for the most ("longest", "most powerful", 最长), -1 for the least, 0 for none. */
  static int superlative(String message) {
    String t = message.toLowerCase(Locale.ROOT);
    return MOST.matcher(t).find() ? 1 : LEAST.matcher(t).find() ? -1 : 0;
  }

  private static final Pattern MOST = Pattern.compile(
      "\\b(?:most|longest|highest|biggest|largest|heaviest|thickest|loudest|warmest|best)\\b"
          + "|最(?:长|大|多|高|重|厚|久)");
  private static final Pattern LEAST = Pattern.compile(
      "\\b(?:least|shortest|lowest|smallest|lightest|thinnest|fewest)\\b|最(?:短|小|少|低|轻|薄)");

  private static final Pattern WHOLE_LIST = Pattern.compile(
      "\\b(?:which (?:of (?:these|those|them)|one)|all of (?:these|those|them)|of (?:these|those|them),? which)\\b"
          + "|哪(?:个|款|一个|一款)|这几(?:个|款)");

  private static List<Product> resolve(Catalog cat, List<String> ids) {
    List<Product> out = new ArrayList<>();
    for (String id : ids) {
      cat.get(id).ifPresent(out::add);
    }
    return out;
  }

  /** The interpreter's reading replaces the rules' when it gives one; a failing interpreter is ignored. */
  private Understanding interpret(String message, DialogueState state, Understanding rules) {
    try {
      Optional<MessageInterpreter.Interpretation> i = interpreter.interpret(readable(message), state.filter(),
          new MessageInterpreter.Interpretation(rules.intent(), rules.filter(), rules.need()));
      return i.map(x -> rules.with(x.intent(), x.filter(), x.need())).orElse(rules);
    } catch (RuntimeException e) {
      LOG.warn("message interpreter failed; keeping the rules' reading: {}", e.toString());
      return rules;
    }
  }

  /** The writer's text replaces the template's when it gives one (it validates its own text); failures keep the template. */
  private String write(String message, Understanding u, List<Product> products, List<FaqEntry> passages,
      String template) {
    try {
      return writer.write(new ReplyWriter.Draft(readable(message), u.intent(), u.filter(), products, passages,
          template)).filter(s -> !s.isBlank()).orElse(template);
    } catch (RuntimeException e) {
      LOG.warn("reply writer failed; keeping the template reply: {}", e.toString());
      return template;
    }
  }

  /**
   * Candidates under the hard constraints (re-checked here whatever the retriever does), then
   * personal affinity for known users, then near-duplicates dropped (a model's men's and women's
   * versions count as one).
   */
  private List<Product> rank(String need, ProductFilter filter, @Nullable String user, double weight, int wanted,
      boolean[] personalised) {
    int k = need.isEmpty() && user != null ? MAX_CANDIDATES : Math.min(Math.max(wanted * 4, 20), MAX_CANDIDATES);
    List<ScoredProduct> hits = retriever.search(need, filter, k).stream().filter(s -> filter.test(s.product())).toList();
    List<Product> products = hits.stream().map(ScoredProduct::product).toList();
    double[] score = new double[hits.size()];
    for (int i = 0; i < score.length; i++) {
      score[i] = 1.0 - (double) i / Math.max(1, score.length); // rank-based: retriever scores are not calibrated
    }
    if (user != null && !products.isEmpty()) {
      double[] affinity = personaliser.affinity(user, products);
      for (int i = 0; i < score.length; i++) {
        score[i] += weight * affinity[i];
        personalised[0] |= affinity[i] != 0;
      }
    }
    Integer[] order = new Integer[score.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
    List<Product> out = new ArrayList<>();
    Set<String> models = new HashSet<>();
    for (int i : order) {
      Product p = products.get(i);
      if (models.add(modelKey(p))) {
        out.add(p);
        if (out.size() >= wanted) {
          break;
        }
      }
    }
    return out;
  }

  /** Products with the same brand and the same title once gender words and colour suffixes are removed. */
  static String modelKey(Product p) {
    String t = p.title().toLowerCase(Locale.ROOT);
    int dash = t.lastIndexOf(" - ");
    if (dash > 0) {
      t = t.substring(0, dash);
    }
    t = GENDER_WORDS.matcher(t).replaceAll(" ").replaceAll("\\s+", " ").trim();
    return p.brand().toLowerCase(Locale.ROOT) + "|" + t;
  }

  /**
   * When nothing fits: the nearest relaxation. The price bound goes first (the cheapest match without
   * it is quoted), then attribute values, brands, and finally the category.
   */
  private ReplyComposer.@Nullable Relaxation relax(Catalog cat, Understanding u) {
    ProductFilter f = u.filter();
    List<ProductFilter> tries = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    if (f.minPrice() != null || f.maxPrice() != null) {
      tries.add(f.toBuilder().minPrice(null).maxPrice(null).build());
      labels.add("price");
    }
    for (String name : f.attributes().keySet()) {
      tries.add(f.toBuilder().clearAttribute(name).build());
      labels.add(name);
    }
    for (String name : f.attributeRanges().keySet()) {
      tries.add(f.toBuilder().clearAttributeRange(name).build());
      labels.add(name);
    }
    if (!f.brands().isEmpty() || !f.excludedBrands().isEmpty()) {
      ProductFilter.Builder b = ProductFilter.builder().minPrice(f.minPrice()).maxPrice(f.maxPrice());
      f.categories().forEach(b::category);
      f.attributes().forEach((k, vs) -> vs.forEach(v -> b.attribute(k, v)));
      f.excludedAttributes().forEach((k, vs) -> vs.forEach(v -> b.excludeAttribute(k, v)));
      f.attributeRanges().forEach(b::attributeRange);
      tries.add(b.build());
      labels.add("brand");
    }
    if (!f.categories().isEmpty()) {
      tries.add(f.toBuilder().clearCategories().build());
      labels.add("category");
    }
    for (int i = 0; i < tries.size(); i++) {
      ProductFilter relaxed = tries.get(i);
      if (relaxed.isContradictory()) {
        continue;
      }
      List<Product> fit = cat.products().stream().filter(relaxed::test).toList();
      if (!fit.isEmpty()) {
        Money cheapest = fit.stream().map(Product::price).min(Comparator.naturalOrder()).orElseThrow();
        return new ReplyComposer.Relaxation(labels.get(i), fit.size(), cheapest);
      }
    }
    return null;
  }

  /**
   * Reads the current catalog's vocabulary now: its categories, brands and values, the words its titles
   * use, and its Chinese script. Otherwise the first message after a catalog change does it, and on a
   * large catalog the shopper waits for it. {@code GuideSdk} calls this when it starts and after each
   * catalog update; calling it again for the same catalog does nothing.
   */
  public void prepare() {
    understander();
  }

  /** Whether {@link #prepare} (or a message) has read {@code catalog}'s vocabulary. */
  boolean isPreparedFor(Catalog catalog) {
    RuleUnderstander u = understander;
    return u != null && u.catalog() == catalog;
  }

  private RuleUnderstander understander() {
    Catalog current = catalog.get();
    RuleUnderstander u = understander;
    if (u == null || u.catalog() != current) {
      synchronized (this) {
        u = understander;
        if (u == null || u.catalog() != current) {
          u = new RuleUnderstander(current, text -> classifier.classify(classifier.embed(text)), intentRecognition,
              chineseScriptConversion);
          understander = u;
        }
      }
    }
    return u;
  }

  /**
   * Streams the reply: its text in pieces (a word with the space after it, in order; the pieces
   * concatenated equal the reply's text), then the complete reply. Every failure to produce the reply
   * goes to {@link ChatListener#onError} once and is not thrown as well: a {@link GuideException} as
   * itself, any other runtime exception (such as {@code "guide-sdk is closed"} after close) as the
   * cause of a {@link NonRetriableGuideException}. A null request or listener still throws, before any
   * callback; an exception from the listener's own callbacks propagates to the caller.
   */
  @Override
  public void chat(ChatRequest request, ChatListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    ChatReply reply;
    try {
      reply = chat(request);
    } catch (GuideException e) {
      listener.onError(e);
      return;
    } catch (RuntimeException e) {
      // Not a GuideException (the SDK closed under the call, or a bug): the listener still hears of it.
      listener.onError(new NonRetriableGuideException("the reply failed: " + e, e));
      return;
    }
    for (String piece : pieces(reply.text())) {
      listener.onText(piece);
    }
    listener.onComplete(reply);
  }

  /** Splits text after each run of whitespace, so pieces concatenate back to the text exactly. */
  static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        out.add(text.substring(start, i));
        start = i;
      } else {
        i++;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  @Override
  public void endSession(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    sessions.endSession(sessionId);
  }

  @Override
  public void forget(String userId) {
    Objects.requireNonNull(userId, "userId");
    sessions.forgetUser(userId);
    impressions.forget(userId);
  }
}
