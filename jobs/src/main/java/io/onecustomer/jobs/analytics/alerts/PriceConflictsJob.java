package io.onecustomer.jobs.analytics.alerts;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.analytics.alerts.AlertTables.PriceConflicts;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverJobs;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** gold.price_conflicts: per day, product and channel, the channel's lowest price against the others and the MAP. */
public final class PriceConflictsJob implements Job {
  public static final String ID = "gold_price_conflicts";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return AlertTables.GOLD_PRICE_CONFLICTS;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(SilverJobs.SILVER_ORDERS, SilverJobs.SILVER_PRODUCTS);
  }

  @Override
  public JobResult run(JobContext ctx) {
    DateRange range = ctx.range();
    Dataset<Row> lines = AlertInputs.pricedLines(
        AlertInputs.orderLines(ctx.spark(), ctx.warehouse(), range.from(), range.to()));
    Dataset<Row> map = PriceTransforms.mapPeriods(AlertInputs.products(ctx.spark(), ctx.warehouse(), range.to()));
    Dataset<Row> out = SilverColumns.conform(
        PriceTransforms.priceConflicts(lines, map, ctx.config().analytics().alerts().priceGapThreshold()),
        PriceConflicts.COLUMNS);
    long written = DeltaWriter.replace(ctx.spark(), out, output(), ctx.warehouse(),
        range.sqlPredicate(PriceConflicts.PRICE_DATE), PriceConflicts.COMMENT, PriceConflicts.PRICE_DATE);
    return new JobResult(id(), output(), range, -1, written, 0, 0, List.of());
  }
}
