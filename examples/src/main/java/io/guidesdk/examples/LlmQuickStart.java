package io.guidesdk.examples;

import io.guidesdk.ChatReply;
import io.guidesdk.core.GuideSdk;
import io.guidesdk.onnx.llm.OnnxLanguageModel;
import io.guidesdk.remote.RemoteLanguageModel;
import io.guidesdk.spi.LanguageModel;
import java.nio.file.Path;

/**
 * The guide with a language model (docs/llm.md), compiled with every build. Run with a local Optimum
 * export directory, or an OpenAI-compatible base URL and model name:
 *
 * <pre>
 * java -cp examples/target/guide.jar io.guidesdk.examples.LlmQuickStart models/qwen2.5-0.5b-instruct
 * java -cp examples/target/guide.jar io.guidesdk.examples.LlmQuickStart https://api.openai.com/v1 gpt-4o-mini
 * </pre>
 */
public final class LlmQuickStart {
  private LlmQuickStart() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: LlmQuickStart <onnx-model-dir> | <openai-base-url> <model>");
      return;
    }
    try (LanguageModel llm = args[0].startsWith("http")
            ? RemoteLanguageModel.openAiCompatible(args[0]).model(args[1])
                .apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "not-needed")).build()
            : OnnxLanguageModel.load(Path.of(args[0]));
        GuideSdk sdk = GuideSdk.builder().demoCatalog().languageModel(llm).build()) {
      ChatReply reply = sdk.guide().chat("session-1", "something comfy for jogging in the rain, not too pricey");
      System.out.println(reply.text());
      if (!reply.products().isEmpty()) {
        System.out.println(sdk.describe(reply.products().get(0), null));
      }
      System.out.println(sdk.llmStats());
    }
  }
}
