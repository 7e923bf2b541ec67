package io.onecustomer.jobs.customer;

import io.onecustomer.common.TableId;
import io.onecustomer.common.spec.ColumnSpec;
import io.onecustomer.common.spec.Columns;
import io.onecustomer.jobs.silver.Identifiers;
import io.onecustomer.jobs.silver.Vocabulary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Column names of gold.customers, the customer 360 (declared in {@link CustomerSpecs}). */
public final class CustomerColumns {
  private CustomerColumns() {}

  public static final TableId GOLD_CUSTOMERS = CustomerSpecs.CUSTOMERS.id();

  /** Sales channels whose orders carry a consumer identity (distributor sell-out does not). */
  public static final List<String> CONSUMER_CHANNELS =
      List.of(Vocabulary.MARKETPLACE, Vocabulary.MINIPROGRAM, Vocabulary.POS);

  /** Identifier types counted per customer, in column order. */
  public static final List<String> IDENTIFIER_TYPES = List.of(Identifiers.PHONE, Identifiers.EMAIL,
      Identifiers.MEMBER_ID, Identifiers.CARD_NO, Identifiers.BUYER_NICK, Identifiers.OPENID, Identifiers.UNIONID,
      Identifiers.DEVICE_ID, Identifiers.ANONYMOUS_ID);

  public static final String CUSTOMER_ID = Columns.CUSTOMER_ID;
  public static final String FIRST_SEEN_TS = "first_seen_ts";
  public static final String FIRST_ORDER_DATE = "first_order_date";
  public static final String LAST_ORDER_DATE = "last_order_date";
  public static final String ORDERS = "orders";
  public static final String REVENUE = Columns.REVENUE;
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
  public static final String SNAPSHOT_DATE = Columns.SNAPSHOT_DATE;

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

}
