package io.onecustomer.jobs.analytics.alerts;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.jobs.silver.SilverColumns;
import java.util.Map;

/** The gold alert tables: names, columns with their comments, table comments (docs/analytics-alerts.md). */
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

    public static final String COMMENT = "Price conflicts between channels: one row per day, product and sales channel"
        + " that sold it (non-cancelled lines of known products, distributor sell-out included), with the channel's"
        + " lowest effective unit price (gross amount / quantity), the cheapest channel's, the gap between them and"
        + " the lines sold below the minimum advertised price. Partitioned by price_date; a run replaces its days.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        PRODUCT_CODE, "The brand's product code",
        CHANNEL, "Sales channel: marketplace, miniprogram, pos, distributor",
        LINES, "Non-cancelled order lines of the product in the channel that day",
        UNITS, "Units of those lines",
        MIN_UNIT_PRICE, "Lowest effective unit price in the channel: min over lines of gross_amount / quantity"
            + " (what the buyer paid per unit after discounts, before refunds), rounded to cents, CNY",
        LOWEST_PRICE, "Lowest min_unit_price of the product across all channels that day, CNY",
        CHEAPEST_CHANNEL, "Channel with lowest_price (ties: first in alphabetical order)",
        CHANNELS, "Channels that sold the product that day",
        PRICE_GAP, "min_unit_price / lowest_price - 1, rounded to 4 decimals (0.15 = 15% above the cheapest channel)",
        IS_PRICE_GAP, "price_gap > analytics.alerts.price-gap-threshold (strictly above)",
        MIN_ADVERTISED_PRICE, "Minimum advertised price of the product in the latest silver.products snapshot up to"
            + " the day, CNY; null when the catalogue does not know it",
        BELOW_MAP_LINES, "Lines whose effective unit price is strictly below min_advertised_price (0 without MAP)",
        BELOW_MAP_UNITS, "Units of those lines",
        BELOW_MAP_AMOUNT, "Gross amount of those lines, CNY",
        IS_BELOW_MAP, "below_map_lines > 0",
        PRICE_DATE, "Business day of the sales; partition column");
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

    public static final String COMMENT = "Distributor sell-out alerts: one row per day, distributor, alert type"
        + " (out_of_region, unknown_distributor, low_price), reported region and, for low_price, product. Only"
        + " alerts are stored: a quiet day has no rows. Partitioned by alert_date; a run replaces its days.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        DISTRIBUTOR_ID, "Distributor (silver.orders.store_id of distributor lines)",
        ALERT_TYPE, "out_of_region: sell-out reported outside the authorised region (or with no region);"
            + " unknown_distributor: the distributor has no authorised region in analytics.alerts.distributor-regions;"
            + " low_price: lines of a product priced below low-price-ratio x the regional norm",
        PRODUCT_CODE, "low_price: the product; null for the other types",
        REPORTED_REGION, "Region the sell-out was reported in (null when not reported)",
        AUTHORISED_REGION, "The distributor's authorised region from config; null for unknown_distributor",
        LINES, "Sell-out lines behind the alert",
        UNITS, "Units of those lines",
        AMOUNT, "Gross amount of those lines, CNY",
        UNIT_PRICE, "low_price: amount / units of the flagged lines, CNY; null for the other types",
        NORM_PRICE, "low_price: median unit price of the product in the reported region over the norm-days before"
            + " the day (all distributors' sell-out, the day excluded), CNY",
        NORM_LINES, "low_price: sell-out lines the norm was taken from",
        PRICE_RATIO, "low_price: unit_price / norm_price, 4 decimals",
        ALERT_DATE, "Business day of the sell-out; partition column");
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

    public static final String COMMENT = "Sales drops against a same-weekday baseline: one row per day and scope (a"
        + " sales channel, and region x channel where the region is known), every scope-day whether it alerts or"
        + " not, with purchases (analytics Purchases) and their revenue, the baseline (median of the same weekday"
        + " over the previous baseline-weeks weeks), their sums over the window-days days ending the day, the drops"
        + " and is_alert. Partitioned by alert_date; a run replaces its days.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        SCOPE, "channel (all regions of a channel) or region_channel",
        CHANNEL, "Sales channel: marketplace, miniprogram, pos, distributor",
        REGION, "region_channel: sales region (distributor: reported region; pos: the store's city; marketplace: the"
            + " shipping city; onecustomer.geo); null for scope channel",
        REVENUE, "Net amount of the day's purchases in the scope, CNY",
        ORDERS, "Purchases (non-cancelled orders with positive net amount) in the scope that day",
        BASELINE_WEEKS, "Same weekdays 7, 14, ... days back that lie inside the data (at most baseline-weeks)",
        BASELINE_REVENUE, "Median revenue of the same weekday over the previous baseline-weeks weeks, CNY; null"
            + " when fewer weeks of data exist",
        BASELINE_ORDERS, "Median orders of those days; null when fewer weeks of data exist",
        WINDOW_REVENUE, "Revenue of the window-days days ending this day (this day's alone with window-days = 1), CNY",
        WINDOW_ORDERS, "Orders of those days",
        WINDOW_BASELINE_REVENUE, "Sum of those days' baseline_revenue; null unless every one of them has a baseline",
        WINDOW_BASELINE_ORDERS, "Sum of those days' baseline_orders; null unless every one of them has a baseline",
        REVENUE_DROP, "1 - window_revenue / window_baseline_revenue, 4 decimals (negative: above baseline); null"
            + " without baseline. Shown, not alerted on",
        ORDERS_DROP, "1 - window_orders / window_baseline_orders, 4 decimals; null without baseline",
        IS_ALERT, "orders_drop >= drop-threshold and window_baseline_orders >= min-baseline-orders x window-days",
        SEVERITY, "critical when orders_drop >= critical-drop-threshold, else warning; null when not alerting",
        CONSECUTIVE_DAYS, "Days in a row up to this one the scope has alerted (0 when not alerting; capped at 28)",
        ALERT_DATE, "Business day of the sales; partition column");
  }
}
