/**
 * guide-sdk's engine: catalog, hybrid retrieval, the conversational guide, recommendations, the
 * learning loop and off-policy evaluation, and the evaluation programs' building blocks. ICU4J
 * (Traditional and Simplified Chinese conversion) is optional: without it on the module path, messages
 * are read as written.
 */
module io.guidesdk.core {
  requires transitive io.guidesdk.api;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires org.apache.commons.csv;
  requires org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires static com.ibm.icu;
  requires static org.jspecify;

  exports io.guidesdk.core;
  exports io.guidesdk.core.catalog;
  exports io.guidesdk.core.dialogue;
  exports io.guidesdk.core.dialogue.eval;
  exports io.guidesdk.core.eval;
  exports io.guidesdk.core.learning;
  exports io.guidesdk.core.llm;
  exports io.guidesdk.core.ope;
  exports io.guidesdk.core.policy;
  exports io.guidesdk.core.recommend;
  exports io.guidesdk.core.recommend.eval;
  exports io.guidesdk.core.retrieval;
  exports io.guidesdk.core.retrieval.eval;
  exports io.guidesdk.core.simulate;
  exports io.guidesdk.core.text;

  uses io.guidesdk.spi.EncoderProvider;
  uses io.guidesdk.spi.LanguageModelProvider;
}
