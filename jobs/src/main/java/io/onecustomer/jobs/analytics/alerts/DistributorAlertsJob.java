package io.onecustomer.jobs.analytics.alerts;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.config.AlertsConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.analytics.alerts.AlertTables.DistributorAlerts;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverJobs;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.distributor_alerts: per day and distributor, sell-out reported outside its authorised
 * region, from distributors without one, and below the regional price norm.
 */
public final class DistributorAlertsJob implements Job {
  public static final String ID = "gold_distributor_alerts";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return AlertTables.GOLD_DISTRIBUTOR_ALERTS;
  }

  /** silver_products: list prices keep long low-price episodes out of the norm. */
  @Override
  public List<String> dependsOn() {
    return List.of(SilverJobs.SILVER_ORDERS, SilverJobs.SILVER_PRODUCTS);
  }

  @Override
  public JobResult run(JobContext ctx) {
    DateRange range = ctx.range();
    AlertsConfig a = ctx.config().analytics().alerts();
    // The norm of the range's first day needs the norm-days before it.
    Dataset<Row> lines = AlertInputs.pricedLines(AlertInputs.orderLines(ctx.spark(), ctx.warehouse(),
        range.from().minusDays(a.normDays()), range.to()));
    Dataset<Row> listPrices = PriceTransforms.pricePeriods(
        AlertInputs.products(ctx.spark(), ctx.warehouse(), range.to()), SilverColumns.Products.LIST_PRICE);
    Dataset<Row> out = SilverColumns.conform(
        DistributorTransforms.alerts(lines, listPrices, range.from(), range.to(), a.distributorRegions(), a.lowPriceRatio(),
            a.normDays(), a.minNormLines()),
        DistributorAlerts.COLUMNS);
    long written = DeltaWriter.replace(ctx.spark(), out, output(), ctx.warehouse(),
        range.sqlPredicate(DistributorAlerts.ALERT_DATE), DistributorAlerts.COMMENT, DistributorAlerts.ALERT_DATE);
    List<String> warnings = new ArrayList<>();
    if (a.distributorRegions().isEmpty()) {
      warnings.add("analytics.alerts.distributor-regions is empty: every distributor line is unknown_distributor");
    }
    return new JobResult(id(), output(), range, -1, written, 0, 0, warnings);
  }
}
