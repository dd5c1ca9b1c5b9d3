package io.guidesdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public signature of the exported packages, compared with the committed list in
 * {@code guide-sdk-api/api/guide-sdk-api.api}, so that any change to the API shows in review as a
 * change to that file (as OkHttp does with its {@code .api} files).
 *
 * <p>Hand-written rather than japicmp or revapi: those compare against a released artifact, and the
 * API has none yet. When a change is intended, rewrite the file with
 * {@code mvn -pl guide-sdk-api test -Dtest=PublicApiTest -Dapi.update=true} and commit it.
 */
class PublicApiTest {
  private static final Path COMMITTED = Path.of("api", "guide-sdk-api.api");

  @Test
  void thePublicApiIsTheCommittedOne() throws IOException, URISyntaxException {
    List<String> current = signatures();
    if (Boolean.getBoolean("api.update")) {
      Files.createDirectories(COMMITTED.getParent());
      Files.write(COMMITTED, current, StandardCharsets.UTF_8);
    }
    assertThat(Files.isRegularFile(COMMITTED)).as("%s is missing; write it with -Dapi.update=true",
        COMMITTED.toAbsolutePath()).isTrue();
    List<String> committed = Files.readAllLines(COMMITTED, StandardCharsets.UTF_8);
    List<String> added = new ArrayList<>(current);
    added.removeAll(committed);
    List<String> removed = new ArrayList<>(committed);
    removed.removeAll(current);
    assertThat(added).as("public signatures not in %s (if intended, rerun with -Dapi.update=true and commit "
        + "the file)", COMMITTED).isEmpty();
    assertThat(removed).as("signatures in %s that are gone: a breaking change for callers", COMMITTED).isEmpty();
  }

  @Test
  void theListCoversTheWholeApiAndOnlyTheApi() throws IOException, URISyntaxException {
    List<String> current = signatures();
    assertThat(current).anyMatch(s -> s.startsWith("public abstract interface io.guidesdk.ShoppingGuide"));
    assertThat(current).anyMatch(s -> s.contains("io.guidesdk.spi.Encoder.embed(java.lang.String,"));
    assertThat(current).noneMatch(s -> s.contains("io.guidesdk.Checks")); // package-private helper
  }

  /** One line per public type and per public or protected member of one, sorted. */
  private static List<String> signatures() throws IOException, URISyntaxException {
    Path classes = Path.of(ShoppingGuide.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    TreeSet<String> lines = new TreeSet<>();
    for (String pkg : List.of("io.guidesdk", "io.guidesdk.spi")) {
      Path dir = classes.resolve(pkg.replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
          String name = pkg + "." + f.getFileName().toString().replace(".class", "");
          if (name.endsWith("package-info") || name.endsWith("module-info")) {
            continue;
          }
          Class<?> type;
          try {
            type = Class.forName(name, false, PublicApiTest.class.getClassLoader());
          } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
          }
          if (isVisible(type)) {
            describe(type, lines);
          }
        }
      }
    }
    return new ArrayList<>(lines);
  }

  /** Public, and nested only in public types. */
  private static boolean isVisible(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return !type.isSynthetic() && !type.isAnonymousClass() && !type.isLocalClass();
  }

  private static void describe(Class<?> type, TreeSet<String> lines) {
    String owner = type.getName();
    lines.add(type.toGenericString()
        + (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class
            && !type.isEnum() && !type.isRecord() ? " extends " + type.getGenericSuperclass().getTypeName() : "")
        + (type.getGenericInterfaces().length > 0 ? (type.isInterface() ? " extends " : " implements ") + String.join(", ",
            Stream.of(type.getGenericInterfaces()).map(java.lang.reflect.Type::getTypeName).toList()) : ""));
    for (Field f : type.getDeclaredFields()) {
      if (!f.isSynthetic() && isExposed(f.getModifiers())) {
        lines.add(owner + " | " + f.toGenericString());
      }
    }
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (!c.isSynthetic() && isExposed(c.getModifiers())) {
        lines.add(owner + " | " + c.toGenericString());
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (!m.isSynthetic() && !m.isBridge() && isExposed(m.getModifiers())) {
        lines.add(owner + " | " + m.toGenericString());
      }
    }
  }

  private static boolean isExposed(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }
}
