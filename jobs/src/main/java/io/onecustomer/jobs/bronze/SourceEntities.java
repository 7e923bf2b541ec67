package io.onecustomer.jobs.bronze;

import static io.onecustomer.jobs.bronze.FieldType.DATE;
import static io.onecustomer.jobs.bronze.FieldType.DECIMAL;
import static io.onecustomer.jobs.bronze.FieldType.EPOCH_MILLIS;
import static io.onecustomer.jobs.bronze.FieldType.FLAG_YN;
import static io.onecustomer.jobs.bronze.FieldType.INT;
import static io.onecustomer.jobs.bronze.FieldType.ISO_TIMESTAMP;
import static io.onecustomer.jobs.bronze.FieldType.LOCAL_TIMESTAMP;
import static io.onecustomer.jobs.bronze.FieldType.LONG;
import static io.onecustomer.jobs.bronze.FieldType.STRING;
import static io.onecustomer.jobs.bronze.SourceEntity.Field.optional;
import static io.onecustomer.jobs.bronze.SourceEntity.Field.required;

import io.onecustomer.jobs.bronze.SourceEntity.Format;
import java.util.List;

/**
 * The declared schema of every landing entity, field for field as in docs/landing-formats.md. The
 * field names are the channels' own; silver renames them.
 */
public final class SourceEntities {
  private SourceEntities() {}

  static final String LOCAL_SECONDS = "yyyy-MM-dd HH:mm:ss";

  public static final SourceEntity MARKETPLACE_ORDERS =
      new SourceEntity(
          "marketplace",
          "orders",
          Format.JSONL,
          List.of(
              required("tid", STRING, "Marketplace order id"),
              required("oid", STRING, "Marketplace order line id (natural key)"),
              optional("buyer_nick", STRING, "Buyer's marketplace id"),
              optional("receiver_mobile", STRING, "Masked receiver phone, e.g. 138****1234"),
              optional("receiver_city", STRING, "Shipping city"),
              required("outer_sku_id", STRING, "Marketplace SKU code"),
              required("num", INT, "Quantity"),
              required("price", DECIMAL, "Unit list price, CNY"),
              required("payment", DECIMAL, "Amount paid for the line, CNY"),
              required("status", STRING, "TRADE_FINISHED, WAIT_BUYER_CONFIRM_GOODS, TRADE_CLOSED"),
              optional("refund_status", STRING, "NO_REFUND or SUCCESS"),
              required("created", LOCAL_TIMESTAMP, "Order time (local time read in the brand zone)")
                  .withPattern(LOCAL_SECONDS)),
          "num",
          "created",
          "Marketplace (flagship store) order lines as the marketplace API sent them. One row per order line and ingest.");

  public static final SourceEntity MINIPROGRAM_ORDERS =
      new SourceEntity(
          "miniprogram",
          "orders",
          Format.JSONL,
          List.of(
              required("order_no", STRING, "Mini-program order number"),
              required("item_seq", INT, "Line number within the order"),
              required("openid", STRING, "Mini-program open id"),
              optional("unionid", STRING, "Platform union id"),
              optional("phone", STRING, "Phone bound by the user, as typed"),
              required("sku", STRING, "Mini-program SKU code"),
              required("qty", INT, "Quantity"),
              required("amount_fen", LONG, "Amount paid in fen (1/100 CNY)"),
              required("pay_time", ISO_TIMESTAMP, "Payment time"),
              required("status", STRING, "PAID or REFUNDED")),
          "qty",
          "pay_time",
          "Mini-program order lines. One row per order line and ingest.");

  public static final SourceEntity MINIPROGRAM_EVENTS =
      new SourceEntity(
          "miniprogram",
          "events",
          Format.JSONL,
          List.of(
              required("event_id", STRING, "Event id"),
              required("openid", STRING, "Mini-program open id"),
              optional("unionid", STRING, "Platform union id"),
              required("event", STRING, "page_view, add_to_cart, coupon_claim, share"),
              optional("sku", STRING, "Mini-program SKU code"),
              required("ts", EPOCH_MILLIS, "Event time")),
          null,
          "ts",
          "Mini-program behaviour events. One row per event and ingest.");

  public static final SourceEntity POS_SALES =
      new SourceEntity(
          "pos",
          "sales",
          Format.CSV,
          List.of(
              required("receipt_no", STRING, "Receipt number"),
              required("line_no", INT, "Line on the receipt"),
              required("store_id", STRING, "Store id"),
              required("sale_time", LOCAL_TIMESTAMP, "Sale time (store local time)")
                  .withPattern("yyyy/MM/dd HH:mm"),
              optional("member_card", STRING, "Member card number"),
              optional("phone", STRING, "Phone typed by staff"),
              required("store_sku", STRING, "Store SKU code"),
              required("qty", INT, "Quantity"),
              required("unit_price", DECIMAL, "Unit price, CNY"),
              optional("discount", DECIMAL, "Discount on the line, CNY"),
              required("line_amount", DECIMAL, "Amount paid for the line, CNY"),
              optional("pay_type", STRING, "CASH, CARD, WECHAT_PAY, ALIPAY")),
          "qty",
          "sale_time",
          "Offline store receipt lines from the POS systems. One row per receipt line and ingest.");

  public static final SourceEntity CRM_MEMBERS =
      new SourceEntity(
          "crm",
          "members",
          Format.CSV,
          List.of(
              required("member_id", STRING, "Member id"),
              optional("card_no", STRING, "Member card number"),
              optional("phone", STRING, "Phone as registered"),
              optional("email", STRING, "Email as registered"),
              optional("name", STRING, "Name (PII)"),
              optional("birthday", DATE, "Birthday").withPattern("yyyy-MM-dd"),
              optional("tier", STRING, "BASIC, SILVER, GOLD, PLATINUM"),
              optional("consent_sms", FLAG_YN, "SMS marketing consent"),
              optional("consent_email", FLAG_YN, "Email marketing consent"),
              optional("registered_store", STRING, "Store of registration"),
              optional("registered_channel", STRING, "Channel of registration"),
              optional("registered_at", LOCAL_TIMESTAMP, "Registration time").withPattern(LOCAL_SECONDS),
              required("updated_at", LOCAL_TIMESTAMP, "Time of this profile version").withPattern(LOCAL_SECONDS)),
          null,
          "updated_at",
          "CRM member registrations and profile changes. One row per member profile version and ingest.");

  public static final SourceEntity DISTRIBUTOR_SELLOUT =
      new SourceEntity(
          "distributor",
          "sellout",
          Format.CSV,
          List.of(
              required("report_date", DATE, "Business day of the sell-out").withPattern("yyyy-MM-dd"),
              required("distributor_id", STRING, "Distributor id"),
              required("region", STRING, "Region where the sale happened"),
              required("dist_sku", STRING, "Distributor SKU code"),
              required("qty", INT, "Units sold"),
              required("unit_price", DECIMAL, "Unit price, CNY"),
              optional("retailer", STRING, "Retailer that sold to the consumer")),
          "qty",
          "report_date",
          "Regional distributors' daily sell-out reports. One row per report line and ingest.");

  public static final SourceEntity CLICKSTREAM_EVENTS =
      new SourceEntity(
          "clickstream",
          "events",
          Format.JSONL,
          List.of(
              required("event_id", STRING, "Event id"),
              optional("device_id", STRING, "Device id"),
              optional("anonymous_id", STRING, "Anonymous cookie/app id"),
              optional("user_id", STRING, "CRM member id when logged in"),
              optional("platform", STRING, "web or app"),
              required("event_type", STRING, "view, add_to_cart, coupon_claim, store_locator"),
              optional("sku", STRING, "Web SKU code"),
              optional("utm_source", STRING, "Campaign source (media)"),
              optional("utm_medium", STRING, "Campaign medium"),
              optional("utm_campaign", STRING, "Campaign name"),
              required("event_time", ISO_TIMESTAMP, "Event time")),
          null,
          "event_time",
          "Web and app clickstream events. One row per event and ingest.");

  public static final SourceEntity AD_SPEND_DAILY =
      new SourceEntity(
          "ad_spend",
          "daily",
          Format.CSV,
          List.of(
              required("spend_date", DATE, "Day of the spend").withPattern("yyyy-MM-dd"),
              required("media", STRING, "Media (same vocabulary as utm_source)"),
              required("campaign_id", STRING, "Campaign id"),
              optional("campaign_name", STRING, "Campaign name"),
              optional("impressions", LONG, "Impressions"),
              optional("clicks", LONG, "Clicks"),
              required("cost", DECIMAL, "Spend, CNY")),
          null,
          "spend_date",
          "Daily advertising spend per media and campaign. One row per report line and ingest.");

  public static final SourceEntity SERVICE_TICKETS =
      new SourceEntity(
          "service",
          "tickets",
          Format.CSV,
          List.of(
              required("ticket_id", STRING, "Ticket id"),
              required("created_at", LOCAL_TIMESTAMP, "Ticket creation time").withPattern(LOCAL_SECONDS),
              optional("contact_channel", STRING, "hotline, online_chat, store, marketplace_im"),
              optional("phone", STRING, "Phone given by the customer"),
              optional("email", STRING, "Email given by the customer"),
              optional("member_id", STRING, "Member id"),
              optional("order_ref", STRING, "Order the ticket refers to"),
              optional("category", STRING, "delivery, quality, refund, product_question, complaint"),
              optional("satisfaction", INT, "Satisfaction score 1..5"),
              optional("status", STRING, "OPEN or CLOSED")),
          null,
          "created_at",
          "Customer service tickets. One row per ticket version and ingest.");

  public static final SourceEntity PRODUCTS_CATALOG =
      new SourceEntity(
          "products",
          "catalog",
          Format.CSV,
          List.of(
              required("product_code", STRING, "The brand's product code"),
              optional("product_name", STRING, "Product name"),
              optional("category", STRING, "Category"),
              optional("list_price", DECIMAL, "List price, CNY"),
              optional("min_advertised_price", DECIMAL, "Minimum advertised price, CNY"),
              required("channel", STRING, "Channel of the SKU code"),
              required("channel_sku", STRING, "The channel's SKU code"),
              optional("active", FLAG_YN, "Listed in that channel")),
          null,
          null,
          "Daily product catalogue snapshot: one row per product, channel and snapshot day.");

  public static final List<SourceEntity> ALL =
      List.of(
          PRODUCTS_CATALOG,
          MARKETPLACE_ORDERS,
          MINIPROGRAM_ORDERS,
          MINIPROGRAM_EVENTS,
          POS_SALES,
          CRM_MEMBERS,
          DISTRIBUTOR_SELLOUT,
          CLICKSTREAM_EVENTS,
          AD_SPEND_DAILY,
          SERVICE_TICKETS);
}
