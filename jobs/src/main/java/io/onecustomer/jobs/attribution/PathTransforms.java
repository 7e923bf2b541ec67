package io.onecustomer.jobs.attribution;

import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.CHANNEL;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.CONVERSION_TS;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.CONVERSION_VALUE;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.CUSTOMER_ID;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.IS_CONVERSION;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.JOURNEY_ID;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.JOURNEY_WEIGHT;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.TOUCHES;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.TS;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.bround;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.get;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.jobs.attribution.AttributionColumns.AggregatedPaths;
import io.onecustomer.jobs.attribution.AttributionColumns.Conversions;
import io.onecustomer.jobs.attribution.AttributionColumns.Journeys;
import io.onecustomer.jobs.attribution.AttributionColumns.Touchpoints;
import io.onecustomer.jobs.silver.SilverColumns;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Builds journeys (the input of every model, {@link Journeys}) and reshapes their paths. Pure,
 * static Dataset transforms built from Spark's column and higher-order functions, no UDFs.
 *
 * <p>How touches become journeys ({@link #journeys}):
 *
 * <ul>
 *   <li>A conversion's path holds the customer's touches with {@code conversion_ts - lookback <= ts
 *       <= conversion_ts}: a touch exactly at the lookback limit counts, a touch at the conversion
 *       time counts, a touch after it never does. The lookback is exact (lookback × 24 h).
 *   <li>A touch counts for at most one conversion: the customer's first conversion at or after it
 *       (within the lookback). A conversion's path therefore also starts strictly after the
 *       customer's previous conversion. Conversions of one customer at the same instant are ordered
 *       by conversion id; the later ones get no touches (and so {@code direct/none}).
 *   <li>A non-converting path ({@code is_conversion = false}, journey id {@code open:<customer>})
 *       holds a customer's touches after the last conversion (all touches if none), restricted like
 *       a conversion's to the lookback counted back from the last of them. Customers with no such
 *       touches have none.
 *   <li>Touches are sorted by time, then channel; touches without customer, channel or time are
 *       ignored.
 * </ul>
 */
public final class PathTransforms {
  private PathTransforms() {}

  /** Journey id prefix of a customer's non-converting path. */
  public static final String OPEN_PREFIX = "open:";
  public static final int MAX_LOOKBACK_DAYS = 365;

  private static final String ALL = "_all_touches";
  private static final String PREV_TS = "_prev_conversion_ts";
  private static final String AFTER = "_after_last_conversion";
  private static final String LAST_TS = "_last_conversion_ts";

  /**
   * Journeys from a customer's touchpoints ({@link Touchpoints}) and conversions
   * ({@link Conversions}) with the given lookback: one row per conversion, plus one non-converting
   * path per customer with touches after the last conversion.
   */
  public static Dataset<Row> journeys(Dataset<Row> touchpoints, Dataset<Row> conversions, int lookbackDays) {
    if (lookbackDays < 1 || lookbackDays > MAX_LOOKBACK_DAYS) {
      throw new IllegalArgumentException("attribution.lookback-days must be between 1 and " + MAX_LOOKBACK_DAYS
          + ", got " + lookbackDays);
    }
    Column lookback = lit(Duration.ofDays(lookbackDays));
    // Per customer, every touch as struct(ts, channel): sorting the array sorts by time, then channel.
    Dataset<Row> byCustomer = touchpoints
        .filter(col(Touchpoints.CUSTOMER_ID).isNotNull()
            .and(col(Touchpoints.CHANNEL).isNotNull()).and(col(Touchpoints.TS).isNotNull()))
        .groupBy(col(Touchpoints.CUSTOMER_ID).as(CUSTOMER_ID))
        .agg(array_sort(collect_list(struct(col(Touchpoints.TS).as(TS), col(Touchpoints.CHANNEL).as(CHANNEL))))
            .as(ALL));

    Dataset<Row> conv = conversions.select(
        col(Conversions.CONVERSION_ID).as(JOURNEY_ID),
        col(Conversions.CUSTOMER_ID).as(CUSTOMER_ID),
        col(Conversions.TS).as(CONVERSION_TS),
        col(Conversions.VALUE).cast(AttributionColumns.MONEY).as(CONVERSION_VALUE),
        lag(col(Conversions.TS), 1).over(Window.partitionBy(col(Conversions.CUSTOMER_ID))
            .orderBy(col(Conversions.TS), col(Conversions.CONVERSION_ID))).as(PREV_TS));
    Column convTs = col(CONVERSION_TS);
    Column prevTs = col(PREV_TS);
    Dataset<Row> converting = conv.join(byCustomer, conv.col(CUSTOMER_ID).equalTo(byCustomer.col(CUSTOMER_ID)), "left")
        .select(conv.col(JOURNEY_ID), conv.col(CUSTOMER_ID), lit(true).as(IS_CONVERSION), convTs, col(CONVERSION_VALUE),
            touches(filter(col(ALL), t -> t.getField(TS).leq(convTs)
                .and(t.getField(TS).geq(convTs.minus(lookback)))
                .and(prevTs.isNull().or(t.getField(TS).gt(prevTs))))).as(TOUCHES));

    Dataset<Row> lastConversion = conversions.filter(col(Conversions.CUSTOMER_ID).isNotNull())
        .groupBy(col(Conversions.CUSTOMER_ID).as(CUSTOMER_ID))
        .agg(max(col(Conversions.TS)).as(LAST_TS));
    Column lastTs = col(LAST_TS);
    Column after = filter(col(ALL), t -> lastTs.isNull().or(t.getField(TS).gt(lastTs)));
    Column latest = element_at(col(AFTER), -1).getField(TS);
    Dataset<Row> open = byCustomer.join(lastConversion, byCustomer.col(CUSTOMER_ID).equalTo(lastConversion.col(CUSTOMER_ID)),
            "left")
        .select(byCustomer.col(CUSTOMER_ID), after.as(AFTER))
        .filter(size(col(AFTER)).gt(0))
        .select(concat(lit(OPEN_PREFIX), col(CUSTOMER_ID)).as(JOURNEY_ID), col(CUSTOMER_ID),
            lit(false).as(IS_CONVERSION), lit(null).cast(DataTypes.TimestampType).as(CONVERSION_TS),
            lit(null).cast(AttributionColumns.MONEY).as(CONVERSION_VALUE),
            touches(filter(col(AFTER), t -> t.getField(TS).geq(latest.minus(lookback)))).as(TOUCHES));

    return SilverColumns.conform(converting.unionByName(open), Journeys.COLUMNS);
  }

  /** struct(ts, channel) touches as the journeys' array of struct(channel, ts); null becomes empty. */
  private static Column touches(Column tsChannel) {
    return coalesce(transform(tsChannel, t -> touch(t.getField(CHANNEL), t.getField(TS))), emptyTouches());
  }

  static Column touch(Column channel, Column ts) {
    return struct(channel.as(CHANNEL), ts.cast(DataTypes.TimestampType).as(TS));
  }

  static Column emptyTouches() {
    return array().cast(DataTypes.createArrayType(Journeys.TOUCH));
  }

  /**
   * Weighted journeys from aggregated paths in the ChannelAttribution format ({@link AggregatedPaths}):
   * per path, one conversion journey standing for {@code total_conversions} conversions with their
   * total value (rounded half-even to cents), and one non-converting journey standing for
   * {@code total_null} paths. Touches have no timestamps, so {@code time_decay} cannot run on them.
   * Channels are separated by {@code >} (surrounding spaces ignored); an empty path is a conversion
   * without touches. Missing value and null columns count as 0.
   */
  public static Dataset<Row> fromAggregatedPaths(Dataset<Row> paths) {
    Column conversions = numberOrZero(paths, AggregatedPaths.TOTAL_CONVERSIONS);
    Column value = numberOrZero(paths, AggregatedPaths.TOTAL_CONVERSION_VALUE);
    Column nulls = numberOrZero(paths, AggregatedPaths.TOTAL_NULL);
    Column path = trim(col(AggregatedPaths.PATH));
    Column channels = filter(transform(split(path, "\\s*>\\s*"), c -> trim(c)), c -> c.notEqual(lit("")));
    Column touches = transform(channels, c -> touch(c, lit(null)));
    Dataset<Row> converting = paths.filter(conversions.gt(0)).select(
        path.as(JOURNEY_ID), lit(null).cast(DataTypes.StringType).as(CUSTOMER_ID), lit(true).as(IS_CONVERSION),
        lit(null).cast(DataTypes.TimestampType).as(CONVERSION_TS),
        bround(value, 2).cast(AttributionColumns.MONEY).as(CONVERSION_VALUE), touches.as(TOUCHES),
        conversions.as(JOURNEY_WEIGHT));
    Dataset<Row> open = paths.filter(nulls.gt(0)).select(
        concat(lit(OPEN_PREFIX), path).as(JOURNEY_ID), lit(null).cast(DataTypes.StringType).as(CUSTOMER_ID),
        lit(false).as(IS_CONVERSION), lit(null).cast(DataTypes.TimestampType).as(CONVERSION_TS),
        lit(null).cast(AttributionColumns.MONEY).as(CONVERSION_VALUE), touches.as(TOUCHES), nulls.as(JOURNEY_WEIGHT));
    return converting.unionByName(open);
  }

  private static Column numberOrZero(Dataset<Row> df, String name) {
    return Arrays.asList(df.columns()).contains(name)
        ? coalesce(col(name).cast(DataTypes.DoubleType), lit(0.0)) : lit(0.0);
  }

  /**
   * Collapses consecutive touches of the same channel into the first of them (A A B A becomes
   * A B A).
   */
  public static Dataset<Row> collapseRepeats(Dataset<Row> journeys) {
    Column touches = col(TOUCHES);
    return journeys.withColumn(TOUCHES, filter(touches, (t, i) -> when(i.equalTo(0), lit(true))
        .otherwise(t.getField(CHANNEL).notEqual(get(touches, i.minus(1)).getField(CHANNEL)))));
  }

  /** Keeps the first {@code n} touches of every path. */
  public static Dataset<Row> keepFirst(Dataset<Row> journeys, int n) {
    requirePositive(n, "keep-first");
    return journeys.withColumn(TOUCHES, slice(col(TOUCHES), lit(1), lit(n)));
  }

  /** Keeps the last {@code n} touches of every path. */
  public static Dataset<Row> keepLast(Dataset<Row> journeys, int n) {
    requirePositive(n, "keep-last");
    Column t = col(TOUCHES);
    return journeys.withColumn(TOUCHES,
        when(size(t).gt(n), slice(t, size(t).minus(n).plus(1), lit(n))).otherwise(t));
  }

  /**
   * Removes the touches of the given channels (for instance {@code direct}). A conversion left
   * without touches is credited to the none-channel by the models; a non-converting path left
   * empty is ignored by them.
   */
  public static Dataset<Row> dropChannels(Dataset<Row> journeys, Set<String> channels) {
    if (channels.isEmpty()) {
      return journeys;
    }
    return journeys.withColumn(TOUCHES,
        filter(col(TOUCHES), t -> not(t.getField(CHANNEL).isin(channels.toArray()))));
  }

  /**
   * Applies the path options in their order: drop direct channels ({@code options.directChannels()}),
   * collapse repeats, keep the first or last N touches.
   */
  public static Dataset<Row> withPathOptions(Dataset<Row> journeys, PathOptions paths, AttributionOptions options) {
    Dataset<Row> j = paths.dropDirect() ? dropChannels(journeys, options.directChannels()) : journeys;
    j = paths.collapseRepeats() ? collapseRepeats(j) : j;
    j = paths.keepFirst() > 0 ? keepFirst(j, paths.keepFirst()) : j;
    return paths.keepLast() > 0 ? keepLast(j, paths.keepLast()) : j;
  }

  /**
   * What every model reads: a conversion without touches gets one touch of {@code noneChannel} at
   * the conversion time (it is never dropped); a non-converting path without touches is removed.
   */
  public static Dataset<Row> withNoneTouch(Dataset<Row> journeys, String noneChannel) {
    Column t = coalesce(col(TOUCHES), emptyTouches());
    return journeys
        .withColumn(TOUCHES, when(size(t).equalTo(0).and(col(IS_CONVERSION)),
            array(touch(lit(noneChannel), col(CONVERSION_TS)))).otherwise(t))
        .filter(size(col(TOUCHES)).gt(0));
  }

  /** The journey weight: {@link Journeys#JOURNEY_WEIGHT} when the Dataset has it, else 1. */
  static Column weight(Dataset<Row> journeys) {
    return Arrays.asList(journeys.columns()).contains(JOURNEY_WEIGHT)
        ? coalesce(col(JOURNEY_WEIGHT).cast(DataTypes.DoubleType), lit(1.0)) : lit(1.0);
  }

  private static void requirePositive(int n, String what) {
    if (n < 1) {
      throw new IllegalArgumentException("attribution " + what + " must be at least 1, got " + n);
    }
  }
}
