package io.onecustomer.jobs.analytics.customer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.CustomerAnalyticsConfig;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.analytics.AnalyticsInputs;
import io.onecustomer.jobs.analytics.AnalyticsSpecs;
import io.onecustomer.jobs.analytics.Purchases;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.rfm_segments: RFM scores and segment of every customer with a purchase, for each snapshot
 * day of the run (analytics.backfill-snapshots), all snapshots in one pass over the purchases.
 */
public final class RfmSegmentsJob extends TableJob {
  public RfmSegmentsJob() {
    super(CustomerAnalyticsSpecs.RFM_SEGMENTS, List.of(AnalyticsSpecs.CUSTOMER_ORDERS));
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    DateRange range = ctx.range();
    CustomerAnalyticsConfig.Rfm rfm = ctx.config().analytics().customer().rfm();
    List<LocalDate> snapshots = snapshotDays(ctx);
    // Recency and first purchase need all history up to the last snapshot; nothing after it.
    Dataset<Row> purchases = Purchases.customerPurchases(
        AnalyticsInputs.orders(ctx).where(col(Purchases.ORDER_DATE).leq(lit(Date.valueOf(range.to())))));
    return RfmTransforms.rfmSegments(purchases, RfmTransforms.snapshotDays(ctx.spark(), snapshots),
        rfm.windowDays(), rfm.quantileAccuracy(), rfm.segments(), rfm.fallbackSegment(), this::cache);
  }
}
