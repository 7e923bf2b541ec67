package io.onecustomer.jobs.analytics.channel;

import static org.apache.spark.sql.functions.col;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.analytics.AnalyticsInputs;
import io.onecustomer.jobs.analytics.CustomerOrdersJob;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.channel.ChannelTables.HealthMonthly;
import io.onecustomer.jobs.silver.SilverColumns;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.channel_health_monthly: every month touched by the run, recomputed from its first day up to
 * the run's last day (month-to-date for a month in progress).
 */
public final class ChannelHealthMonthlyJob implements Job {
  public static final String ID = "gold_channel_health_monthly";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return ChannelTables.GOLD_CHANNEL_HEALTH_MONTHLY;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(ChannelHealthJob.ID, CustomerOrdersJob.ID);
  }

  @Override
  public JobResult run(JobContext ctx) {
    DateRange range = ctx.range();
    LocalDate monthStart = range.from().withDayOfMonth(1);
    Date start = Date.valueOf(monthStart);
    Date end = Date.valueOf(range.to());
    Dataset<Row> orders = AnalyticsInputs.orders(ctx).where(col(Purchases.ORDER_DATE).between(start, end));
    Dataset<Row> daily = DeltaWriter.read(ctx.spark(), ChannelTables.GOLD_CHANNEL_HEALTH, ctx.warehouse())
        .where(col(ChannelTables.Health.HEALTH_DATE).between(start, end));
    Dataset<Row> out = ChannelHealth.monthly(daily, orders, range.from(), range.to());
    DateRange months = new DateRange(monthStart, range.to().withDayOfMonth(1));
    long written = DeltaWriter.replace(ctx.spark(), SilverColumns.conform(out, HealthMonthly.COLUMNS), output(),
        ctx.warehouse(), months.sqlPredicate(HealthMonthly.HEALTH_MONTH), HealthMonthly.COMMENT,
        HealthMonthly.HEALTH_MONTH);
    return new JobResult(id(), output(), range, -1, written, 0, 0, List.of());
  }
}
