/**
 * Remote models through LangChain4j: language models on OpenAI-compatible and Ollama endpoints, and
 * remote embedding services. This is the only module whose public types may take LangChain4j types.
 */
@NullMarked
package io.guidesdk.remote;

import org.jspecify.annotations.NullMarked;
