package io.guidesdk.onnx.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidesdk.ModelLoadException;
import io.guidesdk.spi.ChatMessage;
import io.guidesdk.spi.GenerationOptions;
import io.guidesdk.spi.GenerationRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken LLM model directories fail when loading, with a {@link ModelLoadException} that names the file,
 * the field and what was expected, never later in the middle of a generation or with a parser's own
 * message. Each case is a copy of the tiny test model (decision 0904) with one file broken.
 */
class LlmDirectoryBadInputTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  Path copy() throws IOException {
    Path src = OnnxLanguageModelTest.dir("with-position-ids");
    Path dst = tmp.resolve("tiny");
    Files.createDirectories(dst);
    try (Stream<Path> files = Files.list(src)) {
      for (Path f : files.toList()) {
        Files.copy(f, dst.resolve(f.getFileName().toString()));
      }
    }
    return dst;
  }

  @Test
  void anEmptyOrNonOnnxModelFileIsNamed() throws Exception {
    Path d = copy();
    Files.write(d.resolve("model.onnx"), new byte[0]);
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(d.resolve("model.onnx") + " is empty (0 bytes); the download or export did not finish");
    Files.writeString(d.resolve("model.onnx"), "this is not a model\n");
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith(d.resolve("model.onnx") + " is not a valid ONNX model (the file is truncated or is"
            + " not an ONNX export)");
  }

  @Test
  void aTokenizerJsonThatIsNotATokenizerIsNamed() throws Exception {
    Path d = copy();
    Path tok = d.resolve("tokenizer.json");
    Files.writeString(tok, "{\"hello\": [1, 2, 3]}");
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(tok + " is JSON but not a Hugging Face fast tokenizer (it has no \"model\" object); save one"
            + " with tokenizer.save_pretrained(dir)");
    Files.writeString(tok, "");
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(tok + " is empty (0 bytes); the download or export did not finish");
    Files.writeString(tok, "{\n  \"model\": [1,\n");
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("cannot parse " + tok + " as JSON: Unexpected end-of-input")
        .hasMessageContaining("(line 3, column 1)").hasMessageNotContaining("[Source");
  }

  @Test
  void aConfigVocabSizeOtherThanTheModelsIsRejected() throws Exception {
    Path d = copy();
    Files.writeString(d.resolve("config.json"), "{\"vocab_size\": 100, \"max_position_embeddings\": 512}");
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(d.resolve("config.json") + " says vocab_size 100 but the logits of " + d.resolve("model.onnx")
            + " have 267 entries; config.json belongs to another model");
    Files.writeString(d.resolve("config.json"), "{\"vocab_size\": \"267\"}");
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(d.resolve("config.json") + ": vocab_size must be a positive whole number, was \"267\"");
  }

  @Test
  void aTokenizerWithIdsBeyondTheModelsVocabularyIsRejectedAtLoadNotMidGeneration() throws Exception {
    Path d = copy();
    Path tok = d.resolve("tokenizer.json");
    ObjectNode t = (ObjectNode) JSON.readTree(tok.toFile());
    t.withArray("added_tokens").addObject().put("id", 300).put("content", "<extra>").put("single_word", false)
        .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
    JSON.writeValue(tok.toFile(), t);
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(tok + " has token ids up to 300 but " + d.resolve("model.onnx") + " has a vocabulary of 267"
            + " (ids 0 to 266); the tokenizer belongs to another model");
  }

  @Test
  void aContextLengthThatIsNotANumberIsRejectedAtLoad() throws Exception {
    Path d = copy();
    Files.writeString(d.resolve("config.json"), "{\"max_position_embeddings\": \"many\"}");
    // Before: it loaded, and every prompt failed with "the model's context is 0 tokens".
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(d.resolve("config.json") + ": max_position_embeddings must be a positive whole number of tokens,"
            + " was \"many\"");
  }

  @Test
  void generationConfigFieldsOfTheWrongTypeAreNamedNotReplacedByDefaults() throws Exception {
    Path d = copy();
    Path gen = d.resolve("generation_config.json");
    Files.writeString(gen, "{\"temperature\": \"hot\"}");
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(gen + ": temperature must be a number >= 0, was \"hot\"");
    Files.writeString(gen, "{\"eos_token_id\": [266, \"x\"]}");
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(gen + ": eos_token_id must be a token id or a list of token ids, was [266,\"x\"]");
    Files.writeString(gen, "{\"max_new_tokens\": -3}");
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(gen + ": max_new_tokens must be a whole number >= 1, was -3");
    Files.writeString(gen, "{\"top_p\": 0, \"do_sample\": true}");
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(gen + ": top_p must be a number in (0, 1], was 0");
    Files.writeString(gen, "{\"do_sample\": \"yes\"}");
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(gen + ": do_sample must be true or false, was \"yes\"");
    Files.writeString(gen, "[]");
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(gen + " must be a JSON object, was ARRAY");
    // Nulls are absent values, as transformers writes them.
    Files.writeString(gen, "{\"eos_token_id\": 266, \"temperature\": null, \"top_k\": 0}");
    OnnxLanguageModel.load(d).close();
  }

  @Test
  void aChatTemplateThatDoesNotParseFailsTheLoadNotEveryCall() throws Exception {
    Path d = copy();
    Path cfg = d.resolve("tokenizer_config.json");
    ObjectNode c = (ObjectNode) JSON.readTree(cfg.toFile());
    c.put("chat_template", "{% for m in messages %}{{ m.content }}");
    JSON.writeValue(cfg.toFile(), c);
    assertThatThrownBy(() -> OnnxLanguageModel.load(d)).isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("the chat_template of " + cfg + " does not render a one-message conversation:")
        .hasMessageContaining("endfor");
  }

  @Test
  void generationAndModelConfigsAreOptional() throws Exception {
    Path d = copy();
    Files.delete(d.resolve("generation_config.json"));
    Files.delete(d.resolve("config.json"));
    try (OnnxLanguageModel m = OnnxLanguageModel.load(d)) {
      // Greedy by default without a generation config; EOS from tokenizer_config.json still stops it.
      assertThat(m.generate(GenerationRequest.of(List.of(ChatMessage.user("hi")), GenerationOptions.greedy(4)))
          .usage().outputTokens()).isBetween(0, 4);
    }
  }
}
