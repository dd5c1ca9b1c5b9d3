package io.guidesdk.examples.cli;

import io.guidesdk.ChatRequest;
import io.guidesdk.core.GuideSdk;
import io.guidesdk.core.dialogue.eval.DialogueCase;
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
 * replaying the dialogue set's conversations (fresh sessions each round). The baseline in the same run
 * is the floor every turn pays: embedding the message once with the same encoder.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
    description = "Chat-turn latency (p50/p99) on the embedded default, against embedding the message alone.")
public final class BenchChatCommand implements Callable<Integer> {

  @Option(names = "--rounds", defaultValue = "3", description = "Measured passes over the dialogue set (default 3).")
  int rounds;

  @Option(names = "--warmup", defaultValue = "1", description = "Unmeasured passes first (default 1).")
  int warmup;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    List<DialogueCase> cases = DialogueCase.bundled();
    try (GuideSdk sdk = GuideSdk.builder().demoCatalog().indexProgress(Terminal.progress(System.err, "Indexing catalog"))
        .build()) {
      int perRound = cases.stream().mapToInt(c -> c.turns().size()).sum();
      out.printf(Locale.ROOT, "chat turns: %d per pass over %d conversations, %d warm-up + %d measured passes; "
          + "catalog %d products; encoder %s; %d CPUs%n", perRound, cases.size(), warmup, rounds, sdk.catalog().size(),
          sdk.encoder().getClass().getSimpleName(), Runtime.getRuntime().availableProcessors());
      long[] chat = new long[perRound * rounds];
      long[] embed = new long[perRound * rounds];
      int n = 0;
      for (int round = 0; round < warmup + rounds; round++) {
        boolean measured = round >= warmup;
        for (DialogueCase c : cases) {
          String session = "bench-" + round + "-" + c.id();
          for (DialogueCase.Turn t : c.turns()) {
            long a = System.nanoTime();
            sdk.encoder().embed(t.say(), EmbeddingPurpose.QUERY);
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
      out.printf(Locale.ROOT, "{\"turns\":%d,\"chatP50Ms\":%.2f,\"chatP99Ms\":%.2f,\"embedP50Ms\":%.2f,"
          + "\"embedP99Ms\":%.2f,\"ratioP50\":%.2f}%n", n, chat50, chat99, emb50, emb99, chat50 / emb50);
    }
    return 0;
  }

  private static double pct(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }
}
