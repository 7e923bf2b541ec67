package io.onecustomer.jobs;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one job, or every job in dependency order, for a date range, in one Spark session. */
public final class Runner {
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  /** How often a long job reports where it is. */
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

  private final SparkSession spark;
  private final AppConfig config;
  private final JobRegistry registry;
  private final HashKeys keys;
  /** Progress lines for a person (the entry point prints them); logged when nobody takes them. */
  private volatile Consumer<String> progress;
  private volatile Duration progressEvery = PROGRESS_EVERY;
  /** Jobs running now, by Spark job group: their id and start. */
  private final Map<String, Running> inFlight = new ConcurrentHashMap<>();

  private record Running(String jobId, long startNanos) {}

  /** A runner whose jobs hash with the keys from the environment {@code config} names (tests, tools). */
  public Runner(SparkSession spark, AppConfig config, JobRegistry registry) {
    this(spark, config, registry, HashKeys.fromEnvironment(config, System.getenv()));
  }

  /** A runner whose jobs hash with {@code keys}, read and checked by the entry point. */
  public Runner(SparkSession spark, AppConfig config, JobRegistry registry, HashKeys keys) {
    this.spark = spark;
    this.config = config;
    this.registry = registry;
    this.keys = keys;
  }

  /**
   * Sends progress to {@code sink} instead of the log: a line per job as it finishes (a table
   * over the run) and, every 30 seconds, a line per job still running (its step, rows read so far,
   * time elapsed).
   */
  public Runner withProgress(Consumer<String> sink) {
    this.progress = sink;
    return this;
  }

  /** Tests: another interval for the still-running lines. */
  Runner withProgressEvery(Duration every) {
    this.progressEvery = every;
    return this;
  }

  /** Runs one job as a run of its own (recorded and flushed to ops.job_runs and ops.data_quality). */
  public JobResult run(Job job, DateRange range, Instant runStartedAt) {
    RunLog log = new RunLog(RunLog.newRunId(runStartedAt));
    lastRunId = log.runId();
    ScheduledExecutorService ticker = startTicker();
    try {
      return run(job, range, runStartedAt, log);
    } finally {
      ticker.shutdownNow();
      flush(log, range);
    }
  }

  /** Every progressEvery, one line per job that has been running that long. */
  private ScheduledExecutorService startTicker() {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "onecustomer-progress");
      t.setDaemon(true);
      return t;
    });
    long every = progressEvery.toMillis();
    ReadMetrics reads = ReadMetrics.of(spark);
    ticker.scheduleAtFixedRate(() -> {
      long now = System.nanoTime();
      inFlight.forEach((group, r) -> {
        long seconds = (now - r.startNanos()) / 1_000_000_000L;
        if (seconds * 1000 >= every) {
          report(String.format("  ... %s still running after %d s: %s, %,d rows read so far", r.jobId(), seconds,
              reads.step(group), reads.recordsSoFar(group)));
        }
      });
    }, every, every, TimeUnit.MILLISECONDS);
    return ticker;
  }

  private void report(String line) {
    Consumer<String> sink = progress;
    if (sink == null) {
      LOG.info(line.strip());
      return;
    }
    try {
      sink.accept(line);
    } catch (RuntimeException e) { // a progress sink never stops a job
      LOG.info(line.strip());
    }
  }

  /** Runs one job; any failure becomes a JobFailedException naming job, table and dates. */
  JobResult run(Job job, DateRange range, Instant runStartedAt, RunLog log) {
    long t0 = System.nanoTime();
    Instant start = Instant.now();
    String group = "onecustomer:" + job.id() + ":" + range + ":" + log.runId();
    ReadMetrics reads = ReadMetrics.of(spark);
    spark.sparkContext().setJobGroup(group, job.id() + " -> " + job.output() + " for " + range, false);
    inFlight.put(group, new Running(job.id(), t0));
    LOG.info("job={} table={} dates={} starting", job.id(), job.output(), range);
    try {
      JobContext ctx = Reprocessing.widen(job, registry.upstreamTables(job),
          new JobContext(spark, config, range, runStartedAt, log, range, keys));
      JobResult r = job.run(ctx)
          .withMillis((System.nanoTime() - t0) / 1_000_000);
      if (r.rowsRead() < 0) {
        r = r.withRowsRead(reads.recordsRead(spark, group));
      }
      log.succeeded(r, start, Instant.now());
      LOG.info(r.logLine());
      return r;
    } catch (RuntimeException e) {
      JobFailedException f = e instanceof JobFailedException j ? j : new JobFailedException(job.id(), job.output(), range, e);
      log.failed(job, range, start, Instant.now(), reads.recordsRead(spark, group), f.getMessage());
      throw f;
    } finally {
      inFlight.remove(group);
      spark.sparkContext().clearJobGroup();
    }
  }

  /** Appends the log's rows; a failure to record never hides the job's own outcome. */
  private void flush(RunLog log, DateRange range) {
    try {
      log.flush(spark, config.paths().warehouse(), range);
    } catch (RuntimeException e) {
      LOG.error("could not record run {} in {} / {}: {}", log.runId(), OpsTables.JOB_RUNS, OpsTables.DATA_QUALITY,
          e.getMessage(), e);
    }
  }

  /**
   * Every job for the range, each after the jobs it depends on: the nightly run (one day) and the
   * backfill (many days, one pass per job). Up to {@code runner.parallelism} independent jobs run at
   * once in the session; among ready jobs, the one with the most jobs depending on it (directly or
   * not) starts first, ties in dependency order. After a failure no further job
   * starts, the running ones finish, and the first failure is thrown. Results come in dependency
   * order whatever order the jobs finished in.
   */
  public List<JobResult> runAll(DateRange range, Instant runStartedAt) {
    RunLog log = new RunLog(RunLog.newRunId(runStartedAt));
    lastRunId = log.runId();
    ScheduledExecutorService ticker = startTicker();
    try {
      return runAll(range, runStartedAt, log);
    } finally {
      ticker.shutdownNow();
      flush(log, range);
    }
  }

  private volatile String lastRunId;

  /** The run id of the latest runAll (for --summary). */
  public String lastRunId() {
    return lastRunId;
  }

  private List<JobResult> runAll(DateRange range, Instant runStartedAt, RunLog log) {
    List<Job> order = registry.inDependencyOrder();
    int parallelism = Math.min(config.runnerParallelism(), order.size());
    LOG.info("run {}: {} jobs for {} ({} at a time): {}", log.runId(), order.size(), range, parallelism,
        order.stream().map(Job::id).toList());
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "onecustomer-job-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    CompletionService<JobResult> done = new ExecutorCompletionService<>(pool);
    Map<String, JobResult> finished = new HashMap<>();
    Map<Future<JobResult>, Job> running = new HashMap<>();
    // Among ready jobs, those more jobs wait for start first (the silver orders before a small
    // reference table): with many gold jobs behind a few silver ones, that shortens the night.
    List<Job> waiting = new ArrayList<>(order);
    Map<String, Integer> dependents = new HashMap<>();
    order.forEach(j -> dependents.put(j.id(), registry.dependentsOf(j.id())));
    waiting.sort(Comparator.comparing((Job j) -> -dependents.get(j.id())));
    RuntimeException failure = null;
    long t0 = System.nanoTime();
    report(String.format("run %s: %d jobs for %s, up to %d at a time", log.runId(), order.size(), range, parallelism));
    report(String.format("  %-9s %-36s %-9s %8s %14s %14s %10s %9s", "done", "job", "status", "seconds", "rows read",
        "rows written", "rejected", "elapsed"));
    try {
      while (!waiting.isEmpty() || !running.isEmpty()) {
        if (failure == null) {
          for (Iterator<Job> it = waiting.iterator(); it.hasNext() && running.size() < parallelism; ) {
            Job j = it.next();
            if (finished.keySet().containsAll(registry.dependsOn(j))) {
              it.remove();
              running.put(done.submit(() -> run(j, range, runStartedAt, log)), j);
            }
          }
        }
        if (running.isEmpty()) {
          break; // a failure stopped the rest
        }
        Future<JobResult> f = done.take();
        Job j = running.remove(f);
        String count = String.format("[%d/%d]", finished.size() + 1, order.size());
        try {
          JobResult r = f.get();
          finished.put(j.id(), r);
          report(String.format("  %-9s %-36s %-9s %8.1f %,14d %,14d %,10d %8.0fs", count, j.id(), "succeeded",
              r.millis() / 1e3, r.rowsRead(), r.rowsWritten(), r.rowsRejected(), (System.nanoTime() - t0) / 1e9));
        } catch (ExecutionException e) {
          report(String.format("  %-9s %-36s %-9s %8s %14s %14s %10s %8.0fs", count, j.id(), "FAILED", "", "", "", "",
              (System.nanoTime() - t0) / 1e9));
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException re ? re
                : new JobFailedException(j.id(), j.output(), range, new RuntimeException(e.getCause()));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running jobs for " + range, e);
    } finally {
      pool.shutdownNow();
    }
    if (failure != null) {
      throw failure;
    }
    return order.stream().map(j -> finished.get(j.id())).toList();
  }

  private static final AtomicInteger THREADS = new AtomicInteger();
}
