package io.guidesdk.onnx.llm;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.guidesdk.ModelLoadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a session on the CUDA execution provider when asked, with the fallback rules of the SDK's ONNX
 * models: when CUDA cannot be used (a CPU-only ONNX Runtime build, no GPU, no driver) a lenient
 * request logs a warning and runs on the CPU, a strict one fails with {@link ModelLoadException}.
 */
final class CudaSupport {
  private static final Logger LOG = LoggerFactory.getLogger(CudaSupport.class);

  private CudaSupport() {}

  /** Configures {@code options} for {@code device}; returns the device the session will really use. */
  static OnnxLanguageModel.Device configure(OrtSession.SessionOptions options, OnnxLanguageModel.Device device,
      int cudaDeviceId, boolean strict, String what) {
    if (device == OnnxLanguageModel.Device.CPU) {
      return device;
    }
    String why;
    if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
      why = "this ONNX Runtime build has no CUDA execution provider (available: "
          + OrtEnvironment.getAvailableProviders() + "; use the com.microsoft.onnxruntime:onnxruntime_gpu artifact)";
    } else {
      try {
        options.addCUDA(cudaDeviceId);
        return OnnxLanguageModel.Device.CUDA;
      } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
        why = "the CUDA execution provider failed to start on device " + cudaDeviceId + ": " + e.getMessage();
      }
    }
    if (strict) {
      throw new ModelLoadException("CUDA was required for " + what + " but " + why, null);
    }
    LOG.warn("CUDA was requested for {} but {}; running on the CPU", what, why);
    return OnnxLanguageModel.Device.CPU;
  }
}
