/**
 * Shopper-facing text bundled per language (reply templates, recommendation reasons). Internal to the
 * SDK: not part of its public API, and free to change.
 */
@NullMarked
package io.guidesdk.core.text;

import org.jspecify.annotations.NullMarked;
