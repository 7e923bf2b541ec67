package io.onecustomer.jobs;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import org.apache.spark.SparkException;

/** A job failed; the message names the job, its table, the dates and the cause. */
public class JobFailedException extends RuntimeException {
  public JobFailedException(String jobId, TableId table, DateRange range, Throwable cause) {
    super("job " + jobId + " (table " + table + ", dates " + range + ") failed: " + rootMessage(cause), cause);
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c && (c.getMessage() == null
        || c instanceof SparkException)) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
