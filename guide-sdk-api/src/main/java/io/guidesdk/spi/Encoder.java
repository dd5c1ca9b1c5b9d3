package io.guidesdk.spi;

import java.util.List;

/**
 * A sentence encoder: text in, a unit-length vector out. Cosine similarity is the dot product.
 *
 * <p>Implementations are thread-safe and may batch internally; {@link #close()} frees native
 * resources, after which every call throws {@link IllegalStateException}.
 */
public interface Encoder extends AutoCloseable {

  /** The length of every vector this encoder returns. */
  int dimension();

  /** A stable name of the model, e.g. {@code all-MiniLM-L6-v2}; vectors of different ids never mix. */
  String modelId();

  /**
   * Embeds one text. Empty and blank texts are allowed and give a defined vector: a local model's
   * vector for its special tokens alone, or the zero vector where a remote service rejects blank
   * input. Over-long texts are truncated as the implementation documents, never rejected.
   */
  float[] embed(String text, EmbeddingPurpose purpose);

  /**
   * Embeds many texts; the result is in the order of {@code texts}. The vector of a text does not
   * depend on the other texts in the call.
   */
  List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose);

  /** Frees the model; idempotent. */
  @Override
  void close();
}
