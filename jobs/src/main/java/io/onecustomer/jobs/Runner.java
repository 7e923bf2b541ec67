package io.onecustomer.jobs;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one job, or every job in dependency order, for a date range, in one Spark session. */
public final class Runner {
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  private final SparkSession spark;
  private final AppConfig config;
  private final JobRegistry registry;

  public Runner(SparkSession spark, AppConfig config, JobRegistry registry) {
    this.spark = spark;
    this.config = config;
    this.registry = registry;
  }

  /** Runs one job; any failure becomes a JobFailedException naming job, table and dates. */
  public JobResult run(Job job, DateRange range, Instant runStartedAt) {
    long t0 = System.nanoTime();
    String group = "onecustomer:" + job.id() + ":" + range;
    spark.sparkContext().setJobGroup(group, job.id() + " -> " + job.output() + " for " + range, false);
    LOG.info("job={} table={} dates={} starting", job.id(), job.output(), range);
    try {
      JobResult r = job.run(new JobContext(spark, config, range, runStartedAt))
          .withMillis((System.nanoTime() - t0) / 1_000_000);
      LOG.info(r.logLine());
      return r;
    } catch (JobFailedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new JobFailedException(job.id(), job.output(), range, e);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * Every job in dependency order for the range: the nightly run (one day) and the backfill (many
   * days, one pass per job). Stops at the first failure.
   */
  public List<JobResult> runAll(DateRange range, Instant runStartedAt) {
    List<JobResult> results = new ArrayList<>();
    List<Job> order = registry.inDependencyOrder();
    LOG.info("running {} jobs for {}: {}", order.size(), range,
        order.stream().map(Job::id).toList());
    for (Job j : order) {
      results.add(run(j, range, runStartedAt));
    }
    return results;
  }
}
