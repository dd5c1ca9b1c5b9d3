/**
 * The learning loop's state: impressions (what was shown, under which recommendation id, with which
 * propensity), shoppers' interaction histories, and the {@link io.guidesdk.RewardSink} that feeds them.
 */
@NullMarked
package io.guidesdk.core.learning;

import org.jspecify.annotations.NullMarked;
