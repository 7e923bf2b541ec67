package io.onecustomer.jobs.attribution;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.attribution.AttributionColumns.Models;
import io.onecustomer.jobs.attribution.AttributionTables.ChannelDaily;
import io.onecustomer.jobs.attribution.AttributionTables.Credits;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverJobs;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * gold.channel_attribution: per day, model and channel, the attributed conversions and value of
 * gold.attribution_credits next to the channel's ad spend, with cost per attributed conversion and
 * ROAS.
 */
public final class ChannelAttributionJob implements Job {
  public static final String ID = "gold_channel_attribution";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return AttributionTables.GOLD_CHANNEL_ATTRIBUTION;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(AttributionCreditsJob.ID, SilverJobs.SILVER_AD_SPEND);
  }

  @Override
  public JobResult run(JobContext ctx) {
    AppConfig.Attribution a = ctx.config().attribution();
    DateRange range = ctx.range();
    Dataset<Row> credits = DeltaWriter.read(ctx.spark(), AttributionTables.GOLD_ATTRIBUTION_CREDITS, ctx.warehouse())
        .where(functions.expr(range.sqlPredicate(Credits.CONVERSION_DATE)));
    Dataset<Row> spend = AttributionInputs.spend(
        DeltaWriter.read(ctx.spark(), Tables.SILVER_AD_SPEND, ctx.warehouse())
            .where(functions.expr(range.sqlPredicate(SilverColumns.AdSpend.SPEND_DATE))), a.channelLevel());
    Dataset<Row> out = AttributionInputs.channelDaily(credits, spend, Models.ALL);
    long written = DeltaWriter.replace(ctx.spark(), out, output(), ctx.warehouse(),
        range.sqlPredicate(ChannelDaily.ATTRIBUTION_DATE), ChannelDaily.COMMENT, ChannelDaily.ATTRIBUTION_DATE);
    return new JobResult(id(), output(), range, -1, written, 0, 0, List.of());
  }
}
