package io.onecustomer.jobs;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import java.util.List;

/** What a job did, logged on one line. Counts come from Delta commit metrics, not extra scans. */
public record JobResult(
    String jobId,
    TableId table,
    DateRange range,
    long rowsRead,
    long rowsWritten,
    long rowsRejected,
    long millis,
    List<String> warnings) {

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
