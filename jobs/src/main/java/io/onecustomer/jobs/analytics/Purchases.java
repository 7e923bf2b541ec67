package io.onecustomer.jobs.analytics;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.spec.Columns;
import io.onecustomer.common.spec.Types;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import io.onecustomer.jobs.silver.Vocabulary;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Order lines (silver.orders keyed by {@code CustomerKeyed}) rolled up to one row per order: the
 * one definition of "a purchase" that every analytics table shares.
 *
 * <p>A purchase is an order that is not cancelled and kept a positive net amount after refunds.
 * Orders of unresolved buyers (anonymous receipts, distributor sell-out) keep a null customer_id:
 * they count in channel revenue, never in customer metrics.
 */
public final class Purchases {
  private Purchases() {}

  public static final String CUSTOMER_ID = Columns.CUSTOMER_ID;
  public static final String CHANNEL = Orders.CHANNEL;
  public static final String ORDER_ID = Orders.ORDER_ID;
  public static final String STORE_ID = Orders.STORE_ID;
  public static final String REGION = Orders.REGION;
  public static final String ORDER_DATE = Orders.ORDER_DATE;
  public static final String ORDER_TS = Orders.ORDER_TS;
  public static final String NET_AMOUNT = Columns.NET_AMOUNT;
  public static final String GROSS_AMOUNT = Columns.GROSS_AMOUNT;
  public static final String UNITS = "units";
  public static final String LINES = "lines";
  public static final String CATEGORIES = "categories";
  public static final String PRODUCTS = "products";
  public static final String IS_PURCHASE = "is_purchase";

  /**
   * One row per (channel, order_id) of {@code keyedLines}: customer, store, region, first order
   * time and day, net and gross amounts (the lines' sums, cast back to the one money type
   * decimal(18,2)), units, lines, the sorted distinct categories and product codes, and whether the
   * order is a purchase.
   */
  public static Dataset<Row> orders(Dataset<Row> keyedLines) {
    boolean keyed = Arrays.asList(keyedLines.columns()).contains(CUSTOMER_ID);
    return keyedLines
        .groupBy(col(Orders.CHANNEL), col(Orders.ORDER_ID))
        .agg(
            (keyed ? max(col(CUSTOMER_ID)) : lit(null).cast("string")).as(CUSTOMER_ID),
            max(col(Orders.STORE_ID)).as(STORE_ID),
            max(col(Orders.REGION)).as(REGION),
            min(col(Orders.ORDER_DATE)).as(ORDER_DATE),
            min(col(Orders.ORDER_TS)).as(ORDER_TS),
            sum(col(Orders.NET_AMOUNT)).cast(Types.MONEY).as(NET_AMOUNT),
            sum(col(Orders.GROSS_AMOUNT)).cast(Types.MONEY).as(GROSS_AMOUNT),
            sum(col(Orders.QUANTITY)).as(UNITS),
            count(lit(1)).as(LINES),
            array_sort(collect_set(col(Orders.CATEGORY))).as(CATEGORIES),
            array_sort(collect_set(col(Orders.PRODUCT_CODE))).as(PRODUCTS),
            min(when(col(Orders.STATUS).equalTo(Vocabulary.CANCELLED), lit(1)).otherwise(lit(0))).as("_all_cancelled"))
        .withColumn(IS_PURCHASE, col("_all_cancelled").equalTo(0).and(col(NET_AMOUNT).gt(0)))
        .drop("_all_cancelled");
  }

  /** Only the purchases of customers (resolved, not cancelled, positive net). */
  public static Dataset<Row> customerPurchases(Dataset<Row> orders) {
    return orders.where(col(IS_PURCHASE).and(col(CUSTOMER_ID).isNotNull()));
  }
}
