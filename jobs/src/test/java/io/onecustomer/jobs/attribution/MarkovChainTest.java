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

import io.onecustomer.jobs.attribution.AttributionColumns.Models;
import io.onecustomer.jobs.attribution.MarkovChain.Transition;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * The hand-solved chain. Paths: A > A > B converts (100.00), A does not, B converts (40.00),
 * B > A does not. Transitions (self-loop dropped): start→A 2, start→B 2, A→B 1, A→null 2,
 * B→conv 2, B→A 1. So P_A = P_B/3 and P_B = 2/3 + P_A/3, giving P_B = 3/4, P_A = 1/4 and
 * P(conv) = (P_A + P_B)/2 = 1/2. Without A: P_B = 2/3, P = 1/3, RE(A) = 1 − (1/3)/(1/2) = 1/3.
 * Without B: P_A = 0, P = 0, RE(B) = 1. Normalised: A 1/4, B 3/4.
 */
class MarkovChainTest {
  static final AttributionOptions DEFAULTS = AttributionOptions.defaults();

  static Dataset<Row> example() {
    return of(
        conversion("j1", "100.00", "A", "A", "B"),
        open("j2", "A"),
        conversion("j3", "40.00", "B"),
        open("j4", "B", "A"));
  }

  static Map<String, Double> credits(MarkovChain.Fit fit) {
    Map<String, Double> m = new TreeMap<>();
    fit.channelCredits().forEach(c -> m.put(c.channel(), c.conversions()));
    return m;
  }

  static Map<String, String> creditValues(MarkovChain.Fit fit) {
    Map<String, String> m = new TreeMap<>();
    fit.channelCredits().forEach(c -> m.put(c.channel(), c.value().toPlainString()));
    return m;
  }

  @Test
  void removalEffectsOfTheHandSolvedChainWithNonConvertingPaths() {
    MarkovChain.Fit fit = MarkovChain.fit(example(), true, DEFAULTS);
    assertEquals(Models.MARKOV, fit.model());
    assertEquals(List.of("A", "B"), fit.channels());
    assertEquals(0.5, fit.conversionProbability(), 1e-12);
    assertEquals(1.0 / 3, fit.removalEffects().get("A"), 1e-9);
    assertEquals(1.0, fit.removalEffects().get("B"), 1e-9);
    assertEquals(List.of(
        new Transition("(start)", "A", 2), new Transition("(start)", "B", 2),
        new Transition("A", "(null)", 2), new Transition("A", "B", 1),
        new Transition("B", "(conversion)", 2), new Transition("B", "A", 1)),
        fit.transitions().stream().sorted(java.util.Comparator.comparing(Transition::from)
            .thenComparing(Transition::to)).toList());
    assertEquals(2.0, fit.totalConversions(), 0);
    assertEquals(new BigDecimal("140.00"), fit.totalValue());
    Fixtures.assertConversions(Map.of("A", 0.5, "B", 1.5), credits(fit), 1e-9);
    assertEquals(Map.of("A", "35.00", "B", "105.00"), creditValues(fit));
  }

  @Test
  void withoutNonConvertingPathsNullIsReachedOnlyThroughARemovedChannel() {
    MarkovChain.Fit fit = MarkovChain.fit(example(), false, DEFAULTS);
    assertEquals(Models.MARKOV_WITHOUT_NULLS, fit.model());
    assertEquals(1.0, fit.conversionProbability(), 1e-12);
    // Converting walks: start→A→B→conv and start→B→conv. Without A half of them survive.
    assertEquals(0.5, fit.removalEffects().get("A"), 1e-9);
    assertEquals(1.0, fit.removalEffects().get("B"), 1e-9);
    Fixtures.assertConversions(Map.of("A", 2.0 / 3, "B", 4.0 / 3), credits(fit), 1e-9);
    assertEquals(Map.of("A", "46.67", "B", "93.33"), creditValues(fit));
  }

  @Test
  void eachConversionIsSharedByTheRemovalEffectsOfItsChannels() {
    Dataset<Row> j = example();
    MarkovChain.Fit fit = MarkovChain.fit(j, true, DEFAULTS);
    Map<String, Fixtures.Credit> c = collect(MarkovChain.credits(j, fit, DEFAULTS));
    // j1 has A and B: (1/3) : 1 = 1/4 : 3/4.
    assertEquals(Map.of("A", "25.00", "B", "75.00"), values(c, Models.MARKOV, "j1"));
    Fixtures.assertConversions(Map.of("A", 0.25, "B", 0.75), conversions(c, Models.MARKOV, "j1"), 1e-12);
    assertEquals(Map.of("B", "40.00"), values(c, Models.MARKOV, "j3"));
    assertEquals(3, c.size(), "non-converting journeys get no credit");

    MarkovChain.Fit without = MarkovChain.fit(j, false, DEFAULTS);
    Map<String, Fixtures.Credit> d = collect(MarkovChain.credits(j, without, DEFAULTS));
    assertEquals(Map.of("A", "33.33", "B", "66.67"), values(d, Models.MARKOV_WITHOUT_NULLS, "j1"));
  }

  @Test
  void aConversionWithoutTouchesWalksThroughDirectNone() {
    Dataset<Row> j = of(conversion("j1", "10.00"), conversion("j2", "10.00", "A"), open("j3", "A"));
    MarkovChain.Fit fit = MarkovChain.fit(j, true, DEFAULTS);
    assertEquals(List.of("A", "direct/none"), fit.channels());
    // P = 1/3·1 + 2/3·1/2 = 2/3; without A: 1/3 (RE 1/2); without direct/none: 1/3 (RE 1/2).
    assertEquals(2.0 / 3, fit.conversionProbability(), 1e-12);
    assertEquals(0.5, fit.removalEffects().get("A"), 1e-9);
    assertEquals(0.5, fit.removalEffects().get("direct/none"), 1e-9);
    assertEquals(Map.of("direct/none", "10.00"),
        values(collect(MarkovChain.credits(j, fit, DEFAULTS)), Models.MARKOV, "j1"));
  }

  @Test
  void aWeightedJourneyCountsLikeThatManyCopies() {
    Dataset<Row> weighted = of(conversion("j1", "30.00", "A", "B"), open("j2", "B"))
        .withColumn(AttributionColumns.Journeys.JOURNEY_WEIGHT,
            functions.when(functions.col("journey_id").equalTo("j1"), 3.0).otherwise(2.0));
    Dataset<Row> copies = of(conversion("a", "10.00", "A", "B"), conversion("b", "10.00", "A", "B"),
        conversion("c", "10.00", "A", "B"), open("d", "B"), open("e", "B"));
    MarkovChain.Fit w = MarkovChain.fit(weighted, true, DEFAULTS);
    MarkovChain.Fit c = MarkovChain.fit(copies, true, DEFAULTS);
    assertEquals(c.conversionProbability(), w.conversionProbability(), 1e-12);
    assertEquals(c.removalEffects().keySet(), w.removalEffects().keySet());
    c.removalEffects().forEach((k, v) -> assertEquals(v, w.removalEffects().get(k), 1e-12, k));
    assertEquals(c.channelCredits(), w.channelCredits());
  }

  @Test
  void tooManyChannelsFailWithTheLimit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MarkovChain.fit(of(conversion("j1", "1.00", "A", "B", "C")), true, DEFAULTS.withMaxChannels(2)));
    assertTrue(e.getMessage().contains("max-channels"), e.getMessage());
  }

  @Test
  void directSolveMatchesAHandSolvedCycle() {
    // start→A 1; A→B 1/2, A→conv 1/2; B→A 1/2, B→null 1/2: P_A = 1/2 + P_B/2, P_B = P_A/2 → P_A = 2/3.
    double[][] q = {{0, 1, 0}, {0, 0, 0.5}, {0, 0.5, 0}};
    double[] r = {0, 0.5, 0};
    assertEquals(2.0 / 3, MarkovChain.conversionProbability(q, r, -1), 1e-12);
    assertEquals(0.5, MarkovChain.conversionProbability(q, r, 2), 1e-12);
    assertEquals(0.0, MarkovChain.conversionProbability(q, r, 1), 1e-12);
  }
}
