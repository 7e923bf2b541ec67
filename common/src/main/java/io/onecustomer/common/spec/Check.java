package io.onecustomer.common.spec;

import io.onecustomer.common.TableId;
import java.util.List;

/**
 * A data-quality check as data: what it tests, its level and its threshold. A table's spec lists its
 * checks; {@code onecustomer.quality.overrides} may change a check's level or threshold per table.
 * Every run records every result in {@code ops.data_quality}.
 *
 * <p>Row checks ({@link Kind#NOT_NULL}, {@link Kind#ACCEPTED_VALUES}, {@link Kind#RANGE}, {@link
 * Kind#UNIQUE}, {@link Kind#REFERENCES}) count offending rows (or duplicated keys, or missing
 * references) and fail when the count exceeds the threshold (default 0). {@link
 * Kind#ROW_COUNT_CHANGE} compares the rows written per day with the table's preceding days (or,
 * for a whole-table write, with what it held) and fails outside [1/threshold, threshold]. {@link
 * Kind#OBSERVED} is a value the job measures itself (bronze: lines read minus rows accepted and
 * rejected; the reject share) and fails above the threshold.
 */
public record Check(
    String name, Kind kind, Level level, double threshold, List<String> columns, List<String> values,
    Double min, Double max, TableId other, String otherColumn) {

  public enum Kind {
    NOT_NULL,
    UNIQUE,
    ACCEPTED_VALUES,
    RANGE,
    REFERENCES,
    ROW_COUNT_CHANGE,
    RECONCILES,
    OBSERVED
  }

  public Check {
    columns = List.copyOf(columns);
    values = List.copyOf(values);
  }

  public static Check notNull(String column) {
    return new Check("not_null(" + column + ")", Kind.NOT_NULL, Level.ERROR, 0, List.of(column), List.of(), null, null,
        null, null);
  }

  public static Check unique(List<String> key) {
    return new Check("unique(" + String.join(",", key) + ")", Kind.UNIQUE, Level.ERROR, 0, key, List.of(), null, null,
        null, null);
  }

  public static Check acceptedValues(String column, String... values) {
    return new Check("accepted_values(" + column + ")", Kind.ACCEPTED_VALUES, Level.ERROR, 0, List.of(column),
        List.of(values), null, null, null, null);
  }

  /** {@code min <= column <= max}; a null bound is open. Null values pass (not_null tests them). */
  public static Check range(String column, Double min, Double max) {
    return new Check("range(" + column + ")", Kind.RANGE, Level.ERROR, 0, List.of(column), List.of(), min, max, null,
        null);
  }

  /** Every non-null {@code column} value exists in {@code other.otherColumn} (referential integrity). */
  public static Check references(String column, TableId other, String otherColumn) {
    return new Check("references(" + column + "->" + other.qualified() + "." + otherColumn + ")", Kind.REFERENCES,
        Level.ERROR, 0, List.of(column), List.of(), null, null, other, otherColumn);
  }

  /**
   * The total of {@code column} over the rows written equals the total of {@code otherColumn} in
   * {@code other} over the same days of its {@code otherDayColumn} (for a whole-table write: every
   * day up to the run's last); fails when they differ by more than the threshold (default 0).
   */
  public static Check reconciles(String column, TableId other, String otherColumn, String otherDayColumn) {
    return new Check("reconciles(sum " + column + " = sum " + other.qualified() + "." + otherColumn + ")",
        Kind.RECONCILES, Level.ERROR, 0, List.of(column), List.of(otherDayColumn), null, null, other, otherColumn);
  }

  /** Rows per day within [previous / ratio, previous * ratio]; a warning unless configured otherwise. */
  public static Check rowCountChange(double ratio) {
    return new Check("row_count_change", Kind.ROW_COUNT_CHANGE, Level.WARNING, ratio, List.of(), List.of(), null, null,
        null, null);
  }

  /** A value the job measures (e.g. lines read minus rows written); fails above {@code max}. */
  public static Check observed(String name, Level level, double max) {
    return new Check(name, Kind.OBSERVED, level, max, List.of(), List.of(), null, null, null, null);
  }

  public Check at(Level newLevel) {
    return new Check(name, kind, newLevel, threshold, columns, values, min, max, other, otherColumn);
  }

  public Check withThreshold(double newThreshold) {
    return new Check(name, kind, level, newThreshold, columns, values, min, max, other, otherColumn);
  }

  /** One line for the docs: kind, columns, bounds, level. */
  public String describe() {
    String what = switch (kind) {
      case NOT_NULL -> "`" + columns.get(0) + "` is never null";
      case UNIQUE -> "one row per (`" + String.join("`, `", columns) + "`)";
      case ACCEPTED_VALUES -> "`" + columns.get(0) + "` in " + String.join(", ", values);
      case RANGE -> "`" + columns.get(0) + "` " + (min == null ? "" : ">= " + fmt(min)) + (min != null && max != null
          ? " and " : "") + (max == null ? "" : "<= " + fmt(max));
      case REFERENCES -> "every `" + columns.get(0) + "` exists in `" + other.qualified() + "." + otherColumn + "`";
      case ROW_COUNT_CHANGE -> "rows per day within x" + fmt(threshold) + " of the preceding days";
      case RECONCILES -> "the total of `" + columns.get(0) + "` equals the total of `" + other.qualified() + "."
          + otherColumn + "` over the same days of `" + values.get(0) + "`";
      case OBSERVED -> "measured by the job, at most " + fmt(threshold);
    };
    String tolerance = kind == Kind.ROW_COUNT_CHANGE || kind == Kind.OBSERVED || kind == Kind.RECONCILES
        || threshold == 0 ? ""
        : " (up to " + fmt(threshold) + " rows)";
    return what + tolerance + ", " + level.label();
  }

  static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }
}
