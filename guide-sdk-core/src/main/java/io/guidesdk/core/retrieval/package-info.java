/**
 * Product search. The entry point is {@link io.guidesdk.core.retrieval.ProductSearch}: it holds the
 * current {@link io.guidesdk.core.retrieval.ProductSearchIndex} snapshot (a Lucene BM25 index over
 * title, brand, category and description plus the products' embedding vectors, exact scan or HNSW)
 * and applies catalog updates in the background. {@link io.guidesdk.core.retrieval.HybridRetriever}
 * is the SDK's ranker: lexical and dense retrieval with hard filters applied inside both,
 * {@link io.guidesdk.core.retrieval.Fusion} of the two lists, and a re-ranking stage weighted by
 * {@link io.guidesdk.core.retrieval.RerankWeights}. Configuration: {@link
 * io.guidesdk.core.retrieval.SearchSettings}; user guide: docs/search.md.
 */
@NullMarked
package io.guidesdk.core.retrieval;

import org.jspecify.annotations.NullMarked;
