package io.onecustomer.jobs.analytics.channel;

import static org.apache.spark.sql.functions.col;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.analytics.AnalyticsInputs;
import io.onecustomer.jobs.analytics.AnalyticsSpecs;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.channel.ChannelTables.Health;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.channel_health_monthly: every month touched by the run, recomputed from its first day up to
 * the run's last day (month-to-date for a month in progress).
 */
public final class ChannelHealthMonthlyJob extends TableJob {
  public ChannelHealthMonthlyJob() {
    super(ChannelSpecs.CHANNEL_HEALTH_MONTHLY, List.of(ChannelSpecs.CHANNEL_HEALTH, AnalyticsSpecs.CUSTOMER_ORDERS));
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    DateRange range = ctx.range();
    Date start = Date.valueOf(range.from().withDayOfMonth(1));
    Date end = Date.valueOf(range.to());
    Dataset<Row> orders = AnalyticsInputs.orders(ctx).where(col(Purchases.ORDER_DATE).between(start, end));
    Dataset<Row> daily = DeltaWriter.read(ctx.spark(), ChannelTables.GOLD_CHANNEL_HEALTH, ctx.warehouse())
        .where(col(Health.HEALTH_DATE).between(start, end));
    return ChannelHealth.monthly(daily, orders, range.from(), range.to());
  }

  /**
   * The months the run touches: health_month is the first day of its month (a DATE), so the write
   * replaces health_month from the first run day's month start to the last run day's.
   */
  @Override
  protected DateRange days(JobContext ctx) {
    return new DateRange(ctx.range().from().withDayOfMonth(1), ctx.range().to().withDayOfMonth(1));
  }
}
