package io.onecustomer.jobs;

import io.onecustomer.common.TableId;
import io.onecustomer.common.spec.TableSpec;
import java.util.List;

/**
 * One job writes one table, declared by its {@link TableSpec}: the job's id is the table's
 * ({@code <layer>_<name>}), its config key, its Airflow task id and part of its Spark job-group
 * label. It declares the specs it reads; its dependencies are the jobs that write them. Most jobs
 * extend {@link TableJob} (read, pure transform, check, write, result); the few that write side
 * tables next to their table (bronze: rejects and audit) implement this directly and say so in
 * {@link #sideOutputs()}.
 */
public interface Job {
  /** The table this job owns. */
  TableSpec spec();

  /** The tables this job reads. */
  List<TableSpec> inputs();

  /** Tables the job writes besides its own (bronze: rejects and the shared ingest audit). */
  default List<TableSpec> sideOutputs() {
    return List.of();
  }

  JobResult run(JobContext ctx);

  /**
   * Which earlier days a run with late or corrected data makes this job recompute (none by
   * default); the runner widens the job's range accordingly (ingest.reprocess-days).
   */
  default Reprocess reprocessing() {
    return Reprocess.NONE;
  }

  /** What a job recomputes when a run brings late or corrected data. */
  enum Reprocess {
    /** Nothing beyond its range (bronze, identity, snapshot-of-the-last-day and whole-table jobs). */
    NONE,
    /** The earlier batches its bronze inputs ingested again because files arrived late (silver). */
    LATE_BATCHES,
    /** The earlier event days that the run's silver rows fall on (gold tables by day). */
    EVENT_DAYS
  }

  default String id() {
    return spec().jobId();
  }

  default TableId output() {
    return spec().id();
  }

  /** Ids of the jobs whose tables this job reads (for nightly ordering and the Airflow DAG). */
  default List<String> dependsOn() {
    return inputs().stream().map(TableSpec::jobId).filter(j -> !j.equals(id())).distinct().toList();
  }
}
