package io.onecustomer.common.spec;

import java.util.List;

/**
 * An error-level check failed on the data a job was about to write; nothing was committed. The
 * message names table, days, check and up to ten offending keys (key columns only, never raw PII).
 */
public final class QualityGateException extends RuntimeException {
  private final List<CheckResult> failures;

  public QualityGateException(TableSpec spec, List<CheckResult> failures) {
    super("quality gate failed for " + spec.qualified() + ", nothing committed: "
        + String.join(" | ", failures.stream().limit(5).map(CheckResult::describe).toList())
        + (failures.size() > 5 ? " | and " + (failures.size() - 5) + " more" : ""));
    this.failures = List.copyOf(failures);
  }

  public List<CheckResult> failures() {
    return failures;
  }
}
