package io.onecustomer.jobs.silver;

import static io.onecustomer.common.spec.Types.*;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.Check;
import io.onecustomer.common.spec.Level;
import io.onecustomer.common.spec.TableSpec;
import java.util.List;

/**
 * The specs of this package's tables (name, grain, typed columns with comments, partitioning, key, mode, checks).
 * Vocabularies the transforms map (channels, order status, traffic channel, identifier type) are
 * error-level checks; values the sources send and silver only passes through (ticket status and
 * category, member tier, event types, satisfaction) are warnings, so a new value is seen without
 * stopping the night.
 */
public final class SilverSpecs {
  private SilverSpecs() {}

  private static final String CNY = "CNY";

  private static String[] values(List<String> vocabulary) {
    return vocabulary.toArray(new String[0]);
  }

  public static final TableSpec ORDERS = TableSpec.table(Tables.SILVER_ORDERS)
      .grain("One row per order line of every sales channel: its latest version by arrival (a re-sent line with new content, such as a refund, replaces the one held; an identical copy is dropped).")
      .required("order_line_id", STRING, "Unique order line: <channel>:<the channel's natural key>")
      .required("order_id", STRING, "Order (receipt, trade, sell-out report) the line belongs to")
      .required("channel", STRING, "Sales channel: marketplace, miniprogram, pos, distributor")
      .required("store_id", STRING, "Store, shop or distributor id")
      .column("region", STRING, "Region of the sale when the channel reports it (distributor)")
      .column("city", STRING, "Shipping city when the channel reports it (marketplace)")
      .required("source_sku", STRING, "The channel's own SKU code")
      .column("product_code", STRING, "The brand's product code; null when the SKU is unknown")
      .column("category", STRING, "Product category; null when the SKU is unknown")
      .required("is_unknown_product", BOOLEAN, "True when the SKU maps to no product in the catalogue of that day")
      .required("quantity", INT, "Units")
      .required("unit_price", MONEY, "Unit price, CNY")
      .required("gross_amount", MONEY, "Amount paid for the line, CNY")
      .required("net_amount", MONEY, "Amount kept after refunds and cancellations, CNY")
      .required("currency", STRING, "ISO currency code")
      .required("order_ts", TIMESTAMP, "Order time, UTC")
      .required("order_date", DATE, "Business day of the order in the brand time zone")
      .required("status", STRING, "completed, pending, cancelled or refunded")
      .required("is_refunded", BOOLEAN, "True when the line was refunded")
      .column("phone", STRING, "Normalised phone seen on the order (+86...), PII")
      .column("phone_masked", STRING, "Masked phone (weak identifier)")
      .column("email", STRING, "Normalised email, PII")
      .column("member_id", STRING, "CRM member id")
      .column("card_no", STRING, "Member card number")
      .column("buyer_nick", STRING, "Marketplace buyer id")
      .column("openid", STRING, "Mini-program open id")
      .column("unionid", STRING, "Platform union id")
      .required("source_table", STRING, "Bronze table of the row")
      .required("source_file", STRING, "Landing file of the row")
      .required("source_line", LONG, "Line in the landing file")
      .required("run_date", DATE, "Business day of the ingest batch; partition column")
      .partitionedByDay("run_date")
      // Dedup.firstByKey keeps one row per order_line_id of the run and drops ids loaded on earlier days.
      .key("order_line_id")
      .check(Check.acceptedValues("channel", values(Vocabulary.SALES_CHANNELS)))
      .check(Check.acceptedValues("status", values(Vocabulary.ORDER_STATUSES)))
      .check(Check.acceptedValues("currency", CNY))
      // Bronze rejects lines with a zero or negative quantity in every order source.
      .check(Check.range("quantity", 1.0, null))
      .replaceDays()
      .build();

  public static final TableSpec TOUCHPOINTS = TableSpec.table(Tables.SILVER_TOUCHPOINTS)
      .grain("One row per interaction that is not an order.")
      .required("touchpoint_id", STRING, "Unique interaction: <source>:<event or ticket id>")
      .required("channel", STRING, "web, app, miniprogram or service")
      .required("touchpoint_type", STRING, "view, add_to_cart, coupon_claim, store_locator, share, service_contact")
      .required("traffic_source", STRING, "utm_source / media, 'direct' without one; contact channel for service")
      .required("traffic_channel", STRING, "paid_social, paid_search, display, marketplace_ads, direct, owned, service, ...")
      .column("utm_medium", STRING, "utm_medium")
      .column("utm_campaign", STRING, "utm_campaign")
      .column("source_sku", STRING, "The channel's SKU code of the product viewed, if any")
      .column("product_code", STRING, "The brand's product code, if known")
      .required("event_ts", TIMESTAMP, "Interaction time, UTC")
      .required("event_date", DATE, "Business day in the brand time zone")
      .column("device_id", STRING, "Device id")
      .column("anonymous_id", STRING, "Anonymous cookie/app id")
      .column("member_id", STRING, "CRM member id when known")
      .column("openid", STRING, "Mini-program open id")
      .column("unionid", STRING, "Platform union id")
      .column("phone", STRING, "Normalised phone, PII")
      .column("email", STRING, "Normalised email, PII")
      .required("source_table", STRING, "Bronze table of the row")
      .required("source_file", STRING, "Landing file of the row")
      .required("source_line", LONG, "Line in the landing file")
      .required("run_date", DATE, "Business day of the ingest batch; partition column")
      .partitionedByDay("run_date")
      // Dedup.firstByKey keeps one row per touchpoint_id of the run and drops ids loaded on earlier days.
      .key("touchpoint_id")
      .check(Check.acceptedValues("channel", values(Vocabulary.INTERACTION_CHANNELS)))
      .check(Check.acceptedValues("traffic_channel", values(Vocabulary.TRAFFIC_CHANNELS)))
      // The channels' own event types, passed through: a new one is worth a look, not a stopped night.
      .check(Check.acceptedValues("touchpoint_type", values(TouchpointTransforms.TYPES)).at(Level.WARNING))
      .replaceDays()
      .build();

  public static final TableSpec IDENTIFIERS = TableSpec.table(Tables.SILVER_IDENTIFIERS)
      .grain("One row per business day, identifier and record that carried it.")
      .required("id_type", STRING, "phone, phone_masked, email, member_id, card_no, buyer_nick, openid, unionid, device_id, anonymous_id")
      .required("id_value", STRING, "Normalised identifier value (PII for phone and email)")
      .required("is_valid", BOOLEAN, "False for values that are not a well-formed identifier of their type")
      .required("source_table", STRING, "Silver table the observation comes from")
      .required("record_key", STRING, "The record that carried it (order, touchpoint, member, ticket); identifiers sharing a record are linked")
      .required("first_seen_ts", TIMESTAMP, "First time seen on that record within the batch, UTC")
      .required("last_seen_ts", TIMESTAMP, "Last time seen on that record within the batch, UTC")
      .required("observations", LONG, "Rows of the record that carried it")
      .required("run_date", DATE, "Business day of the ingest batch; partition column")
      .partitionedByDay("run_date")
      // The unpivot groups by these four; record keys of orders, touchpoints and members never collide.
      .key("run_date", "id_type", "id_value", "record_key")
      .check(Check.acceptedValues("id_type", Identifiers.PHONE, Identifiers.PHONE_MASKED, Identifiers.EMAIL,
          Identifiers.MEMBER_ID, Identifiers.CARD_NO, Identifiers.BUYER_NICK, Identifiers.OPENID, Identifiers.UNIONID,
          Identifiers.DEVICE_ID, Identifiers.ANONYMOUS_ID))
      .check(Check.acceptedValues("source_table", Tables.SILVER_ORDERS.qualified(),
          Tables.SILVER_TOUCHPOINTS.qualified(), Tables.SILVER_MEMBERS.qualified()))
      .check(Check.range("observations", 1.0, null))
      .replaceDays()
      .build();

  public static final TableSpec PRODUCTS = TableSpec.table(Tables.SILVER_PRODUCTS)
      .grain("One row per product, channel SKU and snapshot day.")
      .required("product_code", STRING, "The brand's product code")
      .column("product_name", STRING, "Product name")
      .column("category", STRING, "Category")
      .column("list_price", MONEY, "List price, CNY")
      .column("min_advertised_price", MONEY, "Minimum advertised price, CNY")
      .required("channel", STRING, "Channel of the SKU: marketplace, miniprogram, pos, distributor, web")
      .required("channel_sku", STRING, "The channel's SKU code")
      .required("is_active", BOOLEAN, "Listed in that channel on the snapshot day")
      .required("run_date", DATE, "Snapshot day; partition column")
      .partitionedByDay("run_date")
      // Dedup.firstByKey keeps one row per snapshot day, channel and SKU.
      .key("run_date", "channel", "channel_sku")
      // The catalogue's channel is passed through (lower-cased); a row of another channel is never looked up.
      .check(Check.acceptedValues("channel", Vocabulary.MARKETPLACE, Vocabulary.MINIPROGRAM, Vocabulary.POS,
          Vocabulary.DISTRIBUTOR, Vocabulary.WEB).at(Level.WARNING))
      .replaceDays()
      .build();

  public static final TableSpec AD_SPEND = TableSpec.table(Tables.SILVER_AD_SPEND)
      .grain("One row per spend day, media and campaign: the latest version by arrival (restated spend replaces the one held).")
      .required("spend_date", DATE, "Day of the spend")
      .required("media", STRING, "Media (same vocabulary as utm_source)")
      .required("traffic_channel", STRING, "Traffic channel of the media (as in silver.touchpoints)")
      .required("campaign_id", STRING, "Campaign id")
      .column("campaign_name", STRING, "Campaign name")
      .column("impressions", LONG, "Impressions")
      .column("clicks", LONG, "Clicks")
      .required("cost", MONEY, "Spend, CNY")
      .required("currency", STRING, "ISO currency code")
      .required("run_date", DATE, "Business day of the ingest batch; partition column")
      .partitionedByDay("run_date")
      // Dedup.firstByKey keeps the first report of a spend day, media and campaign in the run.
      .key("spend_date", "media", "campaign_id")
      .check(Check.acceptedValues("traffic_channel", values(Vocabulary.MEDIA_TRAFFIC_CHANNELS)))
      .check(Check.acceptedValues("currency", CNY))
      // Counts as the media report them (not validated in bronze).
      .check(Check.range("impressions", 0.0, null).at(Level.WARNING))
      .check(Check.range("clicks", 0.0, null).at(Level.WARNING))
      .replaceDays()
      .build();

  public static final TableSpec SERVICE_TICKETS = TableSpec.table(Tables.SILVER_SERVICE_TICKETS)
      .grain("One row per ticket and status.")
      .required("ticket_id", STRING, "Ticket id")
      .required("created_ts", TIMESTAMP, "Creation time, UTC")
      .required("created_date", DATE, "Business day of creation")
      .column("contact_channel", STRING, "hotline, online_chat, store, marketplace_im")
      .column("category", STRING, "delivery, quality, refund, product_question, complaint")
      .column("is_complaint", BOOLEAN, "True for complaints and for satisfaction scores of 1 or 2")
      .column("satisfaction", INT, "Satisfaction 1..5, null when not given")
      .column("status", STRING, "OPEN or CLOSED")
      .column("order_ref", STRING, "Order the ticket refers to, as given")
      .column("phone", STRING, "Normalised phone, PII")
      .column("email", STRING, "Normalised email, PII")
      .column("member_id", STRING, "CRM member id")
      .required("source_file", STRING, "Landing file of the row")
      .required("source_line", LONG, "Line in the landing file")
      .required("run_date", DATE, "Business day of the ingest batch; partition column")
      .partitionedByDay("run_date")
      // Dedup.firstByKey keeps one row per ticket and status of the run and drops those loaded on earlier days.
      // Not a key: status is optional in the source, and a ticket without one is still loaded (once).
      .check(Check.unique(List.of("ticket_id", "status")))
      // The service system's vocabularies, passed through (upper- or lower-cased): warnings, not stops.
      .check(Check.acceptedValues("status", "OPEN", "CLOSED").at(Level.WARNING))
      .check(Check.acceptedValues("contact_channel", "hotline", "online_chat", "store", "marketplace_im")
          .at(Level.WARNING))
      .check(Check.acceptedValues("category", "delivery", "quality", "refund", "product_question", "complaint")
          .at(Level.WARNING))
      .check(Check.range("satisfaction", 1.0, 5.0).at(Level.WARNING))
      .replaceDays()
      .build();

  public static final TableSpec MEMBERS = TableSpec.table(Tables.SILVER_MEMBERS)
      .grain("One row per member profile version.")
      .required("member_id", STRING, "CRM member id")
      .column("card_no", STRING, "Member card number")
      .column("phone", STRING, "Normalised phone, PII")
      .column("email", STRING, "Normalised email, PII")
      .column("name", STRING, "Name, PII")
      .column("birthday", DATE, "Birthday, PII")
      .column("tier", STRING, "BASIC, SILVER, GOLD, PLATINUM")
      .column("has_sms_consent", BOOLEAN, "SMS marketing consent")
      .column("has_email_consent", BOOLEAN, "Email marketing consent")
      .column("registered_store", STRING, "Store of registration")
      .column("registered_channel", STRING, "Channel of registration")
      .column("registered_ts", TIMESTAMP, "Registration time, UTC")
      .required("updated_ts", TIMESTAMP, "Time of this profile version, UTC")
      .required("source_file", STRING, "Landing file of the row")
      .required("source_line", LONG, "Line in the landing file")
      .required("run_date", DATE, "Business day of the ingest batch; partition column")
      .partitionedByDay("run_date")
      // Dedup.firstByKey keeps one row per (normalised) member id and profile version of the run.
      .key("member_id", "updated_ts")
      // The CRM's tier, passed through (upper-cased): a new tier is a warning, not a stop.
      .check(Check.acceptedValues("tier", "BASIC", "SILVER", "GOLD", "PLATINUM").at(Level.WARNING))
      .replaceDays()
      .build();
}
