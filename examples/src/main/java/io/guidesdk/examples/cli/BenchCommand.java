package io.guidesdk.examples.cli;

import picocli.CommandLine.Command;

/**
 * {@code guide bench ...}: speed benchmarks. Each compares against the strongest baseline in the same
 * run and prints, as its last line, one JSON object with its figures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed against baselines.",
    subcommands = {EncoderBenchCommand.class, SearchBenchCommand.class, BenchChatCommand.class,
        BenchTopNCommand.class, BenchRewardsCommand.class, LlmBenchCommand.class})
public final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
