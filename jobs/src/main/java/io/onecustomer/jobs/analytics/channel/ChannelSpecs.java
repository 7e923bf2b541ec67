package io.onecustomer.jobs.analytics.channel;

import static io.onecustomer.common.spec.Check.acceptedValues;
import static io.onecustomer.common.spec.Check.range;
import static io.onecustomer.common.spec.Types.*;
import static io.onecustomer.jobs.analytics.channel.ChannelTables.*;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.analytics.channel.ChannelTables.Assists;
import io.onecustomer.jobs.analytics.channel.ChannelTables.Funnel;
import io.onecustomer.jobs.analytics.channel.ChannelTables.Health;
import io.onecustomer.jobs.analytics.channel.ChannelTables.HealthMonthly;
import java.util.ArrayList;
import java.util.List;

/**
 * The specs of this package's tables (name, grain, typed columns with comments, partitioning, key,
 * mode, checks). The vocabularies the checks accept are the transforms' own constants.
 */
public final class ChannelSpecs {
  private ChannelSpecs() {}

  public static final TableSpec CHANNEL_HEALTH = TableSpec.table(Tables.GOLD, "channel_health")
      .grain("Channel health: one row per day and sales channel (marketplace, miniprogram, pos, distributor) plus a row 'unallocated' for ad spend mapped to no channel. Revenue is every silver.orders line of the day, so it sums over channels exactly to silver.orders; customer metrics count resolved customers only. Partitioned by health_date; a run replaces its days.")
      .column("channel", STRING, "Sales channel (marketplace, miniprogram, pos, distributor) or 'unallocated' (spend only)")
      .required("revenue", MONEY, "Net amount of all silver.orders lines of the day and channel (all statuses, unresolved buyers and distributor sell-out included), CNY; sums over channels to silver.orders")
      .required("orders", LONG, "Purchases of the day (orders not cancelled with a positive net amount; any buyer)")
      .required("purchase_revenue", MONEY, "Net amount of those purchases, CNY")
      .required("active_customers", LONG, "Distinct resolved customers with a purchase in the channel that day")
      .required("new_to_channel_customers", LONG, "Customers whose first purchase in this channel (in the warehouse's history) is that day")
      .required("new_to_brand_customers", LONG, "Customers whose first purchase with the brand is that day and in this channel (acquired by it)")
      .required("spend", MONEY, "Ad spend of the day charged to the channel by analytics.channel.spend-channels, CNY (0 without)")
      .column("cac", MONEY, "spend / new_to_brand_customers, CNY; null when no new customer")
      .column("roas", DOUBLE, "revenue / spend; null without spend")
      .column("roi", DOUBLE, "(revenue - spend) / spend; null without spend")
      .column("average_order_value", MONEY, "purchase_revenue / orders, CNY; null without orders")
      .required("acquired_customers", LONG, "Customers acquired by the channel (first purchase with the brand) up to the day")
      .required("acquired_repeat_customers", LONG, "Of those, customers with 2 or more purchases (any channel) up to the day")
      .column("repurchase_rate", DOUBLE, "acquired_repeat_customers / acquired_customers; null when none acquired")
      .required("acquired_revenue", MONEY, "Net amount of all purchases (any channel) of the acquired customers up to the day, CNY")
      .column("acquired_ltv", MONEY, "acquired_revenue / acquired_customers, CNY: LTV of the channel's customers on ltv_basis")
      .required("ltv_basis", STRING, "Basis of acquired_ltv: 'realised' (net revenue to date)")
      .required("trailing_spend", MONEY, "Spend of the channel over the last analytics.channel.cac-window-days days, CNY")
      .required("trailing_new_to_brand_customers", LONG, "New-to-brand customers of the channel over the same days")
      .column("trailing_cac", MONEY, "trailing_spend / trailing_new_to_brand_customers, CNY; null when no new customer")
      .column("ltv_to_cac", DOUBLE, "acquired_ltv / trailing_cac; null when trailing_cac is null or 0")
      .required("complaints", LONG, "Complaint tickets (is_complaint) created that day whose order_ref is an order of the channel")
      .column("complaint_rate", DOUBLE, "complaints / orders; null without orders")
      .required("products_listed", LONG, "Products listed active in the channel in that day's catalogue snapshot")
      .required("products_sold", LONG, "Of those, products with a purchase in the channel in the last analytics.channel.sell-through-days days")
      .column("sell_through_rate", DOUBLE, "products_sold / products_listed; null when nothing is listed")
      .column("health_date", DATE, "Business day; partition column")
      .partitionedByDay("health_date")
      .key(Health.HEALTH_DATE, CHANNEL)
      .replaceDays()
      .check(acceptedValues(CHANNEL, ChannelHealth.healthChannels().toArray(String[]::new)))
      .check(acceptedValues(LTV_BASIS, LTV_REALISED))
      .check(range(ORDERS, 0.0, null))
      .check(range(PURCHASE_REVENUE, 0.0, null))
      .check(range(ACTIVE_CUSTOMERS, 0.0, null))
      .check(range(NEW_TO_CHANNEL, 0.0, null))
      .check(range(NEW_TO_BRAND, 0.0, null))
      .check(range(AOV, 0.0, null))
      .check(range(ACQUIRED_CUSTOMERS, 0.0, null))
      .check(range(ACQUIRED_REPEAT_CUSTOMERS, 0.0, null))
      .check(range(ACQUIRED_REVENUE, 0.0, null))
      .check(range(ACQUIRED_LTV, 0.0, null))
      .check(range(TRAILING_NEW_TO_BRAND, 0.0, null))
      .check(range(COMPLAINTS, 0.0, null))
      .check(range(COMPLAINT_RATE, 0.0, null))
      .check(range(PRODUCTS_LISTED, 0.0, null))
      .check(range(PRODUCTS_SOLD, 0.0, null))
      .check(range(REPURCHASE_RATE, 0.0, 1.0))
      .check(range(SELL_THROUGH_RATE, 0.0, 1.0))
      .build();

  public static final TableSpec CHANNEL_HEALTH_MONTHLY = TableSpec.table(Tables.GOLD, "channel_health_monthly")
      .grain("Channel health per month: one row per channel and month touched by a run, recomputed over the month up to the run's last day (month-to-date). Sums come from gold.channel_health, distinct active customers from silver, stock metrics (repurchase, LTV, trailing CAC, sell-through) are the values of period_end. Partitioned by health_month (first day of the month).")
      .column("channel", STRING, "Sales channel or 'unallocated'")
      .required("period_end", DATE, "Last day included (the month's last day, or the run's last day for a month in progress)")
      .required("days_reported", LONG, "Days of the month up to period_end with a gold.channel_health row")
      .required("revenue", MONEY, "Sum of daily revenue, CNY")
      .required("orders", LONG, "Sum of daily purchases")
      .required("purchase_revenue", MONEY, "Sum of daily purchase revenue, CNY")
      .required("active_customers", LONG, "Distinct resolved customers with a purchase in the channel in the period (not a sum of days)")
      .required("new_to_channel_customers", LONG, "Sum of daily new-to-channel customers")
      .required("new_to_brand_customers", LONG, "Sum of daily new-to-brand customers")
      .required("spend", MONEY, "Sum of daily spend, CNY")
      .column("cac", MONEY, "spend / new_to_brand_customers of the period, CNY; null when none")
      .column("roas", DOUBLE, "revenue / spend of the period; null without spend")
      .column("roi", DOUBLE, "(revenue - spend) / spend of the period; null without spend")
      .column("average_order_value", MONEY, "purchase_revenue / orders of the period, CNY; null without orders")
      .required("acquired_customers", LONG, "As of period_end")
      .column("repurchase_rate", DOUBLE, "As of period_end")
      .column("acquired_ltv", MONEY, "As of period_end, CNY")
      .required("ltv_basis", STRING, "Basis of acquired_ltv")
      .column("trailing_cac", MONEY, "As of period_end, CNY")
      .column("ltv_to_cac", DOUBLE, "As of period_end")
      .required("complaints", LONG, "Sum of daily complaints")
      .column("complaint_rate", DOUBLE, "complaints / orders of the period; null without orders")
      .required("products_listed", LONG, "As of period_end")
      .required("products_sold", LONG, "As of period_end")
      .column("sell_through_rate", DOUBLE, "As of period_end")
      .column("health_month", DATE, "First day of the month; partition column")
      .partitionedByDay("health_month")
      .key(HealthMonthly.HEALTH_MONTH, CHANNEL)
      .replaceDays()
      .check(acceptedValues(CHANNEL, ChannelHealth.healthChannels().toArray(String[]::new)))
      .check(acceptedValues(LTV_BASIS, LTV_REALISED))
      .check(range(HealthMonthly.DAYS_REPORTED, 1.0, 31.0))
      .check(range(ORDERS, 0.0, null))
      .check(range(PURCHASE_REVENUE, 0.0, null))
      .check(range(ACTIVE_CUSTOMERS, 0.0, null))
      .check(range(NEW_TO_CHANNEL, 0.0, null))
      .check(range(NEW_TO_BRAND, 0.0, null))
      .check(range(AOV, 0.0, null))
      .check(range(ACQUIRED_CUSTOMERS, 0.0, null))
      .check(range(ACQUIRED_LTV, 0.0, null))
      .check(range(COMPLAINTS, 0.0, null))
      .check(range(COMPLAINT_RATE, 0.0, null))
      .check(range(PRODUCTS_LISTED, 0.0, null))
      .check(range(PRODUCTS_SOLD, 0.0, null))
      .check(range(REPURCHASE_RATE, 0.0, 1.0))
      .check(range(SELL_THROUGH_RATE, 0.0, 1.0))
      .build();

  public static final TableSpec CHANNEL_ASSISTS = TableSpec.table(Tables.GOLD, "channel_assists")
      .grain("Cross-channel assists: per day, converting sales channel and assisting channel, the resolved buyers whose purchase was preceded within analytics.channel.assist-window-days calendar days by a touch or purchase in the assisting channel (online touches for pos buyers, pos purchases and store contacts for online buyers). assisting_channel 'any' counts an assist by any of them; credited_revenue splits each assisted purchase equally over its assisting channels, so it sums over the assisting channels to the 'any' row's assisted_revenue. Partitioned by assist_date.")
      .column("converting_channel", STRING, "Sales channel of the purchase: pos, marketplace or miniprogram")
      .column("assisting_channel", STRING, "web, app, miniprogram (for pos buyers), pos (for online buyers), or 'any'")
      .required("buyers", LONG, "Distinct resolved customers with a purchase in the converting channel that day")
      .required("assisted_buyers", LONG, "Of those, customers with at least one purchase assisted by the assisting channel")
      .required("assist_share", DOUBLE, "assisted_buyers / buyers")
      .required("purchases", LONG, "Purchases of resolved customers in the converting channel that day")
      .required("assisted_purchases", LONG, "Of those, purchases assisted by the assisting channel")
      .required("assisted_revenue", MONEY, "Net amount of the assisted purchases, CNY")
      .required("credited_revenue", MONEY, "The assisting channel's share of assisted purchases, each split equally over its assisting channels (remainder cents to the first by name), CNY")
      .column("assist_date", DATE, "Business day of the purchases; partition column")
      .partitionedByDay("assist_date")
      .key(Assists.ASSIST_DATE, Assists.CONVERTING_CHANNEL, Assists.ASSISTING_CHANNEL)
      .replaceDays()
      .check(acceptedValues(Assists.CONVERTING_CHANNEL, ChannelAssists.pairs().keySet().toArray(String[]::new)))
      .check(acceptedValues(Assists.ASSISTING_CHANNEL, assistingChannels()))
      // A row exists only for a converting channel with buyers that day.
      .check(range(Assists.BUYERS, 1.0, null))
      .check(range(Assists.PURCHASES, 1.0, null))
      .check(range(Assists.ASSISTED_BUYERS, 0.0, null))
      .check(range(Assists.ASSISTED_PURCHASES, 0.0, null))
      .check(range(Assists.ASSISTED_REVENUE, 0.0, null))
      .check(range(Assists.CREDITED_REVENUE, 0.0, null))
      .check(range(Assists.ASSIST_SHARE, 0.0, 1.0))
      .build();

  public static final TableSpec CHANNEL_FUNNEL = TableSpec.table(Tables.GOLD, "channel_funnel")
      .grain("Customer funnel per day and sales channel (marketplace, miniprogram, pos): resolved customers who viewed, added to cart, ordered and re-ordered that day, with step conversion and drop-off. Only the mini-program reports browsing of its own channel; view and cart columns of the other channels are null, not 0. Partitioned by funnel_date.")
      .column("channel", STRING, "Sales channel: marketplace, miniprogram, pos")
      .required("has_browse_data", BOOLEAN, "True when the channel's browsing is in silver.touchpoints (miniprogram)")
      .column("viewed_customers", LONG, "Distinct customers with a view touch of the channel that day; null without browse data")
      .column("carted_customers", LONG, "Distinct customers with an add_to_cart touch of the channel that day; null without browse data")
      .required("ordered_customers", LONG, "Distinct customers with a purchase in the channel that day")
      .required("repeat_customers", LONG, "Of those, customers with an earlier purchase in the same channel (repeat order)")
      .column("viewed_and_carted_customers", LONG, "Customers who viewed and added to cart that day; null without browse data")
      .column("carted_and_ordered_customers", LONG, "Customers who added to cart and ordered that day; null without browse data")
      .column("viewed_and_ordered_customers", LONG, "Customers who viewed and ordered that day; null without browse data")
      .column("ordered_without_view_customers", LONG, "Customers who ordered with no view of the channel that day; null without browse data")
      .column("view_to_cart_rate", DOUBLE, "viewed_and_carted / viewed; null when no viewer or no browse data")
      .column("cart_to_order_rate", DOUBLE, "carted_and_ordered / carted; null when no carter or no browse data")
      .column("view_to_order_rate", DOUBLE, "viewed_and_ordered / viewed; null when no viewer or no browse data")
      .column("repeat_rate", DOUBLE, "repeat_customers / ordered_customers; null without orders")
      .column("view_drop_off_rate", DOUBLE, "1 - view_to_cart_rate")
      .column("cart_drop_off_rate", DOUBLE, "1 - cart_to_order_rate")
      .column("funnel_date", DATE, "Business day; partition column")
      .partitionedByDay("funnel_date")
      .key(Funnel.FUNNEL_DATE, CHANNEL)
      .replaceDays()
      .check(acceptedValues(CHANNEL, ChannelFunnel.FUNNEL_CHANNELS.toArray(String[]::new)))
      .check(range(Funnel.VIEWED, 0.0, null))
      .check(range(Funnel.CARTED, 0.0, null))
      .check(range(Funnel.ORDERED, 0.0, null))
      .check(range(Funnel.REPEAT, 0.0, null))
      .check(range(Funnel.VIEWED_AND_CARTED, 0.0, null))
      .check(range(Funnel.CARTED_AND_ORDERED, 0.0, null))
      .check(range(Funnel.VIEWED_AND_ORDERED, 0.0, null))
      .check(range(Funnel.ORDERED_WITHOUT_VIEW, 0.0, null))
      .check(range(Funnel.VIEW_TO_CART_RATE, 0.0, 1.0))
      .check(range(Funnel.CART_TO_ORDER_RATE, 0.0, 1.0))
      .check(range(Funnel.VIEW_TO_ORDER_RATE, 0.0, 1.0))
      .check(range(Funnel.REPEAT_RATE, 0.0, 1.0))
      .check(range(Funnel.VIEW_DROP_OFF, 0.0, 1.0))
      .check(range(Funnel.CART_DROP_OFF, 0.0, 1.0))
      .build();


  /** assisting_channel of gold.channel_assists: every channel of {@link ChannelAssists#pairs}, and 'any'. */
  private static String[] assistingChannels() {
    List<String> out = new ArrayList<>();
    ChannelAssists.pairs().values().forEach(l -> l.stream().filter(c -> !out.contains(c)).forEach(out::add));
    out.add(ANY);
    return out.toArray(String[]::new);
  }
}
