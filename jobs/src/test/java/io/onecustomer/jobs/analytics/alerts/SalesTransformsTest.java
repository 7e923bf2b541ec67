package io.onecustomer.jobs.analytics.alerts;

import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.assertDecimal;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.by;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.get;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.lines;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.spark;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.alerts.AlertTables.SalesAlerts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SalesTransformsTest {
  /** A Thursday; its same weekdays before: 10-15, 10-08, 10-01, 09-24. */
  static final LocalDate D = LocalDate.parse("2026-10-22");

  /**
   * Daily purchases of scope pos x South from {@code start}: orders[i] on day start + i, revenue
   * 100 per order.
   */
  static Dataset<Row> daily(LocalDate start, int... orders) {
    List<String> v = new ArrayList<>();
    for (int i = 0; i < orders.length; i++) {
      v.add("('" + start.plusDays(i) + "', " + orders[i] + ")");
    }
    return spark.sql("SELECT CAST(d AS DATE) AS " + SalesTransforms.DAY + ", 'pos' AS channel, 'South' AS region,"
        + " 'region_channel' AS scope, CAST(o * 100 AS DECIMAL(18,2)) AS revenue, CAST(o AS BIGINT) AS orders"
        + " FROM VALUES " + String.join(",", v) + " AS t(d, o)")
        .where("orders > 0"); // a day without purchases has no row
  }

  /** 29 days ending on D: the same count every day, then {@code onD} on D. */
  static int[] flat(int perDay, int onD) {
    int[] o = new int[29];
    java.util.Arrays.fill(o, perDay);
    o[28] = onD;
    return o;
  }

  static Row one(Dataset<Row> daily, int windowDays, int minOrders) {
    List<Row> rows = SalesTransforms.salesAlerts(daily, D, D, 4, windowDays, 0.35, 0.6, minOrders).collectAsList();
    assertEquals(1, rows.size(), rows.toString());
    return rows.get(0);
  }

  @Test
  void dropExactlyAtTheThresholdAlertsAndJustBelowDoesNot() {
    Row at = one(daily(D.minusDays(28), flat(20, 13)), 1, 10);
    assertEquals(4, get(at, SalesAlerts.BASELINE_WEEKS));
    assertDecimal("20", get(at, SalesAlerts.BASELINE_ORDERS), "median of four 20s");
    assertDecimal("2000", get(at, SalesAlerts.BASELINE_REVENUE), "median revenue");
    assertDecimal("0.35", get(at, SalesAlerts.ORDERS_DROP), "1 - 13/20");
    assertDecimal("0.35", get(at, SalesAlerts.REVENUE_DROP), "1 - 1300/2000");
    assertEquals(true, get(at, SalesAlerts.IS_ALERT), "drop >= threshold alerts at exactly 0.35");
    assertEquals("warning", get(at, SalesAlerts.SEVERITY));
    assertEquals(1, get(at, SalesAlerts.CONSECUTIVE_DAYS));
    Row below = one(daily(D.minusDays(28), flat(20, 14)), 1, 10);
    assertDecimal("0.30", get(below, SalesAlerts.ORDERS_DROP), "1 - 14/20");
    assertEquals(false, get(below, SalesAlerts.IS_ALERT));
    assertNull(get(below, SalesAlerts.SEVERITY));
    assertEquals(0, get(below, SalesAlerts.CONSECUTIVE_DAYS));
  }

  @Test
  void fewerWeeksOfHistoryThanConfiguredGiveNoBaselineAndNoAlert() {
    // Data starts 21 days before D: three same weekdays, four configured.
    int[] o = new int[22];
    java.util.Arrays.fill(o, 20);
    o[21] = 0;
    Dataset<Row> d = daily(D.minusDays(21), o);
    Row r = one(d, 1, 10);
    assertEquals(3, get(r, SalesAlerts.BASELINE_WEEKS), "10-15, 10-08, 10-01");
    assertNull(get(r, SalesAlerts.BASELINE_ORDERS), "four weeks are needed");
    assertNull(get(r, SalesAlerts.ORDERS_DROP));
    assertEquals(0L, get(r, SalesAlerts.ORDERS), "a day without purchases is a zero row");
    assertEquals(false, get(r, SalesAlerts.IS_ALERT), "no sales at all, but no baseline either");
    List<Row> three = SalesTransforms.salesAlerts(d, D, D, 3, 1, 0.35, 0.6, 10).collectAsList();
    assertEquals(true, get(three.get(0), SalesAlerts.IS_ALERT), "with baseline-weeks = 3 the same day alerts");
  }

  @Test
  void aPromotionSpikeInTheBaselineDoesNotMoveTheMedian() {
    int[] o = flat(20, 20);
    o[14] = 100; // 10-08, a promotion Thursday: five times the usual
    Row r = one(daily(D.minusDays(28), o), 1, 10);
    assertDecimal("20", get(r, SalesAlerts.BASELINE_ORDERS), "median of 20, 20, 100, 20 (the mean would be 40)");
    assertDecimal("0", get(r, SalesAlerts.ORDERS_DROP), "20 against 20");
    assertEquals(false, get(r, SalesAlerts.IS_ALERT), "a 50% drop against the mean; none against the median");
    int[] even = flat(20, 20);
    even[14] = 100;
    even[7] = 30; // 10-15
    Row r2 = one(daily(D.minusDays(28), even), 1, 10);
    assertDecimal("25", get(r2, SalesAlerts.BASELINE_ORDERS), "median of 20, 20, 30, 100: mean of the middle two");
  }

  @Test
  void aWeekdayWithoutSalesCountsAsZeroInTheBaseline() {
    int[] o = flat(20, 20);
    o[7] = 0;  // 10-15: no purchases, no row
    o[14] = 0; // 10-08
    Row r = one(daily(D.minusDays(28), o), 1, 0);
    assertDecimal("10", get(r, SalesAlerts.BASELINE_ORDERS), "median of 0, 0, 20, 20");
  }

  @Test
  void aSmallBaselineNeverAlerts() {
    Row r = one(daily(D.minusDays(28), flat(19, 1)), 1, 20);
    assertDecimal("0.9474", get(r, SalesAlerts.ORDERS_DROP), "1 - 1/19");
    assertEquals(false, get(r, SalesAlerts.IS_ALERT), "19 baseline orders a day < min-baseline-orders 20");
  }

  @Test
  void theWindowSumsDaysAndConsecutiveDaysCountTheStreakAcrossNights() {
    int[] o = new int[30]; // from D-29: D-1 needs its own four weeks too
    java.util.Arrays.fill(o, 20);
    o[29] = 6; // D-1 normal, D at 6: window of 2 is 26 against 40
    Row w2 = one(daily(D.minusDays(29), o), 2, 10);
    assertEquals(26L, get(w2, SalesAlerts.WINDOW_ORDERS));
    assertDecimal("40", get(w2, SalesAlerts.WINDOW_BASELINE_ORDERS), "20 + 20");
    assertDecimal("0.35", get(w2, SalesAlerts.ORDERS_DROP), "1 - 26/40");
    assertEquals(true, get(w2, SalesAlerts.IS_ALERT));
    assertEquals(6L, get(w2, SalesAlerts.ORDERS), "the day's own orders stay visible");
    Row short2 = one(daily(D.minusDays(28), flat(20, 6)), 2, 10);
    assertDecimal("20", get(short2, SalesAlerts.BASELINE_ORDERS), "D has its four weeks ...");
    assertNull(get(short2, SalesAlerts.WINDOW_BASELINE_ORDERS), "... D-1 has not: no window baseline");
    assertEquals(false, get(short2, SalesAlerts.IS_ALERT));

    int[] streak = new int[31]; // from D-30, so that D-2 has four weeks
    java.util.Arrays.fill(streak, 20);
    streak[28] = 8; // D-2
    streak[29] = 7; // D-1
    streak[30] = 5; // D
    Dataset<Row> d = daily(D.minusDays(30), streak);
    Map<LocalDate, Row> backfill = by(SalesTransforms.salesAlerts(d, D.minusDays(2), D, 4, 1, 0.35, 0.6, 10),
        r -> ((java.sql.Date) get(r, SalesAlerts.ALERT_DATE)).toLocalDate());
    assertEquals(1, get(backfill.get(D.minusDays(2)), SalesAlerts.CONSECUTIVE_DAYS));
    assertEquals(2, get(backfill.get(D.minusDays(1)), SalesAlerts.CONSECUTIVE_DAYS));
    assertEquals(3, get(backfill.get(D), SalesAlerts.CONSECUTIVE_DAYS));
    assertEquals("critical", get(backfill.get(D), SalesAlerts.SEVERITY), "1 - 5/20 = 0.75 >= 0.6");
    assertEquals("critical", get(backfill.get(D.minusDays(2)), SalesAlerts.SEVERITY), "1 - 8/20 = 0.6 exactly");
    Row night = one(d, 1, 10);
    assertEquals(3, get(night, SalesAlerts.CONSECUTIVE_DAYS), "a nightly run recomputes the streak from history");
  }

  @Test
  void scopesAreChannelsAndRegionChannelsFromStoreCityOrReportedRegion() {
    AppConfig.Geo geo = new AppConfig.Geo(Map.of("Guangzhou", "South", "Shanghai", "East"), Map.of("S010", "Guangzhou"));
    String day = "'2026-10-22'";
    Dataset<Row> l = lines(
        "('pos', 'R1', 'S010', NULL, NULL, 'P1', 1, 100.00, 'completed', " + day + "),"
            + "('pos', 'R1', 'S010', NULL, NULL, 'P2', 1, 50.00, 'completed', " + day + "),"   // same order
            + "('pos', 'R2', 'S099', NULL, NULL, 'P1', 1, 70.00, 'completed', " + day + "),"   // store of no city
            + "('pos', 'R3', 'S010', NULL, NULL, 'P1', 1, 999.00, 'cancelled', " + day + "),"  // not a purchase
            + "('marketplace', 'T1', 'mp', NULL, 'Shanghai', 'P1', 1, 80.00, 'completed', " + day + "),"
            + "('miniprogram', 'W1', 'mini', NULL, NULL, 'P1', 1, 60.00, 'completed', " + day + "),"
            + "('distributor', 'D01:x', 'D01', 'North', NULL, 'P1', 2, 40.00, 'completed', " + day + ")");
    Map<String, Row> m = by(SalesTransforms.dailyScopes(Purchases.orders(SalesTransforms.withRegion(l, geo))),
        r -> str(r, SalesAlerts.SCOPE) + "/" + str(r, SalesAlerts.CHANNEL) + "/" + str(r, SalesAlerts.REGION));
    assertEquals(7, m.size(), "4 channels, 3 regions: " + m.keySet());
    assertEquals(2L, get(m.get("channel/pos/null"), SalesAlerts.ORDERS), "R1 and R2; R3 is cancelled");
    assertDecimal("220.00", get(m.get("channel/pos/null"), SalesAlerts.REVENUE), "150 + 70");
    assertEquals(1L, get(m.get("region_channel/pos/South"), SalesAlerts.ORDERS), "S010 is in Guangzhou");
    assertDecimal("150.00", get(m.get("region_channel/pos/South"), SalesAlerts.REVENUE), "both lines of R1");
    assertEquals(1L, get(m.get("region_channel/marketplace/East"), SalesAlerts.ORDERS), "shipping city");
    assertEquals(1L, get(m.get("region_channel/distributor/North"), SalesAlerts.ORDERS), "reported region");
    assertEquals(1L, get(m.get("channel/miniprogram/null"), SalesAlerts.ORDERS), "no region: channel scope only");
  }
}
