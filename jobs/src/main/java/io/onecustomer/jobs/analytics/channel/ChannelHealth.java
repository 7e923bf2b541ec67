package io.onecustomer.jobs.analytics.channel;

import static io.onecustomer.jobs.analytics.channel.ChannelTables.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.common.spark.Cols;
import io.onecustomer.jobs.analytics.channel.ChannelTables.Health;
import io.onecustomer.jobs.analytics.channel.ChannelTables.HealthMonthly;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverColumns.AdSpend;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import io.onecustomer.jobs.silver.SilverColumns.Products;
import io.onecustomer.jobs.silver.SilverColumns.ServiceTickets;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Transforms of gold.channel_health and gold.channel_health_monthly: pure functions of their
 * inputs, the days to compute and the windows (see docs/analytics-channels.md for every metric).
 */
public final class ChannelHealth {
  private ChannelHealth() {}

  static final String MONEY = "decimal(18,2)";
  private static final String DAY = "_day";
  private static final String N = "_n";

  /**
   * silver.ad_spend rows to (spend_date, channel, spend): the sales channel of a row is {@code
   * spendChannels} of its media, else of its traffic channel (keys lower case), else
   * {@code unallocated}. Total spend is unchanged.
   */
  public static Dataset<Row> spendByChannel(Dataset<Row> adSpend, Map<String, String> spendChannels) {
    Column media = lower(trim(col(AdSpend.MEDIA)));
    Column traffic = lower(trim(col(AdSpend.TRAFFIC_CHANNEL)));
    Column target = null;
    for (Map.Entry<String, String> e : spendChannels.entrySet()) {
      Column c = media.equalTo(e.getKey());
      target = target == null ? when(c, lit(e.getValue())) : target.when(c, lit(e.getValue()));
    }
    for (Map.Entry<String, String> e : spendChannels.entrySet()) {
      target = target.when(traffic.equalTo(e.getKey()), lit(e.getValue()));
    }
    Column channel = target == null ? lit(UNALLOCATED) : target.otherwise(lit(UNALLOCATED));
    return adSpend.groupBy(col(AdSpend.SPEND_DATE), channel.as(CHANNEL))
        .agg(sum(col(AdSpend.COST)).cast(MONEY).as(SPEND));
  }

  /**
   * One row per day of {@code from..to} and channel (the sales channels, unallocated, and any other
   * channel with lines or spend), with every column of gold.channel_health.
   *
   * @param lines silver.orders lines (at least those of the days): revenue
   * @param orders {@link Purchases#orders} of customer-keyed lines, the whole history up to {@code to}
   *     (first purchases, cohorts) and at least {@code sellThroughDays} before {@code from}
   * @param spend {@link #spendByChannel} from {@code cacWindowDays - 1} days before {@code from}
   * @param tickets silver.service_tickets created in the days
   * @param products silver.products snapshots of the days
   */
  public static Dataset<Row> daily(Dataset<Row> lines, Dataset<Row> orders, Dataset<Row> spend,
      Dataset<Row> tickets, Dataset<Row> products, LocalDate from, LocalDate to, int cacWindowDays,
      int sellThroughDays) {
    Date f = Date.valueOf(from);
    Date t = Date.valueOf(to);
    String hd = Health.HEALTH_DATE;

    Dataset<Row> revenue = lines.where(col(Orders.ORDER_DATE).between(f, t))
        .groupBy(col(Orders.ORDER_DATE).as(hd), col(Orders.CHANNEL).as(CHANNEL))
        .agg(sum(col(Orders.NET_AMOUNT)).cast(MONEY).as(REVENUE));

    Dataset<Row> purchases = orders.where(col(Purchases.IS_PURCHASE));
    Dataset<Row> orderStats = purchases.where(col(Purchases.ORDER_DATE).between(f, t))
        .groupBy(col(Purchases.ORDER_DATE).as(hd), col(Purchases.CHANNEL).as(CHANNEL))
        .agg(count(lit(1)).as(ORDERS), sum(col(Purchases.NET_AMOUNT)).cast(MONEY).as(PURCHASE_REVENUE),
            countDistinct(col(Purchases.CUSTOMER_ID)).as(ACTIVE_CUSTOMERS));

    Dataset<Row> customer = purchases.where(col(Purchases.CUSTOMER_ID).isNotNull());
    Dataset<Row> newToChannel = customer
        .groupBy(col(Purchases.CUSTOMER_ID), col(Purchases.CHANNEL))
        .agg(min(col(Purchases.ORDER_DATE)).as(hd))
        .where(col(hd).between(f, t))
        .groupBy(col(hd), col(Purchases.CHANNEL).as(CHANNEL)).agg(count(lit(1)).as(NEW_TO_CHANNEL));

    // Every purchase of a customer, numbered in time; the first one acquires the customer.
    Dataset<Row> ranked = customer.withColumn(N, row_number().over(Window.partitionBy(Purchases.CUSTOMER_ID)
        .orderBy(col(Purchases.ORDER_TS), col(Purchases.CHANNEL), col(Purchases.ORDER_ID))));
    Dataset<Row> acquisition = ranked.where(col(N).equalTo(1))
        .select(col(Purchases.CUSTOMER_ID), col(Purchases.CHANNEL).as("_acq_channel"));
    // Per acquisition channel and day: customers acquired, customers reaching their second purchase,
    // net revenue of the acquired customers (all channels). Cumulated up to each day below.
    Dataset<Row> cohortDaily = ranked.join(acquisition, Purchases.CUSTOMER_ID)
        .groupBy(col("_acq_channel").as(CHANNEL), col(Purchases.ORDER_DATE).as(DAY))
        .agg(sum(when(col(N).equalTo(1), 1).otherwise(0)).as("_acquired"),
            sum(when(col(N).equalTo(2), 1).otherwise(0)).as("_repeat"),
            sum(col(Purchases.NET_AMOUNT)).as("_revenue"));
    Dataset<Row> newToBrandDaily = cohortDaily.select(col(CHANNEL), col(DAY), col("_acquired").as(N));

    Dataset<Row> grid = grid(lines.sparkSession(), from, to, hd, healthChannels())
        .union(revenue.select(hd, CHANNEL))
        .union(spend.where(col(AdSpend.SPEND_DATE).between(f, t)).select(col(AdSpend.SPEND_DATE).as(hd), col(CHANNEL)))
        .distinct();

    Dataset<Row> spendDay = spend.where(col(AdSpend.SPEND_DATE).between(f, t))
        .select(col(AdSpend.SPEND_DATE).as(hd), col(CHANNEL), col(SPEND));
    Dataset<Row> newToBrand = newToBrandDaily.where(col(DAY).between(f, t))
        .select(col(DAY).as(hd), col(CHANNEL), col(N).as(NEW_TO_BRAND));

    Dataset<Row> cohort = grid.join(cohortDaily, grid.col(CHANNEL).equalTo(cohortDaily.col(CHANNEL))
            .and(cohortDaily.col(DAY).leq(grid.col(hd))))
        .groupBy(grid.col(hd), grid.col(CHANNEL))
        .agg(sum("_acquired").as(ACQUIRED_CUSTOMERS), sum("_repeat").as(ACQUIRED_REPEAT_CUSTOMERS),
            sum("_revenue").cast(MONEY).as(ACQUIRED_REVENUE));

    // Trailing window of spend and new-to-brand customers (the day and the cacWindowDays - 1 before).
    Dataset<Row> trailingInputs = spend.select(col(AdSpend.SPEND_DATE).as(DAY), col(CHANNEL), col(SPEND),
            lit(0L).as(N))
        .union(newToBrandDaily.select(col(DAY), col(CHANNEL), lit(null).cast(MONEY).as(SPEND), col(N)));
    Dataset<Row> trailing = grid.join(trailingInputs, grid.col(CHANNEL).equalTo(trailingInputs.col(CHANNEL))
            .and(trailingInputs.col(DAY).leq(grid.col(hd)))
            .and(trailingInputs.col(DAY).gt(date_sub(grid.col(hd), cacWindowDays))))
        .groupBy(grid.col(hd), grid.col(CHANNEL))
        .agg(sum(SPEND).cast(MONEY).as(TRAILING_SPEND), sum(N).as(TRAILING_NEW_TO_BRAND));

    Dataset<Row> orderChannels = orders.select(col(Purchases.CHANNEL).as(CHANNEL), col(Purchases.ORDER_ID)).distinct();
    Dataset<Row> complaints = tickets.where(col(ServiceTickets.CREATED_DATE).between(f, t)
            .and(coalesce(col(ServiceTickets.IS_COMPLAINT), lit(false))))
        .join(orderChannels, col(ServiceTickets.ORDER_REF).equalTo(col(Purchases.ORDER_ID)))
        .groupBy(col(ServiceTickets.CREATED_DATE).as(hd), col(CHANNEL))
        .agg(countDistinct(col(ServiceTickets.TICKET_ID)).as(COMPLAINTS));

    Dataset<Row> sellThrough = sellThrough(purchases, products, from, to, sellThroughDays);

    Dataset<Row> out = grid;
    for (Dataset<Row> part : List.of(revenue, orderStats, newToChannel, spendDay, newToBrand, cohort, trailing,
        complaints, sellThrough)) {
      out = out.join(part, Cols.seq(hd, CHANNEL), "left");
    }
    for (String c : List.of(REVENUE, PURCHASE_REVENUE, SPEND, ACQUIRED_REVENUE, TRAILING_SPEND)) {
      out = out.withColumn(c, coalesce(col(c), lit(0)).cast(MONEY));
    }
    for (String c : List.of(ORDERS, ACTIVE_CUSTOMERS, NEW_TO_CHANNEL, NEW_TO_BRAND, ACQUIRED_CUSTOMERS,
        ACQUIRED_REPEAT_CUSTOMERS, TRAILING_NEW_TO_BRAND, COMPLAINTS, PRODUCTS_LISTED, PRODUCTS_SOLD)) {
      out = out.withColumn(c, coalesce(col(c), lit(0L)).cast("bigint"));
    }
    return out
        .withColumn(CAC, money(col(SPEND), col(NEW_TO_BRAND)))
        .withColumn(ROAS, ratio(col(REVENUE), col(SPEND)))
        .withColumn(ROI, ratio(col(REVENUE).minus(col(SPEND)), col(SPEND)))
        .withColumn(AOV, money(col(PURCHASE_REVENUE), col(ORDERS)))
        .withColumn(REPURCHASE_RATE, ratio(col(ACQUIRED_REPEAT_CUSTOMERS), col(ACQUIRED_CUSTOMERS)))
        .withColumn(ACQUIRED_LTV, money(col(ACQUIRED_REVENUE), col(ACQUIRED_CUSTOMERS)))
        .withColumn(LTV_BASIS, lit(LTV_REALISED))
        .withColumn(TRAILING_CAC, money(col(TRAILING_SPEND), col(TRAILING_NEW_TO_BRAND)))
        .withColumn(LTV_TO_CAC, ratio(col(ACQUIRED_LTV), col(TRAILING_CAC)))
        .withColumn(COMPLAINT_RATE, ratio(col(COMPLAINTS), col(ORDERS)))
        .withColumn(SELL_THROUGH_RATE, ratio(col(PRODUCTS_SOLD), col(PRODUCTS_LISTED)));
  }

  /** The channels every day of gold.channel_health has a row for: the sales channels and unallocated. */
  static List<String> healthChannels() {
    List<String> channels = new ArrayList<>(SALES_CHANNELS);
    channels.add(UNALLOCATED);
    return channels;
  }

  /**
   * Per day and channel: products listed active in that day's snapshot (products_listed) and how
   * many of them have a purchase in the channel in the {@code days} days ending that day.
   */
  public static Dataset<Row> sellThrough(Dataset<Row> purchases, Dataset<Row> products, LocalDate from,
      LocalDate to, int days) {
    String hd = Health.HEALTH_DATE;
    Dataset<Row> listed = products
        .where(col(SilverColumns.RUN_DATE).between(Date.valueOf(from), Date.valueOf(to)).and(col(Products.IS_ACTIVE)))
        .select(col(SilverColumns.RUN_DATE).as(hd), col(Products.CHANNEL).as(CHANNEL),
            col(Products.PRODUCT_CODE).as("_product"))
        .distinct();
    Dataset<Row> sold = purchases
        .where(col(Purchases.IS_PURCHASE).and(col(Purchases.ORDER_DATE)
            .between(Date.valueOf(from.minusDays(days - 1L)), Date.valueOf(to))))
        .select(col(Purchases.CHANNEL).as("_sold_channel"), explode(col(Purchases.PRODUCTS)).as("_sold_product"),
            col(Purchases.ORDER_DATE).as(DAY))
        .distinct();
    Dataset<Row> soldListed = listed.join(sold, col(CHANNEL).equalTo(col("_sold_channel"))
            .and(col("_product").equalTo(col("_sold_product")))
            .and(col(DAY).leq(col(hd))).and(col(DAY).gt(date_sub(col(hd), days))))
        .select(hd, CHANNEL, "_product").distinct()
        .groupBy(hd, CHANNEL).agg(count(lit(1)).as(PRODUCTS_SOLD));
    return listed.groupBy(hd, CHANNEL).agg(count(lit(1)).as(PRODUCTS_LISTED))
        .join(soldListed, Cols.seq(hd, CHANNEL), "left")
        .withColumn(PRODUCTS_SOLD, coalesce(col(PRODUCTS_SOLD), lit(0L)));
  }

  /**
   * gold.channel_health_monthly for every month from {@code from}'s to {@code to}'s, each up to
   * min(month end, {@code to}): sums of the daily rows, distinct customers of {@code orders}
   * ({@link Purchases#orders}, customer-keyed), stock metrics of the period's last daily row.
   */
  public static Dataset<Row> monthly(Dataset<Row> daily, Dataset<Row> orders, LocalDate from, LocalDate to) {
    Date start = Date.valueOf(from.withDayOfMonth(1));
    Date end = Date.valueOf(to);
    String hm = HealthMonthly.HEALTH_MONTH;
    String pe = HealthMonthly.PERIOD_END;
    Dataset<Row> days = daily.where(col(Health.HEALTH_DATE).between(start, end))
        .withColumn(hm, trunc(col(Health.HEALTH_DATE), "month"));
    List<Column> sums = new ArrayList<>();
    sums.add(count(lit(1)).as(HealthMonthly.DAYS_REPORTED));
    for (String c : List.of(REVENUE, PURCHASE_REVENUE, SPEND)) {
      sums.add(sum(col(c)).cast(MONEY).as(c));
    }
    for (String c : List.of(ORDERS, NEW_TO_CHANNEL, NEW_TO_BRAND, COMPLAINTS)) {
      sums.add(sum(col(c)).cast("bigint").as(c));
    }
    Dataset<Row> period = days.groupBy(col(hm), col(CHANNEL))
        .agg(max(col(Health.HEALTH_DATE)).as(pe), sums.toArray(new Column[0]));
    Dataset<Row> stock = days.select(col(hm), col(CHANNEL), col(Health.HEALTH_DATE).as(pe), col(ACQUIRED_CUSTOMERS),
        col(REPURCHASE_RATE), col(ACQUIRED_LTV), col(LTV_BASIS), col(TRAILING_CAC), col(LTV_TO_CAC),
        col(PRODUCTS_LISTED), col(PRODUCTS_SOLD), col(SELL_THROUGH_RATE));
    Dataset<Row> active = orders.where(col(Purchases.IS_PURCHASE).and(col(Purchases.CUSTOMER_ID).isNotNull())
            .and(col(Purchases.ORDER_DATE).between(start, end)))
        .groupBy(trunc(col(Purchases.ORDER_DATE), "month").as(hm), col(Purchases.CHANNEL).as(CHANNEL))
        .agg(countDistinct(col(Purchases.CUSTOMER_ID)).as(ACTIVE_CUSTOMERS));
    return period.join(stock, Cols.seq(hm, CHANNEL, pe), "left")
        .join(active, Cols.seq(hm, CHANNEL), "left")
        .withColumn(ACTIVE_CUSTOMERS, coalesce(col(ACTIVE_CUSTOMERS), lit(0L)))
        .withColumn(CAC, money(col(SPEND), col(NEW_TO_BRAND)))
        .withColumn(ROAS, ratio(col(REVENUE), col(SPEND)))
        .withColumn(ROI, ratio(col(REVENUE).minus(col(SPEND)), col(SPEND)))
        .withColumn(AOV, money(col(PURCHASE_REVENUE), col(ORDERS)))
        .withColumn(COMPLAINT_RATE, ratio(col(COMPLAINTS), col(ORDERS)));
  }

  /** The days from..to crossed with {@code channels}, as (dateColumn, channel): a small driver-side list. */
  static Dataset<Row> grid(SparkSession spark, LocalDate from, LocalDate to, String dateColumn,
      List<String> channels) {
    List<Row> rows = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      for (String c : channels) {
        rows.add(RowFactory.create(Date.valueOf(d), c));
      }
    }
    StructType schema = new StructType().add(dateColumn, DataTypes.DateType).add(CHANNEL, DataTypes.StringType);
    return spark.createDataFrame(rows, schema);
  }

  /** num / den as money (decimal(18,2), half up); null when den is null or not positive. */
  static Column money(Column num, Column den) {
    return when(den.gt(0), num.cast("decimal(38,6)").divide(den.cast("decimal(38,6)"))).cast(MONEY);
  }

  /** num / den as a double; null when den is null or not positive. */
  static Column ratio(Column num, Column den) {
    return when(den.gt(0), num.cast("double").divide(den.cast("double")));
  }

  /** Join columns for {@code Dataset.join(other, usingColumns, type)}. */
}
