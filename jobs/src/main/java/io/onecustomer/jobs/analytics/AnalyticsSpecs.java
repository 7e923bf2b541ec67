package io.onecustomer.jobs.analytics;

import static io.onecustomer.common.spec.Types.*;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.Types;

/** The specs of this package's tables (name, grain, typed columns with comments, partitioning, key, mode, checks). */
public final class AnalyticsSpecs {
  private AnalyticsSpecs() {}

  public static final TableSpec CUSTOMER_ORDERS = TableSpec.table(Tables.GOLD, "customer_orders")
      .grain("Every order of every sales channel up to the last run day, one row per order (channel, order_id), with the unified customer it resolves to as of that day (null for anonymous receipts and distributor sell-out). is_purchase marks the orders the customer analytics count: not cancelled and a positive net amount after refunds. Replaced whole every run.")
      .column("channel", STRING, "Sales channel: marketplace, miniprogram, pos, distributor")
      .column("order_id", STRING, "Order (receipt, trade, sell-out report) id in its channel")
      .column("customer_id", STRING, "Unified customer (gold.customer_identities) as of the run day; null when unresolved")
      .column("store_id", STRING, "Store, shop or distributor id")
      .column("region", STRING, "Region reported with the sale (distributor sell-out); null otherwise")
      .column("order_date", DATE, "Business day of the order (its first line)")
      .column("order_ts", TIMESTAMP, "Time of the order's first line, UTC")
      .column("net_amount", MONEY, "Amount kept after refunds and cancellations, CNY")
      .column("gross_amount", MONEY, "Amount paid, CNY")
      .column("units", LONG, "Units over all lines")
      .column("lines", LONG, "Order lines")
      .column("categories", STRINGS, "Distinct product categories of the lines, sorted (unknown products left out)")
      .column("products", STRINGS, "Distinct product codes of the lines, sorted (unknown products left out)")
      .column("is_purchase", BOOLEAN, "True when the order is not cancelled and kept a positive net amount")
      .replaceAll()
      .build();
}
