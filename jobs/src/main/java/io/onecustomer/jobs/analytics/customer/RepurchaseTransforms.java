package io.onecustomer.jobs.analytics.customer;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.common.spark.Cols;
import io.onecustomer.jobs.analytics.customer.BehaviourTables.Repurchase;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/** gold.repurchase_metrics: who buys again, how often and how soon, overall and per channel and category. */
public final class RepurchaseTransforms {
  private RepurchaseTransforms() {}

  /** Category of a category purchase (column of {@link #categoryPurchases}). */
  public static final String CATEGORY = Orders.CATEGORY;
  static final String MONEY = "decimal(18,2)";

  /**
   * One row per (customer purchase, category among its lines): customer_id, channel, order_id,
   * order_date, category and the net amount of the purchase's lines of that category (0 when those
   * lines were refunded while the order was kept). Lines of unknown products (null category) are
   * left out.
   *
   * @param keyedLines silver.orders lines with customer_id (CustomerKeyed)
   * @param purchases {@link Purchases#customerPurchases} of those lines
   */
  public static Dataset<Row> categoryPurchases(Dataset<Row> keyedLines, Dataset<Row> purchases) {
    Dataset<Row> byCategory = keyedLines.where(col(Orders.CATEGORY).isNotNull())
        .groupBy(col(Orders.CHANNEL), col(Orders.ORDER_ID), col(Orders.CATEGORY).as(CATEGORY))
        .agg(sum(col(Orders.NET_AMOUNT)).cast(MONEY).as(Purchases.NET_AMOUNT));
    return purchases.select(Purchases.CHANNEL, Purchases.ORDER_ID, Purchases.CUSTOMER_ID, Purchases.ORDER_DATE)
        .join(byCategory, Cols.seq(Purchases.CHANNEL, Purchases.ORDER_ID), "inner");
  }

  /**
   * Repurchase metrics of every snapshot day in one pass: one row per snapshot_date, dimension
   * (overall, channel, category) and dimension value, over the purchases of the {@code windowDays}
   * days ending on the snapshot day.
   *
   * <p>A customer repeats when they bought on two or more different days in the dimension value
   * (two orders on one day are one purchase occasion); cycle days are the days between a customer's
   * consecutive purchase days, and the median pools the intervals of all customers.
   *
   * @param purchases {@link Purchases#customerPurchases}: customer_id, channel, order_date, net_amount
   * @param categoryPurchases {@link #categoryPurchases} of the same purchases
   */
  public static Dataset<Row> repurchaseMetrics(Dataset<Row> purchases, Dataset<Row> categoryPurchases,
      List<LocalDate> snapshots, int windowDays) {
    String s = BehaviourTables.SNAPSHOT_DATE;
    String dim = Repurchase.DIMENSION;
    String val = Repurchase.DIMENSION_VALUE;
    String cust = Purchases.CUSTOMER_ID;
    String day = Purchases.ORDER_DATE;
    String amount = Purchases.NET_AMOUNT;

    // Overall and channel rows from one pass over the purchases; categories from their lines.
    Dataset<Row> units = purchases
        .select(explode(array(
                struct(lit(Repurchase.OVERALL).as(dim), lit(Repurchase.ALL).as(val)),
                struct(lit(Repurchase.CHANNEL).as(dim), col(Purchases.CHANNEL).as(val)))).as("_d"),
            col(cust), col(day), col(amount).cast(MONEY).as(amount))
        .select(col("_d." + dim).as(dim), col("_d." + val).as(val), col(cust), col(day), col(amount))
        .unionByName(categoryPurchases.select(lit(Repurchase.CATEGORY).as(dim), col(CATEGORY).as(val),
            col(cust), col(day), col(amount).cast(MONEY).as(amount)));
    units = BehaviourSnapshots.inWindows(units, day, snapshots, windowDays);

    // One row per customer and purchase day, then each day's gap to the customer's previous one.
    WindowSpec customer = Window.partitionBy(s, dim, val, cust);
    Dataset<Row> customerDays = units.groupBy(s, dim, val, cust, day)
        .agg(count(lit(1)).as("_orders"), sum(col(amount)).as("_revenue"))
        .withColumn("_gap", datediff(col(day), lag(col(day), 1).over(customer.orderBy(day))))
        .withColumn("_days", count(lit(1)).over(customer))
        .withColumn("_first", col("_gap").isNull());

    Dataset<Row> out = customerDays.groupBy(s, dim, val).agg(
        sum(when(col("_first"), 1).otherwise(0)).cast("long").as(Repurchase.CUSTOMERS),
        sum(when(col("_first").and(col("_days").geq(2)), 1).otherwise(0)).cast("long").as(Repurchase.REPEAT_CUSTOMERS),
        expr("percentile(_gap, 0.5)").as(Repurchase.MEDIAN_CYCLE_DAYS),
        sum(col("_orders")).cast("long").as(Repurchase.ORDERS),
        sum(col("_revenue")).cast(MONEY).as(Repurchase.REVENUE));

    // The overall row of the same snapshot, from the (small) aggregated rows.
    Column allCustomers = max(when(col(dim).equalTo(Repurchase.OVERALL), col(Repurchase.CUSTOMERS)))
        .over(Window.partitionBy(s));
    return out
        .withColumn(Repurchase.WINDOW_START, date_sub(col(s), windowDays - 1))
        .withColumn(Repurchase.REPURCHASE_RATE,
            col(Repurchase.REPEAT_CUSTOMERS).cast("double").divide(col(Repurchase.CUSTOMERS)))
        .withColumn(Repurchase.AVERAGE_ORDER_VALUE,
            col(Repurchase.REVENUE).divide(col(Repurchase.ORDERS)).cast(MONEY))
        .withColumn(Repurchase.PENETRATION, col(Repurchase.CUSTOMERS).cast("double").divide(allCustomers));
  }

}
