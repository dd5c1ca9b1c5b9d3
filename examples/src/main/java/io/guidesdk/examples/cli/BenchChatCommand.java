package io.guidesdk.examples.cli;

import io.guidesdk.ChatRequest;
import io.guidesdk.core.GuideSdk;
import io.guidesdk.core.dialogue.eval.DialogueCase;
import io.guidesdk.onnx.OnnxEncoder;
import io.guidesdk.spi.EmbeddingPurpose;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guide bench chat}: latency of one chat turn on the embedded default over the bundled catalog,
 * replaying the dialogue set's conversations (fresh sessions each round); with {@code --language zh},
 * the Chinese set-up over the Chinese demo shop and its dialogue set. The baseline in the same run
 * is the floor every turn pays: embedding the message once, with an uncached instance of the model the
 * SDK embeds queries with. Each pass runs on a fresh SDK, so no embedding cache answers a message
 * that an earlier pass embedded.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
    description = "Chat-turn latency (p50/p99) on the embedded default, against embedding the message alone.")
public final class BenchChatCommand implements Callable<Integer> {

  @Option(names = "--rounds", defaultValue = "3", description = "Measured passes over the dialogue set (default 3).")
  int rounds;

  @Option(names = "--warmup", defaultValue = "1", description = "Unmeasured passes first (default 1).")
  int warmup;

  @picocli.CommandLine.Mixin
  LanguageOption language = new LanguageOption();

  @Override
  public Integer call() {
    PrintStream out = System.out;
    boolean chinese = language.chinese();
    List<DialogueCase> cases = chinese ? DialogueCase.bundledChinese() : DialogueCase.bundled();
    int perRound = cases.stream().mapToInt(c -> c.turns().size()).sum();
    long[] chat = new long[perRound * rounds];
    long[] embed = new long[perRound * rounds];
    int n = 0;
    // The baseline embeds each message with a model like the SDK's query encoder (8-bit weights; for
    // Chinese without the query instruction, as LanguageSetup's mapped queries), but its own instance
    // without a cache, so it neither hits nor fills the SDK's caches.
    OnnxEncoder.Builder like = OnnxEncoder.builder()
        .bundled(chinese ? OnnxEncoder.Bundled.BGE_SMALL_ZH_V15 : OnnxEncoder.Bundled.ALL_MINILM_L6_V2)
        .int8Weights(true).cacheSize(0);
    if (chinese) {
      like.queryPrefix("");
    }
    try (OnnxEncoder baseline = like.build()) {
      for (int round = 0; round < warmup + rounds; round++) {
        boolean measured = round >= warmup;
        // A fresh SDK each pass: the same messages come back every pass, and the embedding caches
        // (encoder and retriever) would answer them without running the model.
        GuideSdk.Builder builder = GuideSdk.builder();
        language.demoShop(builder);
        try (LanguageSetup setup = language.apply(builder);
            GuideSdk sdk = builder.build()) {
          if (round == 0) {
            out.printf(Locale.ROOT, "chat turns: %d per pass over %d conversations, %d warm-up + %d measured passes, a "
                + "fresh SDK each pass; language %s; catalog %d products; encoder %s; %d CPUs%n", perRound,
                cases.size(), warmup, rounds, chinese ? "zh" : "en", sdk.catalog().size(), sdk.encoder().modelId(),
                Runtime.getRuntime().availableProcessors());
          }
          for (DialogueCase c : cases) {
            String session = "bench-" + round + "-" + c.id();
            for (DialogueCase.Turn t : c.turns()) {
              long a = System.nanoTime();
              baseline.embed(t.say(), EmbeddingPurpose.QUERY);
              long b = System.nanoTime();
              sdk.guide().chat(ChatRequest.of(session, t.say()));
              long d = System.nanoTime();
              if (measured) {
                embed[n] = b - a;
                chat[n] = d - b;
                n++;
              }
            }
          }
        }
      }
    }
    Arrays.sort(chat);
    Arrays.sort(embed);
    double chat50 = pct(chat, 50);
    double chat99 = pct(chat, 99);
    double emb50 = pct(embed, 50);
    double emb99 = pct(embed, 99);
    out.printf(Locale.ROOT, "%n%-28s %9s %9s%n", "", "p50 ms", "p99 ms");
    out.printf(Locale.ROOT, "%-28s %9.2f %9.2f%n", "chat turn", chat50, chat99);
    out.printf(Locale.ROOT, "%-28s %9.2f %9.2f%n", "baseline: embed message", emb50, emb99);
    out.printf(Locale.ROOT, "%-28s %9.2f %9.2f%n", "ratio chat / embed", chat50 / emb50, chat99 / emb99);
    out.printf(Locale.ROOT, "{\"language\":\"%s\",\"turns\":%d,\"chatP50Ms\":%.2f,\"chatP99Ms\":%.2f,"
        + "\"embedP50Ms\":%.2f,\"embedP99Ms\":%.2f,\"ratioP50\":%.2f}%n", chinese ? "zh" : "en", n, chat50, chat99,
        emb50, emb99, chat50 / emb50);
    return 0;
  }

  private static double pct(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }
}
