/**
 * Product retrieval: embedding similarity over the catalog, with hard filters applied during the scan
 * so a filtered query still fills its k results.
 */
@NullMarked
package io.guidesdk.core.retrieval;

import org.jspecify.annotations.NullMarked;
