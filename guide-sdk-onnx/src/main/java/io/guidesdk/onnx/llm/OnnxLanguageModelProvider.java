package io.guidesdk.onnx.llm;

import io.guidesdk.spi.LanguageModel;
import io.guidesdk.spi.LanguageModelProvider;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Discovers a local LLM from configuration: the system property {@code guide.llm.onnx.dir} or the
 * environment variable {@code GUIDE_LLM_ONNX_DIR} names the model directory, and
 * {@code guide.llm.onnx.device} / {@code GUIDE_LLM_ONNX_DEVICE} ({@code cpu}, {@code cuda} or
 * {@code cuda-strict}) the device. Not configured: no model, and the guide works without an LLM.
 */
public final class OnnxLanguageModelProvider implements LanguageModelProvider {

  @Override
  public String name() {
    return "onnx";
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Optional<LanguageModel> create() {
    String dir = setting("guide.llm.onnx.dir", "GUIDE_LLM_ONNX_DIR");
    if (dir == null || dir.isBlank()) {
      return Optional.empty();
    }
    String device = setting("guide.llm.onnx.device", "GUIDE_LLM_ONNX_DEVICE");
    OnnxLanguageModel.Builder b = OnnxLanguageModel.builder(Path.of(dir));
    if (device != null && !device.isBlank()) {
      switch (device.trim().toLowerCase(Locale.ROOT)) {
        case "cpu" -> b.device(OnnxLanguageModel.Device.CPU);
        case "cuda" -> b.device(OnnxLanguageModel.Device.CUDA);
        case "cuda-strict" -> b.device(OnnxLanguageModel.Device.CUDA).strictDevice(true);
        default -> throw new IllegalArgumentException(
            "guide.llm.onnx.device must be cpu, cuda or cuda-strict, was '" + device + "'");
      }
    }
    return Optional.of(b.build());
  }

  private static String setting(String property, String env) {
    String v = System.getProperty(property);
    return v != null ? v : System.getenv(env);
  }
}
