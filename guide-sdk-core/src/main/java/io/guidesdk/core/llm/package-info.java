/**
 * The guide's use of a {@link io.guidesdk.spi.LanguageModel}: an interpreter of shopper messages
 * validated against the catalog's vocabulary, a reply writer whose every product name, price and
 * policy claim is checked against what was retrieved ({@link io.guidesdk.core.llm.GroundingValidator}),
 * catalog tools the SDK executes, and personalised product copy. Whatever the model does, the guide
 * falls back to its rules and templates for that turn, and counts it ({@link io.guidesdk.core.llm.LlmStats}).
 */
@NullMarked
package io.guidesdk.core.llm;

import org.jspecify.annotations.NullMarked;
