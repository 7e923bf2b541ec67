package io.onecustomer.jobs.analytics.customer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.customer.BehaviourTables.Repurchase;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import java.time.LocalDate;
import java.util.List;
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
        .join(byCategory, seq(List.of(Purchases.CHANNEL, Purchases.ORDER_ID)), "inner");
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

    Dataset<Row> units = purchases.select(lit(Repurchase.OVERALL).as(dim), lit(Repurchase.ALL).as(val),
            col(cust), col(day), col(amount).cast(MONEY).as(amount))
        .unionByName(purchases.select(lit(Repurchase.CHANNEL).as(dim), col(Purchases.CHANNEL).as(val),
            col(cust), col(day), col(amount).cast(MONEY).as(amount)))
        .unionByName(categoryPurchases.select(lit(Repurchase.CATEGORY).as(dim), col(CATEGORY).as(val),
            col(cust), col(day), col(amount).cast(MONEY).as(amount)));
    units = BehaviourSnapshots.inWindows(units, day, snapshots, windowDays);

    Dataset<Row> volume = units.groupBy(s, dim, val).agg(
        count(lit(1)).as(Repurchase.ORDERS),
        sum(col(amount)).cast(MONEY).as(Repurchase.REVENUE));

    Dataset<Row> days = units.select(s, dim, val, cust, day).distinct();
    Dataset<Row> customers = days.groupBy(s, dim, val, cust).agg(count(lit(1)).as("_days"))
        .groupBy(s, dim, val).agg(
            count(lit(1)).as(Repurchase.CUSTOMERS),
            sum(when(col("_days").geq(2), 1).otherwise(0)).cast("long").as(Repurchase.REPEAT_CUSTOMERS));

    WindowSpec byCustomer = Window.partitionBy(s, dim, val, cust).orderBy(day);
    Dataset<Row> cycles = days.withColumn("_gap", datediff(col(day), lag(col(day), 1).over(byCustomer)))
        .where(col("_gap").isNotNull())
        .groupBy(s, dim, val).agg(expr("percentile(_gap, 0.5)").as(Repurchase.MEDIAN_CYCLE_DAYS));

    Dataset<Row> overall = customers.where(col(dim).equalTo(Repurchase.OVERALL))
        .select(col(s), col(Repurchase.CUSTOMERS).as("_all_customers"));

    List<String> key = List.of(s, dim, val);
    return customers
        .join(volume, seq(key), "inner")
        .join(cycles, seq(key), "left")
        .join(overall, seq(List.of(s)), "inner")
        .withColumn(Repurchase.WINDOW_START, date_sub(col(s), windowDays - 1))
        .withColumn(Repurchase.REPURCHASE_RATE,
            col(Repurchase.REPEAT_CUSTOMERS).cast("double").divide(col(Repurchase.CUSTOMERS)))
        .withColumn(Repurchase.AVERAGE_ORDER_VALUE,
            col(Repurchase.REVENUE).divide(col(Repurchase.ORDERS)).cast(MONEY))
        .withColumn(Repurchase.PENETRATION,
            col(Repurchase.CUSTOMERS).cast("double").divide(col("_all_customers")))
        .drop("_all_customers");
  }

  static scala.collection.Seq<String> seq(List<String> cols) {
    return scala.collection.JavaConverters.asScalaBuffer(cols).toSeq();
  }
}
