package io.onecustomer.jobs.analytics.channel;

import static io.onecustomer.jobs.analytics.channel.ChannelHealth.MONEY;
import static io.onecustomer.jobs.analytics.channel.ChannelHealth.ratio;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.common.spark.Cols;
import io.onecustomer.jobs.analytics.channel.ChannelTables.Assists;
import io.onecustomer.jobs.silver.SilverColumns.Touchpoints;
import io.onecustomer.jobs.silver.Vocabulary;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Transforms of gold.channel_assists: which purchases of one channel were preceded, within a
 * window of calendar days, by a touch or purchase in another channel (offline <-> online).
 */
public final class ChannelAssists {
  private ChannelAssists() {}

  /** Touchpoint channels whose browsing (anything but a service contact) assists a pos purchase. */
  public static final List<String> ONLINE_TOUCH_CHANNELS =
      List.of(Vocabulary.APP, Vocabulary.MINIPROGRAM, Vocabulary.WEB);
  /** Online sales channels, assisted by a pos purchase or a contact in a store. */
  public static final List<String> ONLINE_SALES_CHANNELS = List.of(Vocabulary.MARKETPLACE, Vocabulary.MINIPROGRAM);
  /** traffic_source of a service touchpoint made in a store: an offline (pos) touch. */
  public static final String STORE_CONTACT = "store";
  public static final String SERVICE_CONTACT = "service_contact";

  /** Converting channel to its assisting channels, in output order ('any' last). */
  public static Map<String, List<String>> pairs() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put(Vocabulary.POS, ONLINE_TOUCH_CHANNELS);
    for (String c : ONLINE_SALES_CHANNELS) {
      m.put(c, List.of(Vocabulary.POS));
    }
    return m;
  }

  private static final String CONV = Assists.CONVERTING_CHANNEL;
  private static final String ASSIST = Assists.ASSISTING_CHANNEL;
  private static final String AD = Assists.ASSIST_DATE;

  /**
   * Assisting events of customers: (customer_id, assisting_channel, event_date, event_ts). Online
   * touches (web, app, miniprogram; no service contacts) keep their channel; store contacts and
   * pos purchases are 'pos'.
   */
  public static Dataset<Row> assistingEvents(Dataset<Row> orders, Dataset<Row> touches) {
    Column channel = when(col(Touchpoints.CHANNEL).isin(ONLINE_TOUCH_CHANNELS.toArray())
            .and(col(Touchpoints.TOUCHPOINT_TYPE).notEqual(SERVICE_CONTACT)), col(Touchpoints.CHANNEL))
        .when(col(Touchpoints.CHANNEL).equalTo(Vocabulary.SERVICE)
            .and(col(Touchpoints.TRAFFIC_SOURCE).equalTo(STORE_CONTACT)), lit(Vocabulary.POS));
    Dataset<Row> fromTouches = touches.where(col(Purchases.CUSTOMER_ID).isNotNull())
        .select(col(Purchases.CUSTOMER_ID), channel.as(ASSIST), col(Touchpoints.EVENT_DATE).as("_event_date"),
            col(Touchpoints.EVENT_TS).as("_event_ts"))
        .where(col(ASSIST).isNotNull());
    Dataset<Row> fromPos = orders.where(col(Purchases.IS_PURCHASE).and(col(Purchases.CUSTOMER_ID).isNotNull())
            .and(col(Purchases.CHANNEL).equalTo(Vocabulary.POS)))
        .select(col(Purchases.CUSTOMER_ID), lit(Vocabulary.POS).as(ASSIST), col(Purchases.ORDER_DATE).as("_event_date"),
            col(Purchases.ORDER_TS).as("_event_ts"));
    return fromTouches.unionByName(fromPos);
  }

  /**
   * One row per day of from..to, converting channel with resolved buyers that day, and assisting
   * channel of {@link #pairs} plus 'any'.
   *
   * @param orders {@link Purchases#orders} of customer-keyed lines from {@code windowDays} before
   *     {@code from} to {@code to}
   * @param touches customer-keyed silver.touchpoints of the same days
   * @param windowDays an event assists when 0 <= datediff(order_date, event_date) <= windowDays and,
   *     on the purchase's own day, it happened before the order
   */
  public static Dataset<Row> assists(Dataset<Row> orders, Dataset<Row> touches, LocalDate from, LocalDate to,
      int windowDays) {
    Map<String, List<String>> pairs = pairs();
    Dataset<Row> conversions = orders.where(col(Purchases.IS_PURCHASE).and(col(Purchases.CUSTOMER_ID).isNotNull())
            .and(col(Purchases.ORDER_DATE).between(Date.valueOf(from), Date.valueOf(to)))
            .and(col(Purchases.CHANNEL).isin(pairs.keySet().toArray())))
        .select(col(Purchases.CUSTOMER_ID), col(Purchases.CHANNEL).as(CONV), col(Purchases.ORDER_ID),
            col(Purchases.ORDER_DATE).as(AD), col(Purchases.ORDER_TS), col(Purchases.NET_AMOUNT));

    Column pairOk = null;
    for (Map.Entry<String, List<String>> e : pairs.entrySet()) {
      Column c = col(CONV).equalTo(e.getKey()).and(col(ASSIST).isin(e.getValue().toArray()));
      pairOk = pairOk == null ? c : pairOk.or(c);
    }
    Column gap = datediff(col(AD), col("_event_date"));
    Dataset<Row> events = assistingEvents(orders, touches);
    Dataset<Row> assisted = conversions.join(events, Purchases.CUSTOMER_ID)
        .where(pairOk.and(gap.between(0, windowDays))
            .and(gap.gt(0).or(col("_event_ts").lt(col(Purchases.ORDER_TS)))))
        .select(Purchases.CUSTOMER_ID, CONV, Purchases.ORDER_ID, AD, Purchases.NET_AMOUNT, ASSIST)
        .distinct();

    // Equal split of each assisted purchase over its assisting channels, in cents; the remainder
    // cents go to the first channel by name, so the credits sum exactly to the purchase.
    var byPurchase = Window.partitionBy(CONV, Purchases.ORDER_ID);
    Column k = count(lit(1)).over(byPurchase);
    Column share = floor(col(Purchases.NET_AMOUNT).multiply(100).divide(k)).divide(100).cast(MONEY);
    Dataset<Row> credited = assisted
        .withColumn("_share", share)
        .withColumn("_rank", row_number().over(byPurchase.orderBy(ASSIST)))
        .withColumn("_credit", when(col("_rank").equalTo(1),
            col(Purchases.NET_AMOUNT).minus(col("_share").multiply(k)).plus(col("_share")))
            .otherwise(col("_share")).cast(MONEY));

    Dataset<Row> perChannel = credited.groupBy(AD, CONV, ASSIST)
        .agg(countDistinct(Purchases.CUSTOMER_ID).as(Assists.ASSISTED_BUYERS),
            count(lit(1)).as(Assists.ASSISTED_PURCHASES),
            sum(Purchases.NET_AMOUNT).cast(MONEY).as(Assists.ASSISTED_REVENUE),
            sum("_credit").cast(MONEY).as(Assists.CREDITED_REVENUE));
    Dataset<Row> any = assisted.select(Purchases.CUSTOMER_ID, CONV, Purchases.ORDER_ID, AD, Purchases.NET_AMOUNT)
        .distinct()
        .groupBy(col(AD), col(CONV), lit(ChannelTables.ANY).as(ASSIST))
        .agg(countDistinct(Purchases.CUSTOMER_ID).as(Assists.ASSISTED_BUYERS),
            count(lit(1)).as(Assists.ASSISTED_PURCHASES),
            sum(Purchases.NET_AMOUNT).cast(MONEY).as(Assists.ASSISTED_REVENUE),
            sum(Purchases.NET_AMOUNT).cast(MONEY).as(Assists.CREDITED_REVENUE));

    Dataset<Row> buyers = conversions.groupBy(AD, CONV)
        .agg(countDistinct(Purchases.CUSTOMER_ID).as(Assists.BUYERS), count(lit(1)).as(Assists.PURCHASES));
    List<Row> pairRows = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : pairs.entrySet()) {
      for (String a : e.getValue()) {
        pairRows.add(RowFactory.create(e.getKey(), a));
      }
      pairRows.add(RowFactory.create(e.getKey(), ChannelTables.ANY));
    }
    Dataset<Row> pairTable = orders.sparkSession().createDataFrame(pairRows,
        new StructType().add(CONV, DataTypes.StringType).add(ASSIST, DataTypes.StringType));

    return buyers.join(pairTable, CONV)
        .join(perChannel.unionByName(any), Cols.seq(AD, CONV, ASSIST), "left")
        .withColumn(Assists.ASSISTED_BUYERS, coalesce(col(Assists.ASSISTED_BUYERS), lit(0L)))
        .withColumn(Assists.ASSISTED_PURCHASES, coalesce(col(Assists.ASSISTED_PURCHASES), lit(0L)))
        .withColumn(Assists.ASSISTED_REVENUE, coalesce(col(Assists.ASSISTED_REVENUE), lit(0)).cast(MONEY))
        .withColumn(Assists.CREDITED_REVENUE, coalesce(col(Assists.CREDITED_REVENUE), lit(0)).cast(MONEY))
        .withColumn(Assists.ASSIST_SHARE, ratio(col(Assists.ASSISTED_BUYERS), col(Assists.BUYERS)));
  }
}
