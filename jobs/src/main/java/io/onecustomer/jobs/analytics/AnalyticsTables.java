package io.onecustomer.jobs.analytics;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.jobs.silver.SilverColumns;
import java.util.Map;

/** Shared inputs of the analytics jobs. */
public final class AnalyticsTables {
  private AnalyticsTables() {}

  public static final TableId GOLD_CUSTOMER_ORDERS = new TableId(Tables.GOLD, "customer_orders");

  /** gold.customer_orders: one row per order (channel, order_id). */
  public static final class CustomerOrders {
    private CustomerOrders() {}

    public static final String COMMENT = "Every order of every sales channel up to the last run day, one row per"
        + " order (channel, order_id), with the unified customer it resolves to as of that day (null for anonymous"
        + " receipts and distributor sell-out). is_purchase marks the orders the customer analytics count: not"
        + " cancelled and a positive net amount after refunds. Replaced whole every run.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        Purchases.CHANNEL, "Sales channel: marketplace, miniprogram, pos, distributor",
        Purchases.ORDER_ID, "Order (receipt, trade, sell-out report) id in its channel",
        Purchases.CUSTOMER_ID, "Unified customer (gold.customer_identities) as of the run day; null when unresolved",
        Purchases.STORE_ID, "Store, shop or distributor id",
        Purchases.REGION, "Region reported with the sale (distributor sell-out); null otherwise",
        Purchases.ORDER_DATE, "Business day of the order (its first line)",
        Purchases.ORDER_TS, "Time of the order's first line, UTC",
        Purchases.NET_AMOUNT, "Amount kept after refunds and cancellations, CNY",
        Purchases.GROSS_AMOUNT, "Amount paid, CNY",
        Purchases.UNITS, "Units over all lines",
        Purchases.LINES, "Order lines",
        Purchases.CATEGORIES, "Distinct product categories of the lines, sorted (unknown products left out)",
        Purchases.PRODUCTS, "Distinct product codes of the lines, sorted (unknown products left out)",
        Purchases.IS_PURCHASE, "True when the order is not cancelled and kept a positive net amount");
  }
}
