package io.onecustomer.jobs.analytics.customer;

import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.by;
import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.date;
import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.days;
import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.get;
import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.jobs.analytics.customer.BehaviourTables.CrossSell;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CrossSellTransformsTest {
  static Dataset<Row> purchases;

  @BeforeAll
  static void data() {
    purchases = BehaviourTestData.purchases(BehaviourTestData.lines(String.join(",",
        // K1: coffee table exactly 90 days after the sofa (01-10 + 90 = 04-10): counts.
        line("K1", "pos", "K1a", "sofa", "P-SOFA", 900, "completed", "2026-01-10 10:00:00"),
        line("K1", "pos", "K1b", "coffee_table", "P-CT", 300, "completed", "2026-04-10 10:00:00"),
        // K2: 91 days after: does not count.
        line("K2", "pos", "K2a", "sofa", "P-SOFA", 900, "completed", "2026-01-10 10:00:00"),
        line("K2", "pos", "K2b", "coffee_table", "P-CT", 300, "completed", "2026-04-11 10:00:00"),
        // K3: both in one order on one day: a basket, not a cross-sell (either way).
        line("K3", "pos", "K3a", "sofa", "P-SOFA", 900, "completed", "2026-02-01 10:00:00"),
        line("K3", "pos", "K3a", "coffee_table", "P-CT", 300, "completed", "2026-02-01 10:00:00"),
        // K4: the coffee table before the sofa: coffee_table -> sofa (lag 4), not sofa -> coffee_table.
        line("K4", "pos", "K4a", "coffee_table", "P-CT", 300, "completed", "2026-03-01 10:00:00"),
        line("K4", "pos", "K4b", "sofa", "P-SOFA", 900, "completed", "2026-03-05 10:00:00"),
        // K5: another coffee table product 7 days after.
        line("K5", "marketplace", "K5a", "sofa", "P-SOFA", 900, "completed", "2026-05-01 10:00:00"),
        line("K5", "pos", "K5b", "coffee_table", "P-CT2", 300, "completed", "2026-05-08 10:00:00"),
        // K6: a lamp only.
        line("K6", "pos", "K6a", "lamp", "P-LA", 50, "completed", "2026-06-01 10:00:00"),
        // K7: two sofas; the lag counts from the later one (10 days).
        line("K7", "pos", "K7a", "sofa", "P-SOFA", 900, "completed", "2026-01-01 10:00:00"),
        line("K7", "pos", "K7b", "sofa", "P-SOFA", 900, "completed", "2026-03-01 10:00:00"),
        line("K7", "pos", "K7c", "coffee_table", "P-CT", 300, "completed", "2026-03-11 10:00:00"),
        // K8: the sofa the day before a 365-day lookback ending 12-31: only the coffee table is in it.
        line("K8", "pos", "K8a", "sofa", "P-SOFA", 900, "completed", "2025-12-31 10:00:00"),
        line("K8", "pos", "K8b", "coffee_table", "P-CT", 300, "completed", "2026-01-05 10:00:00"),
        // K9: a cancelled coffee table after a sofa is no purchase.
        line("K9", "pos", "K9a", "sofa", "P-SOFA", 900, "completed", "2026-07-01 10:00:00"),
        line("K9", "pos", "K9b", "coffee_table", "P-CT", 300, "cancelled", "2026-07-02 10:00:00"))));
  }

  static Map<String, Row> pairs(List<String> levels, List<LocalDate> snapshots, int minCustomers) {
    Dataset<Row> out = CrossSellTransforms.crossSellPairs(purchases, levels, snapshots, 365, 90, minCustomers);
    return by(CustomerAnalyticsSpecs.CROSS_SELL_PAIRS.conform(out), BehaviourTables.SNAPSHOT_DATE, CrossSell.LEVEL,
        CrossSell.ITEM_X, CrossSell.ITEM_Y);
  }

  @Test
  void yCountsOnlyOneToWithinDaysAfterXInsideTheLookbackAndLiftIsConfidenceOverYsShare() {
    Row r = pairs(List.of("category"), days("2026-12-31"), 1).get("2026-12-31|category|sofa|coffee_table");
    // Customers in the lookback: K1..K7, K8 (coffee table), K9 = 9. Sofa buyers in it: K1 K2 K3 K4
    // K5 K7 K9 = 7 (K8's sofa is before it). Coffee table buyers: K1 K2 K3 K4 K5 K7 K8 = 7.
    // Y 1..90 days after X: K1 (90), K5 (7), K7 (10); not K2 (91), K3 (same day), K4 (before), K8
    // (X before the lookback), K9 (cancelled).
    assertEquals(9L, get(r, CrossSell.CUSTOMERS_ALL));
    assertEquals(7L, get(r, CrossSell.CUSTOMERS_X));
    assertEquals(7L, get(r, CrossSell.CUSTOMERS_Y));
    assertEquals(3L, get(r, CrossSell.CUSTOMERS_XY));
    assertEquals(3.0 / 9, (double) get(r, CrossSell.SUPPORT), 1e-12);
    assertEquals(3.0 / 7, (double) get(r, CrossSell.CONFIDENCE), 1e-12);
    assertEquals((3.0 / 7) / (7.0 / 9), (double) get(r, CrossSell.LIFT), 1e-12);
    assertEquals(10.0, get(r, CrossSell.MEDIAN_LAG_DAYS), "lags 7, 10, 90");
    assertEquals(date("2026-01-01"), get(r, CrossSell.LOOKBACK_START));
  }

  @Test
  void theReverseOrderIsItsOwnPairAndMinCustomersDropsSmallPairs() {
    Map<String, Row> all = pairs(List.of("category"), days("2026-12-31"), 1);
    Row back = all.get("2026-12-31|category|coffee_table|sofa");
    assertEquals(1L, get(back, CrossSell.CUSTOMERS_XY), "K4 only");
    assertEquals(7L, get(back, CrossSell.CUSTOMERS_X));
    assertEquals(7L, get(back, CrossSell.CUSTOMERS_Y));
    assertEquals((1.0 / 7) / (7.0 / 9), (double) get(back, CrossSell.LIFT), 1e-12);
    assertEquals(4.0, get(back, CrossSell.MEDIAN_LAG_DAYS));
    assertEquals(2, all.size(), "no pair with the lamp, none of an item with itself");

    Map<String, Row> kept = pairs(List.of("category"), days("2026-12-31"), 3);
    assertEquals(List.of("2026-12-31|category|sofa|coffee_table"), List.copyOf(kept.keySet()));
    assertTrue(pairs(List.of("category"), days("2026-12-31"), 4).isEmpty());
  }

  @Test
  void productLevelPairsProductCodes() {
    Map<String, Row> m = pairs(List.of("category", "product"), days("2026-12-31"), 1);
    Row ct = m.get("2026-12-31|product|P-SOFA|P-CT");
    assertEquals(2L, get(ct, CrossSell.CUSTOMERS_XY), "K1 and K7; K5 bought P-CT2");
    assertEquals(6L, get(ct, CrossSell.CUSTOMERS_Y), "K1 K2 K3 K4 K7 K8");
    assertEquals(1L, get(m.get("2026-12-31|product|P-SOFA|P-CT2"), CrossSell.CUSTOMERS_XY));
    assertEquals(3L, get(m.get("2026-12-31|category|sofa|coffee_table"), CrossSell.CUSTOMERS_XY));
    assertEquals(5, m.size());
  }

  @Test
  void eachSnapshotCountsOnlyPurchasesUpToItsDay() {
    Map<String, Row> m = pairs(List.of("category"), days("2026-04-10", "2026-12-31"), 1);
    Row april = m.get("2026-04-10|category|sofa|coffee_table");
    // Up to 04-10: K1 (90, its Y on the snapshot day), K7 (10) and K8, whose 2025-12-31 sofa is
    // inside this lookback (5); K2's Y is 04-11.
    assertEquals(3L, get(april, CrossSell.CUSTOMERS_XY));
    assertEquals(10.0, get(april, CrossSell.MEDIAN_LAG_DAYS), "lags 5, 10 and 90");
    // Lookback 2025-04-11..2026-04-10 holds K8's sofa; customers: K1 K2 K3 K4 K7 K8 (K5, K6, K9 later).
    assertEquals(6L, get(april, CrossSell.CUSTOMERS_ALL));
    assertEquals(6L, get(april, CrossSell.CUSTOMERS_X));
    assertEquals(3L, get(m.get("2026-12-31|category|sofa|coffee_table"), CrossSell.CUSTOMERS_XY));
    assertFalse(m.containsKey("2026-04-10|category|lamp|sofa"));
  }
}
