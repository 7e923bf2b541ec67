package io.onecustomer.jobs.attribution;

import static io.onecustomer.jobs.attribution.Fixtures.collect;
import static io.onecustomer.jobs.attribution.Fixtures.conversion;
import static io.onecustomer.jobs.attribution.Fixtures.conversions;
import static io.onecustomer.jobs.attribution.Fixtures.of;
import static io.onecustomer.jobs.attribution.Fixtures.open;
import static io.onecustomer.jobs.attribution.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.jobs.attribution.AttributionColumns.Credits;
import io.onecustomer.jobs.attribution.AttributionColumns.Models;
import io.onecustomer.jobs.attribution.Fixtures.Credit;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class RuleBasedModelsTest {
  static final AttributionOptions DEFAULTS = AttributionOptions.defaults();

  static Map<String, Credit> all(Dataset<Row> journeys) {
    return collect(RuleBasedModels.credits(journeys, DEFAULTS));
  }

  @Test
  void aSingleTouchGetsTheWholeConversionInEveryModel() {
    Map<String, Credit> c = all(of(conversion("j1", "50.00", "paid_search")));
    for (String m : Models.RULE_BASED) {
      assertEquals(Map.of("paid_search", "50.00"), values(c, m, "j1"), m);
      assertEquals(1.0, conversions(c, m, "j1").get("paid_search"), 0.0, m);
    }
    assertEquals(Models.RULE_BASED.size(), c.size());
  }

  @Test
  void aConversionWithoutTouchesIsCreditedToDirectNoneNeverDropped() {
    Map<String, Credit> c = all(of(conversion("j1", "20.00")));
    for (String m : Models.RULE_BASED) {
      assertEquals(Map.of("direct/none", "20.00"), values(c, m, "j1"), m);
    }
    Map<String, Credit> named = collect(RuleBasedModels.credits(of(conversion("j1", "20.00")),
        List.of(Models.LINEAR), DEFAULTS.withNoneChannel("(no touch)")));
    assertEquals(Map.of("(no touch)", "20.00"), values(named, Models.LINEAR, "j1"));
  }

  @Test
  void repeatedChannelsAreSummedIntoOneRowPerChannel() {
    Map<String, Credit> c = all(of(conversion("j1", "100.00", "A", "B", "A", "C")));
    assertEquals(Map.of("A", "100.00"), values(c, Models.FIRST_TOUCH, "j1"));
    assertEquals(Map.of("C", "100.00"), values(c, Models.LAST_TOUCH, "j1"));
    assertEquals(Map.of("C", "100.00"), values(c, Models.LAST_NON_DIRECT, "j1"));
    // Linear counts each touch: A twice.
    assertEquals(Map.of("A", "50.00", "B", "25.00", "C", "25.00"), values(c, Models.LINEAR, "j1"));
    Fixtures.assertConversions(Map.of("A", 0.5, "B", 0.25, "C", 0.25), conversions(c, Models.LINEAR, "j1"), 1e-15);
    // Position-based, 4 touches: 0.4, 0.1, 0.1, 0.4; A = first + a middle touch.
    assertEquals(Map.of("A", "50.00", "B", "10.00", "C", "40.00"), values(c, Models.POSITION_BASED, "j1"));
  }

  @Test
  void lastNonDirectSkipsDirectAndFallsBackToTheLastTouchWhenAllAreDirect() {
    Map<String, Credit> c = collect(RuleBasedModels.credits(of(
            conversion("j1", "10.00", "A", "B", "direct", "direct"),
            conversion("j2", "10.00", "direct", "direct"),
            conversion("j3", "10.00", "email", "direct"),
            conversion("j4", "10.00")),
        List.of(Models.LAST_NON_DIRECT, Models.LAST_TOUCH), DEFAULTS));
    assertEquals(Map.of("B", "10.00"), values(c, Models.LAST_NON_DIRECT, "j1"));
    assertEquals(Map.of("direct", "10.00"), values(c, Models.LAST_TOUCH, "j1"));
    assertEquals(Map.of("direct", "10.00"), values(c, Models.LAST_NON_DIRECT, "j2"));
    assertEquals(Map.of("email", "10.00"), values(c, Models.LAST_NON_DIRECT, "j3"));
    assertEquals(Map.of("direct/none", "10.00"), values(c, Models.LAST_NON_DIRECT, "j4"));
    // The direct set is configurable: with email direct too, j3 falls back to its last touch.
    Map<String, Credit> c2 = collect(RuleBasedModels.credits(of(conversion("j3", "10.00", "email", "A", "direct")),
        List.of(Models.LAST_NON_DIRECT), DEFAULTS.withDirectChannels(java.util.Set.of("direct", "A"))));
    assertEquals(Map.of("email", "10.00"), values(c2, Models.LAST_NON_DIRECT, "j3"));
  }

  @Test
  void awkwardAmountsSumExactlyWithResidualCentsOnTheLargestShareTiesByName() {
    Map<String, Credit> c = collect(RuleBasedModels.credits(of(
            conversion("thirds", "100.00", "C", "B", "A"),
            conversion("halves", "0.05", "B", "A"),
            conversion("sevenths", "10.00", "g", "f", "e", "d", "c", "b", "a"),
            conversion("unequal", "0.01", "B", "A", "B")),
        List.of(Models.LINEAR), DEFAULTS));
    // 33.333.. rounds to 33.33 three times; the missing cent goes to A (tied shares, first name).
    assertEquals(Map.of("A", "33.34", "B", "33.33", "C", "33.33"), values(c, Models.LINEAR, "thirds"));
    // 0.025 rounds half-even to 0.02 twice; the cent goes to A.
    assertEquals(Map.of("A", "0.03", "B", "0.02"), values(c, Models.LINEAR, "halves"));
    // 1.428.. rounds to 1.43 seven times = 10.01: a takes the -0.01.
    Map<String, String> sevenths = values(c, Models.LINEAR, "sevenths");
    assertEquals("1.42", sevenths.get("a"));
    assertEquals("1.43", sevenths.get("g"));
    // B has 2/3: 0.0067 rounds to 0.01, A 0.0033 to 0.00; no residual.
    assertEquals(Map.of("A", "0.00", "B", "0.01"), values(c, Models.LINEAR, "unequal"));
    for (String j : List.of("thirds", "halves", "sevenths", "unequal")) {
      BigDecimal sum = values(c, Models.LINEAR, j).values().stream().map(BigDecimal::new)
          .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertEquals(Map.of("thirds", "100.00", "halves", "0.05", "sevenths", "10.00", "unequal", "0.01").get(j),
          sum.toPlainString(), j);
      double conv = conversions(c, Models.LINEAR, j).values().stream().mapToDouble(Double::doubleValue).sum();
      assertEquals(1.0, conv, 1e-12, j);
    }
  }

  @Test
  void timeDecayWeighsATouchOneHalfLifeBeforeTheConversionHalf() {
    Map<String, Credit> c = collect(RuleBasedModels.credits(of(
            conversion("j1", "90.00", "A@2026-05-03 12:00:00", "B@2026-05-10 12:00:00"),
            // Weights 1, 0.5, 0.25 relative to the latest: 4/7, 2/7, 1/7 of 70.00.
            conversion("j2", "70.00", "A@2026-04-26 12:00:00", "B@2026-05-03 12:00:00", "C@2026-05-10 12:00:00")),
        List.of(Models.TIME_DECAY), DEFAULTS));
    assertEquals(Map.of("A", "30.00", "B", "60.00"), values(c, Models.TIME_DECAY, "j1"));
    Fixtures.assertConversions(Map.of("A", 1.0 / 3, "B", 2.0 / 3), conversions(c, Models.TIME_DECAY, "j1"), 1e-12);
    assertEquals(Map.of("A", "10.00", "B", "20.00", "C", "40.00"), values(c, Models.TIME_DECAY, "j2"));

    // Half-life 1 day, touches 1 and 2 days before the conversion: 0.5 and 0.25.
    Map<String, Credit> d = collect(RuleBasedModels.credits(of(
            conversion("j3", "3.00", "A@2026-05-08 12:00:00", "B@2026-05-09 12:00:00")),
        List.of(Models.TIME_DECAY), DEFAULTS.withHalfLife(Duration.ofDays(1))));
    assertEquals(Map.of("A", "1.00", "B", "2.00"), values(d, Models.TIME_DECAY, "j3"));
  }

  @Test
  void positionBasedGivesOneTouchAllTwoTouchesHalfAndFiveTouches40_20_40() {
    Map<String, Credit> c = collect(RuleBasedModels.credits(of(
            conversion("one", "30.00", "A"),
            conversion("two", "30.00", "A", "B"),
            conversion("five", "30.00", "A", "B", "C", "D", "E")),
        List.of(Models.POSITION_BASED), DEFAULTS));
    assertEquals(Map.of("A", "30.00"), values(c, Models.POSITION_BASED, "one"));
    assertEquals(Map.of("A", "15.00", "B", "15.00"), values(c, Models.POSITION_BASED, "two"));
    assertEquals(Map.of("A", "12.00", "B", "2.00", "C", "2.00", "D", "2.00", "E", "12.00"),
        values(c, Models.POSITION_BASED, "five"));
    Fixtures.assertConversions(Map.of("A", 0.4, "B", 0.2 / 3, "C", 0.2 / 3, "D", 0.2 / 3, "E", 0.4),
        conversions(c, Models.POSITION_BASED, "five"), 1e-12);

    // Configurable: 60/20 leaves 20% to the middle; two touches split 60:20 = 75/25.
    Map<String, Credit> d = collect(RuleBasedModels.credits(of(
            conversion("two", "100.00", "A", "B"),
            conversion("three", "100.00", "A", "B", "C")),
        List.of(Models.POSITION_BASED), DEFAULTS.withPositionShares(0.6, 0.2)));
    assertEquals(Map.of("A", "75.00", "B", "25.00"), values(d, Models.POSITION_BASED, "two"));
    assertEquals(Map.of("A", "60.00", "B", "20.00", "C", "20.00"), values(d, Models.POSITION_BASED, "three"));
  }

  @Test
  void onlyConversionsAreCreditedAndAWeightedJourneyStandsForSeveral() {
    Dataset<Row> weighted = of(conversion("w", "30.00", "A", "B"), open("o", "A", "C"))
        .withColumn(AttributionColumns.Journeys.JOURNEY_WEIGHT, org.apache.spark.sql.functions.lit(3.0));
    Map<String, Credit> c = collect(RuleBasedModels.credits(weighted, List.of(Models.LINEAR), DEFAULTS));
    assertEquals(Map.of("A", "15.00", "B", "15.00"), values(c, Models.LINEAR, "w"));
    Fixtures.assertConversions(Map.of("A", 1.5, "B", 1.5), conversions(c, Models.LINEAR, "w"), 1e-12);
    assertEquals(2, c.size());
  }

  @Test
  void outputHasTheCreditColumnsWithMoneyAsDecimal() {
    Dataset<Row> credits = RuleBasedModels.credits(of(conversion("j1", "1.00", "A")), DEFAULTS);
    assertEquals(List.copyOf(Credits.COLUMNS.keySet()), List.of(credits.columns()));
    assertEquals(AttributionColumns.MONEY, credits.schema().apply(Credits.CREDIT_VALUE).dataType());
  }

  @Test
  void timeDecayWithoutTimestampsFailsWithTheJourney() {
    Dataset<Row> noTs = Fixtures.spark.createDataFrame(List.of(RowFactory.create("p", null, true, null,
        new BigDecimal("1.00"), List.of(RowFactory.create("A", null)))), AttributionColumns.Journeys.SCHEMA);
    Exception e = assertThrows(Exception.class,
        () -> RuleBasedModels.credits(noTs, List.of(Models.TIME_DECAY), DEFAULTS).collectAsList());
    assertTrue(String.valueOf(e.getMessage()).contains("time_decay needs touch timestamps; journey p"), e.getMessage());
    // The other models do not need them.
    assertEquals(Map.of("A", "1.00"),
        values(collect(RuleBasedModels.credits(noTs, List.of(Models.LINEAR), DEFAULTS)), Models.LINEAR, "p"));
  }

  @Test
  void optionsAreValidatedWithTheOffendingValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DEFAULTS.withPositionShares(0.7, 0.5));
    assertTrue(e.getMessage().contains("first 0.7 and last 0.5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withHalfLife(Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> RuleBasedModels.credits(of(conversion("j", "1.00", "A")), List.of("nope"), DEFAULTS));
  }
}
