package io.onecustomer.jobs.analytics.customer;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.Tables;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.analytics.AnalyticsInputs;
import io.onecustomer.jobs.analytics.AnalyticsSpecs;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverSpecs;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * gold.repurchase_metrics: per snapshot day of the run, customers, repeat customers, purchase
 * cycle, orders and revenue overall and per channel and category, over the repurchase window.
 */
public final class RepurchaseMetricsJob extends TableJob {
  public RepurchaseMetricsJob() {
    super(CustomerAnalyticsSpecs.REPURCHASE_METRICS, List.of(AnalyticsSpecs.CUSTOMER_ORDERS, SilverSpecs.ORDERS));
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    DateRange range = ctx.range();
    List<LocalDate> snapshots = snapshotDays(ctx);
    int windowDays = ctx.config().analytics().customer().repurchaseWindowDays();
    // Only the orders some snapshot's window reaches; category amounts come from their lines.
    DateRange read = new DateRange(snapshots.get(0).minusDays(windowDays - 1L), range.to());
    Dataset<Row> lines = cache(DeltaWriter.read(ctx.spark(), Tables.SILVER_ORDERS, ctx.warehouse())
        .where(functions.expr(read.sqlPredicate(Orders.ORDER_DATE))
            .and(functions.col(SilverColumns.RUN_DATE).leq(functions.lit(Date.valueOf(range.to()))))));
    Dataset<Row> purchases = Purchases.customerPurchases(
        AnalyticsInputs.orders(ctx).where(functions.expr(read.sqlPredicate(Purchases.ORDER_DATE))));
    return RepurchaseTransforms.repurchaseMetrics(purchases,
        RepurchaseTransforms.categoryPurchases(lines, purchases), snapshots, windowDays);
  }
}
