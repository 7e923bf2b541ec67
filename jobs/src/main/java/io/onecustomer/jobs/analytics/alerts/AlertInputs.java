package io.onecustomer.jobs.analytics.alerts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;

import io.onecustomer.common.Tables;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import io.onecustomer.jobs.silver.Vocabulary;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What the alert jobs read, and the one definition of a line's effective unit price. */
public final class AlertInputs {
  private AlertInputs() {}

  /** Effective unit price of a line: gross_amount / quantity, rounded to cents (HALF_UP). */
  public static final String UNIT_PAID = "unit_paid";

  /**
   * silver.orders lines of business days {@code from..to}, as ingested up to {@code to} (a re-run of
   * a past day ignores batches that arrived after it).
   */
  public static Dataset<Row> orderLines(SparkSession spark, String warehouse, LocalDate from, LocalDate to) {
    return DeltaWriter.read(spark, Tables.SILVER_ORDERS, warehouse)
        .where(col(SilverColumns.RUN_DATE).leq(lit(Date.valueOf(to)))
            .and(col(Orders.ORDER_DATE).between(lit(Date.valueOf(from)), lit(Date.valueOf(to)))));
  }

  /** silver.products snapshots up to {@code to}. */
  public static Dataset<Row> products(SparkSession spark, String warehouse, LocalDate to) {
    return DeltaWriter.read(spark, Tables.SILVER_PRODUCTS, warehouse)
        .where(col(SilverColumns.RUN_DATE).leq(lit(Date.valueOf(to))));
  }

  /**
   * The lines that carry a price: not cancelled, a positive quantity and a known product; with
   * {@link #UNIT_PAID}, what the buyer paid per unit after discounts and before refunds (a refunded
   * line was still offered and sold at that price).
   */
  public static Dataset<Row> pricedLines(Dataset<Row> lines) {
    return lines
        .where(col(Orders.STATUS).isNull().or(col(Orders.STATUS).notEqual(Vocabulary.CANCELLED))
            .and(col(Orders.QUANTITY).gt(0))
            .and(col(Orders.PRODUCT_CODE).isNotNull())
            .and(col(Orders.GROSS_AMOUNT).isNotNull()))
        .withColumn(UNIT_PAID,
            round(col(Orders.GROSS_AMOUNT).divide(col(Orders.QUANTITY)), 2).cast(AlertInputs.MONEY));
  }

  /** Money in outputs. */
  public static final String MONEY = "decimal(18,2)";
}
