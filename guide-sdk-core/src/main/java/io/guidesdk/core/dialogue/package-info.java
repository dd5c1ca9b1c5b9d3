/**
 * The conversational guide without an LLM. {@link io.guidesdk.core.dialogue.DefaultShoppingGuide} is
 * the entry point: it reads a message with rules over the catalog's own vocabulary and the nearest
 * labelled intent examples, keeps per-(user, session) {@link io.guidesdk.core.dialogue.DialogueState}
 * in a {@link io.guidesdk.core.dialogue.SessionStore}, retrieves products under hard constraints, and
 * writes grounded replies from the shop's templates ({@link io.guidesdk.core.dialogue.DialogueOptions}).
 *
 * <p>Two seams let an LLM help without being able to break grounding: {@link
 * io.guidesdk.core.dialogue.MessageInterpreter} (a second reading of the message) and {@link
 * io.guidesdk.core.dialogue.ReplyWriter} (rewrites the template reply and validates its own text).
 * See docs/guide.md.
 */
@NullMarked
package io.guidesdk.core.dialogue;

import org.jspecify.annotations.NullMarked;
