package io.onecustomer.jobs.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.onecustomer.jobs.TestSpark;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class CustomerTransformsTest {
  static final SparkSession spark = TestSpark.session();

  static final String ORDER_COLS = "customer_id, channel, order_id, order_line_id, store_id, city, gross_amount,"
      + " net_amount, status, is_refunded, order_ts, order_date";

  /** Order lines: customer, channel, order, line, store, city, gross, net, status, refunded, time. */
  static Dataset<Row> orders(String values) {
    return spark.sql("SELECT customer_id, channel, order_id, order_line_id, store_id, city,"
        + " CAST(gross AS DECIMAL(18,2)) AS gross_amount, CAST(net AS DECIMAL(18,2)) AS net_amount, status,"
        + " is_refunded, CAST(ts AS TIMESTAMP) AS order_ts, CAST(CAST(ts AS TIMESTAMP) AS DATE) AS order_date"
        + " FROM VALUES " + values
        + " AS t(customer_id, channel, order_id, order_line_id, store_id, city, gross, net, status, is_refunded, ts)");
  }

  static final String A_ORDERS =
      "('A', 'miniprogram', 'W1', 'W1-1', 'miniprogram', NULL, 20, 0, 'cancelled', false, '2026-05-01 08:00:00'),"
          + "('A', 'marketplace', 'T1', 'T1-1', 'marketplace_flagship', 'Shanghai', 100, 100, 'completed', false, '2026-05-02 09:00:00'),"
          + "('A', 'marketplace', 'T1', 'T1-2', 'marketplace_flagship', 'Shanghai', 50, 50, 'completed', false, '2026-05-02 09:00:00'),"
          + "('A', 'pos', 'R1', 'R1-1', 'S1', NULL, 80, 0, 'refunded', true, '2026-05-03 10:00:00'),"
          + "('A', 'pos', 'R2', 'R2-1', 'S1', NULL, 30, 30, 'completed', false, '2026-05-04 10:00:00'),"
          + "('A', 'pos', 'R3', 'R3-1', 'S2', NULL, 10, 10, 'completed', false, '2026-05-05 10:00:00'),"
          + "(NULL, 'distributor', 'D1', 'D1-1', 'DIST1', NULL, 999, 999, 'completed', false, '2026-05-05 10:00:00')";

  static Map<String, Row> byCustomer(Dataset<Row> df) {
    Map<String, Row> m = new HashMap<>();
    df.collectAsList().forEach(r -> m.put(r.getString(r.fieldIndex("customer_id")), r));
    return m;
  }

  static Object get(Row r, String c) {
    return r.get(r.fieldIndex(c));
  }

  static BigDecimal money(String v) {
    return new BigDecimal(v).setScale(2);
  }

  @Test
  void orderFactsCountLiveOrdersAndSplitRevenueAndRefundsByChannel() {
    Row a = byCustomer(CustomerTransforms.orderFacts(orders(A_ORDERS))).get("A");
    assertEquals(4L, get(a, "orders"), "T1, R1, R2, R3; the cancelled W1 is not an order");
    assertEquals(money("190"), get(a, "revenue"));
    assertEquals(money("100"), get(a, "refunds"), "80 refunded at the store + 20 cancelled in the mini-program");
    assertEquals(2L, get(a, "refunded_orders"));
    assertEquals(3L, get(a, "orders_pos"));
    assertEquals(money("40"), get(a, "revenue_pos"));
    assertEquals(money("80"), get(a, "refunds_pos"));
    assertEquals(0L, get(a, "orders_miniprogram"));
    assertEquals(money("20"), get(a, "refunds_miniprogram"));
    assertEquals(List.of("marketplace", "pos"), a.getList(a.fieldIndex("channels_used")));
    assertEquals(2, get(a, "channel_count"));
    assertEquals("marketplace", get(a, "acquisition_channel"), "the cancelled order does not acquire");
    assertEquals("marketplace_flagship", get(a, "acquisition_store_id"));
    assertEquals(Date.valueOf("2026-05-01"), get(a, "first_order_date"));
    assertEquals(Date.valueOf("2026-05-05"), get(a, "last_order_date"));
  }

  @Test
  void preferredChannelAndHomeStoreBreakTiesByRevenueThenName() {
    Dataset<Row> o = orders(A_ORDERS + ","
        + "('B', 'pos', 'R9', 'R9-1', 'S9', NULL, 50, 50, 'completed', false, '2026-05-01 10:00:00'),"
        + "('B', 'marketplace', 'T9', 'T9-1', 'marketplace_flagship', 'Hangzhou', 50, 50, 'completed', false, '2026-05-01 10:00:00'),"
        + "('B', 'pos', 'R8', 'R8-1', 'S8', NULL, 5, 5, 'completed', false, '2026-05-03 10:00:00'),"
        + "('B', 'marketplace', 'T8', 'T8-1', 'marketplace_flagship', 'Hangzhou', 6, 6, 'completed', false, '2026-05-03 10:00:00')");
    Map<String, Row> pref = byCustomer(CustomerTransforms.preferredChannel(o));
    assertEquals("pos", get(pref.get("A"), "preferred_channel"), "3 receipts beat 1 trade");
    assertEquals("marketplace", get(pref.get("B"), "preferred_channel"), "2 orders each; 56 beats 55");
    Map<String, Row> places = byCustomer(CustomerTransforms.places(o));
    assertEquals("S1", get(places.get("A"), "home_store_id"));
    assertEquals("Shanghai", get(places.get("A"), "city"));
    assertEquals("S8", get(places.get("B"), "home_store_id"), "one receipt each: alphabetical");
    Row b = byCustomer(CustomerTransforms.orderFacts(o)).get("B");
    assertEquals("marketplace", get(b, "acquisition_channel"), "same minute: alphabetical");
  }

  @Test
  void regionComesFromTheHomeStoreElseTheShippingCityElseNothing() {
    var geo = new io.onecustomer.common.config.AppConfig.Geo(Map.of("Shanghai", "East", "Beijing", "North"),
        Map.of("S1", "Beijing", "S2", "Atlantis"));
    List<Row> r = spark.sql("SELECT * FROM VALUES ('S1', 'Shanghai'), (NULL, 'Shanghai'), ('S2', 'Beijing'),"
            + " ('S9', NULL), (NULL, NULL) AS t(home_store_id, city)")
        .select(CustomerTransforms.region(org.apache.spark.sql.functions.col("home_store_id"),
            org.apache.spark.sql.functions.col("city"), geo)).collectAsList();
    java.util.List<Object> got = new java.util.ArrayList<>();
    r.forEach(x -> got.add(x.get(0)));
    assertEquals(java.util.Arrays.asList("North", "East", "North", null, null), got);
    var none = new io.onecustomer.common.config.AppConfig.Geo(Map.of(), Map.of());
    assertNull(spark.sql("SELECT 'S1' AS s, 'Beijing' AS c").select(CustomerTransforms.region(
        org.apache.spark.sql.functions.col("s"), org.apache.spark.sql.functions.col("c"), none)).first().get(0));
  }

  @Test
  void everyIdentityCustomerGetsARowWithZerosWhereItHasNoActivity() {
    Dataset<Row> identities = spark.sql("SELECT * FROM VALUES"
        + " ('A', 'phone', CAST('2026-04-01 00:00:00' AS TIMESTAMP)), ('A', 'member_id', CAST('2026-03-01 00:00:00' AS TIMESTAMP)),"
        + " ('A', 'device_id', CAST('2026-05-01 00:00:00' AS TIMESTAMP)), ('C', 'device_id', CAST('2026-05-01 00:00:00' AS TIMESTAMP))"
        + " AS t(customer_id, id_type, first_seen_ts)");
    Dataset<Row> members = spark.sql("SELECT * FROM VALUES"
        + " ('A', 'M1', 'SILVER', true, false, 'pos', CAST('2026-01-01 00:00:00' AS TIMESTAMP), CAST('2026-04-01 00:00:00' AS TIMESTAMP)),"
        + " ('A', 'M1', 'GOLD', true, true, 'pos', CAST('2026-01-01 00:00:00' AS TIMESTAMP), CAST('2026-05-01 00:00:00' AS TIMESTAMP))"
        + " AS t(customer_id, member_id, tier, has_sms_consent, has_email_consent, registered_channel, registered_ts, updated_ts)");
    Dataset<Row> tickets = spark.sql("SELECT * FROM VALUES"
        + " ('A', 'K1', true, 1, CAST('2026-05-06 00:00:00' AS TIMESTAMP)), ('A', 'K2', false, 4, CAST('2026-05-07 00:00:00' AS TIMESTAMP)),"
        + " ('A', 'K3', false, NULL, CAST('2026-05-08 00:00:00' AS TIMESTAMP))"
        + " AS t(customer_id, ticket_id, is_complaint, satisfaction, created_ts)");
    Dataset<Row> touches = spark.sql("SELECT * FROM VALUES"
        + " ('C', CAST('2026-05-09 00:00:00' AS TIMESTAMP)), ('C', CAST('2026-05-10 00:00:00' AS TIMESTAMP)),"
        + " (NULL, CAST('2026-05-11 00:00:00' AS TIMESTAMP)) AS t(customer_id, event_ts)");
    Dataset<Row> built = CustomerTransforms.customers(identities, orders(A_ORDERS), members,
        tickets, touches, new io.onecustomer.common.config.AppConfig.Geo(Map.of("Shanghai", "East", "Beijing", "North"),
            Map.of("S1", "Beijing")), Date.valueOf("2026-05-10"));
    assertEquals(new java.util.TreeSet<>(CustomerSpecs.CUSTOMERS.columnNames()),
        new java.util.TreeSet<>(List.of(built.columns())), "the transform builds exactly the spec's columns");
    Dataset<Row> out = CustomerSpecs.CUSTOMERS.conform(built);
    Map<String, Row> c = byCustomer(out);
    assertEquals(2, c.size(), "A and C; the anonymous touch and the distributor line resolve to nobody");
    Row a = c.get("A");
    assertEquals("GOLD", get(a, "member_tier"), "latest profile");
    assertEquals("North", get(a, "region"), "home store S1 is in Beijing; it outranks the Shanghai shipping city");
    assertNull(get(c.get("C"), "region"));
    assertEquals(true, get(a, "has_email_consent"));
    assertEquals(3L, get(a, "service_tickets"));
    assertEquals(1L, get(a, "complaints"));
    assertEquals(2.5, (double) get(a, "avg_satisfaction"), 1e-9);
    assertEquals(java.sql.Timestamp.valueOf("2026-05-08 00:00:00"), get(a, "last_activity_ts"));
    assertEquals(3L, get(a, "identifiers"));
    assertEquals(1L, get(a, "phones"));
    assertEquals(0L, get(a, "emails"));
    Row cc = c.get("C");
    assertEquals(0L, get(cc, "orders"));
    assertEquals(money("0"), get(cc, "revenue"));
    assertEquals(money("0"), get(cc, "revenue_pos"));
    assertEquals(List.of(), cc.getList(cc.fieldIndex("channels_used")));
    assertFalse((Boolean) get(cc, "is_member"));
    assertNull(get(cc, "member_tier"));
    assertEquals(2L, get(cc, "touchpoints"));
    assertEquals(java.sql.Timestamp.valueOf("2026-05-10 00:00:00"), get(cc, "last_activity_ts"));
    assertEquals(Date.valueOf("2026-05-10"), get(cc, "snapshot_date"));
  }
}
