package io.onecustomer.jobs.analytics.customer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.common.spark.Cols;
import io.onecustomer.jobs.analytics.customer.BehaviourTables.CrossSell;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.cross_sell_pairs: which items customers buy after which (sequential cross-sell, not
 * same-basket affinity).
 *
 * <p>Y follows X for a customer when the customer bought Y 1 to {@code withinDays} days after a
 * purchase of X, both purchases inside the lookback. The same day does not count (a basket bought
 * together is not a cross-sell), nor does Y bought only before X. The pairs come from a self-join
 * of each customer's (item, day) purchases with themselves, bounded to days 1..withinDays later,
 * so its size grows with the items per customer, never with customers x customers.
 */
public final class CrossSellTransforms {
  private CrossSellTransforms() {}

  static final String ITEM = "item";
  static final String LEVEL = CrossSell.LEVEL;

  /**
   * One row per (level, customer_id, item, order_date) a customer bought: items are the categories
   * or product codes of {@link Purchases#customerPurchases} (their sorted distinct arrays).
   */
  public static Dataset<Row> itemDays(Dataset<Row> purchases, List<String> levels) {
    Dataset<Row> out = null;
    for (String level : levels) {
      String items = switch (level) {
        case CrossSell.CATEGORY -> Purchases.CATEGORIES;
        case CrossSell.PRODUCT -> Purchases.PRODUCTS;
        default -> throw new IllegalArgumentException("cross-sell level must be category or product, got '" + level
            + "'");
      };
      Dataset<Row> one = purchases.select(lit(level).as(LEVEL), col(Purchases.CUSTOMER_ID),
              explode(col(items)).as(ITEM), col(Purchases.ORDER_DATE))
          .where(col(ITEM).isNotNull());
      out = out == null ? one : out.unionByName(one);
    }
    if (out == null) {
      throw new IllegalArgumentException("at least one cross-sell level is needed");
    }
    return out.distinct();
  }

  /**
   * Cross-sell pairs of every snapshot day in one pass: one row per snapshot_date, level and ordered
   * pair X -> Y (X != Y) with at least {@code minCustomers} customers who bought Y after X.
   *
   * @param purchases {@link Purchases#customerPurchases} (customer_id, order_date, categories, products)
   * @param lookbackDays both purchases lie in the lookbackDays days ending on the snapshot day
   * @param withinDays Y counts when bought 1..withinDays days after X (withinDays included)
   */
  public static Dataset<Row> crossSellPairs(Dataset<Row> purchases, List<String> levels, List<LocalDate> snapshots,
      int lookbackDays, int withinDays, int minCustomers) {
    String s = BehaviourTables.SNAPSHOT_DATE;
    String cust = Purchases.CUSTOMER_ID;
    String day = Purchases.ORDER_DATE;
    LocalDate first = snapshots.stream().min(LocalDate::compareTo).orElseThrow().minusDays(lookbackDays - 1L);
    LocalDate last = snapshots.stream().max(LocalDate::compareTo).orElseThrow();

    Dataset<Row> allCustomers = BehaviourSnapshots.inWindows(purchases.select(cust, day), day, snapshots, lookbackDays)
        .groupBy(s).agg(countDistinct(col(cust)).as(CrossSell.CUSTOMERS_ALL));

    Dataset<Row> items = itemDays(purchases, levels)
        .where(col(day).between(BehaviourSnapshots.dateLiteral(first), BehaviourSnapshots.dateLiteral(last)));
    Dataset<Row> itemCustomers = BehaviourSnapshots.inWindows(items, day, snapshots, lookbackDays)
        .groupBy(s, LEVEL, ITEM).agg(countDistinct(col(cust)).as("_customers"));

    // Per customer: every purchase of X paired with the purchases of another item 1..withinDays later.
    Dataset<Row> x = items.select(col(LEVEL), col(cust), col(ITEM).as(CrossSell.ITEM_X), col(day).as("_x_day"));
    Dataset<Row> y = items.select(col(LEVEL).as("_y_level"), col(cust).as("_y_customer"),
        col(ITEM).as(CrossSell.ITEM_Y), col(day).as("_y_day"));
    Dataset<Row> followed = x.join(y, col(LEVEL).equalTo(col("_y_level"))
            .and(col(cust).equalTo(col("_y_customer")))
            .and(col(CrossSell.ITEM_X).notEqual(col(CrossSell.ITEM_Y)))
            .and(col("_y_day").gt(col("_x_day")))
            .and(col("_y_day").leq(date_add(col("_x_day"), withinDays))), "inner")
        .select(col(LEVEL), col(cust), col(CrossSell.ITEM_X), col(CrossSell.ITEM_Y), col("_x_day"), col("_y_day"));

    // A pair belongs to every snapshot whose lookback holds both days; per customer the shortest lag.
    Dataset<Row> pairCustomers = BehaviourSnapshots.inWindows(followed, "_x_day", snapshots, lookbackDays)
        .where(col("_y_day").leq(col(s)))
        .groupBy(s, LEVEL, CrossSell.ITEM_X, CrossSell.ITEM_Y, cust)
        .agg(min(datediff(col("_y_day"), col("_x_day"))).as("_lag"));

    Dataset<Row> pairs = pairCustomers.groupBy(s, LEVEL, CrossSell.ITEM_X, CrossSell.ITEM_Y).agg(
            count(lit(1)).as(CrossSell.CUSTOMERS_XY),
            expr("percentile(_lag, 0.5)").as(CrossSell.MEDIAN_LAG_DAYS))
        .where(col(CrossSell.CUSTOMERS_XY).geq(minCustomers));

    Dataset<Row> cx = itemCustomers.select(col(s).as("_xs"), col(LEVEL).as("_xl"), col(ITEM).as("_xi"),
        col("_customers").as(CrossSell.CUSTOMERS_X));
    Dataset<Row> cy = itemCustomers.select(col(s).as("_ys"), col(LEVEL).as("_yl"), col(ITEM).as("_yi"),
        col("_customers").as(CrossSell.CUSTOMERS_Y));
    return pairs
        .join(cx, col(s).equalTo(col("_xs")).and(col(LEVEL).equalTo(col("_xl")))
            .and(col(CrossSell.ITEM_X).equalTo(col("_xi"))), "inner")
        .join(cy, col(s).equalTo(col("_ys")).and(col(LEVEL).equalTo(col("_yl")))
            .and(col(CrossSell.ITEM_Y).equalTo(col("_yi"))), "inner")
        .join(allCustomers, Cols.seq(s), "inner")
        .drop("_xs", "_xl", "_xi", "_ys", "_yl", "_yi")
        .withColumn(CrossSell.LOOKBACK_START, date_sub(col(s), lookbackDays - 1))
        .withColumn(CrossSell.SUPPORT, col(CrossSell.CUSTOMERS_XY).cast("double").divide(col(CrossSell.CUSTOMERS_ALL)))
        .withColumn(CrossSell.CONFIDENCE, col(CrossSell.CUSTOMERS_XY).cast("double").divide(col(CrossSell.CUSTOMERS_X)))
        .withColumn(CrossSell.LIFT, col(CrossSell.CONFIDENCE).divide(
            col(CrossSell.CUSTOMERS_Y).cast("double").divide(col(CrossSell.CUSTOMERS_ALL))));
  }
}
