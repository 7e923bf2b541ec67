package io.onecustomer.jobs.analytics.customer;

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
import io.onecustomer.jobs.analytics.customer.BehaviourTables.CrossSell;
import io.onecustomer.jobs.silver.SilverColumns;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/** gold.cross_sell_pairs: per snapshot day of the run, which items customers buy after which. */
public final class CrossSellPairsJob implements Job {
  public static final String ID = "gold_cross_sell_pairs";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return BehaviourTables.GOLD_CROSS_SELL_PAIRS;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(CustomerOrdersJob.ID);
  }

  @Override
  public JobResult run(JobContext ctx) {
    DateRange range = ctx.range();
    List<LocalDate> snapshots = ctx.config().analytics().snapshotDates(range);
    CustomerAnalyticsConfig c = ctx.config().analytics().customer();
    DateRange read = new DateRange(snapshots.get(0).minusDays(c.crossSellLookbackDays() - 1L), range.to());
    // Read three times below (all customers, item customers, pairs): roll up to purchases once.
    Dataset<Row> purchases = Purchases.customerPurchases(
            AnalyticsInputs.orders(ctx).where(functions.expr(read.sqlPredicate(Purchases.ORDER_DATE))))
        .select(Purchases.CUSTOMER_ID, Purchases.ORDER_DATE, Purchases.CATEGORIES, Purchases.PRODUCTS)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> out = CrossSellTransforms.crossSellPairs(purchases, c.crossSellLevels(), snapshots,
          c.crossSellLookbackDays(), c.crossSellWithinDays(), c.crossSellMinCustomers());
      out = SilverColumns.conform(out, CrossSell.COLUMNS);
      long written = DeltaWriter.replace(ctx.spark(), out, output(), ctx.warehouse(),
          range.sqlPredicate(BehaviourTables.SNAPSHOT_DATE), CrossSell.COMMENT, BehaviourTables.SNAPSHOT_DATE);
      return new JobResult(id(), output(), range, -1, written, 0, 0, List.of());
    } finally {
      purchases.unpersist();
    }
  }
}
