package io.onecustomer.jobs.value;

import static io.onecustomer.jobs.value.ValueColumns.CUSTOMER_ID;
import static io.onecustomer.jobs.value.ValueColumns.FIRST_PURCHASE_DATE;
import static io.onecustomer.jobs.value.ValueColumns.FREQUENCY;
import static io.onecustomer.jobs.value.ValueColumns.MONETARY_TYPE;
import static io.onecustomer.jobs.value.ValueColumns.MONETARY_VALUE;
import static io.onecustomer.jobs.value.ValueColumns.NET_AMOUNT;
import static io.onecustomer.jobs.value.ValueColumns.ORDER_DATE;
import static io.onecustomer.jobs.value.ValueColumns.RECENCY;
import static io.onecustomer.jobs.value.ValueColumns.TENURE;
import static io.onecustomer.jobs.value.ValueColumns.WEIGHT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Spark transforms from transactions to the inputs of the customer-value models: per-customer
 * calibration summaries (x, t_x, T, z̄), their compression into weighted distinct rows, and the
 * bounded collection of those rows to the driver for the fit.
 *
 * <p>Why the fit runs on the driver, and why that is bounded: the likelihoods are sums over
 * customers of a function of (x, t_x, T) (or of (x, z̄)), so customers with identical summaries
 * contribute identical terms and only the distinct rows and their counts are needed.
 * {@link #compressPurchases} does that grouping in Spark; what reaches the driver is bounded by the
 * number of distinct summaries, not by the number of customers. Because t_x and T are whole days
 * divided by the time unit and x &le; t_x in days &le; T in days &le; D, the days in calibration,
 * the distinct (x, t_x, T) are bounded by a function of D alone, however many customers there
 * are, and in practice far below it: the 2,357 CDNOW sample customers give 1,016 rows, the 23,570
 * of the full cohort 8,685. Spend rows (x, z̄) are bounded only by the number of distinct mean
 * values. Both collectors therefore also take a hard row limit and fail rather than collect more.
 */
public final class BtydSummaries {
  private BtydSummaries() {}

  /**
   * Merges a customer's transactions of the same day into one: one row per customer and
   * order_date with the summed net amount. The published CDNOW set-up counts purchase days, not
   * orders.
   */
  public static Dataset<Row> mergeSameDay(Dataset<Row> transactions) {
    return transactions
        .groupBy(col(CUSTOMER_ID), col(ORDER_DATE))
        .agg(sum(col(NET_AMOUNT)).alias(NET_AMOUNT));
  }

  /**
   * Per-customer calibration summaries, one row per customer with a purchase in the calibration
   * period ({@link ValueColumns#SUMMARY_COLUMNS}).
   *
   * <p>Only transactions with {@code calibrationStart <= order_date <= calibrationEnd} are used, and
   * same-day transactions are merged first. A customer's first purchase is their first purchase
   * day in that window, so {@code calibrationStart} should be the start of the usable history (or
   * of a cohort whose first purchases all lie after it, as in CDNOW): a customer who bought before
   * it is treated as acquired at their first purchase inside the window.
   * <ul>
   *   <li>x = purchase days - 1 (repeat purchases);
   *   <li>t_x = (last purchase day - first purchase day) / unitDays;
   *   <li>T = (calibrationEnd - first purchase day) / unitDays;
   *   <li>z̄ = (total net amount - net amount of the first purchase day) / x, null when x = 0.
   * </ul>
   * Filter the transactions to what counts as a purchase (completed, not refunded) before calling.
   *
   * @param transactions {@link ValueColumns#CUSTOMER_ID} (string), {@link ValueColumns#ORDER_DATE}
   *     (date), {@link ValueColumns#NET_AMOUNT} (decimal)
   * @param unitDays days per model time unit (7 for weeks)
   */
  public static Dataset<Row> summarise(Dataset<Row> transactions, LocalDate calibrationStart,
      LocalDate calibrationEnd, int unitDays) {
    if (calibrationEnd.isBefore(calibrationStart)) {
      throw new IllegalArgumentException("calibration end " + calibrationEnd + " is before its start " + calibrationStart);
    }
    if (unitDays < 1) {
      throw new IllegalArgumentException("time unit must be at least 1 day, got " + unitDays);
    }
    Column end = lit(Date.valueOf(calibrationEnd));
    Dataset<Row> inWindow = transactions.where(col(CUSTOMER_ID).isNotNull()
        .and(col(ORDER_DATE).between(lit(Date.valueOf(calibrationStart)), end)));
    Column days = col("_days");
    Column first = col(FIRST_PURCHASE_DATE);
    return mergeSameDay(inWindow)
        .groupBy(col(CUSTOMER_ID))
        .agg(
            min(col(ORDER_DATE)).alias(FIRST_PURCHASE_DATE),
            max(col(ORDER_DATE)).alias("_last"),
            count(lit(1)).alias("_days"),
            sum(col(NET_AMOUNT)).alias("_total"),
            min_by(col(NET_AMOUNT), col(ORDER_DATE)).alias("_first_amount"))
        .select(
            col(CUSTOMER_ID),
            first,
            days.minus(1).cast(DataTypes.IntegerType).alias(FREQUENCY),
            datediff(col("_last"), first).cast(DataTypes.DoubleType).divide(unitDays).alias(RECENCY),
            datediff(end, first).cast(DataTypes.DoubleType).divide(unitDays).alias(TENURE),
            when(days.gt(1), col("_total").minus(col("_first_amount")).divide(days.minus(1)))
                .cast(MONETARY_TYPE).alias(MONETARY_VALUE));
  }

  /**
   * Groups customers with identical (x, t_x, T) into one row with their count as weight
   * ({@link ValueColumns#PURCHASE_ROW_COLUMNS}), the input of BG/NBD and Pareto/NBD.
   */
  public static Dataset<Row> compressPurchases(Dataset<Row> summaries) {
    return summaries
        .groupBy(col(FREQUENCY), col(RECENCY), col(TENURE))
        .agg(count(lit(1)).alias(WEIGHT));
  }

  /**
   * Groups customers with x &ge; 1 and z̄ &gt; 0 by identical (x, z̄) into weighted rows
   * ({@link ValueColumns#SPEND_ROW_COLUMNS}), the input of Gamma-Gamma. Customers whose repeat
   * purchases sum to zero or less (full refunds) are left out: the model needs positive values.
   */
  public static Dataset<Row> compressSpend(Dataset<Row> summaries) {
    return summaries
        .where(col(FREQUENCY).geq(1).and(col(MONETARY_VALUE).gt(0)))
        .groupBy(col(FREQUENCY), col(MONETARY_VALUE))
        .agg(count(lit(1)).alias(WEIGHT));
  }

  /**
   * Collects compressed purchase rows to the driver, in a fixed order (so a fit is reproducible bit
   * for bit).
   *
   * @param maxRows the most distinct rows the caller accepts on the driver
   * @throws IllegalStateException if there are more than {@code maxRows} rows
   */
  public static PurchaseSummaries collectPurchases(Dataset<Row> compressed, int maxRows) {
    List<Row> rows = bounded(compressed.select(col(FREQUENCY), col(RECENCY), col(TENURE), col(WEIGHT))
        .orderBy(col(FREQUENCY), col(RECENCY), col(TENURE)), maxRows);
    int n = rows.size();
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      x[i] = ((Number) r.get(0)).doubleValue();
      tx[i] = r.getDouble(1);
      t[i] = r.getDouble(2);
      w[i] = ((Number) r.get(3)).doubleValue();
    }
    return new PurchaseSummaries(x, tx, t, w);
  }

  /**
   * Collects compressed spend rows to the driver, in a fixed order.
   *
   * @param maxRows the most distinct rows the caller accepts on the driver
   * @throws IllegalStateException if there are more than {@code maxRows} rows
   */
  public static SpendSummaries collectSpend(Dataset<Row> compressed, int maxRows) {
    List<Row> rows = bounded(compressed.select(col(FREQUENCY), col(MONETARY_VALUE), col(WEIGHT))
        .orderBy(col(FREQUENCY), col(MONETARY_VALUE)), maxRows);
    int n = rows.size();
    double[] x = new double[n];
    double[] z = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      x[i] = ((Number) r.get(0)).doubleValue();
      z[i] = ((Number) r.get(1)).doubleValue();
      w[i] = ((Number) r.get(2)).doubleValue();
    }
    return new SpendSummaries(x, z, w);
  }

  private static List<Row> bounded(Dataset<Row> rows, int maxRows) {
    List<Row> out = rows.limit(maxRows + 1).collectAsList();
    if (out.size() > maxRows) {
      throw new IllegalStateException("more than " + maxRows + " distinct summary rows; raise the limit only if the"
          + " driver can hold them (each row is a few doubles)");
    }
    return out;
  }
}
