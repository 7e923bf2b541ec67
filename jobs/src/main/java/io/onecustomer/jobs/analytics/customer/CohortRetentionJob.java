package io.onecustomer.jobs.analytics.customer;

import io.onecustomer.common.DateRange;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.analytics.AnalyticsInputs;
import io.onecustomer.jobs.analytics.AnalyticsSpecs;
import io.onecustomer.jobs.analytics.Purchases;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * gold.cohort_retention: per snapshot day of the run, retention and revenue of the acquisition
 * month x channel cohorts, month by month since acquisition.
 */
public final class CohortRetentionJob extends TableJob {
  public CohortRetentionJob() {
    super(CustomerAnalyticsSpecs.COHORT_RETENTION, List.of(AnalyticsSpecs.CUSTOMER_ORDERS));
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    DateRange range = ctx.range();
    List<LocalDate> snapshots = snapshotDays(ctx);
    int maxMonths = ctx.config().analytics().customer().cohortsMaxMonths();
    // The whole history: a customer's cohort is the month of their first purchase ever, so an
    // older purchase keeps a customer out of the recent cohorts. Read by the cohorts and by their
    // activity: rolled up once.
    Dataset<Row> purchases = cache(Purchases.customerPurchases(AnalyticsInputs.orders(ctx)
            .where(functions.col(Purchases.ORDER_DATE).leq(functions.expr("DATE'" + range.to() + "'"))))
        .select(Purchases.CUSTOMER_ID, Purchases.CHANNEL, Purchases.ORDER_ID, Purchases.ORDER_DATE,
            Purchases.ORDER_TS, Purchases.NET_AMOUNT));
    return CohortTransforms.cohortRetention(purchases, snapshots, maxMonths);
  }
}
