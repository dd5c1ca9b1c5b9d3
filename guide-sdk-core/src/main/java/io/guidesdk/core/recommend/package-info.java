/**
 * Recommendations: {@link io.guidesdk.core.recommend.DefaultRecommender} fills the slots of a
 * {@code topN} from candidate strategies (repeat purchases, co-purchase neighbours, profile and
 * anchor embedding similarity, new arrivals, trending, popular), asking a {@link io.guidesdk.core.policy.SlotPolicy}
 * which strategy fills each slot. {@link io.guidesdk.core.recommend.PurchaseStatistics} keeps the
 * catalog-wide purchase statistics incrementally; {@link io.guidesdk.core.recommend.RecommenderTuning}
 * holds the hyper-parameters and {@link io.guidesdk.core.recommend.Diversity} the per-answer limits.
 */
@NullMarked
package io.guidesdk.core.recommend;

import org.jspecify.annotations.NullMarked;
