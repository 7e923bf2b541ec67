package io.onecustomer.jobs.attribution;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.attribution.AttributionColumns.Models;
import io.onecustomer.jobs.attribution.AttributionTables.Credits;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverSpecs;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * gold.channel_attribution: per day, model and channel, the attributed conversions and value of
 * gold.attribution_credits next to the channel's ad spend (silver.ad_spend), with cost per
 * attributed conversion and ROAS.
 */
public final class ChannelAttributionJob extends TableJob {
  public ChannelAttributionJob() {
    super(AttributionSpecs.CHANNEL_ATTRIBUTION, List.of(AttributionSpecs.ATTRIBUTION_CREDITS, SilverSpecs.AD_SPEND));
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    AppConfig.Attribution a = ctx.config().attribution();
    DateRange range = ctx.range();
    Dataset<Row> credits = DeltaWriter.read(ctx.spark(), AttributionSpecs.ATTRIBUTION_CREDITS.id(), ctx.warehouse())
        .where(functions.expr(range.sqlPredicate(Credits.CONVERSION_DATE)));
    Dataset<Row> spend = AttributionInputs.spend(
        DeltaWriter.read(ctx.spark(), SilverSpecs.AD_SPEND.id(), ctx.warehouse())
            .where(functions.expr(range.sqlPredicate(SilverColumns.AdSpend.SPEND_DATE))), a.channelLevel());
    return AttributionInputs.channelDaily(credits, spend, Models.ALL);
  }
}
