package io.guidesdk.onnx;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guidesdk.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken encoder model directories give a {@link ModelLoadException} naming the file and what was
 * expected, not DJL's serde message or ONNX Runtime's alone. Each case is a copy of the tiny
 * bge-small-zh-style test model with one file broken.
 */
class EncoderDirectoryBadInputTest {
  @TempDir Path tmp;

  Path copy() throws Exception {
    Path src = DirectoryModelTest.resource("tiny-bge-zh");
    Path dst = tmp.resolve("tiny-bge-zh");
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : files.toList()) {
        Path to = dst.resolve(src.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    return dst;
  }

  @Test
  void anEmptyModelFileIsNamed() throws Exception {
    Path d = copy();
    Files.write(d.resolve("model.onnx"), new byte[0]);
    assertThatThrownBy(() -> OnnxEncoder.fromDirectory(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(d.resolve("model.onnx") + " is empty (0 bytes); the download or export did not finish");
  }

  @Test
  void aTruncatedOrNonOnnxModelSaysSo() throws Exception {
    Path d = copy();
    byte[] graph = Files.readAllBytes(d.resolve("model.onnx"));
    Files.write(d.resolve("model.onnx"), java.util.Arrays.copyOf(graph, graph.length / 2));
    assertThatThrownBy(() -> OnnxEncoder.fromDirectory(d)).isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("ONNX Runtime could not load model tiny-bge-zh from " + d
            + " (the model file is truncated or is not an ONNX export): ");
  }

  @Test
  void aTokenizerJsonThatIsNotATokenizerIsNamed() throws Exception {
    Path d = copy();
    Path tok = d.resolve("tokenizer.json");
    Files.writeString(tok, "{\"hello\": [1, 2, 3]}");
    // Before: "could not load tokenizer.json ...: expected `,` or `}` at line 1 column 9" for valid JSON.
    assertThatThrownBy(() -> OnnxEncoder.fromDirectory(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(tok + " is JSON but not a Hugging Face fast tokenizer (it has no \"model\" object); save one"
            + " with tokenizer.save_pretrained(dir)");
    Files.writeString(tok, "");
    assertThatThrownBy(() -> OnnxEncoder.fromDirectory(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(tok + " is empty (0 bytes); the download or export did not finish");
    Files.writeString(tok, "not json");
    assertThatThrownBy(() -> OnnxEncoder.fromDirectory(d)).isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("could not parse " + tok + " as JSON: Unrecognized token 'not'")
        .hasMessageContaining("(line 1, column");
  }

  @Test
  void aTokenizerWithIdsBeyondTheConfiguredVocabularyIsRejected() throws Exception {
    Path d = copy();
    Files.writeString(d.resolve("config.json"), "{\"hidden_size\": 32, \"max_position_embeddings\": 64,"
        + " \"vocab_size\": 100}");
    assertThatThrownBy(() -> OnnxEncoder.fromDirectory(d)).isInstanceOf(ModelLoadException.class)
        .hasMessage(d.resolve("tokenizer.json") + " has token ids up to 172 but config.json gives the model a"
            + " vocab_size of 100; the tokenizer belongs to another model");
  }

  @Test
  void aMalformedPoolingConfigNamesTheFileAndLineWithoutJacksonsSourceNoise() throws Exception {
    Path d = copy();
    Path pooling = d.resolve("1_Pooling").resolve("config.json");
    Files.writeString(pooling, "{\n  \"pooling_mode_cls_token\": tru\n}");
    assertThatThrownBy(() -> OnnxEncoder.fromDirectory(d)).isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("could not parse " + pooling + " as JSON: Unrecognized token 'tru'")
        .hasMessageContaining("(line 2, column").hasMessageNotContaining("[Source");
  }

}
