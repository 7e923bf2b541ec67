package io.onecustomer.jobs.analytics.channel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.config.ChannelAnalyticsConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.analytics.AnalyticsInputs;
import io.onecustomer.jobs.analytics.CustomerOrdersJob;
import io.onecustomer.jobs.analytics.channel.ChannelTables.Health;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverColumns.AdSpend;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import io.onecustomer.jobs.silver.SilverColumns.ServiceTickets;
import io.onecustomer.jobs.silver.SilverJobs;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * gold.channel_health: one row per sales channel (and unallocated spend) per day of the run, all
 * days of a backfill in one pass.
 */
public final class ChannelHealthJob implements Job {
  public static final String ID = "gold_channel_health";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return ChannelTables.GOLD_CHANNEL_HEALTH;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(CustomerOrdersJob.ID, SilverJobs.SILVER_ORDERS, SilverJobs.SILVER_AD_SPEND,
        SilverJobs.SILVER_SERVICE_TICKETS, SilverJobs.SILVER_PRODUCTS);
  }

  @Override
  public JobResult run(JobContext ctx) {
    ChannelAnalyticsConfig c = ctx.config().analytics().channel();
    DateRange range = ctx.range();
    // First purchases and acquisition cohorts need every order up to the run's last day.
    Dataset<Row> orders = AnalyticsInputs.orders(ctx).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> lines = DeltaWriter.read(ctx.spark(), Tables.SILVER_ORDERS, ctx.warehouse())
          .where(expr(range.sqlPredicate(Orders.ORDER_DATE)));
      Dataset<Row> spend = ChannelHealth.spendByChannel(
          DeltaWriter.read(ctx.spark(), Tables.SILVER_AD_SPEND, ctx.warehouse())
              .where(col(AdSpend.SPEND_DATE).between(Date.valueOf(range.from().minusDays(c.cacWindowDays() - 1L)),
                  Date.valueOf(range.to()))), c.spendChannels());
      Dataset<Row> tickets = DeltaWriter.read(ctx.spark(), Tables.SILVER_SERVICE_TICKETS, ctx.warehouse())
          .where(expr(range.sqlPredicate(ServiceTickets.CREATED_DATE)));
      Dataset<Row> products = DeltaWriter.read(ctx.spark(), Tables.SILVER_PRODUCTS, ctx.warehouse())
          .where(expr(range.sqlPredicate(SilverColumns.RUN_DATE)));
      Dataset<Row> out = ChannelHealth.daily(lines, orders, spend, tickets, products, range.from(), range.to(),
          c.cacWindowDays(), c.sellThroughDays());
      long written = DeltaWriter.replace(ctx.spark(), SilverColumns.conform(out, Health.COLUMNS), output(),
          ctx.warehouse(), range.sqlPredicate(Health.HEALTH_DATE), Health.COMMENT, Health.HEALTH_DATE);
      return new JobResult(id(), output(), range, -1, written, 0, 0, List.of());
    } finally {
      orders.unpersist();
    }
  }
}
