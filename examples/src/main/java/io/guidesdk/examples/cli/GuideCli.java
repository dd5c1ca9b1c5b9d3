package io.guidesdk.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code guide} command: a demo, an interactive chat, evaluations and benchmarks. */
@Command(
    name = "guide",
    mixinStandardHelpOptions = true,
    version = "guide-sdk 0.1.0-SNAPSHOT",
    description = "guide-sdk: an embedded shopping assistant. Try 'guide demo'.",
    subcommands = {DemoCommand.class, ChatCommand.class, EvalCommand.class, BenchCommand.class})
public final class GuideCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int run(String... args) {
    return new CommandLine(new GuideCli())
        .setExecutionExceptionHandler(new Errors())
        .execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Prints a failure as one clear line instead of a stack trace (use --debug style env GUIDE_DEBUG=1 for it). */
  static final class Errors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
      cmd.getErr().println("guide: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      if (System.getenv("GUIDE_DEBUG") != null) {
        e.printStackTrace(cmd.getErr());
      }
      return 1;
    }
  }
}
