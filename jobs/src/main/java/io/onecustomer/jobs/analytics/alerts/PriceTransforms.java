package io.onecustomer.jobs.analytics.alerts;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.jobs.analytics.alerts.AlertTables.PriceConflicts;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import io.onecustomer.jobs.silver.SilverColumns.Products;
import io.onecustomer.jobs.silver.SilverColumns;
import java.math.BigDecimal;
import java.sql.Date;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

/** gold.price_conflicts: each channel's lowest price of a product against the cheapest channel and the MAP. */
public final class PriceTransforms {
  private PriceTransforms() {}

  static final String VALID_FROM = "valid_from";
  static final String VALID_TO = "valid_to";
  private static final Date END_OF_TIME = Date.valueOf("9999-12-31");

  /**
   * The minimum advertised price of every product over time from silver.products snapshots (see
   * {@link #pricePeriods}).
   */
  public static Dataset<Row> mapPeriods(Dataset<Row> products) {
    return pricePeriods(products, Products.MIN_ADVERTISED_PRICE);
  }

  /**
   * A catalogue price ({@code min_advertised_price} or {@code list_price}) of every product over
   * time from silver.products snapshots: one row per product and period in which the price (the
   * highest over the product's channel SKUs in a snapshot) stays the same, {@code
   * valid_from..valid_to} inclusive, the last period open (valid_to null). A day gets the price of
   * the latest snapshot up to it.
   */
  public static Dataset<Row> pricePeriods(Dataset<Row> products, String priceColumn) {
    WindowSpec byProduct = Window.partitionBy(Products.PRODUCT_CODE).orderBy(SilverColumns.RUN_DATE);
    return products
        .where(col(Products.PRODUCT_CODE).isNotNull())
        .groupBy(Products.PRODUCT_CODE, SilverColumns.RUN_DATE)
        .agg(max(priceColumn).as(priceColumn))
        .withColumn("_prev", lag(col(priceColumn), 1).over(byProduct))
        .withColumn("_first", lag(col(SilverColumns.RUN_DATE), 1).over(byProduct).isNull())
        .where(col("_first").or(not(col("_prev").eqNullSafe(col(priceColumn)))))
        .withColumn(VALID_TO, date_sub(lead(col(SilverColumns.RUN_DATE), 1).over(byProduct), 1))
        .select(col(Products.PRODUCT_CODE), col(SilverColumns.RUN_DATE).as(VALID_FROM), col(VALID_TO),
            col(priceColumn));
  }

  /**
   * {@code lines} (with product_code and order_date) with the catalogue price of their product on
   * their day from {@link #pricePeriods} as column {@code as}; null when the catalogue has none.
   */
  public static Dataset<Row> withPriceAsOf(Dataset<Row> lines, Dataset<Row> periods, String priceColumn, String as) {
    Dataset<Row> p = periods.select(col(Products.PRODUCT_CODE).as("_p_product"), col(VALID_FROM).as("_p_from"),
        col(VALID_TO).as("_p_to"), col(priceColumn).as(as));
    return lines.join(p,
            col(Orders.PRODUCT_CODE).equalTo(col("_p_product"))
                .and(col(Orders.ORDER_DATE).geq(col("_p_from")))
                .and(col(Orders.ORDER_DATE).leq(coalesce(col("_p_to"), lit(END_OF_TIME)))),
            "left")
        .drop("_p_product", "_p_from", "_p_to");
  }

  private static Column not(Column c) {
    return functions.not(c);
  }

  /**
   * One row per day, product and channel of the priced lines ({@link AlertInputs#pricedLines}): the
   * channel's lowest effective unit price, the lowest across channels and the cheapest channel, the
   * gap to it ({@code price_gap > gapThreshold} is a conflict) and the lines below the MAP of the
   * day ({@link #mapPeriods}; strictly below, lines at exactly the MAP are fine).
   */
  public static Dataset<Row> priceConflicts(Dataset<Row> pricedLines, Dataset<Row> mapPeriods, double gapThreshold) {
    Dataset<Row> withMap = withPriceAsOf(pricedLines, mapPeriods, Products.MIN_ADVERTISED_PRICE, "_map");
    Column below = col(AlertInputs.UNIT_PAID).lt(col("_map"));
    Dataset<Row> perChannel = withMap
        .groupBy(col(Orders.ORDER_DATE).as(PriceConflicts.PRICE_DATE), col(Orders.PRODUCT_CODE).as(PriceConflicts.PRODUCT_CODE),
            col(Orders.CHANNEL).as(PriceConflicts.CHANNEL))
        .agg(
            count(lit(1)).as(PriceConflicts.LINES),
            sum(col(Orders.QUANTITY)).cast("long").as(PriceConflicts.UNITS),
            min(col(AlertInputs.UNIT_PAID)).as(PriceConflicts.MIN_UNIT_PRICE),
            max(col("_map")).cast(AlertInputs.MONEY).as(PriceConflicts.MIN_ADVERTISED_PRICE),
            sum(when(below, lit(1L)).otherwise(lit(0L))).as(PriceConflicts.BELOW_MAP_LINES),
            sum(when(below, col(Orders.QUANTITY)).otherwise(lit(0))).cast("long").as(PriceConflicts.BELOW_MAP_UNITS),
            coalesce(sum(when(below, col(Orders.GROSS_AMOUNT))), lit(BigDecimal.ZERO))
                .cast(AlertInputs.MONEY).as(PriceConflicts.BELOW_MAP_AMOUNT));
    WindowSpec product = Window.partitionBy(PriceConflicts.PRICE_DATE, PriceConflicts.PRODUCT_CODE);
    Column cheapest = min(struct(col(PriceConflicts.MIN_UNIT_PRICE), col(PriceConflicts.CHANNEL))).over(product);
    Column lowest = col(PriceConflicts.LOWEST_PRICE);
    Column gap = round(col(PriceConflicts.MIN_UNIT_PRICE).minus(lowest).divide(lowest), 4).cast("decimal(12,4)");
    return perChannel
        .withColumn(PriceConflicts.LOWEST_PRICE, cheapest.getField(PriceConflicts.MIN_UNIT_PRICE))
        .withColumn(PriceConflicts.CHEAPEST_CHANNEL, cheapest.getField(PriceConflicts.CHANNEL))
        .withColumn(PriceConflicts.CHANNELS, count(lit(1)).over(product))
        .withColumn(PriceConflicts.PRICE_GAP, gap)
        // A free line (lowest price 0) leaves the gap undefined: any paid price is then a conflict.
        .withColumn(PriceConflicts.IS_PRICE_GAP, coalesce(
            col(PriceConflicts.PRICE_GAP).gt(lit(BigDecimal.valueOf(gapThreshold))),
            col(PriceConflicts.MIN_UNIT_PRICE).gt(lowest)))
        .withColumn(PriceConflicts.IS_BELOW_MAP, col(PriceConflicts.BELOW_MAP_LINES).gt(0));
  }
}
