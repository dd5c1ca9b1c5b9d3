/**
 * The recommendation policy: {@link io.guidesdk.core.policy.SlotPolicy} decides, slot by slot, which
 * candidate strategy fills each slot of a top-N list, with a logged probability for every decision.
 */
@NullMarked
package io.guidesdk.core.policy;

import org.jspecify.annotations.NullMarked;
