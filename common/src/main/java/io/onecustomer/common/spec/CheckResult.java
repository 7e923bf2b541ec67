package io.onecustomer.common.spec;

import io.onecustomer.common.TableId;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * One check's outcome for one table and day (or the days of a whole-table write): a row of {@code
 * ops.data_quality}. {@code observed} is the number of offending rows (or keys), the row-count
 * ratio, or the job's own measurement; null when the check was skipped.
 */
public record CheckResult(
    TableId table, String check, Level level, Status status, LocalDate dateFrom, LocalDate dateTo, Double observed,
    double threshold, List<String> sampleKeys, String message) {

  public enum Status {
    PASSED,
    FAILED,
    SKIPPED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public CheckResult {
    sampleKeys = List.copyOf(sampleKeys);
  }

  public boolean stopsTheJob() {
    return status == Status.FAILED && level == Level.ERROR;
  }

  public boolean isWarning() {
    return status == Status.FAILED && level == Level.WARNING;
  }

  /** "gold.x 2026-11-15 not_null(customer_id): 3 offending (threshold 0); keys: [...]" */
  public String describe() {
    String days = dateFrom == null ? "" : " " + (dateFrom.equals(dateTo) ? dateFrom : dateFrom + ".." + dateTo);
    return table + days + " " + check + ": " + (message != null ? message
        : "observed " + Check.fmt(observed == null ? Double.NaN : observed) + ", threshold " + Check.fmt(threshold))
        + (sampleKeys.isEmpty() ? "" : "; keys " + sampleKeys);
  }
}
