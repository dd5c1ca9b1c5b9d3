package io.guidesdk.remote;

import io.guidesdk.spi.Generation;
import io.guidesdk.spi.GenerationRequest;
import io.guidesdk.spi.TokenListener;
import org.jspecify.annotations.Nullable;

/** One protocol's way of running a request; failures are thrown raw and mapped by {@link FailureMapper}. */
interface Backend {
  /** Runs {@code request}; streams to {@code listener} when it is not null. */
  Generation call(GenerationRequest request, @Nullable TokenListener listener) throws Exception;

  boolean streams();
}
