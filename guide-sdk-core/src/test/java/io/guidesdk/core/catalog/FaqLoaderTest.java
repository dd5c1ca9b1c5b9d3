package io.guidesdk.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guidesdk.CatalogException;
import io.guidesdk.CatalogProblem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaqLoaderTest {
  @TempDir
  Path dir;

  private static final String GOOD =
      "{\"id\":\"f1\",\"topic\":\"shipping\",\"question\":\"How long?\",\"answer\":\"Two days.\"}";

  @Test
  void readsEntriesAndDropsALeadingByteOrderMark() throws IOException {
    Path file = Files.writeString(dir.resolve("faq.jsonl"), "\uFEFF" + GOOD + "\n", StandardCharsets.UTF_8);
    assertThat(FaqLoader.load(file)).extracting(FaqEntry::answer).containsExactly("Two days.");
  }

  @Test
  void aLineThatIsNotUtf8IsReportedWithItsNumber() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write((GOOD + "\n").getBytes(StandardCharsets.UTF_8));
    bytes.write("{\"id\":\"f2\",\"topic\":\"returns\",\"question\":\"Caf\u00e9?\",\"answer\":\"No.\"}\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    Path file = Files.write(dir.resolve("faq.jsonl"), bytes.toByteArray());
    CatalogException e = assertThrows(CatalogException.class, () -> FaqLoader.load(file));
    assertThat(e.problems()).extracting(CatalogProblem::toString)
        .containsExactly(file + ":2: field 'question': input is not valid UTF-8 at column 45; expected UTF-8 text");
  }

  @Test
  void aFieldOfTheWrongTypeAnUnknownFieldAndARepeatedFieldAreNamed() throws IOException {
    Path file = Files.writeString(dir.resolve("faq.jsonl"), String.join("\n",
        "{\"id\":\"f1\",\"topic\":\"shipping\",\"question\":\"How long?\",\"answer\":42}",
        "{\"id\":\"f2\",\"topic\":\"shipping\",\"question\":\"How long?\",\"answer\":\"Two.\",\"anwser\":\"x\"}",
        "{\"id\":\"f3\",\"topic\":\"shipping\",\"question\":\"How long?\",\"answer\":\"Two.\",\"id\":\"f4\"}",
        GOOD));
    CatalogException e = assertThrows(CatalogException.class, () -> FaqLoader.load(file));
    assertThat(e.problems()).extracting(CatalogProblem::toString).containsExactly(
        file + ":1: field 'answer': expected a string, found number",
        file + ":2: field 'anwser': unknown field; expected one of [answer, id, question, topic]",
        file + ":3: field 'id': given more than once; expected each field once");
  }

  @Test
  void aMissingFileSaysItIsNotFound() {
    Path missing = dir.resolve("faq.jsonl");
    assertThatThrownBy(() -> FaqLoader.load(missing)).isInstanceOf(CatalogException.class)
        .hasMessage("FAQ file not found: " + missing);
  }

  @Test
  void aGoodFileLoads() throws IOException {
    Path file = Files.writeString(dir.resolve("faq.jsonl"), GOOD + "\n\n" + GOOD.replace("f1", "f2"));
    assertEquals(2, FaqLoader.load(file).size());
  }
}
