package io.onecustomer.jobs.analytics.channel;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.silver.Vocabulary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The gold tables of channel analytics: table and column names, vocabularies (their specs: {@link ChannelSpecs}). */
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

  }

  /** gold.channel_health_monthly: one row per channel per month, month-to-date for a month in progress. */
  public static final class HealthMonthly {
    private HealthMonthly() {}

    public static final String HEALTH_MONTH = "health_month";
    public static final String PERIOD_END = "period_end";
    public static final String DAYS_REPORTED = "days_reported";

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

  }

}
