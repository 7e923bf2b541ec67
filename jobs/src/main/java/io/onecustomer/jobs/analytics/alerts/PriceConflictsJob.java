package io.onecustomer.jobs.analytics.alerts;

import io.onecustomer.common.DateRange;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.silver.SilverSpecs;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** gold.price_conflicts: per day, product and channel, the channel's lowest price against the others and the MAP. */
public final class PriceConflictsJob extends TableJob {
  public PriceConflictsJob() {
    super(AlertSpecs.PRICE_CONFLICTS, List.of(SilverSpecs.ORDERS, SilverSpecs.PRODUCTS));
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    DateRange range = ctx.range();
    Dataset<Row> lines = AlertInputs.pricedLines(
        AlertInputs.orderLines(ctx.spark(), ctx.warehouse(), range.from(), range.to()));
    Dataset<Row> map = PriceTransforms.mapPeriods(AlertInputs.products(ctx.spark(), ctx.warehouse(), range.to()));
    return PriceTransforms.priceConflicts(lines, map, ctx.config().analytics().alerts().priceGapThreshold());
  }
}
