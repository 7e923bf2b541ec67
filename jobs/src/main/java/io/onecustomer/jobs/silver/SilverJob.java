package io.onecustomer.jobs.silver;

import static org.apache.spark.sql.functions.col;

import io.onecustomer.common.TableId;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.bronze.BronzeTransforms;
import io.onecustomer.jobs.bronze.SourceEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A silver job: reads its inputs for the business days of the run, conforms them with pure
 * transforms, and replaces exactly those days (partition {@code run_date}) of its one table.
 */
public abstract class SilverJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(SilverJob.class);

  private final String id;
  private final TableId output;
  private final List<String> dependsOn;
  private final String comment;
  private final Map<String, String> columns;

  protected SilverJob(String id, TableId output, List<String> dependsOn, String comment, Map<String, String> columns) {
    this.id = id;
    this.output = output;
    this.dependsOn = List.copyOf(dependsOn);
    this.comment = comment;
    this.columns = columns;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public TableId output() {
    return output;
  }

  @Override
  public List<String> dependsOn() {
    return dependsOn;
  }

  /** Builds the rows of the run's business days; may add warnings. */
  protected abstract Dataset<Row> build(JobContext ctx, List<String> warnings);

  @Override
  public JobResult run(JobContext ctx) {
    List<String> warnings = new ArrayList<>();
    Dataset<Row> rows = SilverColumns.conform(build(ctx, warnings), columns);
    var erased = io.onecustomer.jobs.erasure.Erasure.erasedIdentifiers(ctx.spark(), ctx.warehouse());
    if (!erased.isEmpty()) {
      rows = io.onecustomer.jobs.erasure.Erasure.withoutErased(rows, erased,
          io.onecustomer.jobs.identity.Hmac.fromConfig(ctx.config()));
    }
    long written = DeltaWriter.replace(ctx.spark(), rows, output, ctx.warehouse(),
        ctx.range().sqlPredicate(SilverColumns.RUN_DATE), comment, SilverColumns.RUN_DATE);
    warnings.forEach(w -> LOG.warn("{}: {}", id, w));
    return new JobResult(id, output, ctx.range(), -1, written, 0, 0, warnings);
  }

  /** A silver table's rows for the run's business days. */
  protected static Dataset<Row> inRange(JobContext ctx, TableId table) {
    return DeltaWriter.read(ctx.spark(), table, ctx.warehouse())
        .where(ctx.range().sqlPredicate(SilverColumns.RUN_DATE));
  }

  /**
   * A bronze entity's accepted rows for the run's business days; an entity that never delivered
   * anything yields no rows and a warning instead of failing the whole silver table.
   */
  protected static Dataset<Row> bronzeInRange(JobContext ctx, SourceEntity entity, List<String> warnings) {
    if (!DeltaWriter.exists(ctx.spark(), entity.table(), ctx.warehouse())) {
      warnings.add(entity.table() + " does not exist yet (no data ever ingested); treated as empty");
      return ctx.spark().createDataFrame(new ArrayList<Row>(), BronzeTransforms.acceptedSchema(entity));
    }
    return inRange(ctx, entity.table());
  }

  /** Keys of {@code key} already loaded by business days before the run (null if none). */
  protected Dataset<Row> earlierKeys(JobContext ctx, String key) {
    if (!DeltaWriter.exists(ctx.spark(), output, ctx.warehouse())) {
      return null;
    }
    return DeltaWriter.read(ctx.spark(), output, ctx.warehouse())
        .where(col(SilverColumns.RUN_DATE).lt(java.sql.Date.valueOf(ctx.range().from())))
        .select(key);
  }
}
