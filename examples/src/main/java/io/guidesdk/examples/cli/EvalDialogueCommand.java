package io.guidesdk.examples.cli;

import io.guidesdk.core.GuideSdk;
import io.guidesdk.core.dialogue.DefaultShoppingGuide;
import io.guidesdk.core.dialogue.DialogueOptions;
import io.guidesdk.core.dialogue.IntentRecognition;
import io.guidesdk.core.dialogue.MessageInterpreter;
import io.guidesdk.core.dialogue.Personaliser;
import io.guidesdk.core.dialogue.ReplyWriter;
import io.guidesdk.core.learning.ImpressionLog;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.catalog.FaqEntry;
import io.guidesdk.core.dialogue.eval.DialogueCase;
import io.guidesdk.core.dialogue.eval.DialogueEvaluator;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guide eval dialogue}: replays the bundled dialogue set (multi-turn conversations over the
 * demo catalog) against the guide on the embedded default and prints intent accuracy,
 * constraint-extraction F1, constraint satisfaction and grounding, per split (dev: used while writing
 * the rules; test: held out).
 */
@Command(name = "dialogue", mixinStandardHelpOptions = true,
    description = "Evaluate the conversational guide on the bundled dialogue set (dev and held-out test splits).")
public final class EvalDialogueCommand implements Callable<Integer> {

  @Option(names = "--failures", defaultValue = "40", description = "How many failing turns to list (default 40).")
  int failures;

  @Option(names = "--ablation", description = "Also evaluate intent recognition by rules only and by nearest "
      + "examples only (embeds the catalog a second time).")
  boolean ablation;

  @picocli.CommandLine.Mixin
  LanguageOption language = new LanguageOption();

  @Option(names = "--script", defaultValue = "as-written",
      description = "With --language zh: as-written (default), or traditional: every message converted to Traditional "
          + "Chinese first (ICU4J), as a shopper from Hong Kong or Taiwan writes to the Simplified demo shop.")
  String script;

  @Option(names = "--no-script-conversion",
      description = "Read Chinese messages as written, without converting them to the catalog's script "
          + "(DialogueOptions.Builder#chineseScriptConversion(false)): the baseline for --script traditional.")
  boolean noScriptConversion;

  private static double accuracy(DialogueEvaluator.Report r, String split) {
    DialogueEvaluator.Scores s = r.bySplit().get(split);
    return s == null ? Double.NaN : s.intentAccuracy();
  }

  @Override
  public Integer call() {
    PrintStream out = System.out;
    boolean chinese = language.chinese();
    List<DialogueCase> cases = chinese ? DialogueCase.bundledChinese() : DialogueCase.bundled();
    boolean traditional = switch (script) {
      case "as-written" -> false;
      case "traditional" -> {
        if (!chinese) {
          throw new IllegalArgumentException("--script traditional needs --language zh");
        }
        yield true;
      }
      default -> throw new IllegalArgumentException("--script must be as-written or traditional, was '" + script + "'");
    };
    if (traditional) {
      com.ibm.icu.text.Transliterator toTraditional = com.ibm.icu.text.Transliterator.getInstance("Simplified-Traditional");
      cases = cases.stream().map(c -> new DialogueCase(c.id(), c.split(), c.turns().stream()
          .map(t -> new DialogueCase.Turn(toTraditional.transliterate(t.say()), t.intent(), t.constraints(), t.checks()))
          .toList())).toList();
    }
    List<FaqEntry> faq = chinese ? DemoData.chineseFaq() : DemoData.faq();
    long turns = cases.stream().mapToLong(c -> c.turns().size()).sum();
    Map<String, Long> perSplit = cases.stream().collect(java.util.stream.Collectors.groupingBy(DialogueCase::split,
        java.util.LinkedHashMap::new, java.util.stream.Collectors.counting()));
    out.printf(Locale.ROOT, "dialogue set: %s (%d conversations, %d turns; %s)%n",
        chinese ? DialogueCase.CHINESE_RESOURCE : DialogueCase.RESOURCE, cases.size(), turns,
        perSplit.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
            .collect(java.util.stream.Collectors.joining(", ")));
    long t0 = System.nanoTime();
    GuideSdk.Builder builder = GuideSdk.builder().indexProgress(Terminal.progress(System.err, "Indexing catalog"));
    language.demoShop(builder);
    try (LanguageSetup setup = language.apply(builder, !noScriptConversion);
        GuideSdk sdk = builder.build()) {
      long built = System.nanoTime();
      if (chinese) {
        out.printf(Locale.ROOT, "messages: %s; converted to the catalog's script: %s%n",
            traditional ? "converted to Traditional Chinese" : "as written", noScriptConversion ? "no" : "yes");
      }
      out.printf(Locale.ROOT, "catalog: bundled %s (%d products), encoder: %s, index built in %.1f s%n",
          chinese ? "Chinese demo" : "demo", sdk.catalog().size(), sdk.encoder().modelId(), (built - t0) / 1e9);
      DialogueEvaluator.Report report = new DialogueEvaluator(sdk.guide(), sdk.catalog(), faq).run(cases);
      double seconds = (System.nanoTime() - built) / 1e9;
      out.println();
      out.printf(Locale.ROOT, "%-5s %6s %6s %8s %8s %8s %8s %8s%n", "split", "convs", "turns", "intent", "consF1",
          "satisfy", "ground", "checks");
      for (Map.Entry<String, DialogueEvaluator.Scores> e : report.bySplit().entrySet()) {
        DialogueEvaluator.Scores s = e.getValue();
        out.printf(Locale.ROOT, "%-5s %6d %6d %8.3f %8.3f %8.3f %8.3f %8.3f%n", e.getKey(), s.conversations(), s.turns(),
            s.intentAccuracy(), s.constraintF1(), s.constraintSatisfaction(), s.groundingRate(), s.checkPassRate());
      }
      out.printf(Locale.ROOT, "%nevaluated in %.1f s; %d failing turn findings%n", seconds, report.failures().size());
      report.failures().stream().limit(failures).forEach(f -> out.println("  " + f));
      Map<IntentRecognition, DialogueEvaluator.Report> ablations = new java.util.EnumMap<>(IntentRecognition.class);
      if (ablation) {
        for (IntentRecognition mode : IntentRecognition.values()) {
          ImpressionLog log = new ImpressionLog(java.time.Duration.ofHours(1), 100_000, java.time.Clock.systemUTC(),
              new java.util.Random(1));
          DefaultShoppingGuide g = new DefaultShoppingGuide(sdk::catalog, sdk.search().retriever(), log,
              faq, sdk.encoder(), java.time.Clock.systemUTC(), sdk.limits().productsPerReply(),
              sdk.limits().sessionIdleTimeout(), sdk.limits().maxSessions(),
              java.util.Currency.getInstance(chinese ? "CNY" : "USD"), MessageInterpreter.none(),
              ReplyWriter.templatesOnly(), Personaliser.none(), DialogueOptions.builder().intentRecognition(mode)
                  .locale(chinese ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH)
                  .chineseScriptConversion(!noScriptConversion).build());
          ablations.put(mode, new DialogueEvaluator(g, sdk.catalog(), faq).run(cases));
        }
        out.printf(Locale.ROOT, "%nintent accuracy by recognition mode (same retriever, no personalisation):%n");
        List<String> columns = new java.util.ArrayList<>(perSplit.keySet());
        columns.add("all");
        out.printf(Locale.ROOT, "%-20s", "mode");
        columns.forEach(c -> out.printf(Locale.ROOT, " %8s", c));
        out.println();
        ablations.forEach((mode, r) -> {
          out.printf(Locale.ROOT, "%-20s", mode);
          columns.forEach(c -> out.printf(Locale.ROOT, " %8.3f", accuracy(r, c)));
          out.println();
        });
      }
      StringBuilder json = new StringBuilder("{\"language\":\"" + (chinese ? "zh" : "en") + "\","
          + (chinese ? "\"script\":\"" + script + "\",\"scriptConversion\":" + !noScriptConversion + "," : ""));
      DialogueEvaluator.Scores all = report.bySplit().get("all");
      json.append(String.format(Locale.ROOT, "\"conversations\":%d,\"turns\":%d,\"intentAccuracy\":%.4f,"
          + "\"constraintF1\":%.4f,\"constraintSatisfaction\":%.4f,\"groundingRate\":%.4f,\"checkPassRate\":%.4f",
          all.conversations(), all.turns(), all.intentAccuracy(), all.constraintF1(), all.constraintSatisfaction(),
          all.groundingRate(), all.checkPassRate()));
      for (String split : perSplit.keySet()) {
        DialogueEvaluator.Scores s = report.bySplit().get(split);
        if (s != null) {
          json.append(String.format(Locale.ROOT, ",\"%s\":{\"conversations\":%d,\"turns\":%d,\"intentAccuracy\":%.4f,"
              + "\"constraintF1\":%.4f,\"constraintSatisfaction\":%.4f,\"groundingRate\":%.4f,\"checkPassRate\":%.4f}",
              split, s.conversations(), s.turns(), s.intentAccuracy(), s.constraintF1(), s.constraintSatisfaction(),
              s.groundingRate(), s.checkPassRate()));
        }
      }
      ablations.forEach((mode, r) -> json.append(",\"intentAccuracy_").append(mode.name().toLowerCase(Locale.ROOT))
          .append("\":{").append(perSplit.keySet().stream()
              .map(split -> String.format(Locale.ROOT, "\"%s\":%.4f", split, accuracy(r, split)))
              .collect(java.util.stream.Collectors.joining(","))).append('}'));
      json.append(String.format(Locale.ROOT, ",\"seconds\":%.1f}", seconds));
      out.println(json);
      return all.groundingRate() == 1.0 ? 0 : 1;
    }
  }
}
