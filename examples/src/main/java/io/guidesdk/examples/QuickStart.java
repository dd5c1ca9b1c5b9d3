package io.guidesdk.examples;

import io.guidesdk.ChatReply;
import io.guidesdk.Recommendations;
import io.guidesdk.RewardEvent;
import io.guidesdk.core.GuideSdk;

/** The README's quick start, compiled with every build. */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) {
    try (GuideSdk sdk = GuideSdk.builder().demoCatalog().build()) {
      ChatReply reply = sdk.guide().chat("session-1", "I need running shoes under $100");
      System.out.println(reply.text());

      Recommendations recs = sdk.recommender().topN("user-42", 5);
      String clicked = recs.items().get(0).product().id();
      sdk.rewards().accept(RewardEvent.click("user-42", clicked, recs.recommendationId()));
      sdk.recommender().topN("user-42", 5).items()
          .forEach(item -> System.out.println(item.product().title() + " - " + item.reason()));
    }
  }
}
