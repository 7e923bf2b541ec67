package io.onecustomer.jobs.analytics.alerts;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.config.AlertsConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.alerts.AlertTables.SalesAlerts;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverJobs;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** gold.sales_alerts: per day and scope, purchases against the same-weekday median of the weeks before. */
public final class SalesAlertsJob implements Job {
  public static final String ID = "gold_sales_alerts";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return AlertTables.GOLD_SALES_ALERTS;
  }

  /** silver_products: purchases carry the catalogue's product codes and categories. */
  @Override
  public List<String> dependsOn() {
    return List.of(SilverJobs.SILVER_ORDERS, SilverJobs.SILVER_PRODUCTS);
  }

  @Override
  public JobResult run(JobContext ctx) {
    DateRange range = ctx.range();
    AlertsConfig a = ctx.config().analytics().alerts();
    LocalDate readFrom = SalesTransforms.historyStart(range.from(), a.baselineWeeks(), a.windowDays());
    Dataset<Row> lines = SalesTransforms.withRegion(
        AlertInputs.orderLines(ctx.spark(), ctx.warehouse(), readFrom, range.to()), ctx.config().geo());
    Dataset<Row> daily = SalesTransforms.dailyScopes(Purchases.orders(lines));
    Dataset<Row> out = SilverColumns.conform(
        SalesTransforms.salesAlerts(daily, range.from(), range.to(), a.baselineWeeks(), a.windowDays(), a.dropThreshold(),
            a.criticalDropThreshold(), a.minBaselineOrders()),
        SalesAlerts.COLUMNS);
    long written = DeltaWriter.replace(ctx.spark(), out, output(), ctx.warehouse(),
        range.sqlPredicate(SalesAlerts.ALERT_DATE), SalesAlerts.COMMENT, SalesAlerts.ALERT_DATE);
    return new JobResult(id(), output(), range, -1, written, 0, 0, List.of());
  }
}
