package io.onecustomer.jobs.customer;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.jobs.silver.Identifiers;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** gold.customers: the customer 360, one row per customer_id. */
public final class CustomerColumns {
  private CustomerColumns() {}

  public static final TableId GOLD_CUSTOMERS = new TableId(Tables.GOLD, "customers");

  public static final String TABLE_COMMENT =
      "Customer 360: one row per customer_id (gold.customer_identities) as of snapshot_date: orders, revenue and"
          + " refunds by channel, acquisition, preferred channel, membership, service, latest activity and how many"
          + " identifiers of each type it merges. No raw identifiers; replaced every run.";

  /** Sales channels whose orders carry a consumer identity (distributor sell-out does not). */
  public static final List<String> CONSUMER_CHANNELS =
      List.of(Vocabulary.MARKETPLACE, Vocabulary.MINIPROGRAM, Vocabulary.POS);

  /** Identifier types counted per customer, in column order. */
  public static final List<String> IDENTIFIER_TYPES = List.of(Identifiers.PHONE, Identifiers.EMAIL,
      Identifiers.MEMBER_ID, Identifiers.CARD_NO, Identifiers.BUYER_NICK, Identifiers.OPENID, Identifiers.UNIONID,
      Identifiers.DEVICE_ID, Identifiers.ANONYMOUS_ID);

  public static final String CUSTOMER_ID = "customer_id";
  public static final String FIRST_SEEN_TS = "first_seen_ts";
  public static final String FIRST_ORDER_DATE = "first_order_date";
  public static final String LAST_ORDER_DATE = "last_order_date";
  public static final String ORDERS = "orders";
  public static final String REVENUE = "revenue";
  public static final String REFUNDS = "refunds";
  public static final String REFUNDED_ORDERS = "refunded_orders";
  public static final String CHANNELS_USED = "channels_used";
  public static final String CHANNEL_COUNT = "channel_count";
  public static final String ACQUISITION_CHANNEL = "acquisition_channel";
  public static final String ACQUISITION_STORE_ID = "acquisition_store_id";
  public static final String PREFERRED_CHANNEL = "preferred_channel";
  public static final String HOME_STORE_ID = "home_store_id";
  public static final String CITY = "city";
  public static final String REGION = "region";
  public static final String MEMBER_TIER = "member_tier";
  public static final String IS_MEMBER = "is_member";
  public static final String HAS_SMS_CONSENT = "has_sms_consent";
  public static final String HAS_EMAIL_CONSENT = "has_email_consent";
  public static final String REGISTERED_CHANNEL = "registered_channel";
  public static final String REGISTERED_DATE = "registered_date";
  public static final String SERVICE_TICKETS = "service_tickets";
  public static final String COMPLAINTS = "complaints";
  public static final String AVG_SATISFACTION = "avg_satisfaction";
  public static final String TOUCHPOINTS = "touchpoints";
  public static final String LAST_TOUCHPOINT_TS = "last_touchpoint_ts";
  public static final String LAST_ORDER_TS = "last_order_ts";
  public static final String LAST_TICKET_TS = "last_ticket_ts";
  public static final String LAST_ACTIVITY_TS = "last_activity_ts";
  public static final String IDENTIFIERS = "identifiers";
  public static final String SNAPSHOT_DATE = "snapshot_date";

  public static String ordersIn(String channel) {
    return "orders_" + channel;
  }

  public static String revenueIn(String channel) {
    return "revenue_" + channel;
  }

  public static String refundsIn(String channel) {
    return "refunds_" + channel;
  }

  /** Column counting identifiers of a type: phones, emails, member_ids, ... */
  public static String countOf(String idType) {
    return idType + "s";
  }

  public static final Map<String, String> COLUMNS = build();

  private static Map<String, String> build() {
    List<String> kv = new ArrayList<>(List.of(
        CUSTOMER_ID, "Unified customer id (gold.customer_identities); stable across runs, see gold.customer_id_history",
        FIRST_SEEN_TS, "First time any of its identifiers was seen, UTC",
        FIRST_ORDER_DATE, "Business day of the first order in any channel; null without orders",
        LAST_ORDER_DATE, "Business day of the latest order",
        ORDERS, "Orders (receipts, trades) in all channels, cancelled ones excluded",
        REVENUE, "Net revenue (after refunds and cancellations), CNY",
        REFUNDS, "Amount refunded or cancelled (gross minus net), CNY",
        REFUNDED_ORDERS, "Orders with at least one refunded or cancelled line"));
    for (String c : CONSUMER_CHANNELS) {
      kv.addAll(List.of(ordersIn(c), "Orders in channel " + c, revenueIn(c), "Net revenue in channel " + c + ", CNY",
          refundsIn(c), "Refunded or cancelled amount in channel " + c + ", CNY"));
    }
    kv.addAll(List.of(
        CHANNELS_USED, "Sales channels with at least one order, sorted",
        CHANNEL_COUNT, "Number of sales channels used",
        ACQUISITION_CHANNEL, "Channel of the first order (ties: alphabetical)",
        ACQUISITION_STORE_ID, "Store, shop or mini-program of the first order",
        PREFERRED_CHANNEL, "Channel with most orders (ties: higher revenue, then alphabetical)",
        HOME_STORE_ID, "Offline store with most receipts; null without store purchases",
        CITY, "Most frequent marketplace shipping city; null without marketplace orders",
        REGION, "Sales region of the home store, else of the shipping city (onecustomer.geo); null when unknown",
        IS_MEMBER, "True when a CRM member profile resolves to this customer",
        MEMBER_TIER, "Tier of the latest member profile: BASIC, SILVER, GOLD, PLATINUM",
        HAS_SMS_CONSENT, "SMS marketing consent on the latest member profile; null for non-members",
        HAS_EMAIL_CONSENT, "Email marketing consent on the latest member profile; null for non-members",
        REGISTERED_CHANNEL, "Channel where the membership was registered",
        REGISTERED_DATE, "Day of membership registration (UTC date)",
        SERVICE_TICKETS, "Service tickets resolved to this customer (by member id, phone or email)",
        COMPLAINTS, "Tickets that are complaints or rated 1-2",
        AVG_SATISFACTION, "Mean satisfaction 1..5 of rated tickets",
        TOUCHPOINTS, "Interactions (views, carts, coupons, service contacts) resolved to this customer",
        LAST_ORDER_TS, "Time of the latest order, UTC",
        LAST_TOUCHPOINT_TS, "Time of the latest interaction, UTC",
        LAST_TICKET_TS, "Time of the latest service ticket, UTC",
        LAST_ACTIVITY_TS, "Latest of order, interaction and ticket time, UTC",
        IDENTIFIERS, "Linking identifiers merged into this customer (all types)"));
    for (String t : IDENTIFIER_TYPES) {
      kv.addAll(List.of(countOf(t), "Distinct " + t + " identifiers merged (a count, never the values)"));
    }
    kv.addAll(List.of(SNAPSHOT_DATE, "Business day this state is as of"));
    return SilverColumns.ordered(kv.toArray(new String[0]));
  }
}
