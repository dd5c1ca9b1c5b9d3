package io.guidesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `guide bench search` on a tiny catalog: what it prints, not how fast it is. */
class SearchBenchCommandTest {

  @Test
  void realVectorsAndASeparateQueryEncoder_endWithOneJsonLineNamingBoth() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      exit = new CommandLine(new SearchBenchCommand()).execute("--sizes", "300,400", "--encode-up-to", "300",
          "--queries", "12", "--warmup", "8", "--query-encoder", "int8");
    } finally {
      System.setOut(original);
    }
    String text = buffer.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(text).isZero();
    String[] lines = text.strip().split("\n");
    JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
    assertThat(json.get("query_encoder").asText()).isEqualTo("int8");
    assertThat(json.get("query_instruction").asBoolean()).isTrue();
    assertThat(json.get("embed_p50_ms").asDouble()).isPositive();
    assertThat(json.get("embed_encoder_p50_ms").asDouble()).isPositive();
    JsonNode encoded = json.get("n300");
    assertThat(encoded.get("vectors").asText()).isEqualTo("encoded");
    assertThat(encoded.get("e2e_p50_ms").asDouble()).isPositive();
    assertThat(encoded.get("e2e_encoder_queries_p50_ms").asDouble()).isPositive();
    assertThat(encoded.get("hnsw_recall10").asDouble()).isBetween(0.0, 1.0);
    assertThat(json.get("n400").get("vectors").asText()).isEqualTo("clustered");
    assertThat(text).contains("warmup=8").contains("embedded 300 products")
        .contains("queries by int8").contains("queries by --encoder fp32 (baseline");
  }

  @Test
  void chinese_benchesTheChineseSetUp_bgeZhVectorsAndCjkAnalysis_withoutTheQueryInstructionIfAsked()
      throws Exception {
    CliRun run = CliRun.of("bench", "search", "--language", "zh", "--sizes", "300", "--queries", "12", "--warmup", "8",
        "--no-query-instruction");
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    String[] lines = run.out().strip().split("\n");
    JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
    assertThat(json.get("language").asText()).isEqualTo("zh");
    assertThat(json.get("query_encoder").asText()).isEqualTo("fp32-w8");
    assertThat(json.get("query_instruction").asBoolean()).isFalse();
    JsonNode encoded = json.get("n300");
    assertThat(encoded.get("vectors").asText()).isEqualTo("encoded");
    assertThat(encoded.get("e2e_p50_ms").asDouble()).isPositive();
    assertThat(run.out()).contains("language=zh").contains("dim=512").contains("analysis=CJK").contains("queryInstruction=false")
        .contains("bge-small-zh-v1.5 embeddings of the synthetic products");
  }

  @Test
  void chinese_mappedQueries_reportTheMapsAgreementWithTheInstruction() throws Exception {
    CliRun run = CliRun.of("bench", "search", "--language", "zh", "--sizes", "300", "--queries", "12", "--warmup", "8",
        "--mapped-queries");
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    String[] lines = run.out().strip().split("\n");
    JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
    assertThat(json.get("mapped_queries").asBoolean()).isTrue();
    assertThat(json.get("query_instruction").asBoolean()).isFalse();
    JsonNode n = json.get("n300");
    // the map brings the instruction-free queries closer to the instruction's vectors than they were
    assertThat(n.get("map_cos").asDouble()).isGreaterThan(n.get("unmapped_cos").asDouble()).isLessThanOrEqualTo(1.0);
    assertThat(n.get("map_top10_overlap").asDouble()).isBetween(0.0, 1.0);
    assertThat(n.get("instruction_w8_top10_overlap").asDouble()).isBetween(0.0, 1.0);
    assertThat(n.get("e2e_p50_ms").asDouble()).isPositive();
    assertThat(run.out()).contains("mappedQueries=true").contains("query map: fitted on");
    CliRun both = CliRun.of("bench", "search", "--language", "zh", "--sizes", "300", "--mapped-queries",
        "--no-query-instruction");
    assertThat(both.exit()).isNotZero();
    assertThat(both.err()).contains("--mapped-queries and --no-query-instruction exclude each other");
  }

  @Test
  void chinese_refusesTheEnglishOnlyInt8Twin_andAnUnknownLanguage() {
    CliRun int8 = CliRun.of("bench", "search", "--language", "zh", "--encoder", "int8", "--sizes", "300");
    assertThat(int8.exit()).isNotZero();
    assertThat(int8.err()).contains("--encoder must be fp32 or fp32-w8 with --language zh, was 'int8'");
    CliRun french = CliRun.of("bench", "search", "--language", "fr", "--sizes", "300");
    assertThat(french.exit()).isNotZero();
    assertThat(french.err()).contains("--language must be en or zh, was 'fr'");
  }
}
