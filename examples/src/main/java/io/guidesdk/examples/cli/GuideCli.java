package io.guidesdk.examples.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    // Product titles and Chinese replies are Unicode: write UTF-8 whatever the platform's default (on
    // Java 17 a POSIX locale would turn every Han character into '?'). Input is read as UTF-8 too.
    // Buffered and flushed as the JDK's own System.out and System.err are.
    System.setOut(new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 128), true,
        StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 128), true,
        StandardCharsets.UTF_8));
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

  /**
   * Every command's help, depth first, as docs/cli.md holds it (a test keeps the two equal): a
   * heading per command, then its usage in a fixed width without colours.
   */
  static String reference() {
    StringBuilder sb = new StringBuilder("# Command line reference\n\n"
        + "Every `guide` command and option, as `--help` prints it. `java -jar examples/target/guide.jar` runs "
        + "it; the build writes the jar. Generated: after changing an option, rewrite this file with\n"
        + "`mvn -pl examples test -Dtest=CliReferenceTest -Dcli.update=true`.\n");
    append(new CommandLine(new GuideCli()), sb);
    return sb.toString();
  }

  private static void append(CommandLine cmd, StringBuilder sb) {
    cmd.setUsageHelpWidth(100);
    sb.append("\n## ").append(cmd.getCommandSpec().qualifiedName(" ")).append("\n\n```\n")
        .append(cmd.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()).append("\n```\n");
    cmd.getSubcommands().values().forEach(sub -> append(sub, sb));
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
