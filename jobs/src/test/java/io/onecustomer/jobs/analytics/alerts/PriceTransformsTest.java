package io.onecustomer.jobs.analytics.alerts;

import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.assertDecimal;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.by;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.get;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.lines;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.products;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.onecustomer.jobs.analytics.alerts.AlertTables.PriceConflicts;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class PriceTransformsTest {
  static final String D = "'2026-08-03'";

  /** MAP 90 for every product from 2026-08-01. */
  static final Dataset<Row> MAP_90 = PriceTransforms.mapPeriods(products(
      "('P1', 'pos', 100, 90, '2026-08-01'), ('P1', 'marketplace', 100, 90, '2026-08-01'),"
          + " ('P2', 'pos', 100, 90, '2026-08-01'), ('P3', 'pos', 100, 90, '2026-08-01'), ('P4', 'pos', 100, 90, '2026-08-01')"));

  static Map<String, Row> conflicts(String lineValues) {
    Dataset<Row> out = PriceTransforms.priceConflicts(AlertInputs.pricedLines(lines(lineValues)), MAP_90, 0.15);
    return by(out, r -> str(r, PriceConflicts.PRODUCT_CODE) + "/" + str(r, PriceConflicts.CHANNEL) + "/"
        + get(r, PriceConflicts.PRICE_DATE));
  }

  @Test
  void gapExactlyAtThresholdIsNoConflictAndJustAboveIs() {
    Map<String, Row> m = conflicts(
        "('pos', 'R1', 'S1', NULL, NULL, 'P1', 1, 115.00, 'completed', " + D + "),"
            + "('marketplace', 'T1', 'mp', NULL, 'Shanghai', 'P1', 2, 200.00, 'completed', " + D + "),"
            + "('pos', 'R2', 'S1', NULL, NULL, 'P2', 1, 115.02, 'completed', " + D + "),"
            + "('miniprogram', 'W1', 'mini', NULL, NULL, 'P2', 1, 100.00, 'completed', " + D + ")");
    Row pos1 = m.get("P1/pos/2026-08-03");
    assertDecimal("100.00", get(pos1, PriceConflicts.LOWEST_PRICE), "200.00 for 2 units is 100 a unit");
    assertEquals("marketplace", get(pos1, PriceConflicts.CHEAPEST_CHANNEL));
    assertEquals(2L, get(pos1, PriceConflicts.CHANNELS));
    assertDecimal("0.15", get(pos1, PriceConflicts.PRICE_GAP), "115 vs 100");
    assertEquals(false, get(pos1, PriceConflicts.IS_PRICE_GAP), "exactly 15% does not exceed 15%");
    Row mp1 = m.get("P1/marketplace/2026-08-03");
    assertDecimal("0", get(mp1, PriceConflicts.PRICE_GAP), "the cheapest channel has no gap");
    assertEquals(false, get(mp1, PriceConflicts.IS_PRICE_GAP));
    Row pos2 = m.get("P2/pos/2026-08-03");
    assertDecimal("0.1502", get(pos2, PriceConflicts.PRICE_GAP), "115.02 vs 100");
    assertEquals(true, get(pos2, PriceConflicts.IS_PRICE_GAP));
  }

  @Test
  void productSoldInOneChannelOnlyHasNoGap() {
    Map<String, Row> m = conflicts(
        "('pos', 'R1', 'S1', NULL, NULL, 'P3', 1, 120.00, 'completed', " + D + "),"
            + "('pos', 'R2', 'S2', NULL, NULL, 'P3', 1, 95.00, 'completed', " + D + ")");
    assertEquals(1, m.size());
    Row r = m.get("P3/pos/2026-08-03");
    assertEquals(2L, get(r, PriceConflicts.LINES));
    assertDecimal("95.00", get(r, PriceConflicts.MIN_UNIT_PRICE), "lowest of the channel's lines");
    assertDecimal("95.00", get(r, PriceConflicts.LOWEST_PRICE), "its own price");
    assertEquals(1L, get(r, PriceConflicts.CHANNELS));
    assertDecimal("0", get(r, PriceConflicts.PRICE_GAP), "no other channel");
    assertEquals(false, get(r, PriceConflicts.IS_PRICE_GAP));
  }

  @Test
  void belowMapIsStrictlyBelowAndCountsLinesUnitsAndAmount() {
    Map<String, Row> m = conflicts(
        "('pos', 'R1', 'S1', NULL, NULL, 'P4', 1, 90.00, 'completed', " + D + "),"      // at MAP: fine
            + "('pos', 'R2', 'S1', NULL, NULL, 'P4', 2, 179.98, 'completed', " + D + "),"  // 89.99 a unit
            + "('pos', 'R3', 'S1', NULL, NULL, 'P4', 3, 200.00, 'refunded', " + D + "),"   // 66.67, refunded still counts
            + "('pos', 'R4', 'S1', NULL, NULL, 'P4', 1, 10.00, 'cancelled', " + D + ")");  // cancelled: ignored
    Row r = m.get("P4/pos/2026-08-03");
    assertEquals(3L, get(r, PriceConflicts.LINES), "the cancelled line is not a sale");
    assertEquals(6L, get(r, PriceConflicts.UNITS));
    assertDecimal("66.67", get(r, PriceConflicts.MIN_UNIT_PRICE), "200 / 3 rounded to cents");
    assertDecimal("90.00", get(r, PriceConflicts.MIN_ADVERTISED_PRICE), "MAP of the day");
    assertEquals(2L, get(r, PriceConflicts.BELOW_MAP_LINES), "89.99 and 66.67; 90.00 is at MAP, not below");
    assertEquals(5L, get(r, PriceConflicts.BELOW_MAP_UNITS));
    assertDecimal("379.98", get(r, PriceConflicts.BELOW_MAP_AMOUNT), "179.98 + 200.00");
    assertEquals(true, get(r, PriceConflicts.IS_BELOW_MAP));

    Row atMap = conflicts("('pos', 'R1', 'S1', NULL, NULL, 'P4', 1, 90.00, 'completed', " + D + ")")
        .get("P4/pos/2026-08-03");
    assertEquals(0L, get(atMap, PriceConflicts.BELOW_MAP_LINES));
    assertDecimal("0", get(atMap, PriceConflicts.BELOW_MAP_AMOUNT), "zero, not null");
    assertEquals(false, get(atMap, PriceConflicts.IS_BELOW_MAP), "exactly at MAP is not below");
  }

  @Test
  void mapIsTheLatestSnapshotUpToTheDayAndUnknownProductsHaveNone() {
    Dataset<Row> periods = PriceTransforms.mapPeriods(products(
        "('P1', 'pos', 100, 90, '2026-08-01'), ('P1', 'marketplace', 100, 85, '2026-08-01'),"
            + " ('P1', 'pos', 100, 90, '2026-08-02'),"
            + " ('P1', 'pos', 100, 80, '2026-08-04'), ('P1', 'pos', 100, 80, '2026-08-05')"));
    assertEquals(2L, periods.count(), "unchanged snapshots collapse into one period");
    Dataset<Row> out = PriceTransforms.priceConflicts(AlertInputs.pricedLines(lines(
        "('pos', 'R1', 'S1', NULL, NULL, 'P1', 1, 85.00, 'completed', '2026-08-03'),"
            + "('pos', 'R2', 'S1', NULL, NULL, 'P1', 1, 85.00, 'completed', '2026-08-04'),"
            + "('pos', 'R3', 'S1', NULL, NULL, 'P1', 1, 85.00, 'completed', '2026-08-09'),"
            + "('pos', 'R4', 'S1', NULL, NULL, 'P9', 1, 1.00, 'completed', '2026-08-09'),"
            + "('pos', 'R5', 'S1', NULL, NULL, NULL, 1, 1.00, 'completed', '2026-08-09')")), periods, 0.15);
    Map<String, Row> m = by(out, r -> str(r, PriceConflicts.PRODUCT_CODE) + "/" + get(r, PriceConflicts.PRICE_DATE));
    assertEquals(4, m.size(), "a line without product code has no price to compare");
    assertDecimal("90.00", get(m.get("P1/2026-08-03"), PriceConflicts.MIN_ADVERTISED_PRICE),
        "no snapshot on 08-03: the one of 08-02 (highest over channel SKUs)");
    assertEquals(true, get(m.get("P1/2026-08-03"), PriceConflicts.IS_BELOW_MAP));
    assertDecimal("80.00", get(m.get("P1/2026-08-04"), PriceConflicts.MIN_ADVERTISED_PRICE), "changed on 08-04");
    assertEquals(false, get(m.get("P1/2026-08-04"), PriceConflicts.IS_BELOW_MAP));
    assertDecimal("80.00", get(m.get("P1/2026-08-09"), PriceConflicts.MIN_ADVERTISED_PRICE), "the last period stays open");
    Row unknown = m.get("P9/2026-08-09");
    assertNull(get(unknown, PriceConflicts.MIN_ADVERTISED_PRICE));
    assertEquals(0L, get(unknown, PriceConflicts.BELOW_MAP_LINES));
    assertEquals(false, get(unknown, PriceConflicts.IS_BELOW_MAP));
  }
}
