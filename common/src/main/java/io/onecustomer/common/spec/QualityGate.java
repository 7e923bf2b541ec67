package io.onecustomer.common.spec;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.grouping_id;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.onecustomer.common.DateRange;
import io.onecustomer.common.spec.CheckResult.Status;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Runs a table's checks on the data a job is about to write (write-audit-publish: nothing is
 * committed yet). Row checks, totals and uniqueness share one aggregation pass (grouped by the day
 * column when the write replaces days, rolled up over all days when a key holds across them);
 * references take one more pass each; offending keys are collected only when a check fails, at
 * most {@link #SAMPLE} of them, key columns only.
 */
public final class QualityGate {
  public static final int SAMPLE = 10;
  private static final String ROWS = "__rows";

  private QualityGate() {}

  /** What the gate saw: every result, and the rows written per day. */
  public record Outcome(List<CheckResult> results, Map<LocalDate, Long> rowsByDay, long rows) {
    public List<CheckResult> errors() {
      return results.stream().filter(CheckResult::stopsTheJob).toList();
    }

    public List<CheckResult> warnings() {
      return results.stream().filter(CheckResult::isWarning).toList();
    }
  }

  /**
   * Evaluates {@code checks} on {@code data} (already conformed to {@code spec}; persist it first:
   * it is read once per pass). {@code observations} carries the values of {@link Check.Kind#OBSERVED}
   * checks; {@code tablePath} is where the table lives now (for the row-count change).
   */
  public static Outcome evaluate(SparkSession spark, TableSpec spec, List<Check> checks, Dataset<Row> data,
      DateRange range, String tablePath, Map<String, Double> observations, Map<String, String> otherPaths) {
    String day = spec.mode() == WriteMode.REPLACE_DAYS ? spec.dayColumn() : null;
    List<Check> rowChecks = checks.stream().filter(c -> c.kind() == Check.Kind.NOT_NULL
        || c.kind() == Check.Kind.ACCEPTED_VALUES || c.kind() == Check.Kind.RANGE).toList();
    // Uniqueness in the same pass, per day when the key holds the day column: rows minus distinct
    // keys is the number of surplus rows (0 when unique); offending keys are looked up on failure.
    List<Check> uniques = checks.stream().filter(c -> c.kind() == Check.Kind.UNIQUE).toList();
    // A key without the day column must hold across all the days written: the same pass rolls the
    // days up into one more row (grouping id 1) whose distinct-key counts cover every day.
    List<Check> across = uniques.stream().filter(c -> day != null && !c.columns().contains(day)).toList();
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)).alias(ROWS));
    for (int i = 0; i < rowChecks.size(); i++) {
      aggs.add(sum(when(violation(rowChecks.get(i)), 1).otherwise(0)).alias("__c" + i));
    }
    List<Check> totals = checks.stream().filter(c -> c.kind() == Check.Kind.RECONCILES).toList();
    for (int i = 0; i < totals.size(); i++) {
      aggs.add(sum(col(totals.get(i).columns().get(0))).cast("decimal(38,6)").alias("__s" + i));
    }
    for (int i = 0; i < uniques.size(); i++) {
      // count(DISTINCT struct(...)) counts a key with null parts too (a plain countDistinct skips it).
      aggs.add(countDistinct(struct(uniques.get(i).columns().stream().map(functions::col).toArray(Column[]::new)))
          .alias("__u" + i));
    }
    if (!across.isEmpty()) {
      aggs.add(grouping_id().alias("__g"));
    }
    Column first = aggs.get(0);
    Column[] rest = aggs.subList(1, aggs.size()).toArray(new Column[0]);
    List<Row> grouped = (day == null ? data.agg(first, rest)
        : across.isEmpty() ? data.groupBy(col(day)).agg(first, rest) : data.rollup(col(day)).agg(first, rest))
        .collectAsList();
    List<CheckResult> out = new ArrayList<>();
    Map<LocalDate, long[]> byDay = new TreeMap<>();
    int width = rowChecks.size() + uniques.size() + 1;
    BigDecimal[] sums = new BigDecimal[totals.size()];
    Arrays.fill(sums, BigDecimal.ZERO);
    Map<Check, Long> surplusAcross = new LinkedHashMap<>();
    for (Row r : grouped) {
      int o = day == null ? 0 : 1;
      if (!across.isEmpty() && ((Number) r.get(r.size() - 1)).longValue() == 1) {
        long all = r.getLong(o);
        for (Check c : across) {
          surplusAcross.put(c, all - r.getLong(o + rowChecks.size() + 1 + totals.size() + uniques.indexOf(c)));
        }
        continue;
      }
      LocalDate d = day == null ? range.to() : r.getDate(0).toLocalDate();
      long[] v = new long[width];
      for (int i = 0; i <= rowChecks.size(); i++) {
        v[i] = r.isNullAt(o + i) ? 0 : r.getLong(o + i);
      }
      for (int i = 0; i < totals.size(); i++) {
        int at = o + rowChecks.size() + 1 + i;
        sums[i] = sums[i].add(r.isNullAt(at) ? BigDecimal.ZERO : r.getDecimal(at));
      }
      for (int i = 0; i < uniques.size(); i++) {
        int at = o + rowChecks.size() + 1 + totals.size() + i;
        v[rowChecks.size() + 1 + i] = r.isNullAt(at) ? 0 : r.getLong(at);
      }
      byDay.put(d, v);
    }
    for (int i = 0; i < totals.size(); i++) {
      out.add(reconciles(spark, spec, totals.get(i), range, otherPaths.get(totals.get(i).other().qualified()), sums[i]));
    }
    Map<LocalDate, Long> rowsByDay = new LinkedHashMap<>();
    byDay.forEach((d, v) -> rowsByDay.put(d, v[0]));
    long rows = byDay.values().stream().mapToLong(v -> v[0]).sum();

    for (int i = 0; i < rowChecks.size(); i++) {
      Check c = rowChecks.get(i);
      if (byDay.isEmpty()) {
        out.add(result(spec, c, range.from(), range.to(), 0.0, null, List.of()));
      }
      for (Map.Entry<LocalDate, long[]> e : byDay.entrySet()) {
        long bad = e.getValue()[i + 1];
        List<String> keys = bad > c.threshold()
            ? sample(spec, data.where(violation(c).and(day == null ? lit(true) : col(day).equalTo(Date.valueOf(e.getKey())))), c)
            : List.of();
        LocalDate from = day == null ? range.from() : e.getKey();
        out.add(result(spec, c, from, e.getKey(), (double) bad, null, keys));
      }
    }
    for (int i = 0; i < uniques.size(); i++) {
      Check c = uniques.get(i);
      if (across.contains(c)) {
        continue; // one result over all the days, below
      }
      if (byDay.isEmpty()) {
        out.add(result(spec, c, range.from(), range.to(), 0.0, null, List.of()));
      }
      for (Map.Entry<LocalDate, long[]> e : byDay.entrySet()) {
        long surplus = e.getValue()[0] - e.getValue()[1 + rowChecks.size() + i];
        List<String> keys = surplus > c.threshold() ? duplicatedKeys(c, data, day, e.getKey()) : List.of();
        out.add(result(spec, c, day == null ? range.from() : e.getKey(), e.getKey(), (double) surplus, null, keys));
      }
    }
    for (Check c : checks) {
      switch (c.kind()) {
        case UNIQUE -> {
          if (across.contains(c)) {
            long surplus = surplusAcross.getOrDefault(c, 0L);
            out.add(result(spec, c, range.from(), range.to(), (double) surplus, null,
                surplus > c.threshold() ? duplicatedKeys(c, data, null, null) : List.of()));
          }
        }
        case REFERENCES -> out.add(references(spark, spec, c, data, range, otherPaths.get(c.other().qualified())));
        case ROW_COUNT_CHANGE -> out.add(rowCountChange(spark, spec, c, range, tablePath, rowsByDay, rows));
        case OBSERVED -> {
          Double v = observations.get(c.name());
          out.add(v == null ? skipped(spec, c, range, "the job measured nothing for this check")
              : result(spec, c, range.from(), range.to(), v, null, List.of()));
        }
        default -> { }
      }
    }
    return new Outcome(out, rowsByDay, rows);
  }

  /**
   * The result of an observed check measured by the job outside {@link #evaluate} (bronze's
   * reconciliation, known only once both of its outputs are audited). {@code checks} are the
   * spec's checks after configuration; a check turned off by configuration passes.
   */
  public static CheckResult observed(TableSpec spec, List<Check> checks, String name, DateRange range, double value,
      String message) {
    Check c = checks.stream().filter(x -> x.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(spec + " declares no check " + name));
    CheckResult r = result(spec, c, range.from(), range.to(), value, null, List.of());
    return new CheckResult(r.table(), r.check(), r.level(), r.status(), r.dateFrom(), r.dateTo(), r.observed(),
        r.threshold(), r.sampleKeys(), r.status() == Status.FAILED ? message : null);
  }

  private static Column violation(Check c) {
    Column v = col(c.columns().get(0));
    return switch (c.kind()) {
      case NOT_NULL -> v.isNull();
      case ACCEPTED_VALUES -> v.isNotNull().and(v.isin(c.values().toArray()).unary_$bang());
      case RANGE -> {
        Column bad = lit(false);
        if (c.min() != null) {
          bad = bad.or(v.lt(lit(c.min())));
        }
        if (c.max() != null) {
          bad = bad.or(v.gt(lit(c.max())));
        }
        yield v.isNotNull().and(bad);
      }
      default -> throw new IllegalArgumentException("not a row check: " + c.name());
    };
  }

  private static List<String> duplicatedKeys(Check c, Dataset<Row> data, String day, LocalDate d) {
    Column[] key = c.columns().stream().map(colFn()).toArray(Column[]::new);
    Dataset<Row> rows = day == null ? data : data.where(col(day).equalTo(Date.valueOf(d)));
    return keys(rows.groupBy(key).count().where(col("count").gt(1)).drop("count"), c.columns());
  }

  private static CheckResult references(SparkSession spark, TableSpec spec, Check c, Dataset<Row> data,
      DateRange range, String otherPath) {
    if (otherPath == null || !DeltaTable.isDeltaTable(spark, otherPath)) {
      return skipped(spec, c, range, c.other() + " does not exist yet");
    }
    String column = c.columns().get(0);
    Dataset<Row> known = spark.read().format("delta").load(otherPath).select(col(c.otherColumn()).alias("__ref"))
        .distinct();
    Dataset<Row> missing = data.select(col(column)).where(col(column).isNotNull()).distinct()
        .join(known, col(column).equalTo(col("__ref")), "left_anti");
    long bad = missing.count();
    List<String> keys = bad > c.threshold() ? keys(missing, List.of(column)) : List.of();
    return result(spec, c, range.from(), range.to(), (double) bad, null, keys);
  }

  private static CheckResult reconciles(SparkSession spark, TableSpec spec, Check c, DateRange range, String otherPath,
      BigDecimal written) {
    if (otherPath == null || !DeltaTable.isDeltaTable(spark, otherPath)) {
      return skipped(spec, c, range, c.other() + " does not exist");
    }
    String otherDay = c.values().get(0);
    Column days = spec.mode() == WriteMode.REPLACE_ALL ? col(otherDay).leq(Date.valueOf(range.to()))
        : col(otherDay).between(Date.valueOf(range.from()), Date.valueOf(range.to()));
    Row r = spark.read().format("delta").load(otherPath).where(days)
        .agg(sum(col(c.otherColumn())).cast("decimal(38,6)")).first();
    BigDecimal input = r.isNullAt(0) ? BigDecimal.ZERO : r.getDecimal(0);
    double diff = written.subtract(input).abs().doubleValue();
    String msg = diff > c.threshold() ? "written " + written.stripTrailingZeros().toPlainString() + " against "
        + input.stripTrailingZeros().toPlainString() + " in " + c.other() : null;
    return new CheckResult(spec.id(), c.name(), c.level(), diff > c.threshold() ? Status.FAILED : Status.PASSED,
        range.from(), range.to(), diff, c.threshold(), List.of(), msg);
  }

  private static CheckResult rowCountChange(SparkSession spark, TableSpec spec, Check c, DateRange range,
      String path, Map<LocalDate, Long> rowsByDay, long rows) {
    if (path == null || !DeltaTable.isDeltaTable(spark, path)) {
      return skipped(spec, c, range, "no earlier data to compare with");
    }
    Dataset<Row> before = spark.read().format("delta").load(path);
    double now;
    double then;
    if (spec.mode() == WriteMode.REPLACE_DAYS) {
      String day = spec.dayColumn();
      LocalDate from = range.from().minusDays(Math.max(7, range.length()));
      List<Row> prev = before.where(col(day).geq(Date.valueOf(from)).and(col(day).lt(Date.valueOf(range.from()))))
          .groupBy(col(day)).count().collectAsList();
      if (prev.isEmpty() || rowsByDay.isEmpty()) {
        return skipped(spec, c, range, "no rows on the preceding days");
      }
      then = prev.stream().mapToLong(r -> r.getLong(1)).average().orElse(0);
      now = rows / (double) rowsByDay.size();
    } else {
      then = before.count();
      now = rows;
      if (then == 0) {
        return skipped(spec, c, range, "the table was empty");
      }
    }
    double ratio = now / then;
    String msg = null;
    boolean bad = ratio > c.threshold() || ratio < 1 / c.threshold();
    if (bad) {
      msg = String.format("rows per day %.0f against %.0f before (ratio %.3f, allowed 1/%s..%s)", now, then, ratio,
          Check.fmt(c.threshold()), Check.fmt(c.threshold()));
    }
    return new CheckResult(spec.id(), c.name(), c.level(), bad ? Status.FAILED : Status.PASSED, range.from(),
        range.to(), ratio, c.threshold(), List.of(), msg);
  }

  private static List<String> sample(TableSpec spec, Dataset<Row> offending, Check c) {
    List<String> cols = new ArrayList<>(spec.key().isEmpty() ? List.of() : spec.key());
    if (cols.isEmpty()) {
      if (spec.dayColumn() != null) {
        cols.add(spec.dayColumn());
      }
      c.columns().stream().filter(x -> !cols.contains(x)).forEach(cols::add);
    }
    return keys(offending, cols);
  }

  private static List<String> keys(Dataset<Row> rows, List<String> cols) {
    List<String> out = new ArrayList<>();
    for (Row r : rows.select(cols.stream().map(colFn()).toArray(Column[]::new)).limit(SAMPLE).collectAsList()) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < cols.size(); i++) {
        parts.add(cols.get(i) + "=" + r.get(i));
      }
      out.add(String.join(",", parts));
    }
    return out;
  }

  private static Function<String, Column> colFn() {
    return functions::col;
  }

  private static CheckResult result(TableSpec spec, Check c, LocalDate from, LocalDate to, Double observed,
      String message, List<String> keys) {
    boolean failed = observed != null && observed > c.threshold();
    return new CheckResult(spec.id(), c.name(), c.level(), failed ? Status.FAILED : Status.PASSED, from, to, observed,
        c.threshold(), keys, message);
  }

  private static CheckResult skipped(TableSpec spec, Check c, DateRange range, String why) {
    return new CheckResult(spec.id(), c.name(), c.level(), Status.SKIPPED, range.from(), range.to(), null,
        c.threshold(), List.of(), why);
  }
}
