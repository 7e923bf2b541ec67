package io.onecustomer.jobs.analytics.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.onecustomer.common.config.CustomerAnalyticsConfig;
import io.onecustomer.common.config.CustomerAnalyticsConfig.SegmentRule;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.analytics.Purchases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class RfmTransformsTest {
  static final SparkSession spark = TestSpark.session();
  static final LocalDate SNAP = LocalDate.parse("2026-11-15");
  static final int NO_LIMIT = Integer.MAX_VALUE;

  /** Customer purchases: customer, day, net. */
  static Dataset<Row> purchases(String values) {
    return spark.sql("SELECT customer_id, CAST(d AS DATE) AS order_date, CAST(net AS DECIMAL(18,2)) AS net_amount"
        + " FROM VALUES " + values + " AS t(customer_id, d, net)");
  }

  /** RFM facts: customer, snapshot, recency, frequency, monetary. */
  static Dataset<Row> facts(String values) {
    return spark.sql("SELECT customer_id, CAST(s AS DATE) AS snapshot_date, CAST(r AS INT) AS recency_days,"
        + " CAST(f AS BIGINT) AS frequency, CAST(m AS DECIMAL(18,2)) AS monetary FROM VALUES " + values
        + " AS t(customer_id, s, r, f, m)");
  }

  static Map<String, Row> by(Dataset<Row> df, String... keys) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : df.collectAsList()) {
      StringBuilder k = new StringBuilder();
      for (String key : keys) {
        k.append(k.length() == 0 ? "" : "|").append(r.get(r.fieldIndex(key)));
      }
      m.put(k.toString(), r);
    }
    return m;
  }

  static Object get(Row r, String c) {
    return r.get(r.fieldIndex(c));
  }

  static Dataset<Row> snaps(String... days) {
    return RfmTransforms.snapshotDays(spark, java.util.Arrays.stream(days).map(LocalDate::parse).toList());
  }

  @Test
  void factsTakeRecencyAndTenureFromAllHistoryAndFrequencyAndMonetaryFromTheWindow() {
    Dataset<Row> p = purchases(
        "('A', '2025-11-15', 500),"   // snapshot - 365: outside the 365-day window
            + "('A', '2025-11-16', 40)," // snapshot - 364: inside
            + "('A', '2026-11-01', 10.50),"
            + "('A', '2026-11-01', 20)," // two purchases on one day: frequency 2 that day
            + "('B', '2025-06-01', 99),"  // only outside the window
            + "('C', '2026-11-16', 10)"); // after the first snapshot
    Map<String, Row> f = by(RfmTransforms.rfmFacts(p,
        snaps("2026-11-15", "2026-11-30"), 365), "customer_id", "snapshot_date");
    Row a = f.get("A|2026-11-15");
    assertEquals(Date.valueOf("2025-11-15"), get(a, "first_purchase_date"));
    assertEquals(Date.valueOf("2026-11-01"), get(a, "last_purchase_date"));
    assertEquals(14, get(a, "recency_days"));
    assertEquals(365, get(a, "tenure_days"));
    assertEquals(3L, get(a, "frequency"), "2025-11-16 and the two of 2026-11-01; not 2025-11-15");
    assertEquals(new BigDecimal("70.50"), get(a, "monetary"));
    Row b = f.get("B|2026-11-15");
    assertEquals(0L, get(b, "frequency"));
    assertEquals(new BigDecimal("0.00"), get(b, "monetary"));
    assertEquals(532, get(b, "recency_days"));
    assertNull(f.get("C|2026-11-15"), "no purchase up to the first snapshot: not a customer yet");
    Row c = f.get("C|2026-11-30");
    assertEquals(14, get(c, "recency_days"));
    assertEquals(1L, get(c, "frequency"));
    assertEquals(2L, get(f.get("A|2026-11-30"), "frequency"), "2025-11-16 left the window of 2026-11-30");
    assertEquals(5, f.size());
  }

  @Test
  void distinctValuesSplitIntoEvenQuintilesAndAValueOnACutPointStaysInTheLowerQuintile() {
    // Ten customers, recency 1..10, frequency 1..10, monetary 100..1000; the cut points (20/40/60/80th
    // percentiles) are 2, 4, 6, 8 for frequency (and -2, -4, ... for -recency). A second snapshot with
    // the same ranks on other values scores the same: cut points are per snapshot.
    StringBuilder v = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      v.append(i == 1 ? "" : ",").append("('c").append(i).append("', '2026-11-15', ").append(i).append(", ")
          .append(i).append(", ").append(i * 100).append(")");
      v.append(",('c").append(i).append("', '2026-10-31', ").append(i * 10).append(", ")
          .append(i * 3).append(", ").append(i * 7).append(".5)");
    }
    Map<String, Row> s = by(RfmTransforms.withRfmScores(facts(v.toString()), 10000), "customer_id", "snapshot_date");
    int[] lowIsBest = {5, 5, 4, 4, 3, 3, 2, 2, 1, 1};
    int[] highIsBest = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
    for (String day : List.of("2026-11-15", "2026-10-31")) {
      for (int i = 1; i <= 10; i++) {
        Row r = s.get("c" + i + "|" + day);
        assertEquals(lowIsBest[i - 1], get(r, "r_score"), "r c" + i + " " + day);
        assertEquals(highIsBest[i - 1], get(r, "f_score"), "f c" + i + " " + day);
        assertEquals(highIsBest[i - 1], get(r, "m_score"), "m c" + i + " " + day);
        assertEquals("" + lowIsBest[i - 1] + highIsBest[i - 1] + highIsBest[i - 1], get(r, "rfm_cell"));
      }
    }
  }

  @Test
  void tiedValuesShareAScoreAndZeroFrequencyScoresOne() {
    // Frequencies of the customers with a purchase in the window: 1 x6, 2 x2, 3, 5. Cut points: 1, 1, 1, 2
    // (the 2nd, 4th, 6th and 8th of the ten sorted values). 1 exceeds none -> 1; 2 exceeds three -> 4;
    // 3 and 5 exceed all four -> 5. Z has nothing in the window: scores 1 for F and M and is left out of
    // those cut points. Everyone's recency is 7: every cut point is -7, nobody exceeds one -> r 1.
    Dataset<Row> f = facts("('a1', '2026-11-15', 7, 1, 10), ('a2', '2026-11-15', 7, 1, 10),"
        + "('a3', '2026-11-15', 7, 1, 10), ('a4', '2026-11-15', 7, 1, 10), ('a5', '2026-11-15', 7, 1, 10),"
        + "('a6', '2026-11-15', 7, 1, 20), ('b1', '2026-11-15', 7, 2, 30), ('b2', '2026-11-15', 7, 2, 40),"
        + "('c', '2026-11-15', 7, 3, 50), ('e', '2026-11-15', 7, 5, 60), ('z', '2026-11-15', 7, 0, 0)");
    Map<String, Row> s = by(RfmTransforms.withRfmScores(f, 10000), "customer_id");
    Map<String, Integer> fScores = s.values().stream().collect(Collectors.toMap(
        r -> (String) get(r, "customer_id"), r -> (Integer) get(r, "f_score")));
    assertEquals(Map.of("a1", 1, "a2", 1, "a3", 1, "a4", 1, "a5", 1, "a6", 1, "b1", 4, "b2", 4, "c", 5, "e", 5)
        .entrySet(), fScores.entrySet().stream().filter(e -> !e.getKey().equals("z"))
        .collect(Collectors.toSet()));
    assertEquals(1, get(s.get("z"), "f_score"));
    assertEquals(1, get(s.get("z"), "m_score"));
    // Monetary of the ten: 10 x5, 20, 30, 40, 50, 60 -> cut points 10, 10, 20, 40.
    assertEquals(1, get(s.get("a1"), "m_score"));
    assertEquals(3, get(s.get("a6"), "m_score"), "20 exceeds 10 and 10, equals the third cut point");
    assertEquals(4, get(s.get("b1"), "m_score"));
    assertEquals(4, get(s.get("b2"), "m_score"), "40 equals the fourth cut point: stays below it");
    assertEquals(5, get(s.get("c"), "m_score"));
    for (Row r : s.values()) {
      assertEquals(1, get(r, "r_score"), "all recencies tie");
    }
  }

  /** Scored rows: customer, r, f, m, recency, tenure. */
  static Dataset<Row> scored(String values) {
    return spark.sql("SELECT customer_id, CAST(r AS INT) AS r_score, CAST(f AS INT) AS f_score,"
        + " CAST(m AS INT) AS m_score, CAST(rec AS INT) AS recency_days, CAST(ten AS INT) AS tenure_days FROM VALUES "
        + values + " AS t(customer_id, r, f, m, rec, ten)");
  }

  static Map<String, String> segments(Dataset<Row> scored, List<SegmentRule> rules) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Row r : RfmTransforms.withSegment(scored, rules, "others").collectAsList()) {
      m.put(r.getString(r.fieldIndex("customer_id")), r.getString(r.fieldIndex("segment")));
    }
    return m;
  }

  static List<SegmentRule> defaultRules() {
    return TestSpark.config(Path.of("/tmp/l"), Path.of("/tmp/w")).analytics().customer().rfm().segments();
  }

  @Test
  void defaultRulesPutRecency365InLostAnd180InSleepingWithLostWinning() {
    Map<String, String> seg = segments(scored(
        "('lost365', 1, 1, 1, 365, 400), ('sleep364', 1, 1, 1, 364, 400), ('sleep180', 1, 2, 1, 180, 400),"
            + "('other179', 1, 1, 1, 179, 400), ('risk180', 1, 4, 5, 180, 400), ('lostFrequent', 1, 5, 5, 400, 800),"
            + "('champ', 5, 5, 5, 1, 20), ('potential', 4, 4, 2, 10, 300), ('loyal', 3, 3, 5, 10, 300),"
            + "('new90', 5, 1, 1, 3, 90), ('other91', 5, 1, 1, 3, 91), ('risk', 2, 3, 3, 100, 300)"), defaultRules());
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("lost365", "lost");
    expected.put("sleep364", "sleeping");
    expected.put("sleep180", "sleeping");
    expected.put("other179", "others");
    expected.put("risk180", "at_risk");        // 180 days but frequent: not sleeping
    expected.put("lostFrequent", "lost");      // lost wins over sleeping and at_risk
    expected.put("champ", "champions");        // also new (tenure 20): the first match wins
    expected.put("potential", "potential");    // also loyal
    expected.put("loyal", "loyal");
    expected.put("new90", "new");
    expected.put("other91", "others");
    expected.put("risk", "at_risk");           // the second at_risk rule
    assertEquals(expected, seg);
  }

  @Test
  void theFirstMatchingRuleWinsInTheOrderGiven() {
    SegmentRule sleeping = new SegmentRule("sleeping", 1, 5, 1, 5, 1, 5, 180, NO_LIMIT, 0, NO_LIMIT);
    SegmentRule lost = new SegmentRule("lost", 1, 5, 1, 5, 1, 5, 365, NO_LIMIT, 0, NO_LIMIT);
    Dataset<Row> s = scored("('x', 1, 1, 1, 400, 500), ('y', 1, 1, 1, 200, 500), ('z', 1, 1, 1, 10, 500)");
    assertEquals(Map.of("x", "lost", "y", "sleeping", "z", "others"), segments(s, List.of(lost, sleeping)));
    assertEquals(Map.of("x", "sleeping", "y", "sleeping", "z", "others"), segments(s, List.of(sleeping, lost)),
        "sleeping first swallows lost");
  }

  @Test
  void segmentsFromOrderLinesCountOnlyPurchases() {
    Dataset<Row> lines = spark.sql("SELECT customer_id, channel, order_id, store_id, region,"
        + " CAST(d AS DATE) AS order_date, CAST(d AS TIMESTAMP) AS order_ts, CAST(net AS DECIMAL(18,2)) AS net_amount,"
        + " CAST(net AS DECIMAL(18,2)) AS gross_amount, 1 AS quantity, 'sofa' AS category, 'P1' AS product_code,"
        + " status FROM VALUES "
        + "('A', 'pos', 'R1', 'S1', NULL, '2026-11-10', 100, 'completed'),"
        + "('A', 'pos', 'R2', 'S1', NULL, '2026-11-12', 50, 'cancelled'),"  // cancelled: no purchase
        + "('A', 'pos', 'R3', 'S1', NULL, '2026-11-13', 0, 'refunded'),"    // refunded to 0: no purchase
        + "(NULL, 'distributor', 'D1', 'D', 'West', '2026-11-14', 999, 'completed')" // nobody's
        + " AS t(customer_id, channel, order_id, store_id, region, d, net, status)");
    CustomerAnalyticsConfig.Rfm rfm = TestSpark.config(Path.of("/tmp/l"), Path.of("/tmp/w"))
        .analytics().customer().rfm();
    List<Row> out = RfmTransforms.rfmSegments(Purchases.customerPurchases(Purchases.orders(lines)),
        snaps("2026-11-15"), rfm.windowDays(), rfm.quantileAccuracy(), rfm.segments(), rfm.fallbackSegment())
        .collectAsList();
    assertEquals(1, out.size());
    Row a = out.get(0);
    assertEquals("A", get(a, "customer_id"));
    assertEquals(5, get(a, "recency_days"));
    assertEquals(1L, get(a, "frequency"));
    assertEquals(new BigDecimal("100.00"), get(a, "monetary"));
    assertEquals("111", get(a, "rfm_cell"), "a lone customer ties every cut point");
    assertEquals("new", get(a, "segment"));
    assertEquals(Date.valueOf(SNAP), get(a, "snapshot_date"));
  }

  @Test
  void previousSnapshotIsTheLatestEarlierOneOrNone() {
    LocalDate a = LocalDate.parse("2026-09-30");
    LocalDate b = LocalDate.parse("2026-10-31");
    LocalDate c = LocalDate.parse("2026-11-15");
    Map<LocalDate, LocalDate> p = RfmTransforms.previousSnapshots(List.of(b, c), List.of(c, a, b));
    assertEquals(a, p.get(b));
    assertEquals(b, p.get(c));
    Map<LocalDate, LocalDate> first = RfmTransforms.previousSnapshots(List.of(a), List.of(a, b));
    assertEquals(1, first.size());
    assertNull(first.get(a), "no earlier snapshot (later ones do not count)");
  }

  /** gold.rfm_segments rows: customer, segment, snapshot. */
  static Dataset<Row> segmentRows(String values) {
    return spark.sql("SELECT customer_id, segment, CAST(s AS DATE) AS snapshot_date FROM VALUES " + values
        + " AS t(customer_id, segment, s)");
  }

  @Test
  void transitionsWithoutAnEarlierSnapshotComeFromNone() {
    Dataset<Row> seg = segmentRows("('A', 'champions', '2026-09-30'), ('B', 'new', '2026-09-30'),"
        + "('C', 'new', '2026-09-30'), ('X', 'lost', '2026-10-31')");
    Map<LocalDate, LocalDate> prev = new java.util.TreeMap<>();
    prev.put(LocalDate.parse("2026-09-30"), null);
    Map<String, Row> t = by(RfmTransforms.transitions(seg, RfmTransforms.snapshotPairs(spark, prev)),
        "previous_segment", "segment");
    assertEquals(2, t.size());
    Row n = t.get("none|new");
    assertEquals(2L, get(n, "customers"));
    assertEquals(3L, get(n, "previous_segment_customers"));
    assertEquals(2.0 / 3, (double) get(n, "share_of_previous"), 1e-12);
    assertNull(get(n, "previous_snapshot_date"));
    assertEquals(Date.valueOf("2026-09-30"), get(n, "snapshot_date"));
    assertEquals(1L, get(t.get("none|champions"), "customers"));
  }

  @Test
  void transitionsCountMovesNewcomersAndIdsThatDisappeared() {
    Dataset<Row> seg = segmentRows(
        "('A', 'champions', '2026-10-31'), ('B', 'loyal', '2026-10-31'), ('D', 'loyal', '2026-10-31'),"
            + "('E', 'loyal', '2026-10-31'), ('Q', 'new', '2026-09-30'),"
            + "('A', 'champions', '2026-11-15'), ('B', 'at_risk', '2026-11-15'), ('E', 'at_risk', '2026-11-15'),"
            + "('C', 'new', '2026-11-15')");
    Map<LocalDate, LocalDate> prev = Map.of(LocalDate.parse("2026-11-15"), LocalDate.parse("2026-10-31"));
    Map<String, Row> t = by(RfmTransforms.transitions(seg, RfmTransforms.snapshotPairs(spark, prev)),
        "previous_segment", "segment");
    assertEquals(java.util.Set.of("champions|champions", "loyal|at_risk", "loyal|none", "none|new"), t.keySet(),
        "Q of an older snapshot plays no part");
    Row moved = t.get("loyal|at_risk");
    assertEquals(2L, get(moved, "customers"));
    assertEquals(3L, get(moved, "previous_segment_customers"));
    assertEquals(2.0 / 3, (double) get(moved, "share_of_previous"), 1e-12);
    assertEquals(Date.valueOf("2026-10-31"), get(moved, "previous_snapshot_date"));
    Row gone = t.get("loyal|none");
    assertEquals(1L, get(gone, "customers"), "D merged into another id");
    assertEquals(1.0 / 3, (double) get(gone, "share_of_previous"), 1e-12);
    assertEquals(1.0, (double) get(t.get("none|new"), "share_of_previous"));
    assertEquals(1.0, (double) get(t.get("champions|champions"), "share_of_previous"));
  }
}
