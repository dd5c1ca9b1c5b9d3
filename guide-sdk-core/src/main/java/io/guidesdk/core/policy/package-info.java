/**
 * The recommendation policy: {@link io.guidesdk.core.policy.SlotPolicy} decides, slot by slot, which
 * candidate strategy fills each slot of a top-N list, with a logged probability for every decision.
 * The bundled learning policy is {@link io.guidesdk.core.policy.QLearningPolicy} (configured by
 * {@link io.guidesdk.core.policy.QLearningConfig}, whose knobs are experimental); the reward sink
 * teaches it through {@link io.guidesdk.core.policy.LearningPolicy#learn}. See docs/learning.md.
 */
@NullMarked
package io.guidesdk.core.policy;

import org.jspecify.annotations.NullMarked;
