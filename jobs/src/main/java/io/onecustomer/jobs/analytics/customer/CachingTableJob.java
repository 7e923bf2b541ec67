package io.onecustomer.jobs.analytics.customer;

import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.TableJob;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * A {@link TableJob} whose build reads an input more than once (the behaviour jobs roll orders up
 * to purchases once and use them in several branches of one plan). The build returns a lazy plan
 * that the write evaluates, so the input must stay cached until after the write: {@link #cache}
 * persists it, and {@link #run} releases it once the write committed or failed.
 */
abstract class CachingTableJob extends TableJob {
  private final ThreadLocal<List<Dataset<Row>>> cached = ThreadLocal.withInitial(ArrayList::new);

  protected CachingTableJob(TableSpec spec, List<TableSpec> inputs) {
    super(spec, inputs);
  }

  /** {@code df} persisted (memory, then disk) until this run's write is done. */
  protected Dataset<Row> cache(Dataset<Row> df) {
    Dataset<Row> p = df.persist(StorageLevel.MEMORY_AND_DISK());
    cached.get().add(p);
    return p;
  }

  @Override
  public JobResult run(JobContext ctx) {
    try {
      return super.run(ctx);
    } finally {
      cached.get().forEach(Dataset::unpersist);
      cached.remove();
    }
  }
}
