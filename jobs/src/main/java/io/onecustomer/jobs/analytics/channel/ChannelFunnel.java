package io.onecustomer.jobs.analytics.channel;

import static io.onecustomer.jobs.analytics.channel.ChannelHealth.ratio;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.common.spark.Cols;
import io.onecustomer.jobs.analytics.channel.ChannelTables.Funnel;
import io.onecustomer.jobs.silver.SilverColumns.Touchpoints;
import io.onecustomer.jobs.silver.Vocabulary;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Transforms of gold.channel_funnel: per day and sales channel, the customers at each step (view,
 * add to cart, order, repeat order) and the conversion between steps.
 */
public final class ChannelFunnel {
  private ChannelFunnel() {}

  /** Sales channels with a funnel row (distributor sell-out has no consumers). */
  public static final List<String> FUNNEL_CHANNELS =
      List.of(Vocabulary.MARKETPLACE, Vocabulary.MINIPROGRAM, Vocabulary.POS);
  /**
   * Touchpoint channel to the sales channel whose funnel its browsing belongs to. Only the
   * mini-program browses and sells in one place; web and app have no checkout (their sessions
   * assist purchases elsewhere: gold.channel_assists) and the marketplace's browsing stays with
   * the platform, so marketplace and pos have no view and cart steps.
   */
  public static final Map<String, String> BROWSE_CHANNELS = Map.of(Vocabulary.MINIPROGRAM, Vocabulary.MINIPROGRAM);
  public static final String VIEW = "view";
  public static final String ADD_TO_CART = "add_to_cart";

  private static final String FD = Funnel.FUNNEL_DATE;
  private static final String CH = ChannelTables.CHANNEL;

  /**
   * One row per day of from..to and funnel channel.
   *
   * @param orders {@link Purchases#orders} of customer-keyed lines, the whole history up to {@code to}
   *     (a repeat order needs the customer's earlier orders in the channel)
   * @param touches customer-keyed silver.touchpoints of the days
   */
  public static Dataset<Row> funnel(Dataset<Row> orders, Dataset<Row> touches, LocalDate from, LocalDate to) {
    Date f = Date.valueOf(from);
    Date t = Date.valueOf(to);
    Dataset<Row> purchases = orders.where(col(Purchases.IS_PURCHASE).and(col(Purchases.CUSTOMER_ID).isNotNull())
            .and(col(Purchases.CHANNEL).isin(FUNNEL_CHANNELS.toArray())))
        .withColumn("_n", row_number().over(Window.partitionBy(Purchases.CUSTOMER_ID, Purchases.CHANNEL)
            .orderBy(col(Purchases.ORDER_TS), col(Purchases.ORDER_ID))))
        .where(col(Purchases.ORDER_DATE).between(f, t))
        .select(col(Purchases.ORDER_DATE).as(FD), col(Purchases.CHANNEL).as(CH), col(Purchases.CUSTOMER_ID),
            lit(0).as("_viewed"), lit(0).as("_carted"), lit(1).as("_ordered"),
            when(col("_n").gt(1), 1).otherwise(0).as("_repeat"));

    Column salesChannel = null;
    for (Map.Entry<String, String> e : BROWSE_CHANNELS.entrySet()) {
      Column c = col(Touchpoints.CHANNEL).equalTo(e.getKey());
      salesChannel = salesChannel == null ? when(c, lit(e.getValue())) : salesChannel.when(c, lit(e.getValue()));
    }
    Column type = col(Touchpoints.TOUCHPOINT_TYPE);
    Dataset<Row> browse = touches.where(col(Purchases.CUSTOMER_ID).isNotNull()
            .and(col(Touchpoints.EVENT_DATE).between(f, t)).and(type.isin(VIEW, ADD_TO_CART)))
        .select(col(Touchpoints.EVENT_DATE).as(FD), salesChannel.as(CH), col(Purchases.CUSTOMER_ID),
            when(type.equalTo(VIEW), 1).otherwise(0).as("_viewed"),
            when(type.equalTo(ADD_TO_CART), 1).otherwise(0).as("_carted"), lit(0).as("_ordered"),
            lit(0).as("_repeat"))
        .where(col(CH).isNotNull());

    Dataset<Row> customers = purchases.unionByName(browse)
        .groupBy(FD, CH, Purchases.CUSTOMER_ID)
        .agg(max("_viewed").as("v"), max("_carted").as("c"), max("_ordered").as("o"), max("_repeat").as("r"));
    Column v = col("v").equalTo(1);
    Column c = col("c").equalTo(1);
    Column o = col("o").equalTo(1);
    Dataset<Row> steps = customers.groupBy(FD, CH).agg(
        count(v).as(Funnel.VIEWED), count(c).as(Funnel.CARTED), count(o).as(Funnel.ORDERED),
        count(col("r").equalTo(1)).as(Funnel.REPEAT), count(v.and(c)).as(Funnel.VIEWED_AND_CARTED),
        count(c.and(o)).as(Funnel.CARTED_AND_ORDERED), count(v.and(o)).as(Funnel.VIEWED_AND_ORDERED),
        count(o.and(functions.not(v))).as(Funnel.ORDERED_WITHOUT_VIEW));

    Column hasBrowse = col(CH).isin(BROWSE_CHANNELS.values().toArray());
    Dataset<Row> out = ChannelHealth.grid(orders.sparkSession(), from, to, FD, FUNNEL_CHANNELS)
        .join(steps, Cols.seq(FD, CH), "left")
        .withColumn(Funnel.HAS_BROWSE_DATA, hasBrowse);
    for (String k : List.of(Funnel.VIEWED, Funnel.CARTED, Funnel.VIEWED_AND_CARTED, Funnel.CARTED_AND_ORDERED,
        Funnel.VIEWED_AND_ORDERED, Funnel.ORDERED_WITHOUT_VIEW)) {
      out = out.withColumn(k, when(hasBrowse, coalesce(col(k), lit(0L))));
    }
    for (String k : List.of(Funnel.ORDERED, Funnel.REPEAT)) {
      out = out.withColumn(k, coalesce(col(k), lit(0L)));
    }
    return out
        .withColumn(Funnel.VIEW_TO_CART_RATE, ratio(col(Funnel.VIEWED_AND_CARTED), col(Funnel.VIEWED)))
        .withColumn(Funnel.CART_TO_ORDER_RATE, ratio(col(Funnel.CARTED_AND_ORDERED), col(Funnel.CARTED)))
        .withColumn(Funnel.VIEW_TO_ORDER_RATE, ratio(col(Funnel.VIEWED_AND_ORDERED), col(Funnel.VIEWED)))
        .withColumn(Funnel.REPEAT_RATE, ratio(col(Funnel.REPEAT), col(Funnel.ORDERED)))
        .withColumn(Funnel.VIEW_DROP_OFF, lit(1.0).minus(col(Funnel.VIEW_TO_CART_RATE)))
        .withColumn(Funnel.CART_DROP_OFF, lit(1.0).minus(col(Funnel.CART_TO_ORDER_RATE)));
  }

  /** Counts the rows where {@code cond} holds. */
  private static Column count(Column cond) {
    return sum(when(cond, 1L).otherwise(0L));
  }
}
