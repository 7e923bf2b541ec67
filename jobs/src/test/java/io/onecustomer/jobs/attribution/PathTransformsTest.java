package io.onecustomer.jobs.attribution;

import static io.onecustomer.jobs.attribution.Fixtures.conversion;
import static io.onecustomer.jobs.attribution.Fixtures.of;
import static io.onecustomer.jobs.attribution.Fixtures.open;
import static io.onecustomer.jobs.attribution.Fixtures.spark;
import static io.onecustomer.jobs.attribution.Fixtures.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.jobs.attribution.AttributionColumns.AggregatedPaths;
import io.onecustomer.jobs.attribution.AttributionColumns.Conversions;
import io.onecustomer.jobs.attribution.AttributionColumns.Journeys;
import io.onecustomer.jobs.attribution.AttributionColumns.Models;
import io.onecustomer.jobs.attribution.AttributionColumns.Touchpoints;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class PathTransformsTest {

  static Dataset<Row> touchpoints(String... rows) {
    List<Row> out = new ArrayList<>();
    for (String r : rows) {
      String[] f = r.split(",");
      out.add(RowFactory.create(f[0], f[1], ts(f[2])));
    }
    return spark.createDataFrame(out, Touchpoints.SCHEMA);
  }

  static Dataset<Row> conversions(String... rows) {
    List<Row> out = new ArrayList<>();
    for (String r : rows) {
      String[] f = r.split(",");
      out.add(RowFactory.create(f[0], f[1].isEmpty() ? null : f[1], ts(f[2]), new BigDecimal(f[3])));
    }
    return spark.createDataFrame(out, Conversions.SCHEMA);
  }

  /** journey id -> "channel@HH:mm:ss dd" list, plus is_conversion. */
  static Map<String, String> paths(Dataset<Row> journeys) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : journeys.collectAsList()) {
      List<String> touches = new ArrayList<>();
      for (Row t : r.<Row>getList(r.fieldIndex(Journeys.TOUCHES))) {
        touches.add(t.getString(0) + "@" + t.getTimestamp(1).toString().substring(5, 16));
      }
      m.put(r.getString(r.fieldIndex(Journeys.JOURNEY_ID)),
          (r.getBoolean(r.fieldIndex(Journeys.IS_CONVERSION)) ? "conv " : "open ") + String.join(" ", touches));
    }
    return m;
  }

  /** journey id -> channels joined by " > ". */
  static Map<String, String> channels(Dataset<Row> journeys) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : journeys.collectAsList()) {
      List<String> touches = new ArrayList<>();
      for (Row t : r.<Row>getList(r.fieldIndex(Journeys.TOUCHES))) {
        touches.add(t.getString(0));
      }
      m.put(r.getString(r.fieldIndex(Journeys.JOURNEY_ID)), String.join(" > ", touches));
    }
    return m;
  }

  @Test
  void lookbackIncludesATouchExactlyAtTheLimitAndNeverOneAfterTheConversion() {
    Dataset<Row> j = PathTransforms.journeys(
        touchpoints(
            "u1,at_limit,2026-05-03 12:00:00",
            "u1,just_before_limit,2026-05-03 11:59:59.999999",
            "u1,at_conversion,2026-05-10 12:00:00",
            "u1,after,2026-05-10 12:00:00.000001"),
        conversions("c1,u1,2026-05-10 12:00:00,10.00"), 7);
    assertEquals(Map.of(
        "c1", "conv at_limit@05-03 12:00 at_conversion@05-10 12:00",
        "open:u1", "open after@05-10 12:00"), paths(j));
    assertEquals(List.copyOf(Journeys.COLUMNS.keySet()), List.of(j.columns()));
  }

  @Test
  void aTouchCountsForOneConversionOnlyTheFirstAtOrAfterIt() {
    Dataset<Row> j = PathTransforms.journeys(
        touchpoints(
            "u2,t1,2026-05-04 10:00:00",
            "u2,t2,2026-05-06 10:00:00",
            "u2,t3,2026-05-08 10:00:00",
            // Same instant: sorted by channel.
            "u2,b,2026-05-07 10:00:00",
            "u2,a,2026-05-07 10:00:00",
            "u3,x,2026-05-01 10:00:00"),
        conversions(
            "a1,u2,2026-05-05 10:00:00,1.00",
            "a2,u2,2026-05-08 10:00:00,1.00",
            // Two conversions at the same instant: the first by id takes the touches.
            "d2,u3,2026-05-02 10:00:00,1.00",
            "d1,u3,2026-05-02 10:00:00,1.00",
            // No customer: no touches, kept.
            "n1,,2026-05-02 10:00:00,1.00"), 30);
    assertEquals(Map.of(
        "a1", "conv t1@05-04 10:00",
        "a2", "conv t2@05-06 10:00 a@05-07 10:00 b@05-07 10:00 t3@05-08 10:00",
        "d1", "conv x@05-01 10:00",
        "d2", "conv ",
        "n1", "conv "), paths(j));
  }

  @Test
  void nonConvertingPathIsTheTouchesAfterTheLastConversionWithinTheLookback() {
    Dataset<Row> j = PathTransforms.journeys(
        touchpoints(
            "u4,old,2026-05-01 10:00:00",
            "u4,mid,2026-05-14 10:00:00",
            "u4,last,2026-05-21 10:00:00",
            "u5,before,2026-05-01 10:00:00",
            "u5,after,2026-05-03 10:00:00"),
        conversions("c5,u5,2026-05-02 10:00:00,5.00"), 7);
    assertEquals(Map.of(
        "open:u4", "open mid@05-14 10:00 last@05-21 10:00",
        "c5", "conv before@05-01 10:00",
        "open:u5", "open after@05-03 10:00"), paths(j));
  }

  @Test
  void lookbackOutsideOneTo365DaysIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PathTransforms.journeys(touchpoints(), conversions(), 0));
    assertEquals("attribution.lookback-days must be between 1 and 365, got 0", e.getMessage());
  }

  @Test
  void pathOptionsCollapseKeepFirstOrLastAndDropDirect() {
    Dataset<Row> j = of(
        conversion("r", "1.00", "A", "A", "B", "A", "A"),
        conversion("d", "1.00", "direct", "A", "direct", "B"),
        conversion("only_direct", "1.00", "direct"),
        conversion("short", "1.00", "A"));
    assertEquals(Map.of("r", "A > B > A", "d", "direct > A > direct > B", "only_direct", "direct", "short", "A"),
        channels(PathTransforms.collapseRepeats(j)));
    assertEquals(Map.of("r", "A > A", "d", "direct > A", "only_direct", "direct", "short", "A"),
        channels(PathTransforms.keepFirst(j, 2)));
    assertEquals(Map.of("r", "A > A", "d", "direct > B", "only_direct", "direct", "short", "A"),
        channels(PathTransforms.keepLast(j, 2)));
    assertEquals(Map.of("r", "A > A > B > A > A", "d", "A > B", "only_direct", "", "short", "A"),
        channels(PathTransforms.dropChannels(j, Set.of("direct"))));
    // In order: drop direct, collapse, keep the last 1.
    assertEquals(Map.of("r", "A", "d", "B", "only_direct", "", "short", "A"),
        channels(PathTransforms.withPathOptions(j, new PathOptions(true, true, 0, 1), AttributionOptions.defaults())));
    assertThrows(IllegalArgumentException.class, () -> new PathOptions(false, false, 2, 3));
  }

  @Test
  void aConversionLeftWithoutTouchesByDroppingDirectGoesToDirectNone() {
    Dataset<Row> j = PathTransforms.dropChannels(
        of(conversion("only_direct", "5.00", "direct"), open("o", "direct")), Set.of("direct"));
    assertEquals(Map.of("only_direct", "direct/none"), channels(PathTransforms.withNoneTouch(j, "direct/none")));
    Map<String, Fixtures.Credit> c = Fixtures.collect(
        RuleBasedModels.credits(j, List.of(Models.LAST_TOUCH), AttributionOptions.defaults()));
    assertEquals(Map.of("direct/none", "5.00"), Fixtures.values(c, Models.LAST_TOUCH, "only_direct"));
  }

  @Test
  void aggregatedPathsBecomeWeightedJourneys() {
    Dataset<Row> paths = spark.createDataFrame(List.of(
        RowFactory.create("A > B>C", 2.0, 30.0, 1.0),
        RowFactory.create("B", 0.0, 0.0, 4.0),
        RowFactory.create("", 1.0, 7.005, 0.0)), AggregatedPaths.SCHEMA);
    Dataset<Row> j = PathTransforms.fromAggregatedPaths(paths);
    Map<String, String> m = new TreeMap<>();
    for (Row r : j.collectAsList()) {
      List<String> touches = new ArrayList<>();
      for (Row t : r.<Row>getList(r.fieldIndex(Journeys.TOUCHES))) {
        touches.add(t.getString(0));
      }
      m.put(r.getString(r.fieldIndex(Journeys.JOURNEY_ID)), r.getBoolean(r.fieldIndex(Journeys.IS_CONVERSION))
          + " " + String.join(">", touches) + " w=" + r.getDouble(r.fieldIndex(Journeys.JOURNEY_WEIGHT))
          + " v=" + r.getDecimal(r.fieldIndex(Journeys.CONVERSION_VALUE)));
    }
    assertEquals(Map.of(
        "A > B>C", "true A>B>C w=2.0 v=30.00",
        "open:A > B>C", "false A>B>C w=1.0 v=null",
        "open:B", "false B w=4.0 v=null",
        "", "true  w=1.0 v=7.00"), m);
    assertTrue(Set.of(j.columns()).containsAll(Journeys.COLUMNS.keySet()));
  }
}
