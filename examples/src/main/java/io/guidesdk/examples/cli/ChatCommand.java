package io.guidesdk.examples.cli;

import io.guidesdk.ChatReply;
import io.guidesdk.ChatRequest;
import io.guidesdk.core.GuideSdk;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code guide chat}: an interactive prompt against the guide. */
@Command(name = "chat", mixinStandardHelpOptions = true,
    description = "Chat with the guide interactively (bundled catalog unless --catalog is given). "
        + "Type 'quit' or end input to leave.")
public final class ChatCommand implements Callable<Integer> {

  @Option(names = "--catalog", description = "A catalog file (.jsonl or .csv) instead of the bundled demo (the Chinese "
      + "demo with --language zh).")
  Path catalog;

  @Option(names = "--faq", description = "A FAQ file (.jsonl) for policy answers.")
  Path faq;

  @Option(names = "--user", description = "Act as this signed-in user (personalised results).")
  String user;

  @Option(names = "--vector-cache", description = "Keep the catalog's product vectors in this file, so that the next run "
      + "embeds only what changed (GuideSdk.Builder#vectorCache).")
  Path vectorCache;

  @picocli.CommandLine.Mixin
  LanguageOption language = new LanguageOption();

  @picocli.CommandLine.Mixin
  LlmOptions llm = new LlmOptions();

  @Override
  public Integer call() throws IOException {
    PrintStream out = System.out;
    if (user != null) {
      try {
        new ChatRequest("check", user, "check"); // a bad --user fails here, not on every line
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--user: " + e.getMessage(), e);
      }
    }
    GuideSdk.Builder builder = GuideSdk.builder()
        .indexProgress(Terminal.progress(System.err, "Indexing catalog"));
    if (catalog != null) {
      builder.catalog(catalog);
    } else {
      language.demoShop(builder);
    }
    if (faq != null) {
      builder.faq(faq);
    }
    if (vectorCache != null) {
      builder.vectorCache(vectorCache);
    }
    io.guidesdk.spi.LanguageModel model = llm.create();
    if (model != null) {
      builder.languageModel(model);
    }
    try (model; LanguageSetup setup = language.apply(builder); GuideSdk sdk = builder.build();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String session = UUID.randomUUID().toString();
      out.println("Ask about products, prices, shipping or returns. 'quit' to leave.");
      while (true) {
        out.print("you > ");
        out.flush();
        String line = in.readLine();
        if (line == null || line.strip().equalsIgnoreCase("quit") || line.strip().equalsIgnoreCase("exit")) {
          break;
        }
        if (line.isBlank()) {
          continue;
        }
        try {
          ChatReply reply = sdk.guide().chat(new ChatRequest(session, user, line));
          out.println(Terminal.indent(reply.text(), "guide | "));
          if (!reply.suggestions().isEmpty()) {
            out.println("        try: " + String.join(" · ", reply.suggestions()));
          }
        } catch (IllegalArgumentException e) {
          out.println("guide | (" + e.getMessage() + ")");
        }
      }
    }
    return 0;
  }
}
