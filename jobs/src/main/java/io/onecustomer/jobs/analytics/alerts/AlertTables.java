package io.onecustomer.jobs.analytics.alerts;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.TableSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The gold alert tables: names and vocabularies (specs: {@link AlertSpecs}; docs/analytics-alerts.md). */
public final class AlertTables {
  private AlertTables() {}

  public static final TableId GOLD_PRICE_CONFLICTS = new TableId(Tables.GOLD, "price_conflicts");
  public static final TableId GOLD_DISTRIBUTOR_ALERTS = new TableId(Tables.GOLD, "distributor_alerts");
  public static final TableId GOLD_SALES_ALERTS = new TableId(Tables.GOLD, "sales_alerts");

  /** gold.price_conflicts: one row per day, product and channel that sold it. */
  public static final class PriceConflicts {
    private PriceConflicts() {}

    public static final String PRICE_DATE = "price_date";
    public static final String PRODUCT_CODE = "product_code";
    public static final String CHANNEL = "channel";
    public static final String LINES = "lines";
    public static final String UNITS = "units";
    public static final String MIN_UNIT_PRICE = "min_unit_price";
    public static final String LOWEST_PRICE = "lowest_price";
    public static final String CHEAPEST_CHANNEL = "cheapest_channel";
    public static final String CHANNELS = "channels";
    public static final String PRICE_GAP = "price_gap";
    public static final String IS_PRICE_GAP = "is_price_gap";
    public static final String MIN_ADVERTISED_PRICE = "min_advertised_price";
    public static final String BELOW_MAP_LINES = "below_map_lines";
    public static final String BELOW_MAP_UNITS = "below_map_units";
    public static final String BELOW_MAP_AMOUNT = "below_map_amount";
    public static final String IS_BELOW_MAP = "is_below_map";

  }

  /** gold.distributor_alerts: one row per day, distributor, alert type, reported region and product. */
  public static final class DistributorAlerts {
    private DistributorAlerts() {}

    public static final String ALERT_DATE = "alert_date";
    public static final String DISTRIBUTOR_ID = "distributor_id";
    public static final String ALERT_TYPE = "alert_type";
    public static final String PRODUCT_CODE = "product_code";
    public static final String REPORTED_REGION = "reported_region";
    public static final String AUTHORISED_REGION = "authorised_region";
    public static final String LINES = "lines";
    public static final String UNITS = "units";
    public static final String AMOUNT = "amount";
    public static final String UNIT_PRICE = "unit_price";
    public static final String NORM_PRICE = "norm_price";
    public static final String NORM_LINES = "norm_lines";
    public static final String PRICE_RATIO = "price_ratio";

    public static final String OUT_OF_REGION = "out_of_region";
    public static final String UNKNOWN_DISTRIBUTOR = "unknown_distributor";
    public static final String LOW_PRICE = "low_price";

  }

  /** gold.sales_alerts: one row per day and scope, alerting or not. */
  public static final class SalesAlerts {
    private SalesAlerts() {}

    public static final String ALERT_DATE = "alert_date";
    public static final String SCOPE = "scope";
    public static final String CHANNEL = "channel";
    public static final String REGION = "region";
    public static final String REVENUE = "revenue";
    public static final String ORDERS = "orders";
    public static final String BASELINE_WEEKS = "baseline_weeks";
    public static final String BASELINE_REVENUE = "baseline_revenue";
    public static final String BASELINE_ORDERS = "baseline_orders";
    public static final String WINDOW_REVENUE = "window_revenue";
    public static final String WINDOW_ORDERS = "window_orders";
    public static final String WINDOW_BASELINE_REVENUE = "window_baseline_revenue";
    public static final String WINDOW_BASELINE_ORDERS = "window_baseline_orders";
    public static final String REVENUE_DROP = "revenue_drop";
    public static final String ORDERS_DROP = "orders_drop";
    public static final String IS_ALERT = "is_alert";
    public static final String SEVERITY = "severity";
    public static final String CONSECUTIVE_DAYS = "consecutive_days";

    public static final String SCOPE_CHANNEL = "channel";
    public static final String SCOPE_REGION_CHANNEL = "region_channel";
    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";

  }

}
