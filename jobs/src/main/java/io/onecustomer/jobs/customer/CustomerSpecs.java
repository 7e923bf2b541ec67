package io.onecustomer.jobs.customer;

import static io.onecustomer.common.spec.Types.*;
import static io.onecustomer.jobs.customer.CustomerColumns.ACQUISITION_CHANNEL;
import static io.onecustomer.jobs.customer.CustomerColumns.CUSTOMER_ID;
import static io.onecustomer.jobs.customer.CustomerColumns.IDENTIFIERS;
import static io.onecustomer.jobs.customer.CustomerColumns.PREFERRED_CHANNEL;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.Check;
import io.onecustomer.common.spec.Columns;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.identity.IdentitySpecs;
import io.onecustomer.jobs.silver.Vocabulary;

/**
 * The specs of this package's tables (name, grain, typed columns with comments, partitioning, key, mode, checks).
 *
 * <p>Only compile-time constants of {@link CustomerColumns} are used here: {@link CustomerColumns}
 * derives its docs members from this spec, so a non-constant member would make the two classes'
 * initialisation depend on each other.
 */
public final class CustomerSpecs {
  private CustomerSpecs() {}

  /** The channels silver.orders holds; a customer's order channels are among them. */
  private static final String[] SALES_CHANNELS = {Vocabulary.MARKETPLACE, Vocabulary.MINIPROGRAM, Vocabulary.POS,
      Vocabulary.DISTRIBUTOR};

  /**
   * Replaced whole every run, after gold.customer_identities: one row per customer of that table
   * (every fact is aggregated or ranked to one row per customer_id and left-joined onto the
   * identities' customers), so every customer_id exists there. The acquisition and preferred
   * channels are channels of the customer's orders.
   */
  public static final TableSpec CUSTOMERS = TableSpec.table(Tables.GOLD, "customers")
      .grain("Customer 360: one row per customer_id (gold.customer_identities) as of snapshot_date: orders, revenue and refunds by channel, acquisition, preferred channel, membership, service, latest activity and how many identifiers of each type it merges. No raw identifiers; replaced every run.")
      .required("customer_id", STRING, "Unified customer id (gold.customer_identities); stable across runs, see gold.customer_id_history")
      .column("first_seen_ts", TIMESTAMP, "First time any of its identifiers was seen, UTC")
      .column("first_order_date", DATE, "Business day of the first order in any channel, a cancelled one included (acquisition counts only orders that were not cancelled); null without any order")
      .column("last_order_date", DATE, "Business day of the latest order")
      .required("orders", LONG, "Orders (receipts, trades) in all channels, cancelled ones excluded")
      .required("revenue", MONEY, "Net revenue (after refunds and cancellations), CNY")
      .required("refunds", MONEY, "Amount refunded or cancelled (gross minus net), CNY")
      .column("refunded_orders", LONG, "Orders with at least one refunded or cancelled line")
      .column("orders_marketplace", LONG, "Orders in channel marketplace")
      .column("revenue_marketplace", MONEY, "Net revenue in channel marketplace, CNY")
      .column("refunds_marketplace", MONEY, "Refunded or cancelled amount in channel marketplace, CNY")
      .column("orders_miniprogram", LONG, "Orders in channel miniprogram")
      .column("revenue_miniprogram", MONEY, "Net revenue in channel miniprogram, CNY")
      .column("refunds_miniprogram", MONEY, "Refunded or cancelled amount in channel miniprogram, CNY")
      .column("orders_pos", LONG, "Orders in channel pos")
      .column("revenue_pos", MONEY, "Net revenue in channel pos, CNY")
      .column("refunds_pos", MONEY, "Refunded or cancelled amount in channel pos, CNY")
      .column("channels_used", STRINGS, "Sales channels with at least one order, sorted")
      .column("channel_count", INT, "Number of sales channels used")
      .column("acquisition_channel", STRING, "Channel of the first order (ties: alphabetical)")
      .column("acquisition_store_id", STRING, "Store, shop or mini-program of the first order")
      .column("preferred_channel", STRING, "Channel with most orders (ties: higher revenue, then alphabetical)")
      .column("home_store_id", STRING, "Offline store with most receipts; null without store purchases")
      .column("city", STRING, "Most frequent marketplace shipping city; null without marketplace orders")
      .column("region", STRING, "Sales region of the home store, else of the shipping city (onecustomer.geo); null when unknown")
      .required("is_member", BOOLEAN, "True when a CRM member profile resolves to this customer")
      .column("member_tier", STRING, "Tier of the latest member profile: BASIC, SILVER, GOLD, PLATINUM")
      .column("has_sms_consent", BOOLEAN, "SMS marketing consent on the latest member profile; null for non-members")
      .column("has_email_consent", BOOLEAN, "Email marketing consent on the latest member profile; null for non-members")
      .column("registered_channel", STRING, "Channel where the membership was registered")
      .column("registered_date", DATE, "Day of membership registration (UTC date)")
      .column("service_tickets", LONG, "Service tickets resolved to this customer (by member id, phone or email)")
      .column("complaints", LONG, "Tickets that are complaints or rated 1-2")
      .column("avg_satisfaction", DOUBLE, "Mean satisfaction 1..5 of rated tickets")
      .column("touchpoints", LONG, "Interactions (views, carts, coupons, service contacts) resolved to this customer")
      .column("last_order_ts", TIMESTAMP, "Time of the latest order, UTC")
      .column("last_touchpoint_ts", TIMESTAMP, "Time of the latest interaction, UTC")
      .column("last_ticket_ts", TIMESTAMP, "Time of the latest service ticket, UTC")
      .column("last_activity_ts", TIMESTAMP, "Latest of order, interaction and ticket time, UTC")
      .required("identifiers", LONG, "Linking identifiers merged into this customer (all types)")
      .column("phones", LONG, "Distinct phone identifiers merged (a count, never the values)")
      .column("emails", LONG, "Distinct email identifiers merged (a count, never the values)")
      .column("member_ids", LONG, "Distinct member_id identifiers merged (a count, never the values)")
      .column("card_nos", LONG, "Distinct card_no identifiers merged (a count, never the values)")
      .column("buyer_nicks", LONG, "Distinct buyer_nick identifiers merged (a count, never the values)")
      .column("openids", LONG, "Distinct openid identifiers merged (a count, never the values)")
      .column("unionids", LONG, "Distinct unionid identifiers merged (a count, never the values)")
      .column("device_ids", LONG, "Distinct device_id identifiers merged (a count, never the values)")
      .column("anonymous_ids", LONG, "Distinct anonymous_id identifiers merged (a count, never the values)")
      .required("snapshot_date", DATE, "Business day this state is as of")
      .key(CUSTOMER_ID)
      .check(Check.references(CUSTOMER_ID, IdentitySpecs.CUSTOMER_IDENTITIES.id(), Columns.CUSTOMER_ID))
      .check(Check.acceptedValues(ACQUISITION_CHANNEL, SALES_CHANNELS))
      .check(Check.acceptedValues(PREFERRED_CHANNEL, SALES_CHANNELS))
      .check(Check.range(IDENTIFIERS, 1.0, null))
      .replaceAll()
      .build();
}
