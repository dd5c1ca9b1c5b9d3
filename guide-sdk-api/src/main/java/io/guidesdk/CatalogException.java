package io.guidesdk;

import java.util.List;
import java.util.Objects;

/**
 * A catalog could not be loaded. {@link #problems()} lists every problem found, each naming the file,
 * the line and the field; the message shows the first few.
 */
public class CatalogException extends NonRetriableGuideException {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN = 5;
  private final List<CatalogProblem> problems;

  public CatalogException(List<CatalogProblem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  public CatalogException(String message, Throwable cause) {
    super(message, Objects.requireNonNull(cause, "cause"));
    this.problems = List.of();
  }

  /** Every problem found, in file order. */
  public List<CatalogProblem> problems() {
    return problems;
  }

  private static String message(List<CatalogProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems must not be empty");
    }
    StringBuilder sb = new StringBuilder();
    sb.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append(" in catalog: ");
    for (int i = 0; i < Math.min(SHOWN, problems.size()); i++) {
      sb.append(i == 0 ? "" : "; ").append(problems.get(i));
    }
    if (problems.size() > SHOWN) {
      sb.append("; and ").append(problems.size() - SHOWN).append(" more");
    }
    return sb.toString();
  }
}
