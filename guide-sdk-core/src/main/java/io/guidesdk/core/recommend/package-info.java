/**
 * Recommendations: {@link io.guidesdk.core.recommend.DefaultRecommender} fills the slots of a
 * {@code topN} from candidate strategies (the shopper's profile, an anchor product, popularity).
 */
@NullMarked
package io.guidesdk.core.recommend;

import org.jspecify.annotations.NullMarked;
