package io.onecustomer.jobs.analytics;

import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.JobContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What the analytics jobs read in common. */
public final class AnalyticsInputs {
  private AnalyticsInputs() {}

  /**
   * gold.customer_orders (written the same night by {@link CustomerOrdersJob}): every order up to
   * the run's last day with the customer it resolves to, in the shape of {@link Purchases#orders}.
   */
  public static Dataset<Row> orders(JobContext ctx) {
    return DeltaWriter.read(ctx.spark(), AnalyticsTables.GOLD_CUSTOMER_ORDERS, ctx.warehouse());
  }
}
