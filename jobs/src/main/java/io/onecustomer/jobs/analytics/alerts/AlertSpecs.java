package io.onecustomer.jobs.analytics.alerts;

import static io.onecustomer.common.spec.Check.acceptedValues;
import static io.onecustomer.common.spec.Check.range;
import static io.onecustomer.common.spec.Check.unique;
import static io.onecustomer.common.spec.Types.*;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.Types;
import io.onecustomer.jobs.analytics.alerts.AlertTables.DistributorAlerts;
import io.onecustomer.jobs.analytics.alerts.AlertTables.PriceConflicts;
import io.onecustomer.jobs.analytics.alerts.AlertTables.SalesAlerts;
import io.onecustomer.jobs.silver.Vocabulary;
import java.util.List;

/** The specs of this package's tables (name, grain, typed columns with comments, partitioning, key, mode, checks). */
public final class AlertSpecs {
  private AlertSpecs() {}

  /** The sales channels of silver.orders, the only channels these tables report. */
  private static final String[] SALES_CHANNELS =
      {Vocabulary.MARKETPLACE, Vocabulary.MINIPROGRAM, Vocabulary.POS, Vocabulary.DISTRIBUTOR};

  public static final TableSpec PRICE_CONFLICTS = TableSpec.table(Tables.GOLD, "price_conflicts")
      .grain("Price conflicts between channels: one row per day, product and sales channel that sold it (non-cancelled lines of known products, distributor sell-out included), with the channel's lowest effective unit price (gross amount / quantity), the cheapest channel's, the gap between them and the lines sold below the minimum advertised price. Partitioned by price_date; a run replaces its days.")
      .column("product_code", STRING, "The brand's product code")
      .column("channel", STRING, "Sales channel: marketplace, miniprogram, pos, distributor")
      .required("lines", LONG, "Non-cancelled order lines of the product in the channel that day")
      .required("units", LONG, "Units of those lines")
      .required("min_unit_price", MONEY, "Lowest effective unit price in the channel: min over lines of gross_amount / quantity (what the buyer paid per unit after discounts, before refunds), rounded to cents, CNY")
      .required("lowest_price", MONEY, "Lowest min_unit_price of the product across all channels that day, CNY")
      .required("cheapest_channel", STRING, "Channel with lowest_price (ties: first in alphabetical order)")
      .required("channels", LONG, "Channels that sold the product that day")
      .column("price_gap", RATIO, "min_unit_price / lowest_price - 1, rounded to 4 decimals (0.15 = 15% above the cheapest channel)")
      .required("is_price_gap", BOOLEAN, "price_gap > analytics.alerts.price-gap-threshold (strictly above)")
      .column("min_advertised_price", MONEY, "Minimum advertised price of the product in the latest silver.products snapshot up to the day, CNY; null when the catalogue does not know it")
      .required("below_map_lines", LONG, "Lines whose effective unit price is strictly below min_advertised_price (0 without MAP)")
      .required("below_map_units", LONG, "Units of those lines")
      .required("below_map_amount", MONEY, "Gross amount of those lines, CNY")
      .required("is_below_map", BOOLEAN, "below_map_lines > 0")
      .column("price_date", DATE, "Business day of the sales; partition column")
      .partitionedByDay("price_date")
      .key(PriceConflicts.PRICE_DATE, PriceConflicts.PRODUCT_CODE, PriceConflicts.CHANNEL)
      .replaceDays()
      .check(acceptedValues(PriceConflicts.CHANNEL, SALES_CHANNELS))
      .check(acceptedValues(PriceConflicts.CHEAPEST_CHANNEL, SALES_CHANNELS))
      // Only lines with a positive quantity carry a price; a row is a channel that sold the product.
      .check(range(PriceConflicts.LINES, 1.0, null))
      .check(range(PriceConflicts.UNITS, 1.0, null))
      .check(range(PriceConflicts.CHANNELS, 1.0, (double) SALES_CHANNELS.length))
      .check(range(PriceConflicts.MIN_UNIT_PRICE, 0.0, null))
      .check(range(PriceConflicts.LOWEST_PRICE, 0.0, null))
      .check(range(PriceConflicts.BELOW_MAP_LINES, 0.0, null))
      .check(range(PriceConflicts.BELOW_MAP_UNITS, 0.0, null))
      .check(range(PriceConflicts.BELOW_MAP_AMOUNT, 0.0, null))
      // min_unit_price is never below the lowest price of the product that day.
      .check(range(PriceConflicts.PRICE_GAP, 0.0, null))
      .build();

  public static final TableSpec DISTRIBUTOR_ALERTS = TableSpec.table(Tables.GOLD, "distributor_alerts")
      .grain("Distributor sell-out alerts: one row per day, distributor, alert type (out_of_region, unknown_distributor, low_price), reported region and, for low_price, product. Only alerts are stored: a quiet day has no rows. Partitioned by alert_date; a run replaces its days.")
      .required("distributor_id", STRING, "Distributor (silver.orders.store_id of distributor lines)")
      .required("alert_type", STRING, "out_of_region: sell-out reported outside the authorised region (or with no region); unknown_distributor: the distributor has no authorised region in analytics.alerts.distributor-regions; low_price: lines of a product priced below low-price-ratio x the regional norm")
      .column("product_code", STRING, "low_price: the product; null for the other types")
      .column("reported_region", STRING, "Region the sell-out was reported in (null when not reported)")
      .column("authorised_region", STRING, "The distributor's authorised region from config; null for unknown_distributor")
      .required("lines", LONG, "Sell-out lines behind the alert")
      .required("units", LONG, "Units of those lines")
      .required("amount", MONEY, "Gross amount of those lines, CNY")
      .column("unit_price", MONEY, "low_price: amount / units of the flagged lines, CNY; null for the other types")
      .column("norm_price", MONEY, "low_price: median unit price of the product in the reported region over the norm-days before the day (all distributors' sell-out, the day excluded), CNY")
      .column("norm_lines", LONG, "low_price: sell-out lines the norm was taken from")
      .column("price_ratio", RATIO, "low_price: unit_price / norm_price, 4 decimals")
      .required("alert_date", DATE, "Business day of the sell-out; partition column")
      .partitionedByDay("alert_date")
      .replaceDays()
      // The grain's region and product may be null (no region reported; not a low_price alert): a key
      // cannot hold them, a uniqueness check over the grain can (nulls group together).
      .check(unique(List.of(DistributorAlerts.ALERT_DATE, DistributorAlerts.DISTRIBUTOR_ID, DistributorAlerts.ALERT_TYPE,
          DistributorAlerts.REPORTED_REGION, DistributorAlerts.PRODUCT_CODE)))
      .check(acceptedValues(DistributorAlerts.ALERT_TYPE, DistributorAlerts.OUT_OF_REGION,
          DistributorAlerts.UNKNOWN_DISTRIBUTOR, DistributorAlerts.LOW_PRICE))
      .check(range(DistributorAlerts.LINES, 1.0, null))
      .check(range(DistributorAlerts.UNITS, 1.0, null))
      .check(range(DistributorAlerts.NORM_LINES, 1.0, null))
      .check(range(DistributorAlerts.AMOUNT, 0.0, null))
      .check(range(DistributorAlerts.UNIT_PRICE, 0.0, null))
      .check(range(DistributorAlerts.NORM_PRICE, 0.0, null))
      // low_price lines are priced below low-price-ratio (at most 1) x the norm.
      .check(range(DistributorAlerts.PRICE_RATIO, 0.0, 1.0))
      // Only alerts are stored: their number per day is the signal, not a sign of a broken load.
      .rowCountRatio(0)
      .build();

  public static final TableSpec SALES_ALERTS = TableSpec.table(Tables.GOLD, "sales_alerts")
      .grain("Sales drops against a same-weekday baseline: one row per day and scope (a sales channel, and region x channel where the region is known), every scope-day whether it alerts or not, with purchases (analytics Purchases) and their revenue, the baseline (median of the same weekday over the previous baseline-weeks weeks), their sums over the window-days days ending the day, the drops and is_alert. Partitioned by alert_date; a run replaces its days.")
      .required("scope", STRING, "channel (all regions of a channel) or region_channel")
      .required("channel", STRING, "Sales channel: marketplace, miniprogram, pos, distributor")
      .column("region", STRING, "region_channel: sales region (distributor: reported region; pos: the store's city; marketplace: the shipping city; onecustomer.geo); null for scope channel")
      .required("revenue", MONEY, "Net amount of the day's purchases in the scope, CNY")
      .required("orders", LONG, "Purchases (non-cancelled orders with positive net amount) in the scope that day")
      .required("baseline_weeks", INT, "Same weekdays 7, 14, ... days back that lie inside the data (at most baseline-weeks)")
      .column("baseline_revenue", MONEY, "Median revenue of the same weekday over the previous baseline-weeks weeks, CNY; null when fewer weeks of data exist")
      .column("baseline_orders", Types.decimal(18, 1), "Median orders of those days; null when fewer weeks of data exist")
      .required("window_revenue", MONEY, "Revenue of the window-days days ending this day (this day's alone with window-days = 1), CNY")
      .required("window_orders", LONG, "Orders of those days")
      .column("window_baseline_revenue", MONEY, "Sum of those days' baseline_revenue; null unless every one of them has a baseline")
      .column("window_baseline_orders", Types.decimal(18, 1), "Sum of those days' baseline_orders; null unless every one of them has a baseline")
      .column("revenue_drop", RATIO, "1 - window_revenue / window_baseline_revenue, 4 decimals (negative: above baseline); null without baseline. Shown, not alerted on")
      .column("orders_drop", RATIO, "1 - window_orders / window_baseline_orders, 4 decimals; null without baseline")
      .required("is_alert", BOOLEAN, "orders_drop >= drop-threshold and window_baseline_orders >= min-baseline-orders x window-days")
      .column("severity", STRING, "critical when orders_drop >= critical-drop-threshold, else warning; null when not alerting")
      .required("consecutive_days", INT, "Days in a row up to this one the scope has alerted (0 when not alerting; capped at 28)")
      .required("alert_date", DATE, "Business day of the sales; partition column")
      .partitionedByDay("alert_date")
      .replaceDays()
      // The region of a channel scope is null: a key cannot hold it, a uniqueness check can.
      .check(unique(List.of(SalesAlerts.ALERT_DATE, SalesAlerts.SCOPE, SalesAlerts.CHANNEL, SalesAlerts.REGION)))
      .check(acceptedValues(SalesAlerts.SCOPE, SalesAlerts.SCOPE_CHANNEL, SalesAlerts.SCOPE_REGION_CHANNEL))
      .check(acceptedValues(SalesAlerts.CHANNEL, SALES_CHANNELS))
      .check(acceptedValues(SalesAlerts.SEVERITY, SalesAlerts.WARNING, SalesAlerts.CRITICAL))
      .check(range(SalesAlerts.REVENUE, 0.0, null))
      .check(range(SalesAlerts.ORDERS, 0.0, null))
      .check(range(SalesAlerts.BASELINE_WEEKS, 0.0, null))
      .check(range(SalesAlerts.BASELINE_REVENUE, 0.0, null))
      .check(range(SalesAlerts.BASELINE_ORDERS, 0.0, null))
      .check(range(SalesAlerts.WINDOW_REVENUE, 0.0, null))
      .check(range(SalesAlerts.WINDOW_ORDERS, 0.0, null))
      .check(range(SalesAlerts.WINDOW_BASELINE_REVENUE, 0.0, null))
      .check(range(SalesAlerts.WINDOW_BASELINE_ORDERS, 0.0, null))
      // Purchases are never negative, so neither drop exceeds 1 (below 0: above the baseline).
      .check(range(SalesAlerts.REVENUE_DROP, null, 1.0))
      .check(range(SalesAlerts.ORDERS_DROP, null, 1.0))
      .check(range(SalesAlerts.CONSECUTIVE_DAYS, 0.0, (double) SalesTransforms.MAX_STREAK_DAYS))
      .build();
}
