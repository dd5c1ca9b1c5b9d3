/**
 * guide-sdk's public API: {@link io.guidesdk.ShoppingGuide}, {@link io.guidesdk.Recommender},
 * {@link io.guidesdk.RewardSink} and their value types, and the service interfaces a model backend
 * implements ({@code io.guidesdk.spi}). No runtime dependencies: the JSpecify nullness annotations
 * are needed only to compile this module, not to compile or run against it.
 */
// The annotations appear on exported signatures without being re-exported: a consumer's compiler
// sees them only if it has JSpecify itself, and runs without it either way (the pom turns off the
// "exports" lint that flags this).
module io.guidesdk.api {
  requires static org.jspecify;

  exports io.guidesdk;
  exports io.guidesdk.spi;
}
