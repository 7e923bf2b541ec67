package io.onecustomer.common;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The business days a job processes, both ends inclusive. A nightly run is a one-day range; a
 * backfill is a longer one, processed in one pass per job.
 */
public record DateRange(LocalDate from, LocalDate to) {
  public DateRange {
    if (from == null || to == null) {
      throw new IllegalArgumentException("date range needs both ends, got " + from + ".." + to);
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "date range end " + to + " is before its start " + from);
    }
  }

  public static DateRange of(LocalDate day) {
    return new DateRange(day, day);
  }

  /** Parses {@code YYYY-MM-DD}, naming the option in the error. */
  public static LocalDate parseDate(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException(
          option + " must be a date like 2026-05-01, got '" + value + "'");
    }
  }

  public List<LocalDate> days() {
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      out.add(d);
    }
    return out;
  }

  public int length() {
    return (int) (to.toEpochDay() - from.toEpochDay() + 1);
  }

  /** A SQL predicate on a DATE column, usable as a Delta replaceWhere. */
  public String sqlPredicate(String dateColumn) {
    return from.equals(to)
        ? dateColumn + " = DATE'" + from + "'"
        : dateColumn + " BETWEEN DATE'" + from + "' AND DATE'" + to + "'";
  }

  /** A SQL predicate selecting some days of a DATE column, usable as a Delta replaceWhere. */
  public static String sqlIn(String dateColumn, java.util.Collection<LocalDate> days) {
    return dateColumn + " IN (" + days.stream().map(d -> "DATE'" + d + "'")
        .collect(java.util.stream.Collectors.joining(", ")) + ")";
  }

  @Override
  public String toString() {
    return from.equals(to) ? from.toString() : from + ".." + to;
  }
}
