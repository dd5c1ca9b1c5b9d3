package io.guidesdk.examples.cli;

import io.guidesdk.ChatReply;
import io.guidesdk.Product;
import io.guidesdk.Recommendations;
import io.guidesdk.RecommendedItem;
import io.guidesdk.RewardEvent;
import io.guidesdk.core.GuideSdk;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.random.RandomGeneratorFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guide demo}: a scripted walkthrough on the embedded default (bundled encoder, bundled
 * catalog, no LLM): a few chat turns, a topN, some reward events, and a topN that reflects them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Scripted walkthrough on the bundled catalog: chat, recommend, learn from rewards.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--seed", description = "Seed for ids and exploration (default ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--vector-cache", description = "Keep the catalog's product vectors in this file, so that the next run "
      + "embeds only what changed (GuideSdk.Builder#vectorCache).")
  Path vectorCache;

  @picocli.CommandLine.Mixin
  LanguageOption language = new LanguageOption();

  /** The shopper's messages in section 1, per language. */
  private static final Map<String, List<String>> MESSAGES = Map.of(
      "en", List.of("Hi!", "I need running shoes under $100", "in black", "Do you ship internationally?",
          "How long do I have to return something?", "I want to cancel my order"),
      "zh", List.of("你好", "我想要500元以下的跑步鞋", "黑色的", "运费怎么算？", "怎么退货", "我想取消订单"));

  @Override
  public Integer call() {
    PrintStream out = System.out;
    boolean chinese = language.chinese();
    List<String> messages = MESSAGES.get(chinese ? "zh" : "en");
    out.println(chinese
        ? "guide-sdk demo — the Chinese demo shop: bge-small-zh-v1.5 encoder, CJK analysis, Chinese templates,"
        : "guide-sdk demo — the embedded default: bundled all-MiniLM-L6-v2 encoder, bundled demo catalog,");
    out.println("grounded replies without an LLM.\n");
    GuideSdk.Builder builder = GuideSdk.builder()
        .random(RandomGeneratorFactory.of("L64X128MixRandom").create(seed))
        .indexProgress(Terminal.progress(System.err, "Indexing catalog"));
    language.demoShop(builder);
    if (vectorCache != null) {
      builder.vectorCache(vectorCache);
    }
    try (LanguageSetup setup = language.apply(builder); GuideSdk sdk = builder.build()) {
      out.printf("Catalog: %d products, %d brands, %d categories; encoder %s (%d dimensions)%n%n",
          sdk.catalog().size(), sdk.catalog().brands().size(), sdk.catalog().categories().size(),
          sdk.encoder().modelId(), sdk.encoder().dimension());

      String user = "demo-shopper";
      String session = "demo-session";
      section(out, "1. Chat");
      ChatReply shoes = null;
      for (String message : messages) {
        ChatReply reply = sdk.guide().chat(io.guidesdk.ChatRequest.of(session, user, message));
        out.println("shopper > " + message);
        out.println(Terminal.indent(reply.text(), "guide   | "));
        out.println("          [intent " + reply.intent() + ", " + reply.products().size() + " products, "
            + "recommendation " + reply.recommendationId().substring(0, 8) + "]");
        out.println();
        if (shoes == null && !reply.products().isEmpty()) {
          shoes = reply;
        }
      }

      section(out, "2. Recommendations for a shopper with no history");
      Recommendations before = sdk.recommender().topN(user, 5);
      print(out, before);

      section(out, "3. The shopper reacts (reward events)");
      if (shoes != null) {
        Product first = shoes.products().get(0);
        Product second = shoes.products().get(Math.min(1, shoes.products().size() - 1));
        react(sdk, out, RewardEvent.click(user, first.id(), shoes.recommendationId()), first);
        react(sdk, out, RewardEvent.click(user, second.id(), shoes.recommendationId()), second);
        react(sdk, out, RewardEvent.addToCart(user, first.id(), shoes.recommendationId()), first);
        react(sdk, out, RewardEvent.purchase(user, first.id(), shoes.recommendationId(), first.price().amount()), first);
      }
      sdk.rewards().flush();
      out.println();

      section(out, "4. Recommendations again: they now reflect what the shopper did");
      Recommendations after = sdk.recommender().topN(io.guidesdk.RecommendRequest.builder(user, 5)
          .excludePurchased(true).build());
      print(out, after);
      long changed = after.items().stream().filter(i -> !before.products().contains(i.product())).count();
      out.printf("%d of %d recommendations changed after the shopper's reactions.%n", changed, after.items().size());
    }
    return 0;
  }

  private static void react(GuideSdk sdk, PrintStream out, RewardEvent event, Product product) {
    sdk.rewards().accept(event);
    out.printf("  %-11s %s (%s)%n", event.type(), product.title(), product.price().format());
  }

  private static void section(PrintStream out, String title) {
    out.println("== " + title + " " + "=".repeat(Math.max(0, 70 - title.length())));
  }

  private static void print(PrintStream out, Recommendations recs) {
    int i = 1;
    for (RecommendedItem item : recs.items()) {
      out.printf("  %d. %s %9s  %-12s %s%n", i++, Terminal.pad(item.product().title(), 48),
          item.product().price().format(), item.strategy(), item.reason());
    }
    out.println("  policy " + recs.policyVersion() + ", recommendation " + recs.recommendationId().substring(0, 8));
    out.println();
  }
}
