package io.onecustomer.common.spec;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.delta.DeltaWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import scala.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-audit-publish for one table: conform the job's output to the spec, run the checks on it,
 * record every result, stop before the commit on an error-level failure (the table's Delta version
 * does not move), else commit in the spec's write mode and bring the catalog comments up to date.
 * The rows written are counted from the data written (the checks' own pass), never read back from
 * whatever commit is the table's latest.
 */
public final class TableWriter {
  private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);

  private TableWriter() {}

  /** What a publish did. {@code version} is the table's Delta version after the commit. */
  public record Written(long rows, Map<LocalDate, Long> rowsByDay, List<CheckResult> results, long version) {
    public List<String> warnings() {
      return results.stream().filter(CheckResult::isWarning).map(CheckResult::describe).toList();
    }
  }

  /** Writes {@code data} for the run's days (or the whole table, or an append, by the spec's mode). */
  public static Written publish(Publish p, TableSpec spec, Dataset<Row> data) {
    return publish(p, spec, data, p.range(), null, Map.of(), null);
  }

  /** Writes the days {@code days} (a snapshot job that writes the run's last day only). */
  public static Written publish(Publish p, TableSpec spec, Dataset<Row> data, DateRange days) {
    return publish(p, spec, data, days, null, Map.of(), null);
  }

  /**
   * The general form: {@code replaceWhere} overrides the predicate built from {@code days} (bronze
   * replaces only the days that had a landing folder); {@code observations} feeds the spec's
   * observed checks; {@code userMetadata} tags the commit (found again with DESCRIBE HISTORY).
   */
  public static Written publish(Publish p, TableSpec spec, Dataset<Row> data, DateRange days, String replaceWhere,
      Map<String, Double> observations, String userMetadata) {
    return commit(p, spec, audit(p, spec, data, days, observations), replaceWhere, userMetadata);
  }

  /**
   * Appends one event to an append-only log table (an erasure request, a key rotation step),
   * checked like any write; the event's day is its UTC date.
   */
  public static Written publishEvent(SparkSession spark, String warehouse, TableSpec spec, Row event, Instant at) {
    return publish(Publish.quiet(spark, warehouse, DateRange.of(LocalDate.ofInstant(at, ZoneOffset.UTC))), spec,
        spark.createDataFrame(List.of(event), spec.schema()));
  }

  /** Checked data, persisted and not yet committed: the first half of a publish. */
  public record Audited(Dataset<Row> data, DateRange days, QualityGate.Outcome outcome) {
    public void discard() {
      data.unpersist();
    }
  }

  /**
   * Conforms and checks without committing (a job that writes several tables audits all before it
   * commits any). Throws {@link QualityGateException} on an error-level failure, after recording it.
   */
  public static Audited audit(Publish p, TableSpec spec, Dataset<Row> data, DateRange days,
      Map<String, Double> observations) {
    long t0 = System.nanoTime();
    Dataset<Row> conformed = spec.conform(data).persist(StorageLevel.MEMORY_AND_DISK());
    QualityGate.Outcome outcome;
    try {
      List<Check> checks = p.rules().enabled() ? p.rules().apply(spec)
          : spec.checks().stream().filter(c -> c.kind() == Check.Kind.OBSERVED).toList();
      Map<String, String> others = new LinkedHashMap<>();
      checks.stream().filter(c -> c.kind() == Check.Kind.REFERENCES || c.kind() == Check.Kind.RECONCILES)
          .forEach(c -> others.put(c.other().qualified(), c.other().path(p.warehouse())));
      outcome = QualityGate.evaluate(p.spark(), spec, checks, conformed, days, spec.id().path(p.warehouse()),
          observations, others);
    } catch (RuntimeException e) {
      conformed.unpersist();
      throw e;
    }
    p.results().accept(outcome.results());
    LOG.info("{}: {} row(s) checked, {} result(s), {} failed, in {} ms", spec, outcome.rows(), outcome.results().size(),
        outcome.results().stream().filter(r -> r.status() == CheckResult.Status.FAILED).count(),
        (System.nanoTime() - t0) / 1_000_000);
    outcome.warnings().forEach(w -> LOG.warn("quality warning: {}", w.describe()));
    if (!outcome.errors().isEmpty()) {
      conformed.unpersist();
      throw new QualityGateException(spec, outcome.errors());
    }
    return new Audited(conformed, days, outcome);
  }

  /** Commits audited data: the second half of a publish. */
  public static Written commit(Publish p, TableSpec spec, Audited a, String replaceWhere, String userMetadata) {
    long t0 = System.nanoTime();
    try {
      String path = spec.id().path(p.warehouse());
      String[] parts = spec.partitionBy().toArray(new String[0]);
      Dataset<Row> data = io.onecustomer.common.FaultPoints.midWrite(spec.qualified(), a.data());
      switch (spec.mode()) {
        case REPLACE_DAYS -> DeltaWriter.replace(p.spark(), data, spec.id(), p.warehouse(),
            replaceWhere != null ? replaceWhere : a.days().sqlPredicate(spec.dayColumn()), spec.grain(), parts);
        case REPLACE_ALL -> DeltaWriter.replaceAll(p.spark(), data, spec.id(), p.warehouse(), spec.grain(),
            userMetadata, parts);
        case APPEND -> DeltaWriter.appendEvents(p.spark(), data, spec.id(), p.warehouse(), spec.grain());
      }
      long t1 = System.nanoTime();
      syncComments(p, spec, path);
      long version = DeltaLog.forTable(p.spark(), path).update(false, Option.empty(), Option.empty()).version();
      LOG.info("{}: committed version {} in {} ms (comments and version {} ms)", spec, version,
          (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
      return new Written(a.outcome().rows(), a.outcome().rowsByDay(), a.outcome().results(), version);
    } finally {
      a.discard();
    }
  }

  /**
   * Brings the table's and columns' comments in the Delta log in line with the spec, when they
   * differ (the first write, or a spec whose wording changed): catalog readers always see the
   * spec's words, not those of the table's creation.
   */
  static void syncComments(Publish p, TableSpec spec, String path) {
    for (int attempt = 1; ; attempt++) {
      try {
        syncCommentsOnce(p, spec, path);
        return;
      } catch (ConcurrentModificationException e) {
        // A table several jobs write (the ingest audit) may be altered by two of them at once on
        // its first write; the loser looks again and finds the comments in place.
        if (attempt >= 5) {
          throw e;
        }
        LOG.info("{}: concurrent comment update ({}), attempt {} of 5", spec, e.getClass().getSimpleName(), attempt + 1);
      }
    }
  }

  private static void syncCommentsOnce(Publish p, TableSpec spec, String path) {
    // The snapshot this JVM just committed: metadata without running a Spark job.
    Metadata meta = DeltaLog.forTable(p.spark(), path).update(false, Option.empty(), Option.empty()).metadata();
    Map<String, String> now = new LinkedHashMap<>();
    for (StructField f : meta.schema().fields()) {
      now.put(f.name(), f.getComment().isDefined() ? f.getComment().get() : null);
    }
    String ref = "delta.`" + path.replace("`", "``") + "`";
    for (ColumnSpec c : spec.columns()) {
      if (now.containsKey(c.name()) && !c.comment().equals(now.get(c.name()))) {
        p.spark().sql("ALTER TABLE " + ref + " ALTER COLUMN " + c.name() + " COMMENT '" + sql(c.comment()) + "'");
      }
    }
    if (!spec.grain().equals(meta.description())) {
      p.spark().sql("ALTER TABLE " + ref + " SET TBLPROPERTIES ('comment' = '" + sql(spec.grain()) + "')");
    }
  }

  private static String sql(String s) {
    return s.replace("\\", "\\\\").replace("'", "\\'");
  }
}
