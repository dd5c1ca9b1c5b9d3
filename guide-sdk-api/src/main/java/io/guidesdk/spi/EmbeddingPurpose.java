package io.guidesdk.spi;

/**
 * What a text is embedded for. Asymmetric models (BGE, E5) prefix queries and passages differently;
 * symmetric ones (MiniLM) ignore this.
 */
public enum EmbeddingPurpose {
  /** A shopper's query or message. */
  QUERY,
  /** A catalog product or FAQ passage to be found. */
  PASSAGE
}
