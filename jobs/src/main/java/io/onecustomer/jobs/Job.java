package io.onecustomer.jobs;

import io.onecustomer.common.TableId;
import java.util.List;

/**
 * One job writes one table. Its id is its config key, its Airflow task id and part of its Spark
 * job-group label. A job reads its inputs for the date range, calls pure transforms, checks
 * quality, writes, and returns a small result.
 */
public interface Job {
  String id();

  /** The table this job owns. */
  TableId output();

  /** Ids of jobs whose tables this job reads (for nightly ordering and the Airflow DAG). */
  List<String> dependsOn();

  JobResult run(JobContext ctx);
}
