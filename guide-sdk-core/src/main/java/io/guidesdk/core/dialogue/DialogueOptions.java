package io.guidesdk.core.dialogue;

import io.guidesdk.Intent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the guide talks and remembers: the reply language and templates, extra labelled examples for
 * intent recognition, and the session store. Immutable; build with {@link #builder()} and pass to
 * {@code GuideSdk.builder().dialogue(...)}.
 *
 * <pre>{@code
 * DialogueOptions options = DialogueOptions.builder()
 *     .locale(Locale.SIMPLIFIED_CHINESE)                 // bundled: English (default), Simplified Chinese
 *     .template("greeting", "Welcome to Trailhead Outfitters! What are you shopping for?")
 *     .intentExample(Intent.ORDER_REQUEST, "I want to swap the delivery address")
 *     .sessionStore(myRedisStore)                        // default: in memory (Caffeine)
 *     .build();
 * }</pre>
 */
public final class DialogueOptions {
  private static final DialogueOptions DEFAULTS = builder().build();

  private final Locale locale;
  private final Map<String, String> templates;
  private final Map<Intent, List<String>> intentExamples;
  private final @Nullable SessionStore sessionStore;
  private final IntentRecognition intentRecognition;
  private final boolean chineseScriptConversion;

  private DialogueOptions(Builder b) {
    this.intentRecognition = b.intentRecognition;
    this.chineseScriptConversion = b.chineseScriptConversion;
    this.locale = b.locale;
    this.templates = Map.copyOf(b.templates);
    Map<Intent, List<String>> ex = new EnumMap<>(Intent.class);
    b.intentExamples.forEach((k, v) -> ex.put(k, List.copyOf(v)));
    this.intentExamples = Map.copyOf(ex);
    this.sessionStore = b.sessionStore;
  }

  /** English templates, the bundled intent examples only, the in-memory session store. */
  public static DialogueOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The language of reply text. */
  public Locale locale() {
    return locale;
  }

  /** The shop's template overrides, by key (see {@code templates_en.properties} for the keys). */
  public Map<String, String> templates() {
    return templates;
  }

  /** The shop's labelled examples, added to the bundled ones. */
  public Map<Intent, List<String>> intentExamples() {
    return intentExamples;
  }

  /** The shop's session store, or {@code null} for the in-memory default sized by {@code GuideLimits}. */
  public @Nullable SessionStore sessionStore() {
    return sessionStore;
  }

  /** How intents are recognised (default: rules and nearest examples). */
  public IntentRecognition intentRecognition() {
    return intentRecognition;
  }

  /**
   * Whether a Chinese message in the other script (Traditional or Simplified) is converted to the
   * catalog's before it is read; needs {@code com.ibm.icu:icu4j} on the class path (default: true).
   */
  public boolean chineseScriptConversion() {
    return chineseScriptConversion;
  }

  /** Builds {@link DialogueOptions}; single-valued settings may be set once. */
  public static final class Builder {
    private Locale locale = ReplyTemplates.DEFAULT_LOCALE;
    private boolean localeSet;
    private final Map<String, String> templates = new LinkedHashMap<>();
    private final Map<Intent, List<String>> intentExamples = new EnumMap<>(Intent.class);
    private @Nullable SessionStore sessionStore;
    private IntentRecognition intentRecognition = IntentRecognition.RULES_AND_EXAMPLES;
    private boolean intentRecognitionSet;
    private boolean chineseScriptConversion = true;
    private boolean chineseScriptConversionSet;

    private Builder() {}

    /**
     * Whether a Chinese message written in the other script than the catalog's (Traditional or
     * Simplified) is converted to the catalog's script before it is read (default: true). It takes
     * {@code com.ibm.icu:icu4j} on the class path; without it, messages are read as written.
     */
    public Builder chineseScriptConversion(boolean convert) {
      if (chineseScriptConversionSet) {
        throw new IllegalStateException("chineseScriptConversion was already set to " + chineseScriptConversion);
      }
      this.chineseScriptConversion = convert;
      chineseScriptConversionSet = true;
      return this;
    }

    /** How intents are recognised; the default, rules and nearest examples, measured best. */
    public Builder intentRecognition(IntentRecognition mode) {
      if (intentRecognitionSet) {
        throw new IllegalStateException("intentRecognition was already set to " + intentRecognition);
      }
      this.intentRecognition = java.util.Objects.requireNonNull(mode, "mode");
      intentRecognitionSet = true;
      return this;
    }

    /**
     * The language of reply text. Bundled templates exist for English and Simplified Chinese
     * ({@code zh}); for another language every template the shop does not override stays English.
     */
    public Builder locale(Locale locale) {
      if (localeSet) {
        throw new IllegalStateException("locale was already set to " + this.locale);
      }
      this.locale = Objects.requireNonNull(locale, "locale");
      localeSet = true;
      return this;
    }

    /**
     * Replaces one reply template. Placeholders such as {@code {title}} and {@code {price}} are filled
     * with catalog facts; the key must be one of the bundled keys (checked at {@link #build()}).
     */
    public Builder template(String key, String text) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(text, "text");
      if (templates.containsKey(key)) {
        throw new IllegalStateException("template '" + key + "' was already set");
      }
      templates.put(key, text);
      return this;
    }

    /** Adds a labelled example sentence for intent recognition (nearest-example vote). */
    public Builder intentExample(Intent intent, String example) {
      Objects.requireNonNull(intent, "intent");
      Objects.requireNonNull(example, "example");
      if (example.isBlank()) {
        throw new IllegalArgumentException("intent example must not be blank");
      }
      intentExamples.computeIfAbsent(intent, k -> new ArrayList<>()).add(example);
      return this;
    }

    /** Where dialogue state is kept; default: in memory with idle expiry and a size bound. */
    public Builder sessionStore(SessionStore store) {
      if (sessionStore != null) {
        throw new IllegalStateException("sessionStore was already set");
      }
      this.sessionStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * @throws IllegalArgumentException if a template key is unknown
     */
    public DialogueOptions build() {
      ReplyTemplates.of(locale, templates);
      return new DialogueOptions(this);
    }
  }
}
