package io.onecustomer.jobs.analytics.customer;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.jobs.silver.SilverColumns;
import java.util.Map;

/**
 * The behaviour snapshot tables (repurchase, cross-sell, cohort retention): names, columns with
 * their comments, table comments. All three are partitioned by snapshot_date; a run replaces the
 * snapshots of its days (docs/analytics-behaviour.md).
 */
public final class BehaviourTables {
  private BehaviourTables() {}

  public static final TableId GOLD_REPURCHASE_METRICS = new TableId(Tables.GOLD, "repurchase_metrics");
  public static final TableId GOLD_CROSS_SELL_PAIRS = new TableId(Tables.GOLD, "cross_sell_pairs");
  public static final TableId GOLD_COHORT_RETENTION = new TableId(Tables.GOLD, "cohort_retention");

  /** Partition column of all three tables. */
  public static final String SNAPSHOT_DATE = "snapshot_date";

  /** gold.repurchase_metrics: one row per snapshot, dimension and dimension value. */
  public static final class Repurchase {
    private Repurchase() {}

    public static final String DIMENSION = "dimension";
    public static final String DIMENSION_VALUE = "dimension_value";
    public static final String WINDOW_START = "window_start";
    public static final String CUSTOMERS = "customers";
    public static final String REPEAT_CUSTOMERS = "repeat_customers";
    public static final String REPURCHASE_RATE = "repurchase_rate";
    public static final String MEDIAN_CYCLE_DAYS = "median_cycle_days";
    public static final String ORDERS = "orders";
    public static final String REVENUE = "revenue";
    public static final String AVERAGE_ORDER_VALUE = "average_order_value";
    public static final String PENETRATION = "penetration";

    /** Dimension values. */
    public static final String OVERALL = "overall";
    public static final String CHANNEL = "channel";
    public static final String CATEGORY = "category";
    /** dimension_value of the overall row. */
    public static final String ALL = "all";

    public static final String COMMENT = "Repurchase behaviour per snapshot: one row per snapshot_date, dimension"
        + " (overall, channel, category) and dimension value. Counts the customer purchases (non-cancelled orders"
        + " of resolved customers with a positive net amount) of the repurchase window ending on the snapshot day."
        + " Partitioned by snapshot_date; a run replaces the snapshots of its days.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        DIMENSION, "overall, channel or category",
        DIMENSION_VALUE, "'all' for overall, the sales channel, or the product category",
        WINDOW_START, "First day of the window (analytics.customer.repurchase.window-days ending on snapshot_date)",
        CUSTOMERS, "Customers with at least one purchase in the dimension value in the window",
        REPEAT_CUSTOMERS, "Customers with purchases on at least two different days in the dimension value in the window",
        REPURCHASE_RATE, "repeat_customers / customers",
        MEDIAN_CYCLE_DAYS, "Median of the days between a customer's consecutive purchase days in the dimension value,"
            + " over all customers' intervals in the window (mean of the two middle intervals for an even count);"
            + " null without repeat customers",
        ORDERS, "Purchases in the window (for a category: purchases containing the category)",
        REVENUE, "Net amount of those purchases, CNY (for a category: net amount of the category's lines)",
        AVERAGE_ORDER_VALUE, "revenue / orders, CNY",
        PENETRATION, "customers / customers of the overall row (1 for overall)",
        SNAPSHOT_DATE, "Day the window ends on; partition column");
  }

  /** gold.cross_sell_pairs: one row per snapshot, level and ordered item pair. */
  public static final class CrossSell {
    private CrossSell() {}

    public static final String LEVEL = "level";
    public static final String ITEM_X = "item_x";
    public static final String ITEM_Y = "item_y";
    public static final String LOOKBACK_START = "lookback_start";
    public static final String CUSTOMERS_ALL = "customers_all";
    public static final String CUSTOMERS_X = "customers_x";
    public static final String CUSTOMERS_Y = "customers_y";
    public static final String CUSTOMERS_XY = "customers_xy";
    public static final String SUPPORT = "support";
    public static final String CONFIDENCE = "confidence";
    public static final String LIFT = "lift";
    public static final String MEDIAN_LAG_DAYS = "median_lag_days";

    /** Levels. */
    public static final String CATEGORY = "category";
    public static final String PRODUCT = "product";

    public static final String COMMENT = "Sequential cross-sell: one row per snapshot_date, level (category,"
        + " product) and ordered pair X -> Y of different items, counting customers who bought Y 1 to"
        + " cross-sell.within-days days after a purchase of X, both inside the lookback ending on the snapshot"
        + " day. Only pairs with at least cross-sell.min-customers such customers. Partitioned by snapshot_date.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        LEVEL, "category or product",
        ITEM_X, "The item bought first (category, or product code)",
        ITEM_Y, "The item bought after it",
        LOOKBACK_START, "First day of the lookback (analytics.customer.cross-sell.lookback-days ending on snapshot_date)",
        CUSTOMERS_ALL, "Customers with a purchase in the lookback",
        CUSTOMERS_X, "Customers who bought X in the lookback",
        CUSTOMERS_Y, "Customers who bought Y in the lookback",
        CUSTOMERS_XY, "Customers who bought Y 1..within-days days after a purchase of X (same day does not count)",
        SUPPORT, "customers_xy / customers_all",
        CONFIDENCE, "customers_xy / customers_x",
        LIFT, "confidence / (customers_y / customers_all): how much likelier Y is after X than among all customers",
        MEDIAN_LAG_DAYS, "Median over the customers_xy customers of their shortest lag in days from a purchase of X"
            + " to a purchase of Y 1..within-days later",
        SNAPSHOT_DATE, "Day the lookback ends on; partition column");
  }

  /** gold.cohort_retention: one row per snapshot, cohort month, acquisition channel and month since. */
  public static final class Cohort {
    private Cohort() {}

    public static final String COHORT_MONTH = "cohort_month";
    public static final String ACQUISITION_CHANNEL = "acquisition_channel";
    public static final String MONTHS_SINCE_ACQUISITION = "months_since_acquisition";
    public static final String ACTIVITY_MONTH = "activity_month";
    public static final String IS_CURRENT_MONTH = "is_current_month";
    public static final String COHORT_SIZE = "cohort_size";
    public static final String ACTIVE_CUSTOMERS = "active_customers";
    public static final String RETENTION_RATE = "retention_rate";
    public static final String REVENUE = "revenue";
    public static final String CUMULATIVE_REVENUE_PER_CUSTOMER = "cumulative_revenue_per_customer";

    /** acquisition_channel of the row over all channels. */
    public static final String ALL = "all";

    public static final String COMMENT = "Cohort retention: one row per snapshot_date, cohort_month (month of the"
        + " customer's first purchase), acquisition_channel (channel of that purchase, and 'all') and"
        + " months_since_acquisition from 0 up to the snapshot's month (its purchases up to the snapshot day)."
        + " Cohorts of the last cohorts.max-months months. Partitioned by snapshot_date.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        COHORT_MONTH, "First day of the month of the customer's first purchase",
        ACQUISITION_CHANNEL, "Sales channel of the first purchase, or 'all' (the sum over channels)",
        MONTHS_SINCE_ACQUISITION, "0 for the cohort month, 1 for the month after, ...",
        ACTIVITY_MONTH, "First day of the month counted (cohort_month + months_since_acquisition)",
        IS_CURRENT_MONTH, "True for the snapshot's own month, counted only up to snapshot_date",
        COHORT_SIZE, "Customers of the cohort",
        ACTIVE_CUSTOMERS, "Customers of the cohort with a purchase (any channel) in activity_month",
        RETENTION_RATE, "active_customers / cohort_size",
        REVENUE, "Net amount of the cohort's purchases (any channel) in activity_month, CNY",
        CUMULATIVE_REVENUE_PER_CUSTOMER, "Revenue of months 0..months_since_acquisition / cohort_size, CNY",
        SNAPSHOT_DATE, "Day of the snapshot; partition column");
  }
}
