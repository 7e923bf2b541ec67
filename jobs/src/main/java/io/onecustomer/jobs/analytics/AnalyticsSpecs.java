package io.onecustomer.jobs.analytics;

import static io.onecustomer.common.spec.Types.*;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.Check;
import io.onecustomer.common.spec.Columns;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.identity.IdentitySpecs;
import io.onecustomer.jobs.silver.Vocabulary;

/** The specs of this package's tables (name, grain, typed columns with comments, partitioning, key, mode, checks). */
public final class AnalyticsSpecs {
  private AnalyticsSpecs() {}

  /**
   * Replaced whole every run, after gold.customer_identities: silver.orders lines grouped by
   * (channel, order_id), each line's customer looked up in that table (so every non-null
   * customer_id exists there). Channel and order id come from required bronze fields (the
   * distributor's order id is built from its id and report day).
   */
  public static final TableSpec CUSTOMER_ORDERS = TableSpec.table(Tables.GOLD, "customer_orders")
      .grain("Every order of every sales channel up to the last run day, one row per order (channel, order_id), with the unified customer it resolves to as of that day (null for anonymous receipts and distributor sell-out). is_purchase marks the orders the customer analytics count: not cancelled and a positive net amount after refunds. Replaced whole every run.")
      .required(Purchases.CHANNEL, STRING, "Sales channel: marketplace, miniprogram, pos, distributor")
      .required(Purchases.ORDER_ID, STRING, "Order (receipt, trade, sell-out report) id in its channel")
      .column(Purchases.CUSTOMER_ID, STRING, "Unified customer (gold.customer_identities) as of the run day; null when unresolved")
      .column(Purchases.STORE_ID, STRING, "Store, shop or distributor id")
      .column(Purchases.REGION, STRING, "Region reported with the sale (distributor sell-out); null otherwise")
      .column(Purchases.ORDER_DATE, DATE, "Business day of the order (its first line)")
      .column(Purchases.ORDER_TS, TIMESTAMP, "Time of the order's first line, UTC")
      .column(Purchases.NET_AMOUNT, MONEY, "Amount kept after refunds and cancellations, CNY")
      .column(Purchases.GROSS_AMOUNT, MONEY, "Amount paid, CNY")
      .column(Purchases.UNITS, LONG, "Units over all lines")
      .required(Purchases.LINES, LONG, "Order lines")
      .column(Purchases.CATEGORIES, STRINGS, "Distinct product categories of the lines, sorted (unknown products left out)")
      .column(Purchases.PRODUCTS, STRINGS, "Distinct product codes of the lines, sorted (unknown products left out)")
      .column(Purchases.IS_PURCHASE, BOOLEAN, "True when the order is not cancelled and kept a positive net amount")
      .key(Purchases.CHANNEL, Purchases.ORDER_ID)
      .check(Check.acceptedValues(Purchases.CHANNEL, Vocabulary.MARKETPLACE, Vocabulary.MINIPROGRAM, Vocabulary.POS,
          Vocabulary.DISTRIBUTOR))
      .check(Check.references(Purchases.CUSTOMER_ID, IdentitySpecs.CUSTOMER_IDENTITIES.id(), Columns.CUSTOMER_ID))
      .check(Check.range(Purchases.LINES, 1.0, null))
      // Every order line of silver up to the day is in exactly one order: revenue reconciles.
      .check(Check.reconciles(Columns.NET_AMOUNT, Tables.SILVER_ORDERS, Columns.NET_AMOUNT, Columns.RUN_DATE))
      .check(Check.reconciles(Columns.GROSS_AMOUNT, Tables.SILVER_ORDERS, Columns.GROSS_AMOUNT, Columns.RUN_DATE))
      .replaceAll()
      .build();
}
