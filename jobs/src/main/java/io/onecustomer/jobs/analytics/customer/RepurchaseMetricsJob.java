package io.onecustomer.jobs.analytics.customer;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.analytics.AnalyticsInputs;
import io.onecustomer.jobs.analytics.CustomerOrdersJob;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.customer.BehaviourTables.Repurchase;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import io.onecustomer.jobs.silver.SilverJobs;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * gold.repurchase_metrics: per snapshot day of the run, customers, repeat customers, purchase
 * cycle, orders and revenue overall and per channel and category, over the repurchase window.
 */
public final class RepurchaseMetricsJob implements Job {
  public static final String ID = "gold_repurchase_metrics";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return BehaviourTables.GOLD_REPURCHASE_METRICS;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(CustomerOrdersJob.ID, SilverJobs.SILVER_ORDERS);
  }

  @Override
  public JobResult run(JobContext ctx) {
    DateRange range = ctx.range();
    List<LocalDate> snapshots = ctx.config().analytics().snapshotDates(range);
    int windowDays = ctx.config().analytics().customer().repurchaseWindowDays();
    // Only the orders some snapshot's window reaches; category amounts come from their lines.
    DateRange read = new DateRange(snapshots.get(0).minusDays(windowDays - 1L), range.to());
    Dataset<Row> lines = DeltaWriter.read(ctx.spark(), Tables.SILVER_ORDERS, ctx.warehouse())
        .where(functions.expr(read.sqlPredicate(Orders.ORDER_DATE))
            .and(functions.col(SilverColumns.RUN_DATE).leq(functions.lit(java.sql.Date.valueOf(range.to())))))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> purchases = Purchases.customerPurchases(
          AnalyticsInputs.orders(ctx).where(functions.expr(read.sqlPredicate(Purchases.ORDER_DATE))));
      Dataset<Row> out = RepurchaseTransforms.repurchaseMetrics(purchases,
          RepurchaseTransforms.categoryPurchases(lines, purchases), snapshots, windowDays);
      out = SilverColumns.conform(out, Repurchase.COLUMNS);
      long written = DeltaWriter.replace(ctx.spark(), out, output(), ctx.warehouse(),
          range.sqlPredicate(BehaviourTables.SNAPSHOT_DATE), Repurchase.COMMENT, BehaviourTables.SNAPSHOT_DATE);
      return new JobResult(id(), output(), range, -1, written, 0, 0, List.of());
    } finally {
      lines.unpersist();
    }
  }
}
