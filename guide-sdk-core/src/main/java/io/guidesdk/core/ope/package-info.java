/**
 * Off-policy evaluation: estimates what a target policy would have earned from logs of another
 * (logging) policy, with bootstrap confidence intervals. Entry point: {@link
 * io.guidesdk.core.ope.OffPolicyEvaluator}; logs come from {@link io.guidesdk.core.ope.DecisionLogReader}
 * (the SDK's decision log) or {@link io.guidesdk.core.ope.ObdLog} (Open Bandit Dataset CSV).
 */
@NullMarked
package io.guidesdk.core.ope;

import org.jspecify.annotations.NullMarked;
