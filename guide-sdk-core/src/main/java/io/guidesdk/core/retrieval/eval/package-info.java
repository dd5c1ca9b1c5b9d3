/**
 * Offline evaluation of product search on graded relevance labels: the CrowdFlower data loader
 * ({@link io.guidesdk.core.retrieval.eval.SearchJudgments}), nDCG, an on-disk embedding cache, and
 * the re-ranking weight trainer. Used by {@code guide eval search} and the regression tests.
 */
@NullMarked
package io.guidesdk.core.retrieval.eval;

import org.jspecify.annotations.NullMarked;
