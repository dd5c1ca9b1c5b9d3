package io.guidesdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API's default methods: argument checks and the streaming contract. */
class DefaultMethodsTest {

  private static final ChatReply REPLY =
      new ChatReply("hello", List.of(), Intent.GREETING, ProductFilter.none(), List.of(), "rec-1");

  private static ShoppingGuide guideReturning(ChatReply reply) {
    return new ShoppingGuide() {
      @Override
      public ChatReply chat(ChatRequest request) {
        java.util.Objects.requireNonNull(request, "request");
        return reply;
      }

      @Override
      public void endSession(String sessionId) {}

      @Override
      public void forget(String userId) {}
    };
  }

  @Test
  void streamingDefault_deliversTextThenCompleteReply() {
    List<String> calls = new ArrayList<>();
    guideReturning(REPLY).chat(ChatRequest.of("s", "hi"), new ChatListener() {
      @Override
      public void onText(String piece) {
        calls.add("text:" + piece);
      }

      @Override
      public void onComplete(ChatReply reply) {
        calls.add("complete:" + reply.recommendationId());
      }
    });
    assertEquals(List.of("text:hello", "complete:rec-1"), calls);
  }

  @Test
  void streamingDefault_reportsFailuresToTheListener() {
    ShoppingGuide failing = new ShoppingGuide() {
      @Override
      public ChatReply chat(ChatRequest request) {
        throw new RetriableGuideException("backend down");
      }

      @Override
      public void endSession(String sessionId) {}

      @Override
      public void forget(String userId) {}
    };
    List<GuideException> errors = new ArrayList<>();
    failing.chat(ChatRequest.of("s", "hi"), new ChatListener() {
      @Override
      public void onText(String piece) {
        throw new AssertionError("no text expected");
      }

      @Override
      public void onComplete(ChatReply reply) {
        throw new AssertionError("no reply expected");
      }

      @Override
      public void onError(GuideException error) {
        errors.add(error);
      }
    });
    assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("backend down");
  }

  @Test
  void streamingDefault_sendsAFailureThatIsNoGuideExceptionToOnErrorOnce_withoutThrowingIt() {
    IllegalStateException closed = new IllegalStateException("guide-sdk is closed");
    ShoppingGuide failing = new ShoppingGuide() {
      @Override
      public ChatReply chat(ChatRequest request) {
        throw closed;
      }

      @Override
      public void endSession(String sessionId) {}

      @Override
      public void forget(String userId) {}
    };
    List<GuideException> errors = new ArrayList<>();
    // It threw the IllegalStateException with neither onComplete nor onError called.
    failing.chat(ChatRequest.of("s", "hi"), new ChatListener() {
      @Override
      public void onText(String piece) {
        throw new AssertionError("no text expected");
      }

      @Override
      public void onComplete(ChatReply reply) {
        throw new AssertionError("no reply expected");
      }

      @Override
      public void onError(GuideException error) {
        errors.add(error);
      }
    });
    assertThat(errors).singleElement().isExactlyInstanceOf(NonRetriableGuideException.class)
        .satisfies(e -> assertThat(e.getCause()).isSameAs(closed))
        .satisfies(e -> assertThat(e.getMessage()).contains("guide-sdk is closed"));
  }

  @Test
  void chat_nullListener_isNamed() {
    assertEquals("listener", assertThrows(NullPointerException.class,
        () -> guideReturning(REPLY).chat(ChatRequest.of("s", "hi"), null)).getMessage());
  }

  @Test
  void noopSink_rejectsNullButAcceptsEvents() {
    assertEquals("event", assertThrows(NullPointerException.class, () -> RewardSink.noop().accept(null))
        .getMessage());
    RewardSink.noop().accept(RewardEvent.click("u", "p", null));
  }

  @Test
  void chatReply_requiresARecommendationId() {
    assertThrows(IllegalArgumentException.class,
        () -> new ChatReply("t", List.of(), Intent.SEARCH, ProductFilter.none(), List.of(), " "));
  }
}
