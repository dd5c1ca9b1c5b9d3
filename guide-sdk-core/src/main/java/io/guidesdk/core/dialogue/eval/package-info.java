/**
 * Evaluation of the conversational guide on the bundled dialogue set: {@link
 * io.guidesdk.core.dialogue.eval.DialogueEvaluator} replays each conversation and scores intents,
 * constraint extraction, constraint satisfaction and grounding ({@link
 * io.guidesdk.core.dialogue.eval.Grounding}); {@code guide eval dialogue} prints the figures.
 */
@NullMarked
package io.guidesdk.core.dialogue.eval;

import org.jspecify.annotations.NullMarked;
