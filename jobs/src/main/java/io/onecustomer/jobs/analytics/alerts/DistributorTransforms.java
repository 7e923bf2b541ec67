package io.onecustomer.jobs.analytics.alerts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;

import io.onecustomer.jobs.analytics.alerts.AlertTables.DistributorAlerts;
import io.onecustomer.jobs.customer.CustomerTransforms;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import io.onecustomer.jobs.silver.SilverColumns.Products;
import io.onecustomer.jobs.silver.Vocabulary;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** gold.distributor_alerts: sell-out outside the authorised region and below the regional price norm. */
public final class DistributorTransforms {
  private DistributorTransforms() {}

  static final String NORM_DATE = "_norm_date";

  /**
   * The alerts of days {@code from..to} from priced distributor lines ({@link AlertInputs#pricedLines}
   * of channel distributor) covering {@code from - normDays .. to} and the products' list prices
   * ({@link PriceTransforms#pricePeriods}): out_of_region and
   * unknown_distributor per day, distributor and reported region; low_price per day, distributor,
   * product and region.
   */
  public static Dataset<Row> alerts(Dataset<Row> pricedLines, Dataset<Row> listPricePeriods, LocalDate from,
      LocalDate to, Map<String, String> authorisedRegions, double lowPriceRatio, int normDays, int minNormLines) {
    Dataset<Row> sellout = pricedLines.where(col(Orders.CHANNEL).equalTo(Vocabulary.DISTRIBUTOR));
    Dataset<Row> days = sellout.where(col(Orders.ORDER_DATE).between(lit(Date.valueOf(from)), lit(Date.valueOf(to))));
    Dataset<Row> normal = normalPriced(sellout, listPricePeriods, lowPriceRatio);
    return regionAlerts(days, authorisedRegions)
        .unionByName(lowPrice(days, norms(normal, from, to, normDays), lowPriceRatio, minNormLines)
            .withColumn(DistributorAlerts.AUTHORISED_REGION,
                authorised(col(DistributorAlerts.DISTRIBUTOR_ID), authorisedRegions)));
  }

  /**
   * out_of_region (reported region other than the authorised one, or none) and unknown_distributor
   * (no authorised region configured: all its lines) per day, distributor and reported region.
   */
  public static Dataset<Row> regionAlerts(Dataset<Row> lines, Map<String, String> authorisedRegions) {
    Column authorised = authorised(col(Orders.STORE_ID), authorisedRegions);
    Column type = functions.when(col(DistributorAlerts.AUTHORISED_REGION).isNull(), lit(DistributorAlerts.UNKNOWN_DISTRIBUTOR))
        .when(col(Orders.REGION).isNull().or(col(Orders.REGION).notEqual(col(DistributorAlerts.AUTHORISED_REGION))),
            lit(DistributorAlerts.OUT_OF_REGION));
    return lines
        .withColumn(DistributorAlerts.AUTHORISED_REGION, authorised)
        .withColumn(DistributorAlerts.ALERT_TYPE, type)
        .where(col(DistributorAlerts.ALERT_TYPE).isNotNull())
        .groupBy(col(Orders.ORDER_DATE).as(DistributorAlerts.ALERT_DATE), col(Orders.STORE_ID).as(DistributorAlerts.DISTRIBUTOR_ID),
            col(DistributorAlerts.ALERT_TYPE), col(Orders.REGION).as(DistributorAlerts.REPORTED_REGION),
            col(DistributorAlerts.AUTHORISED_REGION))
        .agg(count(lit(1)).as(DistributorAlerts.LINES),
            sum(col(Orders.QUANTITY)).cast("long").as(DistributorAlerts.UNITS),
            sum(col(Orders.GROSS_AMOUNT)).cast(AlertInputs.MONEY).as(DistributorAlerts.AMOUNT))
        .withColumn(DistributorAlerts.PRODUCT_CODE, lit(null).cast("string"))
        .withColumn(DistributorAlerts.UNIT_PRICE, lit(null).cast(AlertInputs.MONEY))
        .withColumn(DistributorAlerts.NORM_PRICE, lit(null).cast(AlertInputs.MONEY))
        .withColumn(DistributorAlerts.NORM_LINES, lit(null).cast("long"))
        .withColumn(DistributorAlerts.PRICE_RATIO, lit(null).cast("decimal(12,4)"));
  }

  /**
   * The sell-out lines a norm is taken from: all but those priced below {@code lowPriceRatio} x the
   * product's list price of the day (lines of products without a list price stay). Without this, a
   * distributor that keeps selling a product cheap for weeks becomes its region's norm and its
   * alerts stop after a few days (measured on the demo data: the planted 20-day episode alerted on
   * its first 6 days only).
   */
  public static Dataset<Row> normalPriced(Dataset<Row> sellout, Dataset<Row> listPricePeriods, double lowPriceRatio) {
    return PriceTransforms.withPriceAsOf(sellout, listPricePeriods, Products.LIST_PRICE, "_list")
        .where(col("_list").isNull()
            .or(col(AlertInputs.UNIT_PAID).geq(lit(BigDecimal.valueOf(lowPriceRatio)).multiply(col("_list")))))
        .drop("_list");
  }

  /**
   * The regional price norm of every product, region and day of {@code from..to}: the median
   * effective unit price of the sell-out lines of the {@code normDays} days before the day (the day
   * excluded; every line counts once, whatever its quantity), with the number of lines. Days
   * without any line in their window get no row. One pass for a whole range: every line is
   * spread over the days whose window holds it.
   */
  public static Dataset<Row> norms(Dataset<Row> sellout, LocalDate from, LocalDate to, int normDays) {
    Column first = greatest(date_add(col(Orders.ORDER_DATE), 1), lit(Date.valueOf(from)));
    Column last = least(date_add(col(Orders.ORDER_DATE), normDays), lit(Date.valueOf(to)));
    return sellout
        .where(col(Orders.REGION).isNotNull())
        .withColumn("_first", first)
        .withColumn("_last", last)
        .where(col("_first").leq(col("_last")))
        .withColumn(NORM_DATE, explode(sequence(col("_first"), col("_last"))))
        .groupBy(col(NORM_DATE), col(Orders.PRODUCT_CODE), col(Orders.REGION))
        // Exact median (the mean of the two middle values for an even count).
        .agg(functions.expr("percentile(" + AlertInputs.UNIT_PAID + ", 0.5)").as("_median"),
            count(lit(1)).as(DistributorAlerts.NORM_LINES))
        .withColumn(DistributorAlerts.NORM_PRICE, round(col("_median"), 2).cast(AlertInputs.MONEY))
        .drop("_median");
  }

  /**
   * low_price: per day, distributor, product and region, the lines priced strictly below
   * {@code ratio} x the norm, when the norm has at least {@code minNormLines} lines.
   */
  public static Dataset<Row> lowPrice(Dataset<Row> lines, Dataset<Row> norms, double ratio, int minNormLines) {
    Dataset<Row> n = norms.where(col(DistributorAlerts.NORM_LINES).geq(minNormLines))
        .withColumnRenamed(Orders.PRODUCT_CODE, "_n_product").withColumnRenamed(Orders.REGION, "_n_region");
    Column units = col(DistributorAlerts.UNITS);
    return lines
        .where(col(Orders.REGION).isNotNull())
        .join(n, col(Orders.ORDER_DATE).equalTo(col(NORM_DATE))
            .and(col(Orders.PRODUCT_CODE).equalTo(col("_n_product")))
            .and(col(Orders.REGION).equalTo(col("_n_region"))))
        .where(col(AlertInputs.UNIT_PAID).lt(lit(BigDecimal.valueOf(ratio)).multiply(col(DistributorAlerts.NORM_PRICE))))
        .groupBy(col(Orders.ORDER_DATE).as(DistributorAlerts.ALERT_DATE), col(Orders.STORE_ID).as(DistributorAlerts.DISTRIBUTOR_ID),
            col(Orders.PRODUCT_CODE).as(DistributorAlerts.PRODUCT_CODE), col(Orders.REGION).as(DistributorAlerts.REPORTED_REGION))
        .agg(count(lit(1)).as(DistributorAlerts.LINES),
            sum(col(Orders.QUANTITY)).cast("long").as(DistributorAlerts.UNITS),
            sum(col(Orders.GROSS_AMOUNT)).cast(AlertInputs.MONEY).as(DistributorAlerts.AMOUNT),
            functions.max(col(DistributorAlerts.NORM_PRICE)).as(DistributorAlerts.NORM_PRICE),
            functions.max(col(DistributorAlerts.NORM_LINES)).as(DistributorAlerts.NORM_LINES))
        .withColumn(DistributorAlerts.UNIT_PRICE,
            round(col(DistributorAlerts.AMOUNT).divide(units), 2).cast(AlertInputs.MONEY))
        .withColumn(DistributorAlerts.PRICE_RATIO,
            round(col(DistributorAlerts.UNIT_PRICE).divide(col(DistributorAlerts.NORM_PRICE)), 4).cast("decimal(12,4)"))
        .withColumn(DistributorAlerts.ALERT_TYPE, lit(DistributorAlerts.LOW_PRICE));
  }

  /** The authorised region of a distributor id from config; null when not configured. */
  static Column authorised(Column distributor, Map<String, String> authorisedRegions) {
    Column m = literalMap(authorisedRegions);
    return m == null ? lit(null).cast("string") : element_at(m, distributor);
  }

  static Column literalMap(Map<String, String> m) {
    return CustomerTransforms.literalMap(m);
  }
}
