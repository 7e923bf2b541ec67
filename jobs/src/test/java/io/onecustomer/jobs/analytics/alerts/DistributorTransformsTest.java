package io.onecustomer.jobs.analytics.alerts;

import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.assertDecimal;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.by;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.get;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.lines;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.products;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.jobs.analytics.alerts.AlertTables.DistributorAlerts;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class DistributorTransformsTest {
  static final LocalDate DAY = LocalDate.parse("2026-08-10");
  static final Map<String, String> REGIONS = Map.of("D01", "North", "D02", "East");
  static final Dataset<Row> LIST = PriceTransforms.pricePeriods(products(
      "('P1', 'distributor', 100, 90, '2026-07-01'), ('P2', 'distributor', 100, 90, '2026-07-01')"), "list_price");

  /** A sell-out line: distributor, reported region, product, qty, gross, day. */
  static String so(String dist, String region, String product, int qty, String gross, String day) {
    return "('distributor', '" + dist + ":" + day + "', '" + dist + "', " + (region == null ? "NULL" : "'" + region + "'")
        + ", NULL, '" + product + "', " + qty + ", " + gross + ", 'completed', '" + day + "')";
  }

  static Dataset<Row> alerts(LocalDate from, LocalDate to, String... sellout) {
    return DistributorTransforms.alerts(AlertInputs.pricedLines(lines(String.join(",", sellout))), LIST, from, to,
        REGIONS, 0.7, 28, 1);
  }

  static String key(Row r) {
    return get(r, DistributorAlerts.ALERT_DATE) + "/" + str(r, DistributorAlerts.DISTRIBUTOR_ID) + "/"
        + str(r, DistributorAlerts.ALERT_TYPE) + "/" + str(r, DistributorAlerts.REPORTED_REGION) + "/"
        + str(r, DistributorAlerts.PRODUCT_CODE);
  }

  @Test
  void sellOutOutsideTheAuthorisedRegionAlertsPerReportedRegion() {
    Map<String, Row> m = by(alerts(DAY, DAY,
        so("D01", "North", "P1", 1, "100.00", "2026-08-10"),
        so("D01", "Central", "P1", 2, "200.00", "2026-08-10"),
        so("D01", "Central", "P2", 3, "270.00", "2026-08-10"),
        so("D01", null, "P2", 1, "90.00", "2026-08-10"),
        so("D02", "East", "P2", 1, "90.00", "2026-08-10")), DistributorTransformsTest::key);
    assertEquals(2, m.size(), "North lines of D01 and East lines of D02 are in region: " + m.keySet());
    Row central = m.get("2026-08-10/D01/out_of_region/Central/null");
    assertEquals(2L, get(central, DistributorAlerts.LINES));
    assertEquals(5L, get(central, DistributorAlerts.UNITS));
    assertDecimal("470.00", get(central, DistributorAlerts.AMOUNT), "200 + 270");
    assertEquals("North", get(central, DistributorAlerts.AUTHORISED_REGION));
    assertNull(get(central, DistributorAlerts.UNIT_PRICE), "mixed products: no unit price");
    Row none = m.get("2026-08-10/D01/out_of_region/null/null");
    assertEquals(1L, get(none, DistributorAlerts.LINES), "no region reported is not in the authorised region");
  }

  @Test
  void distributorWithoutAuthorisedRegionRaisesUnknownDistributorForAllItsLines() {
    Map<String, Row> m = by(alerts(DAY, DAY,
        so("D09", "West", "P1", 1, "100.00", "2026-08-10"),
        so("D09", "West", "P2", 4, "360.00", "2026-08-10"),
        so("D09", "South", "P2", 1, "90.00", "2026-08-10")), DistributorTransformsTest::key);
    assertEquals(2, m.size(), m.keySet().toString());
    Row west = m.get("2026-08-10/D09/unknown_distributor/West/null");
    assertEquals(2L, get(west, DistributorAlerts.LINES));
    assertEquals(5L, get(west, DistributorAlerts.UNITS));
    assertDecimal("460.00", get(west, DistributorAlerts.AMOUNT), "100 + 360");
    assertNull(get(west, DistributorAlerts.AUTHORISED_REGION));
    assertEquals(1L, get(m.get("2026-08-10/D09/unknown_distributor/South/null"), DistributorAlerts.LINES));
  }

  /** Norm history of P1 in East: 80, 90, 100, 110, 120 (median 100) in the 28 days before 08-10. */
  static final String[] P1_EAST_HISTORY = {
      so("D02", "East", "P1", 1, "80.00", "2026-07-13"), // 28 days before: inside the window
      so("D02", "East", "P1", 1, "90.00", "2026-07-20"),
      so("D02", "East", "P1", 1, "100.00", "2026-08-01"),
      so("D02", "East", "P1", 1, "110.00", "2026-08-05"),
      so("D02", "East", "P1", 1, "120.00", "2026-08-09"),
      so("D02", "East", "P1", 1, "200.00", "2026-07-12"), // 29 days before: outside the window
  };

  static Dataset<Row> withHistory(LocalDate from, LocalDate to, String... day) {
    String[] all = new String[P1_EAST_HISTORY.length + day.length];
    System.arraycopy(P1_EAST_HISTORY, 0, all, 0, P1_EAST_HISTORY.length);
    System.arraycopy(day, 0, all, P1_EAST_HISTORY.length, day.length);
    return alerts(from, to, all).where("alert_type = 'low_price'");
  }

  @Test
  void lowPriceIsStrictlyBelowRatioTimesTheMedianOfTheDaysBefore() {
    Map<String, Row> m = by(withHistory(DAY, DAY,
        so("D02", "East", "P1", 2, "139.98", "2026-08-10"), // 69.99: below 0.7 x 100
        so("D02", "East", "P1", 1, "70.00", "2026-08-10"),  // exactly 0.7 x 100: not below
        so("D01", "East", "P1", 1, "60.00", "2026-08-10"),  // another distributor, same regional norm
        so("D02", "East", "P1", 1, "1.00", "2026-08-10")), DistributorTransformsTest::key);
    // The day's own cheap lines do not lower the norm: the day itself is excluded.
    Row d02 = m.get("2026-08-10/D02/low_price/East/P1");
    assertEquals(2L, get(d02, DistributorAlerts.LINES), "139.98 for 2 and 1.00; 70.00 is not below 70");
    assertEquals(3L, get(d02, DistributorAlerts.UNITS));
    assertDecimal("140.98", get(d02, DistributorAlerts.AMOUNT), "139.98 + 1.00");
    assertDecimal("46.99", get(d02, DistributorAlerts.UNIT_PRICE), "140.98 / 3");
    assertDecimal("100.00", get(d02, DistributorAlerts.NORM_PRICE), "median of 80..120; 200.00 is 29 days back");
    assertEquals(5L, get(d02, DistributorAlerts.NORM_LINES));
    assertDecimal("0.4699", get(d02, DistributorAlerts.PRICE_RATIO), "46.99 / 100");
    assertEquals("East", get(d02, DistributorAlerts.AUTHORISED_REGION));
    Row d01 = m.get("2026-08-10/D01/low_price/East/P1");
    assertEquals(1L, get(d01, DistributorAlerts.LINES), "D01 sells cheap in East too");
    assertEquals(2, m.size(), m.keySet().toString());
  }

  @Test
  void lowPriceWithoutNormHistoryRaisesNothing() {
    Dataset<Row> out = withHistory(DAY, DAY,
        so("D02", "East", "P2", 1, "1.00", "2026-08-10"),   // P2 never sold before
        so("D02", "North", "P1", 1, "1.00", "2026-08-10")); // P1 never sold in North before
    assertEquals(0L, out.count(), "no norm, no low_price alert");
    Dataset<Row> needsTwo = DistributorTransforms.alerts(AlertInputs.pricedLines(lines(String.join(",",
            so("D02", "East", "P2", 1, "100.00", "2026-08-09"), so("D02", "East", "P2", 1, "1.00", "2026-08-10")))),
        LIST, DAY, DAY, REGIONS, 0.7, 28, 2).where("alert_type = 'low_price'");
    assertEquals(0L, needsTwo.count(), "a norm of 1 line is below min-norm-lines = 2");
  }

  @Test
  void linesAlreadyBelowRatioTimesListPriceStayOutOfTheNorm() {
    // A long cheap episode: 60.00 on most days before; list price 100, so 60 < 0.7 x 100 never counts.
    Map<String, Row> m = by(alerts(DAY, DAY,
        so("D02", "East", "P2", 1, "95.00", "2026-08-01"),
        so("D02", "East", "P2", 1, "60.00", "2026-08-07"),
        so("D02", "East", "P2", 1, "60.00", "2026-08-08"),
        so("D02", "East", "P2", 1, "60.00", "2026-08-09"),
        so("D02", "East", "P2", 1, "60.00", "2026-08-10")).where("alert_type = 'low_price'"),
        DistributorTransformsTest::key);
    Row r = m.get("2026-08-10/D02/low_price/East/P2");
    assertDecimal("95.00", get(r, DistributorAlerts.NORM_PRICE), "the cheap lines would make the median 60");
    assertEquals(1L, get(r, DistributorAlerts.NORM_LINES));
  }

  @Test
  void aBackfillComputesEveryDayInOnePassLikeSeparateNights() {
    String[] data = {
        so("D02", "East", "P1", 1, "100.00", "2026-08-08"),
        so("D02", "East", "P1", 1, "50.00", "2026-08-09"),
        so("D02", "East", "P1", 1, "100.00", "2026-08-10"),
        so("D02", "Central", "P1", 1, "100.00", "2026-08-10"),
    };
    LocalDate d9 = LocalDate.parse("2026-08-09");
    var backfill = by(alerts(d9, DAY, data), DistributorTransformsTest::key);
    var nights = by(alerts(d9, d9, data).unionByName(alerts(DAY, DAY, data)), DistributorTransformsTest::key);
    assertEquals(nights.keySet(), backfill.keySet());
    assertTrue(backfill.containsKey("2026-08-09/D02/low_price/East/P1"), backfill.keySet().toString());
    assertTrue(backfill.containsKey("2026-08-10/D02/out_of_region/Central/null"), backfill.keySet().toString());
    assertEquals(2, backfill.size(), "08-10 at 100 is not low: its norm is 100 (the 50 is below 0.7 x list and"
        + " stays out of it)");
    assertDecimal("100.00", get(backfill.get("2026-08-09/D02/low_price/East/P1"), DistributorAlerts.NORM_PRICE),
        "08-09 sees only 08-08");
  }
}
