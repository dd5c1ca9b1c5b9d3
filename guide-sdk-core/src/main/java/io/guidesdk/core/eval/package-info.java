/**
 * Shared pieces of the evaluation programs ({@code guide eval …}): bootstrap confidence intervals
 * and the location of the evaluation data.
 */
@NullMarked
package io.guidesdk.core.eval;

import org.jspecify.annotations.NullMarked;
