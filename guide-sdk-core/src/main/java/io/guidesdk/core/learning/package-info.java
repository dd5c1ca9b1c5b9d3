/**
 * The learning loop's state: impressions (what was shown, under which recommendation id, with which
 * propensity), shoppers' interaction histories, and the {@link io.guidesdk.RewardSink} that feeds them.
 * Entry point: {@link io.guidesdk.core.learning.DefaultRewardSink} (validation, bounded queue, single
 * writer, attribution, credit horizon); persistence in {@link io.guidesdk.core.learning.LearningSnapshot}
 * and {@link io.guidesdk.core.learning.SnapshotFile}; the decision log in
 * {@link io.guidesdk.core.learning.DecisionLog}; when products arrived in the catalog (new-item cold
 * start) in {@link io.guidesdk.core.learning.ItemArrivals}. See docs/learning.md.
 */
@NullMarked
package io.guidesdk.core.learning;

import org.jspecify.annotations.NullMarked;
