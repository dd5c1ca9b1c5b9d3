package io.guidesdk.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of the {@code guide} command: standard input given, output and error captured. */
record CliRun(int exit, String out, String err) {

  static CliRun of(String... args) {
    return withInput("", args);
  }

  static CliRun withInput(String input, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;
    ByteArrayOutputStream outBuffer = new ByteArrayOutputStream();
    ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(outBuffer, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBuffer, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      exit = GuideCli.run(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
      System.setIn(in);
    }
    return new CliRun(exit, outBuffer.toString(StandardCharsets.UTF_8), errBuffer.toString(StandardCharsets.UTF_8));
  }
}
