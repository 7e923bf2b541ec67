package io.onecustomer.jobs.analytics.customer;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.CustomerAnalyticsConfig;
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

/** gold.cross_sell_pairs: per snapshot day of the run, which items customers buy after which. */
public final class CrossSellPairsJob extends TableJob {
  public CrossSellPairsJob() {
    super(CustomerAnalyticsSpecs.CROSS_SELL_PAIRS, List.of(AnalyticsSpecs.CUSTOMER_ORDERS));
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    DateRange range = ctx.range();
    List<LocalDate> snapshots = snapshotDays(ctx);
    CustomerAnalyticsConfig c = ctx.config().analytics().customer();
    DateRange read = new DateRange(snapshots.get(0).minusDays(c.crossSellLookbackDays() - 1L), range.to());
    // Read three times (all customers, item customers, pairs): roll up to purchases once.
    Dataset<Row> purchases = cache(Purchases.customerPurchases(
            AnalyticsInputs.orders(ctx).where(functions.expr(read.sqlPredicate(Purchases.ORDER_DATE))))
        .select(Purchases.CUSTOMER_ID, Purchases.ORDER_DATE, Purchases.CATEGORIES, Purchases.PRODUCTS));
    return CrossSellTransforms.crossSellPairs(purchases, c.crossSellLevels(), snapshots,
        c.crossSellLookbackDays(), c.crossSellWithinDays(), c.crossSellMinCustomers());
  }
}
