package io.onecustomer.jobs.analytics.alerts;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AlertsConfig;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverSpecs;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.distributor_alerts: per day and distributor, sell-out reported outside its authorised
 * region, from distributors without one, and below the regional price norm.
 */
public final class DistributorAlertsJob extends TableJob {
  /** silver.products: list prices keep long low-price episodes out of the norm. */
  public DistributorAlertsJob() {
    super(AlertSpecs.DISTRIBUTOR_ALERTS, List.of(SilverSpecs.ORDERS, SilverSpecs.PRODUCTS));
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    DateRange range = ctx.range();
    AlertsConfig a = ctx.config().analytics().alerts();
    if (a.distributorRegions().isEmpty()) {
      warnings.add("analytics.alerts.distributor-regions is empty: every distributor line is unknown_distributor");
    }
    // The norm of the range's first day needs the norm-days before it.
    Dataset<Row> lines = AlertInputs.pricedLines(AlertInputs.orderLines(ctx.spark(), ctx.warehouse(),
        range.from().minusDays(a.normDays()), range.to()));
    Dataset<Row> listPrices = PriceTransforms.pricePeriods(
        AlertInputs.products(ctx.spark(), ctx.warehouse(), range.to()), SilverColumns.Products.LIST_PRICE);
    return DistributorTransforms.alerts(lines, listPrices, range.from(), range.to(), a.distributorRegions(),
        a.lowPriceRatio(), a.normDays(), a.minNormLines());
  }
}
