package io.guidesdk.core.recommend;

import io.guidesdk.core.retrieval.EmbeddingIndex;
import io.guidesdk.core.retrieval.ScoredProduct;
import java.util.ArrayList;
import java.util.List;

/** "Similar to this product" on a product page: the anchor's nearest neighbours in embedding space. */
final class SimilarToAnchor implements CandidateGenerator {
  static final String NAME = "similar-item";

  @Override
  public String strategy() {
    return NAME;
  }

  @Override
  public List<Candidate> generate(Query q, int limit) {
    EmbeddingIndex idx = q.index();
    if (q.anchor() == null || idx == null) {
      return List.of();
    }
    int pos = idx.catalog().indexOf(q.anchor().id());
    if (pos < 0) {
      return List.of();
    }
    String reason = q.reasons().format("similar", "title", q.anchor().title());
    List<Candidate> out = new ArrayList<>();
    for (ScoredProduct s : idx.nearest(idx.vector(pos), q.accept(), limit)) {
      out.add(Candidate.of(s.product(), s.score(), reason));
    }
    return out;
  }
}
