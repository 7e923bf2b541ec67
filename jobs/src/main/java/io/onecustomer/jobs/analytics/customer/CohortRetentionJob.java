package io.onecustomer.jobs.analytics.customer;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.analytics.AnalyticsInputs;
import io.onecustomer.jobs.analytics.CustomerOrdersJob;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.customer.BehaviourTables.Cohort;
import io.onecustomer.jobs.silver.SilverColumns;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * gold.cohort_retention: per snapshot day of the run, retention and revenue of the acquisition
 * month x channel cohorts, month by month since acquisition.
 */
public final class CohortRetentionJob implements Job {
  public static final String ID = "gold_cohort_retention";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return BehaviourTables.GOLD_COHORT_RETENTION;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(CustomerOrdersJob.ID);
  }

  @Override
  public JobResult run(JobContext ctx) {
    DateRange range = ctx.range();
    List<LocalDate> snapshots = ctx.config().analytics().snapshotDates(range);
    int maxMonths = ctx.config().analytics().customer().cohortsMaxMonths();
    // The whole history: a customer's cohort is the month of their first purchase ever, so an
    // older purchase keeps a customer out of the recent cohorts.
    Dataset<Row> purchases = Purchases.customerPurchases(AnalyticsInputs.orders(ctx)
            .where(functions.col(Purchases.ORDER_DATE).leq(functions.expr("DATE'" + range.to() + "'"))))
        .select(Purchases.CUSTOMER_ID, Purchases.CHANNEL, Purchases.ORDER_ID, Purchases.ORDER_DATE,
            Purchases.ORDER_TS, Purchases.NET_AMOUNT)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> out = CohortTransforms.cohortRetention(purchases, snapshots, maxMonths);
      out = SilverColumns.conform(out, Cohort.COLUMNS);
      long written = DeltaWriter.replace(ctx.spark(), out, output(), ctx.warehouse(),
          range.sqlPredicate(BehaviourTables.SNAPSHOT_DATE), Cohort.COMMENT, BehaviourTables.SNAPSHOT_DATE);
      return new JobResult(id(), output(), range, -1, written, 0, 0, List.of());
    } finally {
      purchases.unpersist();
    }
  }
}
