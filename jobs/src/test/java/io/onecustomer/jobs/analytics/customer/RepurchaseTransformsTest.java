package io.onecustomer.jobs.analytics.customer;

import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.by;
import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.date;
import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.days;
import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.get;
import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.line;
import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.onecustomer.jobs.analytics.customer.BehaviourTables.Repurchase;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RepurchaseTransformsTest {
  static Dataset<Row> lines;

  @BeforeAll
  static void data() {
    lines = BehaviourTestData.lines(String.join(",",
        // A: a single purchase.
        line("A", "pos", "A1", "sofa", "P-SOFA", 100, "completed", "2026-06-10 10:00:00"),
        // B: pos, pos, marketplace, then one pos order with two categories.
        line("B", "pos", "B1", "chair", "P-CH", 50, "completed", "2026-06-02 10:00:00"),
        line("B", "pos", "B2", "chair", "P-CH", 30, "completed", "2026-06-05 10:00:00"),
        line("B", "marketplace", "B3", "lamp", "P-LA", 20, "completed", "2026-06-15 10:00:00"),
        line("B", "pos", "B4", "chair", "P-CH", 10, "completed", "2026-06-25 10:00:00"),
        line("B", "pos", "B4", "lamp", "P-LA", 5, "completed", "2026-06-25 10:00:00"),
        // C: the day before a 30-day window ending 06-30, then two orders on one day.
        line("C", "marketplace", "C0", "lamp", "P-LA", 1000, "completed", "2026-05-31 10:00:00"),
        line("C", "marketplace", "C1", "lamp", "P-LA", 40, "completed", "2026-06-01 09:00:00"),
        line("C", "marketplace", "C2", "lamp", "P-LA", 60, "completed", "2026-06-01 18:00:00"),
        // D: only a cancelled order; E: a buyer no customer resolves to.
        line("D", "pos", "D1", "chair", "P-CH", 70, "cancelled", "2026-06-20 10:00:00"),
        line(null, "pos", "E1", "chair", "P-CH", 999, "completed", "2026-06-20 10:00:00"),
        // F: two pos chairs six days apart.
        line("F", "pos", "F1", "chair", "P-CH", 20, "completed", "2026-06-03 10:00:00"),
        line("F", "pos", "F2", "chair", "P-CH", 20, "completed", "2026-06-09 10:00:00")));
  }

  static Map<String, Row> metrics(List<LocalDate> snapshots, int windowDays) {
    Dataset<Row> purchases = BehaviourTestData.purchases(lines);
    Dataset<Row> out = RepurchaseTransforms.repurchaseMetrics(purchases,
        RepurchaseTransforms.categoryPurchases(lines, purchases), snapshots, windowDays);
    return by(CustomerAnalyticsSpecs.REPURCHASE_METRICS.conform(out), BehaviourTables.SNAPSHOT_DATE, Repurchase.DIMENSION,
        Repurchase.DIMENSION_VALUE);
  }

  static void assertRow(Row r, long customers, long repeat, Double median, long orders, String revenue, String aov,
      double penetration) {
    assertEquals(customers, get(r, Repurchase.CUSTOMERS), "customers");
    assertEquals(repeat, get(r, Repurchase.REPEAT_CUSTOMERS), "repeat_customers");
    assertEquals((double) repeat / customers, (double) get(r, Repurchase.REPURCHASE_RATE), 1e-12, "repurchase_rate");
    assertEquals(median, get(r, Repurchase.MEDIAN_CYCLE_DAYS), "median_cycle_days");
    assertEquals(orders, get(r, Repurchase.ORDERS), "orders");
    assertEquals(money(revenue), get(r, Repurchase.REVENUE), "revenue");
    assertEquals(money(aov), get(r, Repurchase.AVERAGE_ORDER_VALUE), "average_order_value");
    assertEquals(penetration, (double) get(r, Repurchase.PENETRATION), 1e-12, "penetration");
  }

  @Test
  void overallCountsRepeatDaysWithinTheWindowAndMedianOfAnEvenNumberOfCyclesIsTheMeanOfTheMiddleTwo() {
    Map<String, Row> m = metrics(days("2026-06-30"), 30);
    Row overall = m.get("2026-06-30|overall|all");
    // A once; B on 02, 05, 15, 25 (cycles 3, 10, 10); C twice on 06-01 only (C0 on 05-31 is
    // outside the window); F on 03 and 09 (cycle 6). D cancelled, E unresolved.
    // Cycles 3, 6, 10, 10: median (6 + 10) / 2 = 8. Orders A1 B1 B2 B3 B4 C1 C2 F1 F2.
    assertRow(overall, 4, 2, 8.0, 9, "355", "39.44", 1.0);
    assertEquals(date("2026-06-01"), get(overall, Repurchase.WINDOW_START));
    assertEquals(6, m.size(), "overall, pos, marketplace, chair, lamp, sofa");
  }

  @Test
  void channelRowsCountOnlyTheChannelsPurchasesAndTwoOrdersOnOneDayAreNoRepurchase() {
    Map<String, Row> m = metrics(days("2026-06-30"), 30);
    // pos: A (10), B (02, 05, 25: cycles 3, 20), F (03, 09: cycle 6) -> median of 3, 6, 20 is 6.
    assertRow(m.get("2026-06-30|channel|pos"), 3, 2, 6.0, 6, "235", "39.17", 0.75);
    // marketplace: B once, C twice on the same day: no repeat customer, no cycle.
    Row marketplace = m.get("2026-06-30|channel|marketplace");
    assertRow(marketplace, 2, 0, null, 3, "120", "40.00", 0.5);
  }

  @Test
  void categoryRowsCountPurchasesContainingTheCategoryWithTheCategoryLinesRevenueAndPenetration() {
    Map<String, Row> m = metrics(days("2026-06-30"), 30);
    // chair: B (02, 05, 25) and F (03, 09): cycles 3, 20, 6 -> 6; 50 + 30 + 10 + 20 + 20.
    assertRow(m.get("2026-06-30|category|chair"), 2, 2, 6.0, 5, "130", "26.00", 0.5);
    // lamp: B (15, 25: cycle 10), C (01 twice); B4 counts its lamp line only (5).
    assertRow(m.get("2026-06-30|category|lamp"), 2, 1, 10.0, 4, "125", "31.25", 0.5);
  }

  @Test
  void aCustomerWithASinglePurchaseIsNoRepeatCustomerAndHasNoCycle() {
    Row sofa = metrics(days("2026-06-30"), 30).get("2026-06-30|category|sofa");
    assertRow(sofa, 1, 0, null, 1, "100", "100.00", 0.25);
    assertEquals(0.0, get(sofa, Repurchase.REPURCHASE_RATE));
  }

  @Test
  void everySnapshotOfARunHasItsOwnWindowInOnePass() {
    Map<String, Row> m = metrics(days("2026-06-15", "2026-06-30"), 30);
    // 06-15: window 05-17..06-15 holds C0, so C repeats (05-31, 06-01: cycle 1); B on 02, 05, 15
    // (3, 10); F (6): cycles 1, 3, 6, 10 -> 4.5. A once. Orders A1 B1 B2 B3 C0 C1 C2 F1 F2.
    assertRow(m.get("2026-06-15|overall|all"), 4, 3, 4.5, 9, "1340", "148.89", 1.0);
    assertEquals(date("2026-05-17"), get(m.get("2026-06-15|overall|all"), Repurchase.WINDOW_START));
    // 06-30 is the same as when computed alone.
    assertRow(m.get("2026-06-30|overall|all"), 4, 2, 8.0, 9, "355", "39.44", 1.0);
    // 06-15 has no pos order of B4 yet: pos is A, B (02, 05), F.
    assertRow(m.get("2026-06-15|channel|pos"), 3, 2, 4.5, 5, "220", "44.00", 0.75);
  }
}
