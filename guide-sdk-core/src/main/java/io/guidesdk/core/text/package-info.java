/**
 * Shopper-facing text bundled per language (reply templates, recommendation reasons), and Chinese
 * script conversion for shoppers' text ({@link io.guidesdk.core.text.ChineseScript}). Internal to the
 * SDK: not part of its public API, and free to change.
 */
@NullMarked
package io.guidesdk.core.text;

import org.jspecify.annotations.NullMarked;
