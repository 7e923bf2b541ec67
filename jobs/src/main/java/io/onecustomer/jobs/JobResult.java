package io.onecustomer.jobs;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import java.util.List;

/**
 * What a job did, logged on one line and recorded in ops.job_runs. Rows written and rejected come
 * from the data the job wrote (its checks' own pass); rows read from the job's input metrics or, in
 * bronze, the landing lines it read.
 */
public record JobResult(
    String jobId,
    TableId table,
    DateRange range,
    long rowsRead,
    long rowsWritten,
    long rowsRejected,
    long millis,
    List<String> warnings) {

  /** A result whose rows read the runner fills in from the job's Spark input metrics. */
  public static JobResult of(String jobId, TableId table, DateRange range, long written, long rejected,
      List<String> warnings) {
    return new JobResult(jobId, table, range, -1, written, rejected, 0, List.copyOf(warnings));
  }

  public JobResult withRowsRead(long read) {
    return new JobResult(jobId, table, range, read, rowsWritten, rowsRejected, millis, warnings);
  }

  public JobResult withMillis(long ms) {
    return new JobResult(jobId, table, range, rowsRead, rowsWritten, rowsRejected, ms, warnings);
  }

  public String logLine() {
    return "job=" + jobId + " table=" + table + " dates=" + range + " read=" + (rowsRead < 0 ? "n/a" : String.valueOf(rowsRead))
        + " written=" + rowsWritten + " rejected=" + rowsRejected + " ms=" + millis
        + " warnings=" + warnings.size()
        + (warnings.isEmpty() ? "" : " first_warning=\"" + warnings.get(0) + "\"");
  }
}
