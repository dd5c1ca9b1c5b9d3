/**
 * The public API of guide-sdk: an in-process shopping assistant.
 *
 * <p>Entry points are three interfaces that an application obtains from {@code io.guidesdk.core.GuideSdk}:
 * <ul>
 *   <li>{@link io.guidesdk.ShoppingGuide}: a conversational shopping guide ({@code chat});</li>
 *   <li>{@link io.guidesdk.Recommender}: personalised recommendations ({@code topN});</li>
 *   <li>{@link io.guidesdk.RewardSink}: shopper reactions (clicks, carts, purchases) the policy learns from.</li>
 * </ul>
 *
 * <p>Every type here is a JDK type or one of ours; nothing from a third-party library appears in a
 * signature. Arguments are checked at the boundary: {@code null} gives a {@link NullPointerException}
 * naming the argument, an out-of-range value an {@link IllegalArgumentException} naming the argument and
 * the value. Failures inside the SDK surface as subtypes of {@link io.guidesdk.GuideException}.
 */
@NullMarked
package io.guidesdk;

import org.jspecify.annotations.NullMarked;
