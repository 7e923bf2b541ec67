package io.onecustomer.jobs.silver;

import static org.apache.spark.sql.functions.col;

import io.onecustomer.common.spec.TableSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MetadataBuilder;

/**
 * Column names of the silver tables, for the code that reads them. Each table's columns, types,
 * comments and checks are declared once, in {@link SilverSpecs}; the {@code COLUMNS} maps are that
 * declaration's comments, for the docs generator that still reads them. {@link #ordered} and {@link
 * #conform} serve other packages' tables until they declare specs of their own.
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

    /** Kept for TableDocs: the comments of {@link SilverSpecs#ORDERS}, in column order. */
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

    /** Kept for TableDocs: the comments of {@link SilverSpecs#TOUCHPOINTS}, in column order. */
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

    /** Kept for TableDocs: the comments of {@link SilverSpecs#IDENTIFIERS}, in column order. */
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

    /** Kept for TableDocs: the comments of {@link SilverSpecs#PRODUCTS}, in column order. */
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

    /** Kept for TableDocs: the comments of {@link SilverSpecs#AD_SPEND}, in column order. */
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

    /** Kept for TableDocs: the comments of {@link SilverSpecs#SERVICE_TICKETS}, in column order. */
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

    /** Kept for TableDocs: the comments of {@link SilverSpecs#MEMBERS}, in column order. */
  }


  /** An insertion-ordered, unmodifiable column -> comment map from name, comment pairs. */
  public static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (m.put(kv[i], kv[i + 1]) != null) {
        throw new IllegalArgumentException("duplicate column " + kv[i]);
      }
    }
    return Collections.unmodifiableMap(m);
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
