/**
 * The SDK's entry point: {@link io.guidesdk.core.GuideSdk#builder()} assembles the catalog, the
 * encoder, retrieval, the guide, the recommender and the reward sink.
 */
@NullMarked
package io.guidesdk.core;

import org.jspecify.annotations.NullMarked;
