package io.onecustomer.jobs;

import static io.onecustomer.common.spec.Types.DATE;
import static io.onecustomer.common.spec.Types.DOUBLE;
import static io.onecustomer.common.spec.Types.LONG;
import static io.onecustomer.common.spec.Types.STRING;
import static io.onecustomer.common.spec.Types.STRINGS;
import static io.onecustomer.common.spec.Types.TIMESTAMP;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.Check;
import io.onecustomer.common.spec.TableSpec;

/** The run's own record: ops.job_runs and ops.data_quality, written by the runner. */
public final class OpsTables {
  private OpsTables() {}

  public static final String RUNNER = "runner";

  public static final TableSpec JOB_RUNS = TableSpec.table(Tables.OPS, "job_runs")
      .grain("One row per job run: the run id shared by every job of one nightly or backfill, the job and its table,"
          + " the business days, status, start and end, rows read, written and rejected (from the job's own data),"
          + " warnings and the error. Append-only.")
      .required("run_id", STRING, "One id for every job of one invocation (nightly, backfill, or a single job)")
      .required("job_id", STRING, "The job (its table's layer and name, e.g. gold_rfm_segments)")
      .required("table_name", STRING, "The table the job writes, layer.name")
      .required("date_from", DATE, "First business day of the run")
      .required("date_to", DATE, "Last business day of the run")
      .required("status", STRING, "succeeded or failed")
      .required("started_at", TIMESTAMP, "When the job started")
      .required("finished_at", TIMESTAMP, "When the job finished or failed")
      .required("duration_ms", LONG, "Wall time of the job, milliseconds")
      .column("rows_read", LONG, "Records the job's Spark tasks read from storage (its inputs, the Delta logs and the"
          + " tables its checks compare with); bronze: landing lines read. Null when the job failed before reading")
      .column("rows_written", LONG, "Rows the job committed to its table, counted from the data written")
      .column("rows_rejected", LONG, "Rows the job sent to a rejects table (bronze), else 0")
      .required("warnings", STRINGS, "The job's warnings, including failed warning-level checks")
      .column("error", STRING, "Why the job failed (the check, the file, the value); null when it succeeded")
      .partitionedByDay("date_to")
      .key("run_id", "job_id")
      .check(Check.acceptedValues("status", "succeeded", "failed"))
      .append()
      .writtenBy(RUNNER)
      .build();

  public static final TableSpec DATA_QUALITY = TableSpec.table(Tables.OPS, "data_quality")
      .grain("One row per run, table, business day and check: level, status, observed value, threshold and up to 10"
          + " offending keys (key columns only, never raw PII). Append-only.")
      .required("run_id", STRING, "The run (ops.job_runs.run_id)")
      .required("job_id", STRING, "The job whose write was checked")
      .required("table_name", STRING, "The table checked, layer.name")
      .required("date_from", DATE, "First business day the result covers")
      .required("date_to", DATE, "Last business day the result covers (equal to date_from for per-day results)")
      .required("check_name", STRING, "The check, as named in docs/tables.md, e.g. not_null(customer_id)")
      .required("level", STRING, "error (stops the job before its commit) or warning (recorded)")
      .required("status", STRING, "passed, failed or skipped")
      .column("observed", DOUBLE, "Offending rows or keys, the row-count ratio, or the job's own measurement; null"
          + " when skipped")
      .required("threshold", DOUBLE, "Largest observed value that passes (for row_count_change: the allowed ratio)")
      .required("sample_keys", STRINGS, "Up to 10 offending keys as column=value lists (empty when passed)")
      .column("message", STRING, "Why a check was skipped, or the row-count comparison")
      .required("checked_at", TIMESTAMP, "When the check ran")
      .partitionedByDay("date_to")
      .check(Check.acceptedValues("level", "error", "warning"))
      .check(Check.acceptedValues("status", "passed", "failed", "skipped"))
      .append()
      .writtenBy(RUNNER)
      .build();
}
