package io.onecustomer.jobs.analytics.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.jobs.TestSpark;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class CustomerFlagsTransformsTest {
  static final SparkSession spark = TestSpark.session();

  /** Purchases: customer, day (several rows of a day are several purchases). */
  static Dataset<Row> purchaseDays(String values) {
    return RfmTransforms.purchaseDays(spark.sql("SELECT customer_id, CAST(d AS DATE) AS order_date,"
        + " CAST(10 AS DECIMAL(18,2)) AS net_amount FROM VALUES " + values + " AS t(customer_id, d)"));
  }

  /** Tickets: customer, created day, is_complaint. */
  static Dataset<Row> tickets(String values) {
    return spark.sql("SELECT customer_id, CAST(d AS DATE) AS created_date, c AS is_complaint FROM VALUES "
        + values + " AS t(customer_id, d, c)");
  }

  static final Dataset<Row> NO_TICKETS = tickets("('nobody', '2000-01-01', false)");

  static Dataset<Row> snaps(String... days) {
    return RfmTransforms.snapshotDays(spark, java.util.Arrays.stream(days).map(LocalDate::parse).toList());
  }

  static Map<String, Row> by(Dataset<Row> df) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : df.collectAsList()) {
      m.put(r.get(r.fieldIndex("customer_id")) + "|" + r.get(r.fieldIndex("snapshot_date")), r);
    }
    return m;
  }

  static Object get(Row r, String c) {
    return r.get(r.fieldIndex(c));
  }

  static Map<String, Row> flags(Dataset<Row> days, Dataset<Row> tickets, int minComplaints, String... snapshots) {
    return by(CustomerFlagsTransforms.customerFlags(days, tickets, snaps(snapshots), 30, minComplaints, 1.5, 3));
  }

  @Test
  void frequencyFallsOnlyWhenEachOfFourPeriodsIsStrictlyBelowTheOneBefore() {
    // Snapshot 2026-11-30; period 1 = (10-31, 11-30], period 2 = (10-01, 10-31], period 3 = (09-01, 10-01],
    // period 4 = (08-02, 09-01]. A day exactly 30 days back (10-31) belongs to period 2.
    Dataset<Row> days = purchaseDays(
        "('fall', '2026-08-03'), ('fall', '2026-08-20'), ('fall', '2026-09-01'),"  // p4: 3
            + "('fall', '2026-09-02'), ('fall', '2026-10-01'),"                     // p3: 2
            + "('fall', '2026-10-31'),"                                             // p2: 1 (30 days back)
            // p1: 0
            + "('flat', '2026-08-10'), ('flat', '2026-08-11'), ('flat', '2026-08-12'),"  // p4: 3
            + "('flat', '2026-09-10'), ('flat', '2026-09-11'),"                        // p3: 2
            + "('flat', '2026-10-10'), ('flat', '2026-10-11'),"                        // p2: 2 (equal: not falling)
            + "('flat', '2026-11-01'),"                                                // p1: 1
            + "('edge', '2026-08-02'), ('edge', '2026-08-02'), ('edge', '2026-08-02')," // 120 days back: before p4
            + "('edge', '2026-09-05'), ('edge', '2026-09-05'), ('edge', '2026-10-05'), ('edge', '2026-11-30')");
    Map<String, Row> f = flags(days, NO_TICKETS, 1, "2026-11-30");
    Row fall = f.get("fall|2026-11-30");
    assertEquals(List.of(0L, 1L, 2L, 3L), List.of(get(fall, "purchases_period_1"), get(fall, "purchases_period_2"),
        get(fall, "purchases_period_3"), get(fall, "purchases_period_4")));
    assertTrue((Boolean) get(fall, "is_frequency_falling"));
    Row flat = f.get("flat|2026-11-30");
    assertEquals(List.of(1L, 2L, 2L, 3L), List.of(get(flat, "purchases_period_1"), get(flat, "purchases_period_2"),
        get(flat, "purchases_period_3"), get(flat, "purchases_period_4")));
    assertFalse((Boolean) get(flat, "is_frequency_falling"), "an equal period is not falling");
    Row edge = f.get("edge|2026-11-30");
    assertEquals(List.of(1L, 1L, 2L, 0L), List.of(get(edge, "purchases_period_1"), get(edge, "purchases_period_2"),
        get(edge, "purchases_period_3"), get(edge, "purchases_period_4")), "08-02 is 120 days back: outside");
    assertFalse((Boolean) get(edge, "is_frequency_falling"));
    assertEquals(17.0, get(fall, "typical_cycle_days"), "gaps 17, 12, 1, 29, 30");
    assertEquals(2, get(fall, "flag_count"), "falling, and lapsed: 30 days since the last purchase > 1.5 x 17");
  }

  @Test
  void complaintsRiseWhenTheLastPeriodHasMoreThanTheOneBeforeAndAtLeastTheMinimum() {
    Dataset<Row> days = purchaseDays("('up', '2026-11-01'), ('same', '2026-11-01'), ('first', '2026-11-01'),"
        + "('none', '2026-11-01')");
    Dataset<Row> t = tickets(
        "('up', '2026-11-30', true), ('up', '2026-11-01', true), ('up', '2026-10-31', true),"  // 2 vs 1
            + "('up', '2026-11-20', false),"                                                   // not a complaint
            + "('same', '2026-11-10', true), ('same', '2026-10-10', true),"                    // 1 vs 1
            + "('first', '2026-11-10', true), ('first', '2026-09-30', true),"                  // 1 vs 0 (09-30: too old)
            + "('nobuyer', '2026-11-10', true), (NULL, '2026-11-10', true)");
    Map<String, Row> f = flags(days, t, 1, "2026-11-30");
    assertEquals(4, f.size(), "complainers without a purchase get no row");
    Row up = f.get("up|2026-11-30");
    assertEquals(2L, get(up, "complaints_last_period"));
    assertEquals(1L, get(up, "complaints_previous_period"));
    assertTrue((Boolean) get(up, "is_complaints_rising"));
    assertFalse((Boolean) get(f.get("same|2026-11-30"), "is_complaints_rising"));
    Row first = f.get("first|2026-11-30");
    assertEquals(0L, get(first, "complaints_previous_period"));
    assertTrue((Boolean) get(first, "is_complaints_rising"));
    Row none = f.get("none|2026-11-30");
    assertEquals(0L, get(none, "complaints_last_period"));
    assertFalse((Boolean) get(none, "is_complaints_rising"));

    Map<String, Row> strict = flags(days, t, 2, "2026-11-30");
    assertTrue((Boolean) get(strict.get("up|2026-11-30"), "is_complaints_rising"));
    assertFalse((Boolean) get(strict.get("first|2026-11-30"), "is_complaints_rising"), "1 < min-complaints 2");
  }

  @Test
  void lapsedOnlyWhenDaysSinceLastPurchaseExceedFactorTimesTheMedianCycle() {
    // 'ten': purchase days 10-01, 10-11, 10-21 -> gaps 10, 10 -> cycle 10; x1.5 = 15. On 11-05 (15 days)
    // not lapsed, on 11-06 (16 days) lapsed. 'two': two purchase days -> below min-purchase-days 3: no
    // cycle, never lapsed. 'even': gaps 10 and 30 -> median 20 (mean of the middle two).
    Dataset<Row> days = purchaseDays("('ten', '2026-10-01'), ('ten', '2026-10-11'), ('ten', '2026-10-21'),"
        + "('ten', '2026-10-21'), ('two', '2026-06-01'), ('two', '2026-06-02'),"
        + "('even', '2026-09-01'), ('even', '2026-09-11'), ('even', '2026-10-11'), ('later', '2026-11-06')");
    Map<String, Row> f = flags(days, NO_TICKETS, 1, "2026-11-05", "2026-11-06");
    Row at = f.get("ten|2026-11-05");
    assertEquals(10.0, get(at, "typical_cycle_days"));
    assertEquals(3L, get(at, "purchase_days"), "two purchases on 10-21 are one purchase day");
    assertEquals(15, get(at, "days_since_last_purchase"));
    assertFalse((Boolean) get(at, "is_lapsed"), "exactly 1.5 x the cycle is not lapsed");
    assertEquals(0, get(at, "flag_count"));
    Row over = f.get("ten|2026-11-06");
    assertEquals(16, get(over, "days_since_last_purchase"));
    assertTrue((Boolean) get(over, "is_lapsed"));
    assertEquals(1, get(over, "flag_count"));
    Row two = f.get("two|2026-11-06");
    assertNull(get(two, "typical_cycle_days"));
    assertFalse((Boolean) get(two, "is_lapsed"));
    assertEquals(20.0, get(f.get("even|2026-11-05"), "typical_cycle_days"));
    assertNull(f.get("later|2026-11-05"), "first purchase after the snapshot");
    assertEquals(0, get(f.get("later|2026-11-06"), "days_since_last_purchase"));
  }

  @Test
  void flagCountAddsAllThreeFlags() {
    // Snapshot 11-10: period 4 = (07-13, 08-12] has 3 purchases, period 3 = (08-12, 09-11] 2, period 2 =
    // (09-11, 10-11] 1, period 1 none; gaps 1, 1, 29, 1, 30 -> cycle 1; 51 days since -> lapsed; one
    // complaint in period 1, none before -> rising.
    Dataset<Row> days = purchaseDays("('all', '2026-07-20'), ('all', '2026-07-21'), ('all', '2026-07-22'),"
        + "('all', '2026-08-20'), ('all', '2026-08-21'), ('all', '2026-09-20')");
    Dataset<Row> t = tickets("('all', '2026-11-01', true)");
    Row all = flags(days, t, 1, "2026-11-10").get("all|2026-11-10");
    assertTrue((Boolean) get(all, "is_frequency_falling"));
    assertTrue((Boolean) get(all, "is_complaints_rising"));
    assertTrue((Boolean) get(all, "is_lapsed"));
    assertEquals(1.0, get(all, "typical_cycle_days"));
    assertEquals(3, get(all, "flag_count"));
  }
}
