package io.onecustomer.jobs.analytics.customer;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;

import io.onecustomer.common.spark.Cols;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.customer.BehaviourTables.Cohort;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * gold.cohort_retention: customers grouped by the month and channel of their first purchase, and
 * how many of them buy again (in any channel) in each month after.
 */
public final class CohortTransforms {
  private CohortTransforms() {}

  public static final String FIRST_PURCHASE_DATE = "first_purchase_date";
  static final String MONEY = RepurchaseTransforms.MONEY;

  /**
   * One row per customer: first_purchase_date, acquisition_channel (channel of the first purchase;
   * ties on the same time go to the first channel name, then order id) and cohort_month.
   *
   * @param purchases {@link Purchases#customerPurchases} of the customer's whole history
   */
  public static Dataset<Row> acquisitions(Dataset<Row> purchases) {
    return purchases.groupBy(Purchases.CUSTOMER_ID)
        .agg(min(struct(col(Purchases.ORDER_DATE), col(Purchases.ORDER_TS), col(Purchases.CHANNEL),
            col(Purchases.ORDER_ID))).as("_first"))
        .select(col(Purchases.CUSTOMER_ID),
            col("_first." + Purchases.ORDER_DATE).as(FIRST_PURCHASE_DATE),
            col("_first." + Purchases.CHANNEL).as(Cohort.ACQUISITION_CHANNEL),
            trunc(col("_first." + Purchases.ORDER_DATE), "month").as(Cohort.COHORT_MONTH));
  }

  /**
   * Cohort retention of every snapshot day in one pass: one row per snapshot_date, cohort_month,
   * acquisition_channel (each channel and 'all') and months_since_acquisition from 0 to the
   * snapshot's month, for the cohorts of the snapshot's month and the {@code maxMonths - 1} months
   * before it. The snapshot's own month counts purchases up to the snapshot day only; customers
   * whose first purchase is after the snapshot day are not in it.
   *
   * @param purchases {@link Purchases#customerPurchases} of the whole history up to the last snapshot
   *     (the first-ever purchase decides the cohort)
   */
  public static Dataset<Row> cohortRetention(Dataset<Row> purchases, List<LocalDate> snapshots, int maxMonths) {
    String s = BehaviourTables.SNAPSHOT_DATE;
    String cust = Purchases.CUSTOMER_ID;
    String channel = Cohort.ACQUISITION_CHANNEL;
    String month = Cohort.COHORT_MONTH;
    String since = Cohort.MONTHS_SINCE_ACQUISITION;
    String activity = Cohort.ACTIVITY_MONTH;

    // Members of each snapshot's cohorts, once under their channel and once under 'all'.
    Column snapshotMonth = trunc(col(s), "month");
    Dataset<Row> members = BehaviourSnapshots.upToSnapshots(acquisitions(purchases), FIRST_PURCHASE_DATE, snapshots)
        .where(col(month).geq(add_months(snapshotMonth, -(maxMonths - 1))))
        .withColumn(channel, explode(array(col(channel), lit(Cohort.ALL))));

    Dataset<Row> sizes = members.groupBy(s, month, channel).agg(count(lit(1)).as(Cohort.COHORT_SIZE));
    Dataset<Row> grid = sizes
        .withColumn(since, explode(sequence(lit(0),
            months_between(snapshotMonth, col(month)).cast("int"))))
        .withColumn(activity, add_months(col(month), col(since)));

    // Purchases of the cohort members up to each snapshot day, by calendar month.
    Dataset<Row> bought = BehaviourSnapshots.upToSnapshots(
            purchases.select(col(cust).as("_buyer"), col(Purchases.ORDER_DATE), col(Purchases.NET_AMOUNT)),
            Purchases.ORDER_DATE, snapshots)
        .withColumnRenamed(s, "_bought_snapshot")
        .withColumn(activity, trunc(col(Purchases.ORDER_DATE), "month"));
    Dataset<Row> activityRows = members
        .join(bought, col(cust).equalTo(col("_buyer")).and(col(s).equalTo(col("_bought_snapshot"))), "inner")
        .groupBy(s, month, channel, activity).agg(
            functions.countDistinct(col(cust)).as(Cohort.ACTIVE_CUSTOMERS),
            sum(col(Purchases.NET_AMOUNT)).cast(MONEY).as(Cohort.REVENUE));

    Column zeroMoney = lit(0).cast(MONEY);
    return grid.join(activityRows, Cols.seq(s, month, channel, activity), "left")
        .withColumn(Cohort.ACTIVE_CUSTOMERS, coalesce(col(Cohort.ACTIVE_CUSTOMERS), lit(0L)))
        .withColumn(Cohort.REVENUE, coalesce(col(Cohort.REVENUE), zeroMoney))
        .withColumn(Cohort.IS_CURRENT_MONTH, col(activity).equalTo(snapshotMonth))
        .withColumn(Cohort.RETENTION_RATE,
            col(Cohort.ACTIVE_CUSTOMERS).cast("double").divide(col(Cohort.COHORT_SIZE)))
        .withColumn(Cohort.CUMULATIVE_REVENUE_PER_CUSTOMER,
            sum(col(Cohort.REVENUE)).over(Window.partitionBy(s, month, channel).orderBy(since)
                    .rowsBetween(Window.unboundedPreceding(), Window.currentRow()))
                .divide(col(Cohort.COHORT_SIZE)).cast(MONEY));
  }
}
