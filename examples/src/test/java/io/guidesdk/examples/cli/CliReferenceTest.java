package io.guidesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/cli.md is every command's help as the CLI prints it, so that no option goes undocumented and
 * no documented option is stale. When an option changes, rewrite the file with
 * {@code mvn -pl examples test -Dtest=CliReferenceTest -Dcli.update=true} and commit it.
 */
class CliReferenceTest {
  private static final Path DOC = Path.of("..", "docs", "cli.md");

  @Test
  void docsCliMdIsTheHelpOfEveryCommand() throws IOException {
    String current = GuideCli.reference();
    if (Boolean.getBoolean("cli.update")) {
      Files.writeString(DOC, current, StandardCharsets.UTF_8);
    }
    assertThat(Files.isRegularFile(DOC)).as("%s is missing; write it with -Dcli.update=true", DOC.toAbsolutePath())
        .isTrue();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as("docs/cli.md differs from the CLI's help; if intended, rerun with -Dcli.update=true and commit it")
        .isEqualTo(current);
  }

  @Test
  void noCommandOrOptionIsHiddenFromTheReference() {
    String ref = GuideCli.reference();
    CommandLine root = new CommandLine(new GuideCli());
    assertThat(ref).contains("## guide eval search", "## guide bench rewards", "## guide chat");
    visit(root, ref);
  }

  private static void visit(CommandLine cmd, String ref) {
    assertThat(ref).contains("## " + cmd.getCommandSpec().qualifiedName(" "));
    cmd.getCommandSpec().options().forEach(o -> assertThat(ref).contains(o.longestName()));
    cmd.getSubcommands().values().forEach(sub -> visit(sub, ref));
  }
}
