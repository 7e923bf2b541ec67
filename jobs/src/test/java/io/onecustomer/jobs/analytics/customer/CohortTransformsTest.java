package io.onecustomer.jobs.analytics.customer;

import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.by;
import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.date;
import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.days;
import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.get;
import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.line;
import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.onecustomer.jobs.analytics.customer.BehaviourTables.Cohort;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CohortTransformsTest {
  static Dataset<Row> purchases;

  @BeforeAll
  static void data() {
    purchases = BehaviourTestData.purchases(BehaviourTestData.lines(String.join(",",
        // P: first purchase late on the last day of January, then the next day and in March.
        line("P", "pos", "P1", "chair", "P-CH", 100, "completed", "2026-01-31 23:00:00"),
        line("P", "marketplace", "P2", "chair", "P-CH", 50, "completed", "2026-02-01 00:10:00"),
        line("P", "pos", "P3", "chair", "P-CH", 30, "completed", "2026-03-10 10:00:00"),
        // Q: once in January on the marketplace.
        line("Q", "marketplace", "Q1", "lamp", "P-LA", 200, "completed", "2026-01-05 10:00:00"),
        // R: first on February 1st; its March purchase is after the 03-15 snapshot.
        line("R", "miniprogram", "R1", "lamp", "P-LA", 80, "completed", "2026-02-01 00:30:00"),
        line("R", "miniprogram", "R2", "lamp", "P-LA", 999, "completed", "2026-03-16 10:00:00"),
        // S: a cancelled December order does not acquire; twice in January.
        line("S", "marketplace", "S0", "lamp", "P-LA", 70, "cancelled", "2025-12-20 10:00:00"),
        line("S", "pos", "S1", "lamp", "P-LA", 40, "completed", "2026-01-10 10:00:00"),
        line("S", "pos", "S2", "lamp", "P-LA", 60, "completed", "2026-01-20 10:00:00"),
        // T: first purchase after the snapshot.
        line("T", "pos", "T1", "lamp", "P-LA", 10, "completed", "2026-03-20 10:00:00"),
        // U: a December cohort.
        line("U", "pos", "U1", "lamp", "P-LA", 10, "completed", "2025-12-01 10:00:00"),
        // V: two orders at the same moment: the first channel name acquires.
        line("V", "pos", "V1", "lamp", "P-LA", 35, "completed", "2026-02-10 10:00:00"),
        line("V", "marketplace", "V2", "lamp", "P-LA", 25, "completed", "2026-02-10 10:00:00"))));
  }

  static Map<String, Row> cohorts(List<LocalDate> snapshots, int maxMonths) {
    Dataset<Row> out = CustomerAnalyticsSpecs.COHORT_RETENTION.conform(
        CohortTransforms.cohortRetention(purchases, snapshots, maxMonths));
    return by(out, BehaviourTables.SNAPSHOT_DATE, Cohort.COHORT_MONTH, Cohort.ACQUISITION_CHANNEL,
        Cohort.MONTHS_SINCE_ACQUISITION);
  }

  static void assertRow(Row r, long size, long active, String revenue, String cumulativePerCustomer) {
    assertEquals(size, get(r, Cohort.COHORT_SIZE), "cohort_size");
    assertEquals(active, get(r, Cohort.ACTIVE_CUSTOMERS), "active_customers");
    assertEquals((double) active / size, (double) get(r, Cohort.RETENTION_RATE), 1e-12, "retention_rate");
    assertEquals(money(revenue), get(r, Cohort.REVENUE), "revenue");
    assertEquals(money(cumulativePerCustomer), get(r, Cohort.CUMULATIVE_REVENUE_PER_CUSTOMER), "cumulative");
  }

  @Test
  void aFirstPurchaseOnTheLastDayOfAMonthJoinsThatMonthAndTheNextDayIsMonthOne() {
    Map<String, Row> m = cohorts(days("2026-03-15"), 24);
    // January, all channels: P (01-31), Q, S. Month 0: 100 + 200 + 40 + 60; month 1: P's 50;
    // month 2 (March up to the 15th): P's 30.
    assertRow(m.get("2026-03-15|2026-01-01|all|0"), 3, 3, "400", "133.33");
    assertRow(m.get("2026-03-15|2026-01-01|all|1"), 3, 1, "50", "150.00");
    Row march = m.get("2026-03-15|2026-01-01|all|2");
    assertRow(march, 3, 1, "30", "160.00");
    assertEquals(true, get(march, Cohort.IS_CURRENT_MONTH));
    assertEquals(date("2026-03-01"), get(march, Cohort.ACTIVITY_MONTH));
    assertEquals(false, get(m.get("2026-03-15|2026-01-01|all|1"), Cohort.IS_CURRENT_MONTH));
    // P and S came through pos; activity counts every channel (P's month 1 was on the marketplace).
    assertRow(m.get("2026-03-15|2026-01-01|pos|0"), 2, 2, "200", "100.00");
    assertRow(m.get("2026-03-15|2026-01-01|pos|1"), 2, 1, "50", "125.00");
    assertRow(m.get("2026-03-15|2026-01-01|pos|2"), 2, 1, "30", "140.00");
    // Q: a month without purchases is a row with 0 active.
    assertRow(m.get("2026-03-15|2026-01-01|marketplace|0"), 1, 1, "200", "200.00");
    assertRow(m.get("2026-03-15|2026-01-01|marketplace|2"), 1, 0, "0", "200.00");
  }

  @Test
  void monthsRunFromTheCohortToTheSnapshotMonthAndPurchasesAfterTheSnapshotDoNotCount() {
    Map<String, Row> m = cohorts(days("2026-03-15"), 24);
    // February: R (miniprogram; its March purchase is after 03-15) and V (a tie at 10:00 goes to
    // marketplace before pos). T's first purchase is after the snapshot: in no cohort.
    assertRow(m.get("2026-03-15|2026-02-01|miniprogram|0"), 1, 1, "80", "80.00");
    assertRow(m.get("2026-03-15|2026-02-01|miniprogram|1"), 1, 0, "0", "80.00");
    assertRow(m.get("2026-03-15|2026-02-01|marketplace|0"), 1, 1, "60", "60.00");
    assertFalse(m.containsKey("2026-03-15|2026-02-01|pos|0"));
    assertRow(m.get("2026-03-15|2026-02-01|all|0"), 2, 2, "140", "70.00");
    // December (U) runs to month 3; the cancelled December order of S acquires nobody.
    assertRow(m.get("2026-03-15|2025-12-01|all|0"), 1, 1, "10", "10.00");
    assertRow(m.get("2026-03-15|2025-12-01|pos|3"), 1, 0, "0", "10.00");
    assertFalse(m.containsKey("2026-03-15|2025-12-01|marketplace|0"));
    assertFalse(m.containsKey("2026-03-15|2026-03-01|all|0"), "T bought after the snapshot");
    // Dec: pos + all, 4 months each; Jan: pos, marketplace, all, 3 months; Feb: 3 x 2 months.
    assertEquals(8 + 9 + 6, m.size());
  }

  @Test
  void theAllRowsCohortSizeIsTheSumOverChannels() {
    Map<String, Row> m = cohorts(days("2026-01-31", "2026-03-15"), 24);
    Map<String, Long> sums = new HashMap<>();
    Map<String, Long> alls = new HashMap<>();
    m.forEach((k, r) -> {
      if (!k.endsWith("|0")) {
        return;
      }
      String cohort = get(r, BehaviourTables.SNAPSHOT_DATE) + "|" + get(r, Cohort.COHORT_MONTH);
      long size = (long) get(r, Cohort.COHORT_SIZE);
      if (Cohort.ALL.equals(get(r, Cohort.ACQUISITION_CHANNEL))) {
        alls.put(cohort, size);
      } else {
        sums.merge(cohort, size, Long::sum);
      }
    });
    assertEquals(alls, sums);
    assertEquals(Map.of("2026-01-31|2025-12-01", 1L, "2026-01-31|2026-01-01", 3L,
        "2026-03-15|2025-12-01", 1L, "2026-03-15|2026-01-01", 3L, "2026-03-15|2026-02-01", 2L), alls);
    // On 01-31 P's purchase late that day is in its January cohort's month 0.
    assertRow(m.get("2026-01-31|2026-01-01|pos|0"), 2, 2, "200", "100.00");
    assertEquals(true, get(m.get("2026-01-31|2026-01-01|pos|0"), Cohort.IS_CURRENT_MONTH));
  }

  @Test
  void maxMonthsKeepsTheSnapshotMonthAndTheMonthsBeforeIt() {
    Map<String, Row> m = cohorts(days("2026-03-15"), 3);
    // January..March: December is left out (and March has no cohort yet).
    assertFalse(m.keySet().stream().anyMatch(k -> k.contains("|2025-12-01|")));
    assertEquals(9 + 6, m.size());
    assertNull(m.get("2026-03-15|2025-12-01|all|0"));
  }
}
