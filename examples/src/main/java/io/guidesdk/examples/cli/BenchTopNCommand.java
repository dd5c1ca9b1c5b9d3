package io.guidesdk.examples.cli;

import picocli.CommandLine.Command;

@Command(name = "topn", mixinStandardHelpOptions = true, description = "Latency of Recommender.topN(10).")
public final class BenchTopNCommand implements Runnable {
  @Override
  public void run() {
    throw new UnsupportedOperationException("not yet");
  }
}
