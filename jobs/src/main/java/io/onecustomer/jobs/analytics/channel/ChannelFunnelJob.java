package io.onecustomer.jobs.analytics.channel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.analytics.AnalyticsInputs;
import io.onecustomer.jobs.analytics.CustomerOrdersJob;
import io.onecustomer.jobs.analytics.channel.ChannelTables.Funnel;
import io.onecustomer.jobs.customer.CustomerKeyed;
import io.onecustomer.jobs.identity.Hmac;
import io.onecustomer.jobs.identity.IdentitySpecs;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverColumns.Touchpoints;
import io.onecustomer.jobs.silver.SilverJobs;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** gold.channel_funnel: view, cart, order and repeat-order customers per day and sales channel. */
public final class ChannelFunnelJob implements Job {
  public static final String ID = "gold_channel_funnel";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return ChannelTables.GOLD_CHANNEL_FUNNEL;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(CustomerOrdersJob.ID, IdentitySpecs.CUSTOMER_IDENTITIES.jobId(), SilverJobs.SILVER_TOUCHPOINTS);
  }

  @Override
  public JobResult run(JobContext ctx) {
    DateRange range = ctx.range();
    var keyed = new CustomerKeyed(ctx.spark(), ctx.warehouse(), range.to(), Hmac.fromConfig(ctx.config()));
    // A repeat order needs the customer's earlier orders in the channel: the whole history.
    Dataset<Row> orders = AnalyticsInputs.orders(ctx);
    Dataset<Row> touches = keyed.touchpoints(expr(range.sqlPredicate(Touchpoints.EVENT_DATE))
        .and(col(Touchpoints.CHANNEL).isin(ChannelFunnel.BROWSE_CHANNELS.keySet().toArray())));
    Dataset<Row> out = ChannelFunnel.funnel(orders, touches, range.from(), range.to());
    long written = DeltaWriter.replace(ctx.spark(), SilverColumns.conform(out, Funnel.COLUMNS), output(),
        ctx.warehouse(), range.sqlPredicate(Funnel.FUNNEL_DATE), Funnel.COMMENT, Funnel.FUNNEL_DATE);
    return new JobResult(id(), output(), range, -1, written, 0, 0, List.of());
  }
}
