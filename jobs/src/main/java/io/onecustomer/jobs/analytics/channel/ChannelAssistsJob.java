package io.onecustomer.jobs.analytics.channel;

import static org.apache.spark.sql.functions.col;

import io.onecustomer.common.DateRange;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.analytics.AnalyticsInputs;
import io.onecustomer.jobs.analytics.AnalyticsSpecs;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.identity.CustomerKeyed;
import io.onecustomer.jobs.identity.IdentitySpecs;
import io.onecustomer.jobs.privacy.Hmac;
import io.onecustomer.jobs.silver.SilverColumns.Touchpoints;
import io.onecustomer.jobs.silver.SilverSpecs;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** gold.channel_assists: cross-channel (offline <-> online) assists of the run's days. */
public final class ChannelAssistsJob extends TableJob {
  public ChannelAssistsJob() {
    super(ChannelSpecs.CHANNEL_ASSISTS, List.of(AnalyticsSpecs.CUSTOMER_ORDERS, IdentitySpecs.CUSTOMER_IDENTITIES,
        SilverSpecs.TOUCHPOINTS));
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    int window = ctx.config().analytics().channel().assistWindowDays();
    DateRange range = ctx.range();
    Date start = Date.valueOf(range.from().minusDays(window));
    Date end = Date.valueOf(range.to());
    var keyed = new CustomerKeyed(ctx.spark(), ctx.warehouse(), range.to(), Hmac.of(ctx.spark(), ctx.keys()));
    Dataset<Row> orders = AnalyticsInputs.orders(ctx).where(col(Purchases.ORDER_DATE).between(start, end));
    Dataset<Row> touches = keyed.touchpoints(col(Touchpoints.EVENT_DATE).between(start, end));
    return ChannelAssists.assists(orders, touches, range.from(), range.to(), window);
  }
}
