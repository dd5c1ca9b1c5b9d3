package io.guidesdk.core.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guidesdk.ChatListener;
import io.guidesdk.ChatReply;
import io.guidesdk.ChatRequest;
import io.guidesdk.GuideException;
import io.guidesdk.Intent;
import io.guidesdk.NonRetriableGuideException;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.learning.ImpressionLog;
import io.guidesdk.core.retrieval.ProductRetriever;
import io.guidesdk.core.retrieval.ScoredProduct;
import io.guidesdk.onnx.OnnxEncoderProvider;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guide's seams, with the real encoder and catalog but a plain popularity retriever: the LLM
 * interpreter and writer, the session store SPI, languages and templates, and forget.
 */
class DialogueSeamsTest {
  private static Encoder encoder;
  private static final Catalog CATALOG = DemoData.catalog();
  /** Every product that passes the filter, most popular first: real products, no embeddings needed. */
  private static final ProductRetriever POPULAR = (query, filter, k) -> CATALOG.products().stream()
      .filter(filter::test).sorted(Comparator.comparingDouble(Product::popularity).reversed()).limit(k)
      .map(p -> new ScoredProduct(p, p.popularity())).toList();

  @BeforeAll
  static void load() {
    encoder = new Memo(new OnnxEncoderProvider().create());
  }

  /**
   * The real encoder, remembering vectors: each guide built here embeds the same FAQ and intent
   * examples, which need embedding only once.
   */
  private static final class Memo implements Encoder {
    private final Encoder delegate;
    private final Map<String, float[]> cache = new java.util.concurrent.ConcurrentHashMap<>();

    Memo(Encoder delegate) {
      this.delegate = delegate;
    }

    @Override
    public int dimension() {
      return delegate.dimension();
    }

    @Override
    public String modelId() {
      return delegate.modelId();
    }

    @Override
    public float[] embed(String text, EmbeddingPurpose purpose) {
      return cache.computeIfAbsent(purpose + "|" + text, k -> delegate.embed(text, purpose));
    }

    @Override
    public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
      List<String> missing = texts.stream().filter(t -> !cache.containsKey(purpose + "|" + t)).distinct().toList();
      if (!missing.isEmpty()) {
        List<float[]> vectors = delegate.embedAll(missing, purpose);
        for (int i = 0; i < missing.size(); i++) {
          cache.put(purpose + "|" + missing.get(i), vectors.get(i));
        }
      }
      return texts.stream().map(t -> cache.get(purpose + "|" + t)).toList();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  private static DefaultShoppingGuide guide(ImpressionLog log, MessageInterpreter interpreter, ReplyWriter writer,
      DialogueOptions options) {
    return new DefaultShoppingGuide(() -> CATALOG, POPULAR, log, DemoData.faq(), encoder, Clock.systemUTC(), 5,
        Duration.ofMinutes(5), 1000, Currency.getInstance("USD"), interpreter, writer, Personaliser.none(), options);
  }

  private static ImpressionLog log() {
    return new ImpressionLog(Duration.ofHours(1), 10_000, Clock.systemUTC(), new Random(3));
  }

  @Test
  void interpreter_seesTheRulesReading_andItsReadingReplacesIt() {
    AtomicReference<MessageInterpreter.Interpretation> seen = new AtomicReference<>();
    MessageInterpreter brandAdder = (message, current, rules) -> {
      seen.set(rules);
      return Optional.of(new MessageInterpreter.Interpretation(Intent.SEARCH,
          rules.filter().toBuilder().brand("Salomon").build(), rules.need()));
    };
    DefaultShoppingGuide g = guide(log(), brandAdder, ReplyWriter.templatesOnly(), DialogueOptions.defaults());
    ChatReply r = g.chat("s", "trail running shoes for mud");
    assertEquals(Intent.SEARCH, seen.get().intent());
    assertThat(seen.get().filter().categories()).containsExactly("Trail Running Shoes");
    assertThat(r.constraints().brands()).containsExactly("Salomon");
    assertThat(r.products()).isNotEmpty().allMatch(p -> p.brand().equals("Salomon"));
  }

  @Test
  void failingInterpreterOrWriter_keepsTheRulesAndTheTemplate() {
    MessageInterpreter broken = (m, c, r) -> {
      throw new IllegalStateException("model down");
    };
    ReplyWriter brokenWriter = d -> {
      throw new IllegalStateException("model down");
    };
    DefaultShoppingGuide g = guide(log(), broken, brokenWriter, DialogueOptions.defaults());
    ChatReply r = g.chat("s", "tents under $200");
    assertThat(r.constraints().maxPrice()).isEqualByComparingTo("200");
    assertThat(r.text()).startsWith("Here are");
  }

  @Test
  void writer_getsTheChosenProductsAndTemplate_andItsTextIsStreamed() {
    AtomicReference<ReplyWriter.Draft> draft = new AtomicReference<>();
    ReplyWriter writer = d -> {
      draft.set(d);
      return Optional.of("Two picks: " + d.products().get(0).title() + " and more.");
    };
    DefaultShoppingGuide g = guide(log(), MessageInterpreter.none(), writer, DialogueOptions.defaults());
    StringBuilder streamed = new StringBuilder();
    List<ChatReply> done = new ArrayList<>();
    g.chat(ChatRequest.of("s", "blenders"), new ChatListener() {
      @Override
      public void onText(String piece) {
        streamed.append(piece);
      }

      @Override
      public void onComplete(ChatReply reply) {
        done.add(reply);
      }
    });
    assertThat(draft.get().templateText()).startsWith("Here are");
    assertThat(draft.get().products()).isEqualTo(done.get(0).products());
    assertThat(done.get(0).text()).startsWith("Two picks: ");
    assertEquals(done.get(0).text(), streamed.toString());

    ChatReply policy = g.chat("p", "how do gift cards work?");
    assertThat(draft.get().passages()).hasSize(1);
    assertThat(draft.get().passages().get(0).topic()).isEqualTo("payment");
    assertThat(policy.intent()).isEqualTo(Intent.POLICY_QUESTION);
  }

  @Test
  void streaming_sendsAnyFailureToOnErrorExactlyOnce_andDoesNotThrowIt() {
    IllegalStateException broken = new IllegalStateException("index gone");
    ProductRetriever failing = (query, filter, k) -> {
      throw broken;
    };
    DefaultShoppingGuide g = new DefaultShoppingGuide(() -> CATALOG, failing, log(), DemoData.faq(), encoder,
        Clock.systemUTC(), 5, Duration.ofMinutes(5), 1000, Currency.getInstance("USD"), MessageInterpreter.none(),
        ReplyWriter.templatesOnly(), Personaliser.none(), DialogueOptions.defaults());
    List<String> calls = new ArrayList<>();
    List<GuideException> errors = new ArrayList<>();
    // It caught only GuideException: the IllegalStateException escaped with neither onComplete nor onError.
    g.chat(ChatRequest.of("s", "tents under $200"), new ChatListener() {
      @Override
      public void onText(String piece) {
        calls.add("text");
      }

      @Override
      public void onComplete(ChatReply reply) {
        calls.add("complete");
      }

      @Override
      public void onError(GuideException error) {
        calls.add("error");
        errors.add(error);
      }
    });
    assertThat(calls).containsExactly("error");
    assertThat(errors.get(0)).isInstanceOf(NonRetriableGuideException.class).hasCause(broken)
        .hasMessageContaining("index gone");
    // the listener's default onError rethrows: the failure then reaches the caller, once
    GuideException thrown = assertThrows(GuideException.class, () -> g.chat(ChatRequest.of("s", "tents"),
        new ChatListener() {
          @Override
          public void onText(String piece) {}

          @Override
          public void onComplete(ChatReply reply) {}
        }));
    assertThat(thrown).hasCause(broken);
  }

  @Test
  void sessionStore_isPluggable_keyedByUserAndSession() {
    Map<String, DialogueState> backing = new HashMap<>();
    SessionStore store = new SessionStore() {
      @Override
      public Optional<DialogueState> get(String userId, String sessionId) {
        return Optional.ofNullable(backing.get(userId + "/" + sessionId));
      }

      @Override
      public void put(String userId, String sessionId, DialogueState state) {
        backing.put(userId + "/" + sessionId, state);
      }

      @Override
      public void endSession(String sessionId) {
        backing.keySet().removeIf(k -> k.endsWith("/" + sessionId));
      }

      @Override
      public void forgetUser(String userId) {
        backing.keySet().removeIf(k -> k.startsWith(userId + "/"));
      }
    };
    DefaultShoppingGuide g = guide(log(), MessageInterpreter.none(), ReplyWriter.templatesOnly(),
        DialogueOptions.builder().sessionStore(store).build());
    ChatReply r = g.chat(ChatRequest.of("s1", "erin", "sleeping bags under $200"));
    DialogueState held = backing.get("erin/s1");
    assertThat(held.filter().categories()).containsExactly("Sleeping Bags");
    assertThat(held.lastShownIds()).isEqualTo(r.products().stream().map(Product::id).toList());
    g.forget("erin");
    assertThat(backing).isEmpty();
  }

  @Test
  void inMemoryStore_validatesItsLimits_andEvictsBeyondItsSize() {
    assertThrows(IllegalArgumentException.class, () -> SessionStore.inMemory(Duration.ZERO, 10));
    assertThrows(IllegalArgumentException.class, () -> SessionStore.inMemory(Duration.ofMinutes(1), 0));
    CaffeineSessionStore store = new CaffeineSessionStore(Duration.ofMinutes(1), 2);
    for (int i = 0; i < 50; i++) {
      store.put("u", "s" + i, DialogueState.EMPTY);
    }
    store.cleanUp();
    assertThat(store.size()).isLessThanOrEqualTo(2);
    store.put("a", "same", DialogueState.EMPTY);
    assertThat(store.get("b", "same")).isEmpty();
  }

  @Test
  void inMemoryStore_keepsUsersOfOneSessionApart_andEndsOrForgetsExactlyWhatItIsAsked() {
    CaffeineSessionStore store = new CaffeineSessionStore(Duration.ofMinutes(1), 100);
    DialogueState tents = new DialogueState(ProductFilter.builder().category("Tents").build(), "tents", List.of(), 0,
        Intent.SEARCH);
    store.put("a", "s1", tents);
    store.put("b", "s1", DialogueState.EMPTY); // another user on the same session id
    store.put("a", "s2", DialogueState.EMPTY);
    assertThat(store.get("a", "s1")).contains(tents);
    assertThat(store.get("b", "s1")).contains(DialogueState.EMPTY);
    store.put("a", "s1", DialogueState.EMPTY); // replaces a's state only
    assertThat(store.get("a", "s1")).contains(DialogueState.EMPTY);
    store.put("a", "s1", tents);

    store.forgetUser("a");
    assertThat(store.get("a", "s1")).isEmpty();
    assertThat(store.get("a", "s2")).isEmpty();
    assertThat(store.get("b", "s1")).contains(DialogueState.EMPTY);

    store.put("c", "s3", tents);
    store.endSession("s1");
    assertThat(store.get("b", "s1")).isEmpty();
    assertThat(store.get("c", "s3")).contains(tents);
  }

  @Test
  void aReplyWithoutProducts_hasAnId_butRecordsNoImpression() {
    ImpressionLog log = log();
    java.util.concurrent.atomic.AtomicInteger recorded = new java.util.concurrent.atomic.AtomicInteger();
    log.addListener(i -> recorded.incrementAndGet());
    DefaultShoppingGuide g = guide(log, MessageInterpreter.none(), ReplyWriter.templatesOnly(), DialogueOptions.defaults());
    // Each of these stored an empty impression: at thousands of greetings a second they pushed real
    // lists out of the size-bounded log inside their attribution window (UNKNOWN_RECOMMENDATION).
    for (String message : List.of("hello", "thanks, bye", "what is the weather tomorrow?", "what is your return policy?",
        "tents under $1")) {
      ChatReply r = g.chat(ChatRequest.of("s-" + message, "gina", message));
      assertThat(r.products()).as(message).isEmpty();
      assertThat(r.recommendationId()).as(message).isNotBlank();
      assertThat(ImpressionLog.showsNothing(r.recommendationId())).as(message).isTrue();
      assertThat(log.contains(r.recommendationId())).as(message).isFalse();
    }
    assertThat(recorded).hasValue(0);
    ChatReply shown = g.chat(ChatRequest.of("s", "gina", "tents"));
    assertThat(shown.products()).isNotEmpty();
    assertThat(ImpressionLog.showsNothing(shown.recommendationId())).isFalse();
    assertThat(log.contains(shown.recommendationId())).isTrue();
    assertThat(recorded).hasValue(1);
  }

  @Test
  void forget_erasesImpressionsToo() {
    ImpressionLog log = log();
    DefaultShoppingGuide g = guide(log, MessageInterpreter.none(), ReplyWriter.templatesOnly(), DialogueOptions.defaults());
    ChatReply r = g.chat(ChatRequest.of("s", "frank", "dumbbells"));
    assertThat(log.get(r.recommendationId())).isPresent();
    assertThat(log.get(r.recommendationId()).orElseThrow().productIds())
        .isEqualTo(r.products().stream().map(Product::id).toList());
    g.forget("frank");
    assertThat(log.get(r.recommendationId())).isEmpty();
  }

  @Test
  void simplifiedChinese_templates_andShopOverrides() {
    DialogueOptions zh = DialogueOptions.builder().locale(Locale.SIMPLIFIED_CHINESE)
        .template("greeting", "欢迎光临山径户外！").build();
    DefaultShoppingGuide g = guide(log(), MessageInterpreter.none(), ReplyWriter.templatesOnly(), zh);
    assertThat(g.chat("z", "你好").text()).isEqualTo("欢迎光临山径户外！");
    ChatReply r = g.chat("z2", "跑鞋 100元以下");
    assertThat(r.constraints().categories()).containsExactly("Running Shoes");
    assertThat(r.constraints().maxPrice()).isEqualByComparingTo("100");
    assertThat(r.text()).startsWith("为您找到");
    r.products().forEach(p -> assertThat(r.text()).contains(p.title()).contains(p.price().format()));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> DialogueOptions.builder().template("no.such.key", "x").build());
    assertThat(unknown.getMessage()).contains("no.such.key").contains("greeting");
    assertThrows(IllegalStateException.class, () -> DialogueOptions.builder().template("greeting", "a")
        .template("greeting", "b"));
  }

  @Test
  void shopIntentExamples_extendTheBundledOnes() {
    DialogueOptions options = DialogueOptions.builder()
        .intentExample(Intent.ORDER_REQUEST, "swap the delivery address on the parcel")
        .intentExample(Intent.ORDER_REQUEST, "redirect the parcel to my office").build();
    DefaultShoppingGuide g = guide(log(), MessageInterpreter.none(), ReplyWriter.templatesOnly(), options);
    assertEquals(Intent.ORDER_REQUEST, g.chat("x", "please redirect the parcel to my office address").intent());
  }
}
