/**
 * Local models on ONNX Runtime: {@link io.guidesdk.onnx.OnnxEncoder}, a sentence encoder that runs
 * the bundled all-MiniLM-L6-v2 model (or any Hugging Face format model from a directory).
 *
 * <p>No ONNX Runtime or DJL type appears in a public signature.
 */
@NullMarked
package io.guidesdk.onnx;

import org.jspecify.annotations.NullMarked;
