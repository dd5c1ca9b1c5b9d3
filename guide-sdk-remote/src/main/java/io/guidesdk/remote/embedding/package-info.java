/**
 * Remote sentence encoders: {@link io.guidesdk.remote.embedding.LangChain4jEncoder} adapts any
 * LangChain4j {@code EmbeddingModel} (e.g. {@code OpenAiEmbeddingModel}) to the SDK's
 * {@link io.guidesdk.spi.Encoder}.
 */
@NullMarked
package io.guidesdk.remote.embedding;

import org.jspecify.annotations.NullMarked;
