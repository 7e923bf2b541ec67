package io.onecustomer.jobs;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;

/**
 * What a job gets from the entry point: the session, the typed config, the business days to
 * process, and the instant the run started (stamped on rows as ingestion metadata only; never
 * used in logic).
 */
public record JobContext(SparkSession spark, AppConfig config, DateRange range, Instant runStartedAt) {
  public String warehouse() {
    return config.paths().warehouse();
  }

  public Timestamp runStartedTimestamp() {
    return Timestamp.from(runStartedAt);
  }
}
