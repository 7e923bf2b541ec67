package io.onecustomer.jobs.analytics.alerts;

import static io.onecustomer.common.spec.Types.*;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.Types;

/** The specs of this package's tables (name, grain, typed columns with comments, partitioning, key, mode, checks). */
public final class AlertSpecs {
  private AlertSpecs() {}

  public static final TableSpec PRICE_CONFLICTS = TableSpec.table(Tables.GOLD, "price_conflicts")
      .grain("Price conflicts between channels: one row per day, product and sales channel that sold it (non-cancelled lines of known products, distributor sell-out included), with the channel's lowest effective unit price (gross amount / quantity), the cheapest channel's, the gap between them and the lines sold below the minimum advertised price. Partitioned by price_date; a run replaces its days.")
      .column("product_code", STRING, "The brand's product code")
      .column("channel", STRING, "Sales channel: marketplace, miniprogram, pos, distributor")
      .column("lines", LONG, "Non-cancelled order lines of the product in the channel that day")
      .column("units", LONG, "Units of those lines")
      .column("min_unit_price", MONEY, "Lowest effective unit price in the channel: min over lines of gross_amount / quantity (what the buyer paid per unit after discounts, before refunds), rounded to cents, CNY")
      .column("lowest_price", MONEY, "Lowest min_unit_price of the product across all channels that day, CNY")
      .column("cheapest_channel", STRING, "Channel with lowest_price (ties: first in alphabetical order)")
      .column("channels", LONG, "Channels that sold the product that day")
      .column("price_gap", RATIO, "min_unit_price / lowest_price - 1, rounded to 4 decimals (0.15 = 15% above the cheapest channel)")
      .column("is_price_gap", BOOLEAN, "price_gap > analytics.alerts.price-gap-threshold (strictly above)")
      .column("min_advertised_price", MONEY, "Minimum advertised price of the product in the latest silver.products snapshot up to the day, CNY; null when the catalogue does not know it")
      .column("below_map_lines", LONG, "Lines whose effective unit price is strictly below min_advertised_price (0 without MAP)")
      .column("below_map_units", LONG, "Units of those lines")
      .column("below_map_amount", MONEY, "Gross amount of those lines, CNY")
      .column("is_below_map", BOOLEAN, "below_map_lines > 0")
      .column("price_date", DATE, "Business day of the sales; partition column")
      .partitionedByDay("price_date")
      .replaceDays()
      .build();

  public static final TableSpec DISTRIBUTOR_ALERTS = TableSpec.table(Tables.GOLD, "distributor_alerts")
      .grain("Distributor sell-out alerts: one row per day, distributor, alert type (out_of_region, unknown_distributor, low_price), reported region and, for low_price, product. Only alerts are stored: a quiet day has no rows. Partitioned by alert_date; a run replaces its days.")
      .column("distributor_id", STRING, "Distributor (silver.orders.store_id of distributor lines)")
      .column("alert_type", STRING, "out_of_region: sell-out reported outside the authorised region (or with no region); unknown_distributor: the distributor has no authorised region in analytics.alerts.distributor-regions; low_price: lines of a product priced below low-price-ratio x the regional norm")
      .column("product_code", STRING, "low_price: the product; null for the other types")
      .column("reported_region", STRING, "Region the sell-out was reported in (null when not reported)")
      .column("authorised_region", STRING, "The distributor's authorised region from config; null for unknown_distributor")
      .column("lines", LONG, "Sell-out lines behind the alert")
      .column("units", LONG, "Units of those lines")
      .column("amount", MONEY, "Gross amount of those lines, CNY")
      .column("unit_price", MONEY, "low_price: amount / units of the flagged lines, CNY; null for the other types")
      .column("norm_price", MONEY, "low_price: median unit price of the product in the reported region over the norm-days before the day (all distributors' sell-out, the day excluded), CNY")
      .column("norm_lines", LONG, "low_price: sell-out lines the norm was taken from")
      .column("price_ratio", RATIO, "low_price: unit_price / norm_price, 4 decimals")
      .column("alert_date", DATE, "Business day of the sell-out; partition column")
      .partitionedByDay("alert_date")
      .replaceDays()
      .build();

  public static final TableSpec SALES_ALERTS = TableSpec.table(Tables.GOLD, "sales_alerts")
      .grain("Sales drops against a same-weekday baseline: one row per day and scope (a sales channel, and region x channel where the region is known), every scope-day whether it alerts or not, with purchases (analytics Purchases) and their revenue, the baseline (median of the same weekday over the previous baseline-weeks weeks), their sums over the window-days days ending the day, the drops and is_alert. Partitioned by alert_date; a run replaces its days.")
      .column("scope", STRING, "channel (all regions of a channel) or region_channel")
      .column("channel", STRING, "Sales channel: marketplace, miniprogram, pos, distributor")
      .column("region", STRING, "region_channel: sales region (distributor: reported region; pos: the store's city; marketplace: the shipping city; onecustomer.geo); null for scope channel")
      .column("revenue", MONEY, "Net amount of the day's purchases in the scope, CNY")
      .column("orders", LONG, "Purchases (non-cancelled orders with positive net amount) in the scope that day")
      .column("baseline_weeks", INT, "Same weekdays 7, 14, ... days back that lie inside the data (at most baseline-weeks)")
      .column("baseline_revenue", MONEY, "Median revenue of the same weekday over the previous baseline-weeks weeks, CNY; null when fewer weeks of data exist")
      .column("baseline_orders", Types.decimal(18, 1), "Median orders of those days; null when fewer weeks of data exist")
      .column("window_revenue", MONEY, "Revenue of the window-days days ending this day (this day's alone with window-days = 1), CNY")
      .column("window_orders", LONG, "Orders of those days")
      .column("window_baseline_revenue", MONEY, "Sum of those days' baseline_revenue; null unless every one of them has a baseline")
      .column("window_baseline_orders", Types.decimal(18, 1), "Sum of those days' baseline_orders; null unless every one of them has a baseline")
      .column("revenue_drop", RATIO, "1 - window_revenue / window_baseline_revenue, 4 decimals (negative: above baseline); null without baseline. Shown, not alerted on")
      .column("orders_drop", RATIO, "1 - window_orders / window_baseline_orders, 4 decimals; null without baseline")
      .column("is_alert", BOOLEAN, "orders_drop >= drop-threshold and window_baseline_orders >= min-baseline-orders x window-days")
      .column("severity", STRING, "critical when orders_drop >= critical-drop-threshold, else warning; null when not alerting")
      .column("consecutive_days", INT, "Days in a row up to this one the scope has alerted (0 when not alerting; capped at 28)")
      .column("alert_date", DATE, "Business day of the sales; partition column")
      .partitionedByDay("alert_date")
      .replaceDays()
      .build();
}
