package io.guidesdk.core.llm;

import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.dialogue.MessageInterpreter;
import io.guidesdk.core.dialogue.ReplyWriter;
import io.guidesdk.spi.LanguageModel;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the guide does with one language model: the message interpreter, the reply writer
 * (with the catalog tools), the product copywriter, and their shared counters.
 */
public final class LlmAssist {
  private final LanguageModel model;
  private final LlmStats stats = new LlmStats();
  private final MessageInterpreter interpreter;
  private final ReplyWriter writer;
  private final ProductCopywriter copywriter;

  public LlmAssist(LanguageModel model, Supplier<Catalog> catalog, CatalogTools tools) {
    this(model, catalog, tools, Locale.ENGLISH);
  }

  /** As above, with replies and product copy written in the language of {@code replies}. */
  public LlmAssist(LanguageModel model, Supplier<Catalog> catalog, CatalogTools tools, Locale replies) {
    this.model = Objects.requireNonNull(model, "model");
    this.interpreter = new LlmMessageInterpreter(model, catalog, stats);
    this.writer = new LlmReplyWriter(model, catalog, tools, stats, replies);
    this.copywriter = new ProductCopywriter(model, catalog, stats, replies);
  }

  public LanguageModel model() {
    return model;
  }

  public MessageInterpreter interpreter() {
    return interpreter;
  }

  public ReplyWriter writer() {
    return writer;
  }

  public ProductCopywriter copywriter() {
    return copywriter;
  }

  public LlmStats stats() {
    return stats;
  }
}
