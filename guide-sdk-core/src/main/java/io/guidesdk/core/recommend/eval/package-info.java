/**
 * Offline evaluation of the recommender on the Online Retail data:
 * {@link io.guidesdk.core.recommend.eval.RecommendEvaluation} (run by {@code guide eval recommend}).
 */
@NullMarked
package io.guidesdk.core.recommend.eval;

import org.jspecify.annotations.NullMarked;
