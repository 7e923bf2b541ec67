package io.onecustomer.jobs.analytics.alerts;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.spark.Cols;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.alerts.AlertTables.SalesAlerts;
import io.onecustomer.jobs.customer.CustomerTransforms;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** gold.sales_alerts: each scope's day against the median of the same weekday in the weeks before. */
public final class SalesTransforms {
  private SalesTransforms() {}

  /** consecutive_days counts back at most this many days (28 means 28 or more). */
  public static final int MAX_STREAK_DAYS = 28;

  static final String DAY = "_day";

  /**
   * Order lines with {@code region} filled in: the reported region (distributor sell-out), else the
   * region of the store's city (POS), else of the shipping city (marketplace), from the brand's
   * geography; null when none is known.
   */
  public static Dataset<Row> withRegion(Dataset<Row> lines, AppConfig.Geo geo) {
    return lines.withColumn(Orders.REGION, coalesce(col(Orders.REGION),
        CustomerTransforms.region(col(Orders.STORE_ID), col(Orders.CITY), geo)));
  }

  /**
   * Purchases per day and scope from {@link Purchases#orders} rows: one row per day and channel
   * (scope channel, region null) and per day, channel and region where the order's region is
   * known (scope region_channel). Days without purchases have no row here.
   */
  public static Dataset<Row> dailyScopes(Dataset<Row> orders) {
    Dataset<Row> p = orders.where(col(Purchases.IS_PURCHASE));
    Dataset<Row> byChannel = p.groupBy(col(Purchases.ORDER_DATE).as(DAY), col(Purchases.CHANNEL).as(SalesAlerts.CHANNEL))
        .agg(sum(col(Purchases.NET_AMOUNT)).as(SalesAlerts.REVENUE), count(lit(1)).as(SalesAlerts.ORDERS))
        .withColumn(SalesAlerts.SCOPE, lit(SalesAlerts.SCOPE_CHANNEL))
        .withColumn(SalesAlerts.REGION, lit(null).cast("string"));
    Dataset<Row> byRegion = p.where(col(Purchases.REGION).isNotNull())
        .groupBy(col(Purchases.ORDER_DATE).as(DAY), col(Purchases.CHANNEL).as(SalesAlerts.CHANNEL),
            col(Purchases.REGION).as(SalesAlerts.REGION))
        .agg(sum(col(Purchases.NET_AMOUNT)).as(SalesAlerts.REVENUE), count(lit(1)).as(SalesAlerts.ORDERS))
        .withColumn(SalesAlerts.SCOPE, lit(SalesAlerts.SCOPE_REGION_CHANNEL));
    return byChannel.unionByName(byRegion)
        .withColumn(SalesAlerts.REVENUE, col(SalesAlerts.REVENUE).cast(AlertInputs.MONEY));
  }

  /**
   * Every scope and day of {@code from..to} with its purchases (0 on a day without), the day's
   * baseline (median of the same weekday 7, 14, ... {@code 7 x baselineWeeks} days before), the
   * sums of both over the {@code windowDays} days ending that day, the drops of those sums, is_alert
   * ({@code orders_drop >= dropThreshold} and a baseline of at least {@code minBaselineOrders}
   * orders per day), severity and consecutive_days.
   *
   * <p>{@code daily} ({@link #dailyScopes}) should cover {@link #historyStart} .. {@code to}: the
   * first day in {@code daily} is taken as the start of the data (days before it are unknown, not
   * zero), so a day whose baseline would reach before it has no baseline and never alerts.
   */
  public static Dataset<Row> salesAlerts(Dataset<Row> daily, LocalDate from, LocalDate to, int baselineWeeks,
      int windowDays, double dropThreshold, double criticalDropThreshold, int minBaselineOrders) {
    LocalDate streakFrom = from.minusDays(MAX_STREAK_DAYS - 1);
    LocalDate gridFrom = streakFrom.minusDays(windowDays - 1);
    Dataset<Row> d = daily.where(col(DAY).between(lit(Date.valueOf(historyStart(from, baselineWeeks, windowDays))),
            lit(Date.valueOf(to))))
        .withColumn(SalesAlerts.REGION, coalesce(col(SalesAlerts.REGION), lit(ALL_REGIONS)));
    // Days of data: from the first day with any purchase (or the read start) to the end.
    Dataset<Row> days = d.agg(min(col(DAY)).as("_start"))
        .where(col("_start").isNotNull())
        .select(explode(sequence(col("_start"), lit(Date.valueOf(to)))).as(DAY));
    Dataset<Row> scopes = d.select(SalesAlerts.SCOPE, SalesAlerts.CHANNEL, SalesAlerts.REGION).distinct();
    Column[] key = {col(SalesAlerts.SCOPE), col(SalesAlerts.CHANNEL), col(SalesAlerts.REGION)};
    Dataset<Row> full = scopes.crossJoin(days)
        .join(d, Cols.seq(SalesAlerts.SCOPE, SalesAlerts.CHANNEL, SalesAlerts.REGION, DAY), "left")
        .withColumn(SalesAlerts.REVENUE, coalesce(col(SalesAlerts.REVENUE), lit(BigDecimal.ZERO)).cast(AlertInputs.MONEY))
        .withColumn(SalesAlerts.ORDERS, coalesce(col(SalesAlerts.ORDERS), lit(0L)));

    // Every day serves as the same-weekday history of the days 7, 14, ... later.
    Dataset<Row> baseline = full
        .withColumn("_k", explode(sequence(lit(1), lit(baselineWeeks))))
        .withColumn("_target", date_add(col(DAY), col("_k").multiply(7)))
        .where(col("_target").between(lit(Date.valueOf(gridFrom)), lit(Date.valueOf(to))))
        .groupBy(col(SalesAlerts.SCOPE), col(SalesAlerts.CHANNEL), col(SalesAlerts.REGION), col("_target").as(DAY))
        // Exact medians (the mean of the two middle values for an even count).
        .agg(count(lit(1)).as(SalesAlerts.BASELINE_WEEKS),
            expr("percentile(" + SalesAlerts.REVENUE + ", 0.5)").as("_b_rev"),
            expr("percentile(" + SalesAlerts.ORDERS + ", 0.5)").as("_b_ord"));

    Column complete = col(SalesAlerts.BASELINE_WEEKS).equalTo(baselineWeeks);
    var window = Window.partitionBy(key).orderBy(DAY).rowsBetween(-(windowDays - 1), Window.currentRow());
    // A window sum of baselines only when every day of the window has one.
    Column windowComplete = count(col(SalesAlerts.BASELINE_ORDERS)).over(window).equalTo(windowDays);
    Column revDrop = lit(BigDecimal.ONE).minus(
        col(SalesAlerts.WINDOW_REVENUE).divide(col(SalesAlerts.WINDOW_BASELINE_REVENUE)));
    Column ordDrop = lit(BigDecimal.ONE).minus(
        col(SalesAlerts.WINDOW_ORDERS).cast("decimal(18,0)").divide(col(SalesAlerts.WINDOW_BASELINE_ORDERS)));
    Column alert = coalesce(
        col(SalesAlerts.WINDOW_BASELINE_ORDERS).geq(lit(BigDecimal.valueOf((long) minBaselineOrders * windowDays)))
            .and(col(SalesAlerts.ORDERS_DROP).geq(lit(BigDecimal.valueOf(dropThreshold)))),
        lit(false));
    var upToDay = Window.partitionBy(key).orderBy(DAY).rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Column lastQuiet = max(when(col(SalesAlerts.IS_ALERT).equalTo(false), col(DAY))).over(upToDay);
    Column streak = least(datediff(col(DAY), coalesce(lastQuiet, lit(Date.valueOf(streakFrom.minusDays(1))))),
        lit(MAX_STREAK_DAYS));
    return full
        .where(col(DAY).between(lit(Date.valueOf(gridFrom)), lit(Date.valueOf(to))))
        .join(baseline, Cols.seq(SalesAlerts.SCOPE, SalesAlerts.CHANNEL, SalesAlerts.REGION, DAY), "left")
        .withColumn(SalesAlerts.BASELINE_WEEKS, coalesce(col(SalesAlerts.BASELINE_WEEKS), lit(0L)).cast("int"))
        .withColumn(SalesAlerts.BASELINE_REVENUE,
            when(complete, round(col("_b_rev"), 2).cast(AlertInputs.MONEY)))
        .withColumn(SalesAlerts.BASELINE_ORDERS, when(complete, col("_b_ord").cast("decimal(18,1)")))
        .withColumn(SalesAlerts.WINDOW_REVENUE, sum(col(SalesAlerts.REVENUE)).over(window).cast(AlertInputs.MONEY))
        .withColumn(SalesAlerts.WINDOW_ORDERS, sum(col(SalesAlerts.ORDERS)).over(window).cast("long"))
        .withColumn(SalesAlerts.WINDOW_BASELINE_REVENUE,
            when(windowComplete, sum(col(SalesAlerts.BASELINE_REVENUE)).over(window)).cast(AlertInputs.MONEY))
        .withColumn(SalesAlerts.WINDOW_BASELINE_ORDERS,
            when(windowComplete, sum(col(SalesAlerts.BASELINE_ORDERS)).over(window)).cast("decimal(18,1)"))
        .withColumn(SalesAlerts.REVENUE_DROP, round(revDrop, 4).cast("decimal(12,4)"))
        .withColumn(SalesAlerts.ORDERS_DROP, round(ordDrop, 4).cast("decimal(12,4)"))
        .where(col(DAY).between(lit(Date.valueOf(streakFrom)), lit(Date.valueOf(to))))
        .withColumn(SalesAlerts.IS_ALERT, alert)
        .withColumn(SalesAlerts.SEVERITY, when(col(SalesAlerts.IS_ALERT),
            when(col(SalesAlerts.ORDERS_DROP).geq(lit(BigDecimal.valueOf(criticalDropThreshold))), lit(SalesAlerts.CRITICAL))
                .otherwise(lit(SalesAlerts.WARNING))))
        .withColumn(SalesAlerts.CONSECUTIVE_DAYS, when(col(SalesAlerts.IS_ALERT), streak).otherwise(lit(0)))
        .where(col(DAY).between(lit(Date.valueOf(from)), lit(Date.valueOf(to))))
        .withColumn(SalesAlerts.REGION,
            when(col(SalesAlerts.REGION).notEqual(lit(ALL_REGIONS)), col(SalesAlerts.REGION)))
        .withColumnRenamed(DAY, SalesAlerts.ALERT_DATE);
  }

  /**
   * The first day of purchases that alerts of {@code from..} need: the windows of the days whose
   * alerts count towards consecutive_days of {@code from}, and their baselines.
   */
  public static LocalDate historyStart(LocalDate from, int baselineWeeks, int windowDays) {
    return from.minusDays(MAX_STREAK_DAYS - 1L + windowDays - 1L + 7L * baselineWeeks);
  }


  /** Stands for the null region of the channel scope inside joins (equi-joins never match nulls). */
  private static final String ALL_REGIONS = "(all regions)";
}
