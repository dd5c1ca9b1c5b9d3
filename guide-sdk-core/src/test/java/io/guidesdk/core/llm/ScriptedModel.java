package io.guidesdk.core.llm;

import io.guidesdk.spi.FinishReason;
import io.guidesdk.spi.Generation;
import io.guidesdk.spi.GenerationRequest;
import io.guidesdk.spi.LanguageModel;
import io.guidesdk.spi.TokenUsage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A language model whose answers a test scripts from the request (the seam's unit-test double). */
final class ScriptedModel implements LanguageModel {
  final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
  private final Function<GenerationRequest, Object> script;

  /** The script returns a String (text), a Generation, or throws. */
  ScriptedModel(Function<GenerationRequest, Object> script) {
    this.script = script;
  }

  static boolean isInterpreter(GenerationRequest r) {
    return r.messages().get(0).content().startsWith("You read messages");
  }

  static boolean isWriter(GenerationRequest r) {
    return r.messages().get(0).content().startsWith("You are the shopping assistant");
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(false, true, true, true);
  }

  @Override
  public Generation generate(GenerationRequest request) {
    requests.add(request);
    Object out = script.apply(request);
    if (out instanceof Generation g) {
      return g;
    }
    return new Generation((String) out, List.of(), FinishReason.END, new TokenUsage(100, 20));
  }
}
