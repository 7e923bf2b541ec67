package io.onecustomer.jobs;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.spec.CheckResult;
import io.onecustomer.common.spec.Publish;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.TableWriter;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;
import scala.collection.immutable.Seq;

/**
 * What one invocation did, job by job and check by check: buffered while the jobs run (jobs of a
 * night run side by side) and appended to {@code ops.job_runs} and {@code ops.data_quality} by
 * {@link #flush}, which the runner calls after every job batch, failed or not.
 */
public final class RunLog {
  private final String runId;
  private final List<Row> runs = new ArrayList<>();
  private final List<Row> checks = new ArrayList<>();
  private final List<Row> allRuns = new ArrayList<>();

  public RunLog(String runId) {
    this.runId = runId;
  }

  /** A new run id: the start time and a random suffix, e.g. 20261115T020000Z-3f2a9c. */
  public static String newRunId(Instant started) {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(LocalDateTime.ofInstant(started, ZoneOffset.UTC))
        + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  public String runId() {
    return runId;
  }

  /** Results of one write's checks. */
  public synchronized void checked(String jobId, DateRange range, List<CheckResult> results) {
    Timestamp now = Timestamp.from(Instant.now());
    for (CheckResult r : results) {
      checks.add(RowFactory.create(runId, jobId, r.table().qualified(), Date.valueOf(r.dateFrom()),
          Date.valueOf(r.dateTo()), r.check(), r.level().label(), r.status().label(), r.observed(), r.threshold(),
          seq(r.sampleKeys()), r.message(), now));
    }
  }

  /** A job that finished. */
  public synchronized void succeeded(JobResult r, Instant start, Instant end) {
    add(RowFactory.create(runId, r.jobId(), r.table().qualified(), Date.valueOf(r.range().from()),
        Date.valueOf(r.range().to()), "succeeded", Timestamp.from(start), Timestamp.from(end),
        end.toEpochMilli() - start.toEpochMilli(), r.rowsRead() < 0 ? null : r.rowsRead(), r.rowsWritten(),
        r.rowsRejected(), seq(r.warnings()), null));
  }

  /** A job that failed: nothing it would have committed is visible (the gates and side-table restores see to it). */
  public synchronized void failed(Job job, DateRange range, Instant start, Instant end, Long rowsRead, String error) {
    add(RowFactory.create(runId, job.id(), job.output().qualified(), Date.valueOf(range.from()),
        Date.valueOf(range.to()), "failed", Timestamp.from(start), Timestamp.from(end),
        end.toEpochMilli() - start.toEpochMilli(), rowsRead, null, null, seq(List.of()), error));
  }

  private void add(Row r) {
    runs.add(r);
    allRuns.add(r);
  }

  /** Every job run recorded by this log (flushed or not), in the order they ended. */
  public synchronized List<Row> jobRuns() {
    return List.copyOf(allRuns);
  }

  /** Appends what was recorded since the last flush to ops.job_runs and ops.data_quality. */
  public void flush(SparkSession spark, String warehouse, DateRange range) {
    List<Row> r;
    List<Row> c;
    synchronized (this) {
      r = new ArrayList<>(runs);
      c = new ArrayList<>(checks);
      runs.clear();
      checks.clear();
    }
    Publish p = Publish.quiet(spark, warehouse, range);
    write(p, OpsTables.DATA_QUALITY, c, spark);
    write(p, OpsTables.JOB_RUNS, r, spark);
  }

  private static void write(Publish p, TableSpec spec, List<Row> rows, SparkSession spark) {
    if (!rows.isEmpty()) {
      TableWriter.publish(p, spec, spark.createDataFrame(rows, spec.schema()).coalesce(1));
    }
  }

  private static Seq<String> seq(List<String> xs) {
    return JavaConverters.asScalaBuffer(new ArrayList<>(xs)).toList();
  }
}
