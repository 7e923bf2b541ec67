package io.onecustomer.jobs.silver;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MetadataBuilder;

/**
 * Column names of every silver table, with the comment stored in the catalog. The maps' order is
 * the tables' column order; {@link #conform} selects exactly these columns.
 */
public final class SilverColumns {
  private SilverColumns() {}

  public static final String RUN_DATE = "run_date";
  public static final String SOURCE_TABLE = "source_table";
  public static final String SOURCE_FILE = "source_file";
  public static final String SOURCE_LINE = "source_line";

  // Identifier columns shared by orders, touchpoints, members and tickets.
  public static final String PHONE = Identifiers.PHONE;
  public static final String PHONE_MASKED = Identifiers.PHONE_MASKED;
  public static final String EMAIL = Identifiers.EMAIL;
  public static final String MEMBER_ID = Identifiers.MEMBER_ID;
  public static final String CARD_NO = Identifiers.CARD_NO;
  public static final String BUYER_NICK = Identifiers.BUYER_NICK;
  public static final String OPENID = Identifiers.OPENID;
  public static final String UNIONID = Identifiers.UNIONID;
  public static final String DEVICE_ID = Identifiers.DEVICE_ID;
  public static final String ANONYMOUS_ID = Identifiers.ANONYMOUS_ID;

  public static final class Orders {
    private Orders() {}

    public static final String ORDER_LINE_ID = "order_line_id";
    public static final String ORDER_ID = "order_id";
    public static final String CHANNEL = "channel";
    public static final String STORE_ID = "store_id";
    public static final String REGION = "region";
    public static final String CITY = "city";
    public static final String SOURCE_SKU = "source_sku";
    public static final String PRODUCT_CODE = "product_code";
    public static final String CATEGORY = "category";
    public static final String IS_UNKNOWN_PRODUCT = "is_unknown_product";
    public static final String QUANTITY = "quantity";
    public static final String UNIT_PRICE = "unit_price";
    public static final String GROSS_AMOUNT = "gross_amount";
    public static final String NET_AMOUNT = "net_amount";
    public static final String CURRENCY = "currency";
    public static final String ORDER_TS = "order_ts";
    public static final String ORDER_DATE = "order_date";
    public static final String STATUS = "status";
    public static final String IS_REFUNDED = "is_refunded";

    public static final Map<String, String> COLUMNS = ordered(
        ORDER_LINE_ID, "Unique order line: <channel>:<the channel's natural key>",
        ORDER_ID, "Order (receipt, trade, sell-out report) the line belongs to",
        CHANNEL, "Sales channel: marketplace, miniprogram, pos, distributor",
        STORE_ID, "Store, shop or distributor id",
        REGION, "Region of the sale when the channel reports it (distributor)",
        CITY, "Shipping city when the channel reports it (marketplace)",
        SOURCE_SKU, "The channel's own SKU code",
        PRODUCT_CODE, "The brand's product code; null when the SKU is unknown",
        CATEGORY, "Product category; null when the SKU is unknown",
        IS_UNKNOWN_PRODUCT, "True when the SKU maps to no product in the catalogue of that day",
        QUANTITY, "Units",
        UNIT_PRICE, "Unit price, CNY",
        GROSS_AMOUNT, "Amount paid for the line, CNY",
        NET_AMOUNT, "Amount kept after refunds and cancellations, CNY",
        CURRENCY, "ISO currency code",
        ORDER_TS, "Order time, UTC",
        ORDER_DATE, "Business day of the order in the brand time zone",
        STATUS, "completed, pending, cancelled or refunded",
        IS_REFUNDED, "True when the line was refunded",
        PHONE, "Normalised phone seen on the order (+86...), PII",
        PHONE_MASKED, "Masked phone (weak identifier)",
        EMAIL, "Normalised email, PII",
        MEMBER_ID, "CRM member id",
        CARD_NO, "Member card number",
        BUYER_NICK, "Marketplace buyer id",
        OPENID, "Mini-program open id",
        UNIONID, "Platform union id",
        SOURCE_TABLE, "Bronze table of the row",
        SOURCE_FILE, "Landing file of the row",
        SOURCE_LINE, "Line in the landing file",
        RUN_DATE, "Business day of the ingest batch; partition column");
  }

  public static final class Touchpoints {
    private Touchpoints() {}

    public static final String TOUCHPOINT_ID = "touchpoint_id";
    public static final String CHANNEL = "channel";
    public static final String TOUCHPOINT_TYPE = "touchpoint_type";
    public static final String TRAFFIC_SOURCE = "traffic_source";
    public static final String TRAFFIC_CHANNEL = "traffic_channel";
    public static final String UTM_MEDIUM = "utm_medium";
    public static final String UTM_CAMPAIGN = "utm_campaign";
    public static final String SOURCE_SKU = "source_sku";
    public static final String PRODUCT_CODE = "product_code";
    public static final String EVENT_TS = "event_ts";
    public static final String EVENT_DATE = "event_date";

    public static final Map<String, String> COLUMNS = ordered(
        TOUCHPOINT_ID, "Unique interaction: <source>:<event or ticket id>",
        CHANNEL, "web, app, miniprogram or service",
        TOUCHPOINT_TYPE, "view, add_to_cart, coupon_claim, store_locator, share, service_contact",
        TRAFFIC_SOURCE, "utm_source / media, 'direct' without one; contact channel for service",
        TRAFFIC_CHANNEL, "paid_social, paid_search, display, marketplace_ads, direct, owned, service, ...",
        UTM_MEDIUM, "utm_medium",
        UTM_CAMPAIGN, "utm_campaign",
        SOURCE_SKU, "The channel's SKU code of the product viewed, if any",
        PRODUCT_CODE, "The brand's product code, if known",
        EVENT_TS, "Interaction time, UTC",
        EVENT_DATE, "Business day in the brand time zone",
        DEVICE_ID, "Device id",
        ANONYMOUS_ID, "Anonymous cookie/app id",
        MEMBER_ID, "CRM member id when known",
        OPENID, "Mini-program open id",
        UNIONID, "Platform union id",
        PHONE, "Normalised phone, PII",
        EMAIL, "Normalised email, PII",
        SOURCE_TABLE, "Bronze table of the row",
        SOURCE_FILE, "Landing file of the row",
        SOURCE_LINE, "Line in the landing file",
        RUN_DATE, "Business day of the ingest batch; partition column");
  }

  public static final class IdentifierObs {
    private IdentifierObs() {}

    public static final String ID_TYPE = "id_type";
    public static final String ID_VALUE = "id_value";
    public static final String IS_VALID = "is_valid";
    public static final String RECORD_KEY = "record_key";
    public static final String FIRST_SEEN_TS = "first_seen_ts";
    public static final String LAST_SEEN_TS = "last_seen_ts";
    public static final String OBSERVATIONS = "observations";

    public static final Map<String, String> COLUMNS = ordered(
        ID_TYPE, "phone, phone_masked, email, member_id, card_no, buyer_nick, openid, unionid, device_id, anonymous_id",
        ID_VALUE, "Normalised identifier value (PII for phone and email)",
        IS_VALID, "False for values that are not a well-formed identifier of their type",
        SOURCE_TABLE, "Silver table the observation comes from",
        RECORD_KEY, "The record that carried it (order, touchpoint, member, ticket); identifiers sharing a record are linked",
        FIRST_SEEN_TS, "First time seen on that record within the batch, UTC",
        LAST_SEEN_TS, "Last time seen on that record within the batch, UTC",
        OBSERVATIONS, "Rows of the record that carried it",
        RUN_DATE, "Business day of the ingest batch; partition column");
  }

  public static final class Products {
    private Products() {}

    public static final String PRODUCT_CODE = "product_code";
    public static final String PRODUCT_NAME = "product_name";
    public static final String CATEGORY = "category";
    public static final String LIST_PRICE = "list_price";
    public static final String MIN_ADVERTISED_PRICE = "min_advertised_price";
    public static final String CHANNEL = "channel";
    public static final String CHANNEL_SKU = "channel_sku";
    public static final String IS_ACTIVE = "is_active";

    public static final Map<String, String> COLUMNS = ordered(
        PRODUCT_CODE, "The brand's product code",
        PRODUCT_NAME, "Product name",
        CATEGORY, "Category",
        LIST_PRICE, "List price, CNY",
        MIN_ADVERTISED_PRICE, "Minimum advertised price, CNY",
        CHANNEL, "Channel of the SKU: marketplace, miniprogram, pos, distributor, web",
        CHANNEL_SKU, "The channel's SKU code",
        IS_ACTIVE, "Listed in that channel on the snapshot day",
        RUN_DATE, "Snapshot day; partition column");
  }

  public static final class AdSpend {
    private AdSpend() {}

    public static final String SPEND_DATE = "spend_date";
    public static final String MEDIA = "media";
    public static final String TRAFFIC_CHANNEL = "traffic_channel";
    public static final String CAMPAIGN_ID = "campaign_id";
    public static final String CAMPAIGN_NAME = "campaign_name";
    public static final String IMPRESSIONS = "impressions";
    public static final String CLICKS = "clicks";
    public static final String COST = "cost";
    public static final String CURRENCY = "currency";

    public static final Map<String, String> COLUMNS = ordered(
        SPEND_DATE, "Day of the spend",
        MEDIA, "Media (same vocabulary as utm_source)",
        TRAFFIC_CHANNEL, "Traffic channel of the media (as in silver.touchpoints)",
        CAMPAIGN_ID, "Campaign id",
        CAMPAIGN_NAME, "Campaign name",
        IMPRESSIONS, "Impressions",
        CLICKS, "Clicks",
        COST, "Spend, CNY",
        CURRENCY, "ISO currency code",
        RUN_DATE, "Business day of the ingest batch; partition column");
  }

  public static final class ServiceTickets {
    private ServiceTickets() {}

    public static final String TICKET_ID = "ticket_id";
    public static final String CREATED_TS = "created_ts";
    public static final String CREATED_DATE = "created_date";
    public static final String CONTACT_CHANNEL = "contact_channel";
    public static final String CATEGORY = "category";
    public static final String IS_COMPLAINT = "is_complaint";
    public static final String SATISFACTION = "satisfaction";
    public static final String STATUS = "status";
    public static final String ORDER_REF = "order_ref";

    public static final Map<String, String> COLUMNS = ordered(
        TICKET_ID, "Ticket id",
        CREATED_TS, "Creation time, UTC",
        CREATED_DATE, "Business day of creation",
        CONTACT_CHANNEL, "hotline, online_chat, store, marketplace_im",
        CATEGORY, "delivery, quality, refund, product_question, complaint",
        IS_COMPLAINT, "True for complaints and for satisfaction scores of 1 or 2",
        SATISFACTION, "Satisfaction 1..5, null when not given",
        STATUS, "OPEN or CLOSED",
        ORDER_REF, "Order the ticket refers to, as given",
        PHONE, "Normalised phone, PII",
        EMAIL, "Normalised email, PII",
        MEMBER_ID, "CRM member id",
        SOURCE_FILE, "Landing file of the row",
        SOURCE_LINE, "Line in the landing file",
        RUN_DATE, "Business day of the ingest batch; partition column");
  }

  public static final class Members {
    private Members() {}

    public static final String NAME = "name";
    public static final String BIRTHDAY = "birthday";
    public static final String TIER = "tier";
    public static final String CONSENT_SMS = "has_sms_consent";
    public static final String CONSENT_EMAIL = "has_email_consent";
    public static final String REGISTERED_STORE = "registered_store";
    public static final String REGISTERED_CHANNEL = "registered_channel";
    public static final String REGISTERED_TS = "registered_ts";
    public static final String UPDATED_TS = "updated_ts";

    public static final Map<String, String> COLUMNS = ordered(
        MEMBER_ID, "CRM member id",
        CARD_NO, "Member card number",
        PHONE, "Normalised phone, PII",
        EMAIL, "Normalised email, PII",
        NAME, "Name, PII",
        BIRTHDAY, "Birthday, PII",
        TIER, "BASIC, SILVER, GOLD, PLATINUM",
        CONSENT_SMS, "SMS marketing consent",
        CONSENT_EMAIL, "Email marketing consent",
        REGISTERED_STORE, "Store of registration",
        REGISTERED_CHANNEL, "Channel of registration",
        REGISTERED_TS, "Registration time, UTC",
        UPDATED_TS, "Time of this profile version, UTC",
        SOURCE_FILE, "Landing file of the row",
        SOURCE_LINE, "Line in the landing file",
        RUN_DATE, "Business day of the ingest batch; partition column");
  }

  /** An insertion-ordered, unmodifiable column -> comment map from name, comment pairs. */
  public static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (m.put(kv[i], kv[i + 1]) != null) {
        throw new IllegalArgumentException("duplicate column " + kv[i]);
      }
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Selects exactly the table's columns, in order, with their comments. */
  public static Dataset<Row> conform(Dataset<Row> df, Map<String, String> columns) {
    List<Column> cols = new ArrayList<>();
    for (Map.Entry<String, String> e : columns.entrySet()) {
      cols.add(col(e.getKey()).as(e.getKey(),
          new MetadataBuilder().putString("comment", e.getValue()).build()));
    }
    return df.select(cols.toArray(new Column[0]));
  }
}
