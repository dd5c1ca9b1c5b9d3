/**
 * A local decoder LLM on ONNX Runtime ({@link io.guidesdk.onnx.llm.OnnxLanguageModel}), loaded from
 * a Hugging Face Optimum export, implementing {@link io.guidesdk.spi.LanguageModel}.
 */
@NullMarked
package io.guidesdk.onnx.llm;

import org.jspecify.annotations.NullMarked;
