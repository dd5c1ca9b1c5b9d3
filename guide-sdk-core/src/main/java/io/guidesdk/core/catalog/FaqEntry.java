package io.guidesdk.core.catalog;

import java.util.Objects;

/**
 * One entry of the shop's knowledge base; the guide quotes {@link #answer()} verbatim.
 *
 * @param id a stable id
 * @param topic shipping, returns, refunds, warranty, payment, orders or other
 * @param question the question it answers
 * @param answer the shop's answer
 */
public record FaqEntry(String id, String topic, String question, String answer) {
  public FaqEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
  }
}
