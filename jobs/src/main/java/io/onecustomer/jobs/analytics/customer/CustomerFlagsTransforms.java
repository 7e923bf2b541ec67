package io.onecustomer.jobs.analytics.customer;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.spark.Cols;
import io.onecustomer.jobs.analytics.customer.RfmTables.Flags;
import io.onecustomer.jobs.silver.SilverColumns.ServiceTickets;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Early-warning flags per customer and snapshot day (docs/analytics-rfm.md): falling purchase
 * frequency, rising complaints, a purchase overdue against the customer's own cycle.
 */
public final class CustomerFlagsTransforms {
  private CustomerFlagsTransforms() {}

  /** Periods counted back from the snapshot for the frequency trend. */
  public static final int PERIODS = 4;

  private static final String[] PERIOD_COLUMNS = {
    Flags.PURCHASES_PERIOD_1, Flags.PURCHASES_PERIOD_2, Flags.PURCHASES_PERIOD_3, Flags.PURCHASES_PERIOD_4};

  /**
   * One row per customer and snapshot day with a purchase up to it: purchases in each of the four
   * periods of {@code periodDays} ending on the snapshot, last purchase, distinct purchase days, and
   * the typical cycle (exact median of gap_days over all purchase days up to the snapshot, only with
   * at least {@code minPurchaseDays} of them).
   *
   * @param purchaseDays {@link RfmTransforms#purchaseDays} rows
   */
  public static Dataset<Row> purchaseFacts(Dataset<Row> purchaseDays, Dataset<Row> snapshots, int periodDays,
      int minPurchaseDays) {
    Column[] aggs = new Column[PERIODS + 3];
    for (int k = 0; k < PERIODS; k++) {
      Column in = RfmTransforms.daysBack(col(RfmTransforms.ORDER_DATE), (k + 1) * periodDays, k * periodDays);
      aggs[k] = sum(when(in, col(RfmTransforms.PURCHASES)).otherwise(lit(0L))).as(PERIOD_COLUMNS[k]);
    }
    aggs[PERIODS] = max(col(RfmTransforms.ORDER_DATE)).as(Flags.LAST_PURCHASE_DATE);
    aggs[PERIODS + 1] = count(lit(1)).as(Flags.PURCHASE_DAYS);
    // Exact median: a customer's purchase days are few, and percentile holds them per group.
    aggs[PERIODS + 2] = expr("percentile(" + RfmTransforms.GAP_DAYS + ", 0.5)").as("_median_gap");
    return RfmTransforms.upToSnapshots(purchaseDays, snapshots)
        .groupBy(col(Flags.CUSTOMER_ID), col(Flags.SNAPSHOT_DATE))
        .agg(aggs[0], Arrays.copyOfRange(aggs, 1, aggs.length))
        .withColumn(Flags.DAYS_SINCE_LAST_PURCHASE, datediff(col(Flags.SNAPSHOT_DATE), col(Flags.LAST_PURCHASE_DATE)))
        .withColumn(Flags.TYPICAL_CYCLE_DAYS,
            when(col(Flags.PURCHASE_DAYS).geq(minPurchaseDays), col("_median_gap")).cast("double"))
        .drop("_median_gap");
  }

  /**
   * Complaints per customer and snapshot day: tickets with is_complaint and a customer_id, created in
   * the last period (snapshot - periodDays, snapshot] and in the one before. Customers without a
   * complaint in either are absent.
   *
   * @param tickets keyed silver.service_tickets rows (customer_id, created_date, is_complaint)
   */
  public static Dataset<Row> complaintFacts(Dataset<Row> tickets, Dataset<Row> snapshots, int periodDays) {
    Column date = col(ServiceTickets.CREATED_DATE);
    Column last = RfmTransforms.daysBack(date, periodDays, 0);
    Column previous = RfmTransforms.daysBack(date, 2 * periodDays, periodDays);
    return tickets
        .where(col(ServiceTickets.IS_COMPLAINT).equalTo(true).and(col(Flags.CUSTOMER_ID).isNotNull()))
        .join(broadcast(snapshots), last.or(previous))
        .groupBy(col(Flags.CUSTOMER_ID), col(Flags.SNAPSHOT_DATE))
        .agg(
            sum(when(last, lit(1L)).otherwise(lit(0L))).as(Flags.COMPLAINTS_LAST_PERIOD),
            sum(when(previous, lit(1L)).otherwise(lit(0L))).as(Flags.COMPLAINTS_PREVIOUS_PERIOD));
  }

  /**
   * Adds the three flags and flag_count to purchase facts joined with complaint facts:
   * is_frequency_falling (period 4 > 3 > 2 > 1, strictly), is_complaints_rising (last > previous
   * and last >= minComplaints), is_lapsed (days since last purchase > lapseFactor x typical cycle,
   * strictly; false without a cycle).
   */
  public static Dataset<Row> withFlags(Dataset<Row> facts, int minComplaints, double lapseFactor) {
    Column falling = col(Flags.PURCHASES_PERIOD_4).gt(col(Flags.PURCHASES_PERIOD_3))
        .and(col(Flags.PURCHASES_PERIOD_3).gt(col(Flags.PURCHASES_PERIOD_2)))
        .and(col(Flags.PURCHASES_PERIOD_2).gt(col(Flags.PURCHASES_PERIOD_1)));
    Column rising = col(Flags.COMPLAINTS_LAST_PERIOD).gt(col(Flags.COMPLAINTS_PREVIOUS_PERIOD))
        .and(col(Flags.COMPLAINTS_LAST_PERIOD).geq(minComplaints));
    Column lapsed = coalesce(
        col(Flags.DAYS_SINCE_LAST_PURCHASE).gt(col(Flags.TYPICAL_CYCLE_DAYS).multiply(lapseFactor)), lit(false));
    return facts
        .withColumn(Flags.IS_FREQUENCY_FALLING, falling)
        .withColumn(Flags.IS_COMPLAINTS_RISING, rising)
        .withColumn(Flags.IS_LAPSED, lapsed)
        .withColumn(Flags.FLAG_COUNT, asInt(Flags.IS_FREQUENCY_FALLING).plus(asInt(Flags.IS_COMPLAINTS_RISING))
            .plus(asInt(Flags.IS_LAPSED)));
  }

  private static Column asInt(String flag) {
    return when(col(flag), lit(1)).otherwise(lit(0));
  }

  /**
   * gold.customer_flags rows for every snapshot day: customers with a purchase up to the snapshot,
   * their complaints (0 without any), the flags.
   */
  public static Dataset<Row> customerFlags(Dataset<Row> purchaseDays, Dataset<Row> tickets, Dataset<Row> snapshots,
      int periodDays, int minComplaints, double lapseFactor, int minPurchaseDays) {
    Dataset<Row> facts = purchaseFacts(purchaseDays, snapshots, periodDays, minPurchaseDays)
        .join(complaintFacts(tickets, snapshots, periodDays), Cols.seq(Flags.CUSTOMER_ID, Flags.SNAPSHOT_DATE),
            "left_outer")
        .withColumn(Flags.COMPLAINTS_LAST_PERIOD, coalesce(col(Flags.COMPLAINTS_LAST_PERIOD), lit(0L)))
        .withColumn(Flags.COMPLAINTS_PREVIOUS_PERIOD, coalesce(col(Flags.COMPLAINTS_PREVIOUS_PERIOD), lit(0L)));
    return withFlags(facts, minComplaints, lapseFactor);
  }
}
