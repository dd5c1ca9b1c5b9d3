package io.guidesdk.examples.cli;

import picocli.CommandLine.Command;

/**
 * {@code guide eval ...}: evaluation programs on real or bundled data. Each prints its inputs, a
 * readable table, and as its last line one JSON object with its figures.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate quality on real or bundled data.",
    subcommands = {SearchEvalCommand.class, EvalDialogueCommand.class, EvalRecommendCommand.class,
        EvalPolicyCommand.class, EvalSimulateCommand.class})
public final class EvalCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
