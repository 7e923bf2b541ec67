package io.onecustomer.jobs.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.onecustomer.jobs.TestSpark;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class PurchasesTest {
  static final SparkSession spark = TestSpark.session();

  /** Keyed order lines: customer, channel, order, store, region, product, category, qty, gross, net, status, time. */
  static Dataset<Row> lines(String values) {
    return spark.sql("SELECT customer_id, channel, order_id, store_id, region, product_code, category,"
        + " CAST(qty AS INT) AS quantity, CAST(gross AS DECIMAL(18,2)) AS gross_amount,"
        + " CAST(net AS DECIMAL(18,2)) AS net_amount, status, CAST(ts AS TIMESTAMP) AS order_ts,"
        + " CAST(CAST(ts AS TIMESTAMP) AS DATE) AS order_date FROM VALUES " + values
        + " AS t(customer_id, channel, order_id, store_id, region, product_code, category, qty, gross, net, status, ts)");
  }

  static Map<String, Row> byOrder(Dataset<Row> df) {
    Map<String, Row> m = new HashMap<>();
    df.collectAsList().forEach(r -> m.put(r.getString(r.fieldIndex("order_id")), r));
    return m;
  }

  static Object get(Row r, String c) {
    return r.get(r.fieldIndex(c));
  }

  @Test
  void linesRollUpToOneRowPerOrderAndOnlyLiveOrdersWithValueArePurchases() {
    Dataset<Row> orders = Purchases.orders(lines(
        "('A', 'marketplace', 'T1', 'shop', NULL, 'P2', 'sofa', 1, 100, 100, 'completed', '2026-05-02 09:00:00'),"
            + "('A', 'marketplace', 'T1', 'shop', NULL, 'P1', 'rug', 2, 50, 40, 'refunded', '2026-05-02 09:05:00'),"
            + "('A', 'pos', 'R1', 'S1', NULL, 'P1', 'rug', 1, 80, 0, 'refunded', '2026-05-03 10:00:00'),"
            + "('A', 'miniprogram', 'W1', 'mp', NULL, 'P1', 'rug', 1, 20, 20, 'cancelled', '2026-05-04 10:00:00'),"
            + "('B', 'miniprogram', 'W2', 'mp', NULL, 'P1', 'rug', 1, 20, 20, 'cancelled', '2026-05-04 10:00:00'),"
            + "('B', 'miniprogram', 'W2', 'mp', NULL, 'P3', 'lamp', 1, 30, 30, 'completed', '2026-05-04 10:00:00'),"
            + "(NULL, 'distributor', 'D1', 'D01', 'West', 'P1', 'rug', 10, 900, 900, 'completed', '2026-05-05 10:00:00')"));
    Map<String, Row> m = byOrder(orders);
    assertEquals(5, m.size());
    Row t1 = m.get("T1");
    assertEquals(new BigDecimal("140.00"), get(t1, Purchases.NET_AMOUNT));
    assertEquals(new BigDecimal("150.00"), get(t1, Purchases.GROSS_AMOUNT));
    assertEquals(3L, get(t1, Purchases.UNITS));
    assertEquals(2L, get(t1, Purchases.LINES));
    assertEquals(List.of("rug", "sofa"), t1.getList(t1.fieldIndex(Purchases.CATEGORIES)));
    assertEquals(List.of("P1", "P2"), t1.getList(t1.fieldIndex(Purchases.PRODUCTS)));
    assertEquals(java.sql.Timestamp.valueOf("2026-05-02 09:00:00"), get(t1, Purchases.ORDER_TS), "first line's time");
    assertEquals(true, get(t1, Purchases.IS_PURCHASE), "a partly refunded order is still a purchase");
    assertEquals(false, get(m.get("R1"), Purchases.IS_PURCHASE), "fully refunded: nothing kept");
    assertEquals(false, get(m.get("W1"), Purchases.IS_PURCHASE), "cancelled");
    assertEquals(true, get(m.get("W2"), Purchases.IS_PURCHASE), "one cancelled line does not cancel the order");
    Row d1 = m.get("D1");
    assertNull(get(d1, Purchases.CUSTOMER_ID));
    assertEquals("West", get(d1, Purchases.REGION));
    assertEquals(List.of("T1", "W2"), Purchases.customerPurchases(orders).orderBy(Purchases.ORDER_ID)
        .select(Purchases.ORDER_ID).as(org.apache.spark.sql.Encoders.STRING()).collectAsList(),
        "customer purchases leave out the unresolved sell-out and the orders that are not purchases");
  }
}
