/**
 * The shop's catalog and FAQ: {@link io.guidesdk.core.catalog.CatalogLoader} reads JSON Lines or CSV,
 * validating every row, into an immutable {@link io.guidesdk.core.catalog.Catalog}.
 */
@NullMarked
package io.guidesdk.core.catalog;

import org.jspecify.annotations.NullMarked;
