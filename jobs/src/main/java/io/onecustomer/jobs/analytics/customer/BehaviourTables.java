package io.onecustomer.jobs.analytics.customer;

import io.onecustomer.common.TableId;
import java.util.Map;

/**
 * Names of the behaviour snapshot tables (repurchase, cross-sell, cohort retention) and of their
 * columns. All three are partitioned by snapshot_date; a run replaces the snapshots of its days
 * (docs/analytics-behaviour.md). Types, comments, keys and checks are in {@link
 * CustomerAnalyticsSpecs}.
 */
public final class BehaviourTables {
  private BehaviourTables() {}

  public static final TableId GOLD_REPURCHASE_METRICS = CustomerAnalyticsSpecs.REPURCHASE_METRICS.id();
  public static final TableId GOLD_CROSS_SELL_PAIRS = CustomerAnalyticsSpecs.CROSS_SELL_PAIRS.id();
  public static final TableId GOLD_COHORT_RETENTION = CustomerAnalyticsSpecs.COHORT_RETENTION.id();

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

  }
}
