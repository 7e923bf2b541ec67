package io.onecustomer.jobs.analytics.channel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.onecustomer.common.DateRange;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.analytics.AnalyticsInputs;
import io.onecustomer.jobs.analytics.AnalyticsSpecs;
import io.onecustomer.jobs.identity.CustomerKeyed;
import io.onecustomer.jobs.identity.IdentitySpecs;
import io.onecustomer.jobs.privacy.Hmac;
import io.onecustomer.jobs.silver.SilverColumns.Touchpoints;
import io.onecustomer.jobs.silver.SilverSpecs;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** gold.channel_funnel: view, cart, order and repeat-order customers per day and sales channel. */
public final class ChannelFunnelJob extends TableJob {
  public ChannelFunnelJob() {
    super(ChannelSpecs.CHANNEL_FUNNEL, List.of(AnalyticsSpecs.CUSTOMER_ORDERS, IdentitySpecs.CUSTOMER_IDENTITIES,
        SilverSpecs.TOUCHPOINTS));
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    DateRange range = ctx.range();
    var keyed = new CustomerKeyed(ctx.spark(), ctx.warehouse(), range.to(), Hmac.of(ctx.spark(), ctx.keys()));
    // A repeat order needs the customer's earlier orders in the channel: the whole history.
    Dataset<Row> orders = AnalyticsInputs.orders(ctx);
    Dataset<Row> touches = keyed.touchpoints(expr(range.sqlPredicate(Touchpoints.EVENT_DATE))
        .and(col(Touchpoints.CHANNEL).isin(ChannelFunnel.BROWSE_CHANNELS.keySet().toArray())));
    return ChannelFunnel.funnel(orders, touches, range.from(), range.to());
  }
}
