package io.onecustomer.jobs;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.spec.Publish;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;

/**
 * What a job gets from the entry point: the session, the typed config, the business days to
 * process, the instant the run started (stamped on rows as ingestion metadata only; never used in
 * logic), the run log its checks' results go to, and the identifier hashing keys the entry point
 * read and checked before anything ran (jobs never read the environment for them). {@code requested}
 * is the range the command asked for; {@code range} may start earlier when the run recomputes days
 * that late or corrected data changed (Reprocessing).
 */
public record JobContext(SparkSession spark, AppConfig config, DateRange range, Instant runStartedAt, RunLog log,
    DateRange requested, HashKeys keys) {
  /** A context outside a runner (tests, tools): a run log of its own that nothing flushes. */
  public JobContext(SparkSession spark, AppConfig config, DateRange range, Instant runStartedAt) {
    this(spark, config, range, runStartedAt, new RunLog("adhoc"));
  }

  /** The days asked for are the days processed; the keys from the environment config names. */
  public JobContext(SparkSession spark, AppConfig config, DateRange range, Instant runStartedAt, RunLog log) {
    this(spark, config, range, runStartedAt, log, range, HashKeys.fromEnvironment(config, System.getenv()));
  }

  /** The same run over other days (a range widened for late or corrected data, or moved forward). */
  public JobContext over(DateRange days) {
    return new JobContext(spark, config, days, runStartedAt, log, requested, keys);
  }

  public String warehouse() {
    return config.paths().warehouse();
  }

  public Timestamp runStartedTimestamp() {
    return Timestamp.from(runStartedAt);
  }

  /** Where this job's writes send their check results, with the configured quality rules. */
  public Publish publish(String jobId) {
    return new Publish(spark, warehouse(), range, config.quality(), results -> log.checked(jobId, range, results));
  }
}
