package io.guidesdk;

import java.util.Objects;

/** Argument checks shared by the value types of this package; not part of the API. */
final class Checks {
  private Checks() {}

  static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  static String requireId(String value, String name, int maxLength) {
    requireText(value, name);
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          name + " must be at most " + maxLength + " characters, was " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(name + " must not contain control characters: " + quote(value));
      }
    }
    return value;
  }

  static String quote(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
    return '"' + shown.replaceAll("\\p{Cntrl}", "?") + '"';
  }
}
