package io.onecustomer.jobs.analytics.customer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.config.CustomerAnalyticsConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.analytics.AnalyticsInputs;
import io.onecustomer.jobs.analytics.CustomerOrdersJob;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.customer.RfmTables.Segments;
import io.onecustomer.jobs.silver.SilverColumns;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.rfm_segments: RFM scores and segment of every customer with a purchase, for each snapshot
 * day of the run (analytics.backfill-snapshots), all snapshots in one pass over the purchases.
 */
public final class RfmSegmentsJob implements Job {
  public static final String ID = "gold_rfm_segments";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return RfmTables.GOLD_RFM_SEGMENTS;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(CustomerOrdersJob.ID);
  }

  @Override
  public JobResult run(JobContext ctx) {
    DateRange range = ctx.range();
    CustomerAnalyticsConfig.Rfm rfm = ctx.config().analytics().customer().rfm();
    List<LocalDate> snapshots = ctx.config().analytics().snapshotDates(range);
    // Recency and first purchase need all history up to the last snapshot; nothing after it.
    Dataset<Row> purchases = Purchases.customerPurchases(
        AnalyticsInputs.orders(ctx).where(col(Purchases.ORDER_DATE).leq(lit(Date.valueOf(range.to())))));
    Dataset<Row> out = RfmTransforms.rfmSegments(purchases, RfmTransforms.snapshotDays(ctx.spark(), snapshots),
        rfm.windowDays(), rfm.quantileAccuracy(), rfm.segments(), rfm.fallbackSegment());
    out = SilverColumns.conform(out, Segments.COLUMNS);
    long written = DeltaWriter.replace(ctx.spark(), out, output(), ctx.warehouse(),
        range.sqlPredicate(Segments.SNAPSHOT_DATE), Segments.COMMENT, Segments.SNAPSHOT_DATE);
    return new JobResult(id(), output(), range, -1, written, 0, 0, List.of());
  }
}
