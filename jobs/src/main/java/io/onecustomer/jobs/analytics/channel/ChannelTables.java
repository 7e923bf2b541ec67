package io.onecustomer.jobs.analytics.channel;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.Vocabulary;
import java.util.List;
import java.util.Map;

/** The gold tables of channel analytics: names, columns with their comments, table comments. */
public final class ChannelTables {
  private ChannelTables() {}

  public static final TableId GOLD_CHANNEL_HEALTH = new TableId(Tables.GOLD, "channel_health");
  public static final TableId GOLD_CHANNEL_HEALTH_MONTHLY = new TableId(Tables.GOLD, "channel_health_monthly");
  public static final TableId GOLD_CHANNEL_ASSISTS = new TableId(Tables.GOLD, "channel_assists");
  public static final TableId GOLD_CHANNEL_FUNNEL = new TableId(Tables.GOLD, "channel_funnel");

  /** The sales channels of silver.orders; every day gets a health row for each. */
  public static final List<String> SALES_CHANNELS =
      List.of(Vocabulary.MARKETPLACE, Vocabulary.MINIPROGRAM, Vocabulary.POS, Vocabulary.DISTRIBUTOR);
  /** The health row of ad spend that maps to no sales channel. */
  public static final String UNALLOCATED = "unallocated";
  /** gold.channel_assists: the row of a converting channel that counts an assist by any assisting channel. */
  public static final String ANY = "any";
  /** acquired_ltv is realised net revenue to date (a predicted-LTV basis can be added under its own value). */
  public static final String LTV_REALISED = "realised";

  // Shared column names.
  public static final String CHANNEL = "channel";
  public static final String REVENUE = "revenue";
  public static final String ORDERS = "orders";
  public static final String PURCHASE_REVENUE = "purchase_revenue";
  public static final String ACTIVE_CUSTOMERS = "active_customers";
  public static final String NEW_TO_CHANNEL = "new_to_channel_customers";
  public static final String NEW_TO_BRAND = "new_to_brand_customers";
  public static final String SPEND = "spend";
  public static final String CAC = "cac";
  public static final String ROAS = "roas";
  public static final String ROI = "roi";
  public static final String AOV = "average_order_value";
  public static final String ACQUIRED_CUSTOMERS = "acquired_customers";
  public static final String ACQUIRED_REPEAT_CUSTOMERS = "acquired_repeat_customers";
  public static final String REPURCHASE_RATE = "repurchase_rate";
  public static final String ACQUIRED_REVENUE = "acquired_revenue";
  public static final String ACQUIRED_LTV = "acquired_ltv";
  public static final String LTV_BASIS = "ltv_basis";
  public static final String TRAILING_SPEND = "trailing_spend";
  public static final String TRAILING_NEW_TO_BRAND = "trailing_new_to_brand_customers";
  public static final String TRAILING_CAC = "trailing_cac";
  public static final String LTV_TO_CAC = "ltv_to_cac";
  public static final String COMPLAINTS = "complaints";
  public static final String COMPLAINT_RATE = "complaint_rate";
  public static final String PRODUCTS_LISTED = "products_listed";
  public static final String PRODUCTS_SOLD = "products_sold";
  public static final String SELL_THROUGH_RATE = "sell_through_rate";

  /** gold.channel_health: one row per sales channel (and unallocated spend) per day. */
  public static final class Health {
    private Health() {}

    public static final String HEALTH_DATE = "health_date";

    public static final String COMMENT = "Channel health: one row per day and sales channel (marketplace, miniprogram,"
        + " pos, distributor) plus a row 'unallocated' for ad spend mapped to no channel. Revenue is every"
        + " silver.orders line of the day, so it sums over channels exactly to silver.orders; customer metrics"
        + " count resolved customers only. Partitioned by health_date; a run replaces its days.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        CHANNEL, "Sales channel (marketplace, miniprogram, pos, distributor) or 'unallocated' (spend only)",
        REVENUE, "Net amount of all silver.orders lines of the day and channel (all statuses, unresolved buyers"
            + " and distributor sell-out included), CNY; sums over channels to silver.orders",
        ORDERS, "Purchases of the day (orders not cancelled with a positive net amount; any buyer)",
        PURCHASE_REVENUE, "Net amount of those purchases, CNY",
        ACTIVE_CUSTOMERS, "Distinct resolved customers with a purchase in the channel that day",
        NEW_TO_CHANNEL, "Customers whose first purchase in this channel (in the warehouse's history) is that day",
        NEW_TO_BRAND, "Customers whose first purchase with the brand is that day and in this channel (acquired by it)",
        SPEND, "Ad spend of the day charged to the channel by analytics.channel.spend-channels, CNY (0 without)",
        CAC, "spend / new_to_brand_customers, CNY; null when no new customer",
        ROAS, "revenue / spend; null without spend",
        ROI, "(revenue - spend) / spend; null without spend",
        AOV, "purchase_revenue / orders, CNY; null without orders",
        ACQUIRED_CUSTOMERS, "Customers acquired by the channel (first purchase with the brand) up to the day",
        ACQUIRED_REPEAT_CUSTOMERS, "Of those, customers with 2 or more purchases (any channel) up to the day",
        REPURCHASE_RATE, "acquired_repeat_customers / acquired_customers; null when none acquired",
        ACQUIRED_REVENUE, "Net amount of all purchases (any channel) of the acquired customers up to the day, CNY",
        ACQUIRED_LTV, "acquired_revenue / acquired_customers, CNY: LTV of the channel's customers on ltv_basis",
        LTV_BASIS, "Basis of acquired_ltv: 'realised' (net revenue to date)",
        TRAILING_SPEND, "Spend of the channel over the last analytics.channel.cac-window-days days, CNY",
        TRAILING_NEW_TO_BRAND, "New-to-brand customers of the channel over the same days",
        TRAILING_CAC, "trailing_spend / trailing_new_to_brand_customers, CNY; null when no new customer",
        LTV_TO_CAC, "acquired_ltv / trailing_cac; null when trailing_cac is null or 0",
        COMPLAINTS, "Complaint tickets (is_complaint) created that day whose order_ref is an order of the channel",
        COMPLAINT_RATE, "complaints / orders; null without orders",
        PRODUCTS_LISTED, "Products listed active in the channel in that day's catalogue snapshot",
        PRODUCTS_SOLD, "Of those, products with a purchase in the channel in the last"
            + " analytics.channel.sell-through-days days",
        SELL_THROUGH_RATE, "products_sold / products_listed; null when nothing is listed",
        HEALTH_DATE, "Business day; partition column");
  }

  /** gold.channel_health_monthly: one row per channel per month, month-to-date for a month in progress. */
  public static final class HealthMonthly {
    private HealthMonthly() {}

    public static final String HEALTH_MONTH = "health_month";
    public static final String PERIOD_END = "period_end";
    public static final String DAYS_REPORTED = "days_reported";

    public static final String COMMENT = "Channel health per month: one row per channel and month touched by a run,"
        + " recomputed over the month up to the run's last day (month-to-date). Sums come from gold.channel_health,"
        + " distinct active customers from silver, stock metrics (repurchase, LTV, trailing CAC, sell-through) are"
        + " the values of period_end. Partitioned by health_month (first day of the month).";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        CHANNEL, "Sales channel or 'unallocated'",
        PERIOD_END, "Last day included (the month's last day, or the run's last day for a month in progress)",
        DAYS_REPORTED, "Days of the month up to period_end with a gold.channel_health row",
        REVENUE, "Sum of daily revenue, CNY",
        ORDERS, "Sum of daily purchases",
        PURCHASE_REVENUE, "Sum of daily purchase revenue, CNY",
        ACTIVE_CUSTOMERS, "Distinct resolved customers with a purchase in the channel in the period (not a sum of days)",
        NEW_TO_CHANNEL, "Sum of daily new-to-channel customers",
        NEW_TO_BRAND, "Sum of daily new-to-brand customers",
        SPEND, "Sum of daily spend, CNY",
        CAC, "spend / new_to_brand_customers of the period, CNY; null when none",
        ROAS, "revenue / spend of the period; null without spend",
        ROI, "(revenue - spend) / spend of the period; null without spend",
        AOV, "purchase_revenue / orders of the period, CNY; null without orders",
        ACQUIRED_CUSTOMERS, "As of period_end",
        REPURCHASE_RATE, "As of period_end",
        ACQUIRED_LTV, "As of period_end, CNY",
        LTV_BASIS, "Basis of acquired_ltv",
        TRAILING_CAC, "As of period_end, CNY",
        LTV_TO_CAC, "As of period_end",
        COMPLAINTS, "Sum of daily complaints",
        COMPLAINT_RATE, "complaints / orders of the period; null without orders",
        PRODUCTS_LISTED, "As of period_end",
        PRODUCTS_SOLD, "As of period_end",
        SELL_THROUGH_RATE, "As of period_end",
        HEALTH_MONTH, "First day of the month; partition column");
  }

  /** gold.channel_assists: one row per day, converting channel and assisting channel. */
  public static final class Assists {
    private Assists() {}

    public static final String ASSIST_DATE = "assist_date";
    public static final String CONVERTING_CHANNEL = "converting_channel";
    public static final String ASSISTING_CHANNEL = "assisting_channel";
    public static final String BUYERS = "buyers";
    public static final String ASSISTED_BUYERS = "assisted_buyers";
    public static final String ASSIST_SHARE = "assist_share";
    public static final String PURCHASES = "purchases";
    public static final String ASSISTED_PURCHASES = "assisted_purchases";
    public static final String ASSISTED_REVENUE = "assisted_revenue";
    public static final String CREDITED_REVENUE = "credited_revenue";

    public static final String COMMENT = "Cross-channel assists: per day, converting sales channel and assisting"
        + " channel, the resolved buyers whose purchase was preceded within analytics.channel.assist-window-days"
        + " calendar days by a touch or purchase in the assisting channel (online touches for pos buyers, pos"
        + " purchases and store contacts for online buyers). assisting_channel 'any' counts an assist by any of"
        + " them; credited_revenue splits each assisted purchase equally over its assisting channels, so it sums over"
        + " the assisting channels to the 'any' row's assisted_revenue. Partitioned by assist_date.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        CONVERTING_CHANNEL, "Sales channel of the purchase: pos, marketplace or miniprogram",
        ASSISTING_CHANNEL, "web, app, miniprogram (for pos buyers), pos (for online buyers), or 'any'",
        BUYERS, "Distinct resolved customers with a purchase in the converting channel that day",
        ASSISTED_BUYERS, "Of those, customers with at least one purchase assisted by the assisting channel",
        ASSIST_SHARE, "assisted_buyers / buyers",
        PURCHASES, "Purchases of resolved customers in the converting channel that day",
        ASSISTED_PURCHASES, "Of those, purchases assisted by the assisting channel",
        ASSISTED_REVENUE, "Net amount of the assisted purchases, CNY",
        CREDITED_REVENUE, "The assisting channel's share of assisted purchases, each split equally over its assisting"
            + " channels (remainder cents to the first by name), CNY",
        ASSIST_DATE, "Business day of the purchases; partition column");
  }

  /** gold.channel_funnel: one row per day and sales channel with customers. */
  public static final class Funnel {
    private Funnel() {}

    public static final String FUNNEL_DATE = "funnel_date";
    public static final String HAS_BROWSE_DATA = "has_browse_data";
    public static final String VIEWED = "viewed_customers";
    public static final String CARTED = "carted_customers";
    public static final String ORDERED = "ordered_customers";
    public static final String REPEAT = "repeat_customers";
    public static final String VIEWED_AND_CARTED = "viewed_and_carted_customers";
    public static final String CARTED_AND_ORDERED = "carted_and_ordered_customers";
    public static final String VIEWED_AND_ORDERED = "viewed_and_ordered_customers";
    public static final String ORDERED_WITHOUT_VIEW = "ordered_without_view_customers";
    public static final String VIEW_TO_CART_RATE = "view_to_cart_rate";
    public static final String CART_TO_ORDER_RATE = "cart_to_order_rate";
    public static final String VIEW_TO_ORDER_RATE = "view_to_order_rate";
    public static final String REPEAT_RATE = "repeat_rate";
    public static final String VIEW_DROP_OFF = "view_drop_off_rate";
    public static final String CART_DROP_OFF = "cart_drop_off_rate";

    public static final String COMMENT = "Customer funnel per day and sales channel (marketplace, miniprogram, pos):"
        + " resolved customers who viewed, added to cart, ordered and re-ordered that day, with step conversion and"
        + " drop-off. Only the mini-program reports browsing of its own channel; view and cart columns of the other"
        + " channels are null, not 0. Partitioned by funnel_date.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        CHANNEL, "Sales channel: marketplace, miniprogram, pos",
        HAS_BROWSE_DATA, "True when the channel's browsing is in silver.touchpoints (miniprogram)",
        VIEWED, "Distinct customers with a view touch of the channel that day; null without browse data",
        CARTED, "Distinct customers with an add_to_cart touch of the channel that day; null without browse data",
        ORDERED, "Distinct customers with a purchase in the channel that day",
        REPEAT, "Of those, customers with an earlier purchase in the same channel (repeat order)",
        VIEWED_AND_CARTED, "Customers who viewed and added to cart that day; null without browse data",
        CARTED_AND_ORDERED, "Customers who added to cart and ordered that day; null without browse data",
        VIEWED_AND_ORDERED, "Customers who viewed and ordered that day; null without browse data",
        ORDERED_WITHOUT_VIEW, "Customers who ordered with no view of the channel that day; null without browse data",
        VIEW_TO_CART_RATE, "viewed_and_carted / viewed; null when no viewer or no browse data",
        CART_TO_ORDER_RATE, "carted_and_ordered / carted; null when no carter or no browse data",
        VIEW_TO_ORDER_RATE, "viewed_and_ordered / viewed; null when no viewer or no browse data",
        REPEAT_RATE, "repeat_customers / ordered_customers; null without orders",
        VIEW_DROP_OFF, "1 - view_to_cart_rate",
        CART_DROP_OFF, "1 - cart_to_order_rate",
        FUNNEL_DATE, "Business day; partition column");
  }
}
