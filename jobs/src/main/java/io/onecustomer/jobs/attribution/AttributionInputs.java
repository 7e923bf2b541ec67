package io.onecustomer.jobs.attribution;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.config.AppConfig.ChannelLevel;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.spark.Cols;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.attribution.AttributionColumns.Conversions;
import io.onecustomer.jobs.attribution.AttributionColumns.Journeys;
import io.onecustomer.jobs.attribution.AttributionColumns.Touchpoints;
import io.onecustomer.jobs.attribution.AttributionTables.ChannelDaily;
import io.onecustomer.jobs.attribution.AttributionTables.Credits;
import io.onecustomer.jobs.customer.CustomerColumns;
import io.onecustomer.jobs.silver.SilverColumns.AdSpend;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.Vocabulary;
import java.sql.Date;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * From the suite's tables to the attribution engine's inputs and back: silver touchpoints and
 * orders (keyed by customer through {@code CustomerKeyed}) to touches and conversions, journeys
 * annotated with their order, credits to the gold columns, and the per-day channel roll-up with
 * ad spend. Pure Dataset transforms.
 */
public final class AttributionInputs {
  private AttributionInputs() {}

  /** Traffic channel of the mini-program's own events in silver.touchpoints. */
  public static final String OWNED = "owned";
  private static final String LOOKBACK = "_lookback_days";

  /** Engine options from the typed configuration. */
  public static AttributionOptions options(AppConfig.Attribution a) {
    return new AttributionOptions(a.noneChannel(), new HashSet<>(a.directChannels()),
        Duration.ofMillis(Math.round(a.halfLifeDays() * 86_400_000d)), a.positionFirst(), a.positionLast(),
        a.maxChannels(), a.shapleyMaxExactChannels(), a.shapleyMinJourneys(), a.shapleyPermutations());
  }

  public static PathOptions pathOptions(AppConfig.Attribution a) {
    return new PathOptions(a.dropDirect(), a.collapseRepeats(), a.keepFirst(), a.keepLast());
  }

  /**
   * The attribution channel of a silver.touchpoints row: its traffic channel (the mini-program's own
   * events, traffic channel {@code owned}, are named by their channel, {@code miniprogram}), or its
   * traffic source (media).
   */
  public static Column channel(ChannelLevel level) {
    return switch (level) {
      case TRAFFIC_CHANNEL -> when(col(SilverColumns.Touchpoints.TRAFFIC_CHANNEL).equalTo(lit(OWNED)),
          col(SilverColumns.Touchpoints.CHANNEL)).otherwise(col(SilverColumns.Touchpoints.TRAFFIC_CHANNEL));
      case TRAFFIC_SOURCE -> col(SilverColumns.Touchpoints.TRAFFIC_SOURCE);
    };
  }

  /**
   * Touches ({@link Touchpoints}) from silver.touchpoints rows with customer_id: rows of an excluded
   * traffic channel and rows without customer are left out (an anonymous touch cannot join a path).
   */
  public static Dataset<Row> touches(Dataset<Row> keyedTouchpoints, ChannelLevel level, List<String> excludedTypes) {
    Column excluded = excludedTypes.isEmpty() ? lit(false)
        : coalesce(col(SilverColumns.Touchpoints.TRAFFIC_CHANNEL).isin(excludedTypes.toArray()), lit(false));
    return keyedTouchpoints
        .where(col(CustomerColumns.CUSTOMER_ID).isNotNull().and(not(excluded)))
        .select(col(CustomerColumns.CUSTOMER_ID).as(Touchpoints.CUSTOMER_ID), channel(level).as(Touchpoints.CHANNEL),
            col(SilverColumns.Touchpoints.EVENT_TS).as(Touchpoints.TS));
  }

  /**
   * Conversions from silver.orders lines with customer_id: one per order of a conversion channel
   * that is not cancelled, id {@code <channel>:<order id>}, at the time of its first line, worth its
   * net amount (a fully refunded order is a conversion of value 0). Extra columns for the gold table:
   * {@link Credits#CONVERSION_CHANNEL}, {@link Credits#ORDER_ID}, {@link Credits#CONVERSION_DATE}.
   * An order whose lines resolve to different customers (none should) takes the greatest id.
   */
  public static Dataset<Row> conversions(Dataset<Row> keyedOrders, List<String> conversionChannels) {
    return keyedOrders
        .where(col(Orders.CHANNEL).isin(conversionChannels.toArray())
            .and(col(Orders.STATUS).notEqual(lit(Vocabulary.CANCELLED))))
        .groupBy(col(Orders.CHANNEL).as(Credits.CONVERSION_CHANNEL), col(Orders.ORDER_ID).as(Credits.ORDER_ID))
        .agg(max(col(CustomerColumns.CUSTOMER_ID)).as(Conversions.CUSTOMER_ID),
            min(col(Orders.ORDER_TS)).as(Conversions.TS),
            min(col(Orders.ORDER_DATE)).as(Credits.CONVERSION_DATE),
            sum(col(Orders.NET_AMOUNT)).cast(AttributionColumns.MONEY).as(Conversions.VALUE))
        .withColumn(Conversions.CONVERSION_ID,
            concat_ws(":", col(Credits.CONVERSION_CHANNEL), col(Credits.ORDER_ID)));
  }

  /**
   * Conversion events ({@code attribution.conversion-events}): silver.touchpoints rows with
   * customer_id whose touchpoint type is listed, as conversions in the columns of
   * {@link #conversions}: id {@code <type>:<touchpoint id>}, conversion channel = the type, order id =
   * the touchpoint id, at the event's time, value 0.00.
   */
  public static Dataset<Row> eventConversions(Dataset<Row> keyedTouchpoints, List<String> types) {
    return keyedTouchpoints
        .where(col(SilverColumns.Touchpoints.TOUCHPOINT_TYPE).isin(types.toArray()))
        .select(col(SilverColumns.Touchpoints.TOUCHPOINT_TYPE).as(Credits.CONVERSION_CHANNEL),
            col(SilverColumns.Touchpoints.TOUCHPOINT_ID).as(Credits.ORDER_ID),
            col(CustomerColumns.CUSTOMER_ID).as(Conversions.CUSTOMER_ID),
            col(SilverColumns.Touchpoints.EVENT_TS).as(Conversions.TS),
            col(SilverColumns.Touchpoints.EVENT_DATE).as(Credits.CONVERSION_DATE),
            lit(0).cast(AttributionColumns.MONEY).as(Conversions.VALUE))
        .withColumn(Conversions.CONVERSION_ID,
            concat_ws(":", col(Credits.CONVERSION_CHANNEL), col(Credits.ORDER_ID)));
  }

  /**
   * Adds each conversion's channel, order id and business day to its journey (non-converting
   * journeys get nulls) and applies the per-channel lookback: a conversion whose channel has its own
   * lookback (shorter than the one the journeys were built with) keeps only the touches within it.
   */
  public static Dataset<Row> withConversionAttributes(Dataset<Row> journeys, Dataset<Row> conversions,
      AppConfig.Attribution a) {
    Column lookback = lit(a.lookbackDays());
    for (Map.Entry<String, Integer> e : a.lookbackDaysByChannel().entrySet()) {
      lookback = when(col(Credits.CONVERSION_CHANNEL).equalTo(lit(e.getKey())), lit(e.getValue())).otherwise(lookback);
    }
    Dataset<Row> attrs = conversions.select(col(Conversions.CONVERSION_ID).as(Journeys.JOURNEY_ID),
        col(Credits.CONVERSION_CHANNEL), col(Credits.ORDER_ID), col(Credits.CONVERSION_DATE), lookback.as(LOOKBACK));
    Dataset<Row> j = journeys.join(attrs, Cols.seq(Journeys.JOURNEY_ID), "left");
    if (a.lookbackDaysByChannel().values().stream().allMatch(d -> d >= a.maxLookbackDays())) {
      return j.drop(LOOKBACK);
    }
    Column convTs = col(Journeys.CONVERSION_TS);
    Column limit = convTs.minus(col(LOOKBACK).multiply(lit(Duration.ofDays(1))));
    return j.withColumn(Journeys.TOUCHES, when(col(Journeys.IS_CONVERSION),
            filter(col(Journeys.TOUCHES), t -> t.getField(Journeys.TS).geq(limit)))
            .otherwise(col(Journeys.TOUCHES)))
        .drop(LOOKBACK);
  }

  /**
   * Credits (engine columns) with the gold columns: the conversion's channel, order, value, day and
   * path length from {@code credited} (the journeys that were credited, after path options), and the
   * fit window for the data-driven models.
   */
  public static Dataset<Row> goldCredits(Dataset<Row> credits, Dataset<Row> credited, Date fittedFrom, Date fittedTo) {
    Dataset<Row> attrs = credited.select(col(Journeys.JOURNEY_ID), col(Credits.CONVERSION_CHANNEL),
        col(Credits.ORDER_ID), col(Journeys.CONVERSION_VALUE).as(Credits.CONVERSION_VALUE),
        col(Credits.CONVERSION_DATE), size(col(Journeys.TOUCHES)).as(Credits.PATH_TOUCHES));
    Column dataDriven = col(Credits.MODEL).isin(AttributionColumns.Models.DATA_DRIVEN.toArray());
    Dataset<Row> out = credits.join(attrs, Cols.seq(Journeys.JOURNEY_ID))
        .withColumn(Credits.CONVERSION_ID, col(Journeys.JOURNEY_ID))
        .withColumn(Credits.FITTED_FROM, when(dataDriven, lit(fittedFrom)))
        .withColumn(Credits.FITTED_TO, when(dataDriven, lit(fittedTo)));
    return inColumnsOf(AttributionSpecs.ATTRIBUTION_CREDITS, out);
  }

  /**
   * Ad spend per business day and attribution channel: silver.ad_spend summed by traffic channel or
   * by media, as {@code level} names touches. The sum is cast back to the one money type (Spark
   * widens a sum of decimal(18,2) to decimal(28,2); a channel's day of spend fits 16 digits).
   */
  public static Dataset<Row> spend(Dataset<Row> adSpend, ChannelLevel level) {
    Column channel = level == ChannelLevel.TRAFFIC_CHANNEL ? col(AdSpend.TRAFFIC_CHANNEL) : col(AdSpend.MEDIA);
    return adSpend.groupBy(col(AdSpend.SPEND_DATE).as(ChannelDaily.ATTRIBUTION_DATE), channel.as(ChannelDaily.CHANNEL))
        .agg(sum(col(AdSpend.COST)).cast(AttributionColumns.MONEY).as(ChannelDaily.SPEND),
            sum(col(AdSpend.CLICKS)).as(ChannelDaily.CLICKS),
            sum(col(AdSpend.IMPRESSIONS)).as(ChannelDaily.IMPRESSIONS));
  }

  /**
   * gold.channel_attribution from gold.attribution_credits rows and {@link #spend}: per day, model
   * and channel, the credits summed, joined with the spend of that channel and day. A channel with
   * spend but no credit under a model gets a row with 0 conversions (every model in {@code models}).
   */
  public static Dataset<Row> channelDaily(Dataset<Row> credits, Dataset<Row> spend, List<String> models) {
    Dataset<Row> credited = credits
        .groupBy(col(Credits.CONVERSION_DATE).as(ChannelDaily.ATTRIBUTION_DATE), col(Credits.MODEL).as(ChannelDaily.MODEL),
            col(Credits.CHANNEL).as(ChannelDaily.CHANNEL))
        .agg(sum(col(Credits.CREDIT_CONVERSIONS)).as(ChannelDaily.ATTRIBUTED_CONVERSIONS),
            sum(col(Credits.CREDIT_VALUE)).cast(AttributionColumns.MONEY).as(ChannelDaily.ATTRIBUTED_VALUE),
            count(lit(1)).as(ChannelDaily.CONVERSIONS_TOUCHED));
    Dataset<Row> spendPerModel = spend.withColumn(ChannelDaily.MODEL,
        explode(array(models.stream().map(m -> lit(m)).toArray(Column[]::new))));
    Column conversions = coalesce(col(ChannelDaily.ATTRIBUTED_CONVERSIONS), lit(0.0));
    Column value = coalesce(col(ChannelDaily.ATTRIBUTED_VALUE), lit(0).cast(AttributionColumns.MONEY));
    Column spent = coalesce(col(ChannelDaily.SPEND), lit(0).cast(AttributionColumns.MONEY));
    Dataset<Row> joined = credited.join(spendPerModel,
            Cols.seq(ChannelDaily.ATTRIBUTION_DATE, ChannelDaily.MODEL, ChannelDaily.CHANNEL), "full_outer")
        .withColumn(ChannelDaily.ATTRIBUTED_CONVERSIONS, conversions)
        .withColumn(ChannelDaily.ATTRIBUTED_VALUE, value)
        .withColumn(ChannelDaily.CONVERSIONS_TOUCHED, coalesce(col(ChannelDaily.CONVERSIONS_TOUCHED), lit(0L)))
        .withColumn(ChannelDaily.SPEND, spent)
        .withColumn(ChannelDaily.CLICKS, coalesce(col(ChannelDaily.CLICKS), lit(0L)))
        .withColumn(ChannelDaily.IMPRESSIONS, coalesce(col(ChannelDaily.IMPRESSIONS), lit(0L)));
    Column cpa = when(col(ChannelDaily.SPEND).gt(0).and(col(ChannelDaily.ATTRIBUTED_CONVERSIONS).gt(0)),
        col(ChannelDaily.SPEND).cast(DataTypes.DoubleType).divide(col(ChannelDaily.ATTRIBUTED_CONVERSIONS)));
    Column roas = when(col(ChannelDaily.SPEND).gt(0),
        col(ChannelDaily.ATTRIBUTED_VALUE).cast(DataTypes.DoubleType)
            .divide(col(ChannelDaily.SPEND).cast(DataTypes.DoubleType)));
    return inColumnsOf(AttributionSpecs.CHANNEL_ATTRIBUTION, joined.withColumn(ChannelDaily.COST_PER_CONVERSION, cpa)
        .withColumn(ChannelDaily.ROAS, roas));
  }

  /** {@code rows} in the columns of {@code spec}, in its order (the types are the spec's already). */
  private static Dataset<Row> inColumnsOf(TableSpec spec, Dataset<Row> rows) {
    return rows.select(spec.columnNames().stream().map(functions::col).toArray(Column[]::new));
  }
}
