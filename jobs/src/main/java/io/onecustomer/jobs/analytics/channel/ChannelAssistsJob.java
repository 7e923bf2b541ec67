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
import io.onecustomer.jobs.analytics.channel.ChannelTables.Assists;
import io.onecustomer.jobs.customer.CustomerKeyed;
import io.onecustomer.jobs.identity.Hmac;
import io.onecustomer.jobs.identity.IdentitySpecs;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverColumns.Touchpoints;
import io.onecustomer.jobs.silver.SilverJobs;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** gold.channel_assists: cross-channel (offline <-> online) assists of the run's days. */
public final class ChannelAssistsJob implements Job {
  public static final String ID = "gold_channel_assists";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return ChannelTables.GOLD_CHANNEL_ASSISTS;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(CustomerOrdersJob.ID, IdentitySpecs.CUSTOMER_IDENTITIES.jobId(), SilverJobs.SILVER_TOUCHPOINTS);
  }

  @Override
  public JobResult run(JobContext ctx) {
    int window = ctx.config().analytics().channel().assistWindowDays();
    DateRange range = ctx.range();
    Date start = Date.valueOf(range.from().minusDays(window));
    Date end = Date.valueOf(range.to());
    var keyed = new CustomerKeyed(ctx.spark(), ctx.warehouse(), range.to(), Hmac.fromConfig(ctx.config()));
    Dataset<Row> orders = AnalyticsInputs.orders(ctx).where(col(Purchases.ORDER_DATE).between(start, end));
    Dataset<Row> touches = keyed.touchpoints(col(Touchpoints.EVENT_DATE).between(start, end));
    Dataset<Row> out = ChannelAssists.assists(orders, touches, range.from(), range.to(), window);
    long written = DeltaWriter.replace(ctx.spark(), SilverColumns.conform(out, Assists.COLUMNS), output(),
        ctx.warehouse(), range.sqlPredicate(Assists.ASSIST_DATE), Assists.COMMENT, Assists.ASSIST_DATE);
    return new JobResult(id(), output(), range, -1, written, 0, 0, List.of());
  }
}
