package io.guidesdk.core.dialogue;

/**
 * How intents are recognised. The default combines both; the other two exist so the evaluation can
 * show what each part contributes ({@code guide eval dialogue} reports all three).
 */
public enum IntentRecognition {
  /** Specific rules first; where none decides, the nearest labelled examples vote. */
  RULES_AND_EXAMPLES,
  /** Rules only; a message no rule decides is out of scope. */
  RULES_ONLY,
  /** The nearest labelled examples only (constraints are still read by the rules). */
  EXAMPLES_ONLY
}
