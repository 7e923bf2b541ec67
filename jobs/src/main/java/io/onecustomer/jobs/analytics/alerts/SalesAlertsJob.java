package io.onecustomer.jobs.analytics.alerts;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AlertsConfig;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.silver.SilverSpecs;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** gold.sales_alerts: per day and scope, purchases against the same-weekday median of the weeks before. */
public final class SalesAlertsJob extends TableJob {
  /** The job's id (derived from its spec), for code that runs it by name. */
  public static final String ID = AlertSpecs.SALES_ALERTS.jobId();

  /** silver.products: purchases carry the catalogue's product codes and categories. */
  public SalesAlertsJob() {
    super(AlertSpecs.SALES_ALERTS, List.of(SilverSpecs.ORDERS, SilverSpecs.PRODUCTS));
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    DateRange range = ctx.range();
    AlertsConfig a = ctx.config().analytics().alerts();
    LocalDate readFrom = SalesTransforms.historyStart(range.from(), a.baselineWeeks(), a.windowDays());
    Dataset<Row> lines = SalesTransforms.withRegion(
        AlertInputs.orderLines(ctx.spark(), ctx.warehouse(), readFrom, range.to()), ctx.config().geo());
    Dataset<Row> daily = SalesTransforms.dailyScopes(Purchases.orders(lines));
    return SalesTransforms.salesAlerts(daily, range.from(), range.to(), a.baselineWeeks(), a.windowDays(),
        a.dropThreshold(), a.criticalDropThreshold(), a.minBaselineOrders());
  }
}
