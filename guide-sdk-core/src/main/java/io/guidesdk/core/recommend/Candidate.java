package io.guidesdk.core.recommend;

import io.guidesdk.Product;

/** One product a strategy proposes, its score within that strategy, and the reason shown to the shopper. */
record Candidate(Product product, double score, String reason) {}
