package io.guidesdk.core.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the shared evaluation data lives: the system property {@code guide.data.dir} (set by the
 * build for tests), else {@code ../shared/data} relative to the working directory. The data is never
 * copied into the repository; tests that need it skip with a message when it is absent.
 */
public final class EvalData {
  private EvalData() {}

  /** The data root if it exists. */
  public static Optional<Path> root() {
    String configured = System.getProperty("guide.data.dir");
    Path p = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("..", "shared", "data");
    return Files.isDirectory(p) ? Optional.of(p.toAbsolutePath().normalize()) : Optional.empty();
  }

  /** A sub-folder of the data root if it exists, e.g. {@code dir("search/crowdflower")}. */
  public static Optional<Path> dir(String relative) {
    return root().map(r -> r.resolve(relative)).filter(Files::isDirectory);
  }

  /** The message for a test that skips because the data is absent. */
  public static String missing(String relative) {
    return "evaluation data " + relative + " not found (set -Dguide.data.dir or place it at ../shared/data); skipping";
  }
}
