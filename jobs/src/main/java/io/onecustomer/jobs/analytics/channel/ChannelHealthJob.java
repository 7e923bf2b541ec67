package io.onecustomer.jobs.analytics.channel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.Tables;
import io.onecustomer.common.config.ChannelAnalyticsConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.analytics.AnalyticsInputs;
import io.onecustomer.jobs.analytics.AnalyticsSpecs;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverColumns.AdSpend;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import io.onecustomer.jobs.silver.SilverColumns.ServiceTickets;
import io.onecustomer.jobs.silver.SilverSpecs;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.channel_health: one row per sales channel (and unallocated spend) per day of the run, all
 * days of a backfill in one pass.
 */
public final class ChannelHealthJob extends TableJob {
  public ChannelHealthJob() {
    super(ChannelSpecs.CHANNEL_HEALTH, List.of(AnalyticsSpecs.CUSTOMER_ORDERS, SilverSpecs.ORDERS,
        SilverSpecs.AD_SPEND, SilverSpecs.SERVICE_TICKETS, SilverSpecs.PRODUCTS));
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    ChannelAnalyticsConfig c = ctx.config().analytics().channel();
    DateRange range = ctx.range();
    // First purchases and acquisition cohorts need every order up to the run's last day.
    // Cached: the daily transform reads it five times (purchases, first purchases, cohorts,
    // complaints, sell-through).
    Dataset<Row> orders = cache(AnalyticsInputs.orders(ctx));
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
    return ChannelHealth.daily(lines, orders, spend, tickets, products, range.from(), range.to(),
        c.cacWindowDays(), c.sellThroughDays());
  }
}
