/**
 * The conversational guide without an LLM: {@link io.guidesdk.core.dialogue.DefaultShoppingGuide}
 * understands a message with rules over the catalog's own vocabulary, keeps per-session state, and
 * composes grounded replies from templates.
 */
@NullMarked
package io.guidesdk.core.dialogue;

import org.jspecify.annotations.NullMarked;
