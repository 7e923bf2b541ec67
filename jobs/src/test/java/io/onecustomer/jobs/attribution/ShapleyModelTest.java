package io.onecustomer.jobs.attribution;

import static io.onecustomer.jobs.attribution.Fixtures.collect;
import static io.onecustomer.jobs.attribution.Fixtures.conversion;
import static io.onecustomer.jobs.attribution.Fixtures.conversions;
import static io.onecustomer.jobs.attribution.Fixtures.of;
import static io.onecustomer.jobs.attribution.Fixtures.open;
import static io.onecustomer.jobs.attribution.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.jobs.attribution.AttributionColumns.Credits;
import io.onecustomer.jobs.attribution.AttributionColumns.Models;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * Three channels by hand, with at least 2 journeys for a set's own rate to count. Journeys by
 * channel set: {A} 4 (1 converts), {B} 4 (2), {A,B} 4 (3), {C} 2 (0), {A,C} 2 (0), {A,B,C} 1 (1),
 * and one conversion without touches. Supported rates: A 1/4, B 1/2, AB 3/4, C 0, AC 0. {B,C} is
 * never seen and {A,B,C} has one journey: each is worth its best supported subset, v(BC) = v(B) =
 * 1/2, v(ABC) = v(AB) = 3/4.
 *
 * <p>Game of {A,B,C} (weights 1/3 for the empty and the two-channel coalition, 1/6 for a single one):
 * φ(A) = 1/3·(1/4 − 0) + 1/6·(v(AB) − v(B)) + 1/6·(v(AC) − v(C)) + 1/3·(v(ABC) − v(BC))
 * = 1/12 + 1/24 + 0 + 1/12 = 5/24; φ(B) = 1/3·1/2 + 1/6·(3/4 − 1/4) + 1/6·(1/2 − 0) + 1/3·(3/4 − 0)
 * = 14/24; φ(C) = 1/3·0 + 1/6·(0 − 1/4) + 1/6·(1/2 − 1/2) + 1/3·(3/4 − 3/4) = −1/24 (C lowers the
 * rate of A: clamped to 0 for the credits). Σ = 18/24 = v(ABC). Game of {A,B}: φ(A) = 1/2·1/4 +
 * 1/2·(3/4 − 1/2) = 1/4, φ(B) = 1/2·1/2 + 1/2·(3/4 − 1/4) = 1/2.
 */
class ShapleyModelTest {
  static final AttributionOptions HAND = AttributionOptions.defaults().withShapleyMinJourneys(2);

  static Dataset<Row> example() {
    return of(
        conversion("a1", "10.00", "A"), open("a2", "A"), open("a3", "A", "A"), open("a4", "A"),
        conversion("b1", "10.00", "B"), conversion("b2", "10.00", "B", "B"), open("b3", "B"), open("b4", "B"),
        conversion("ab1", "30.00", "A", "B"), conversion("ab2", "30.00", "B", "A", "B"),
        conversion("ab3", "30.00", "B", "A"), open("ab4", "A", "B"),
        open("c1", "C"), open("c2", "C", "C"),
        open("ac1", "A", "C"), open("ac2", "C", "A"),
        conversion("abc1", "19.00", "C", "A", "B"),
        conversion("none1", "5.00"));
  }

  @Test
  void threeChannelsByHand() {
    ShapleyModel.Fit fit = ShapleyModel.fit(example(), HAND);
    assertEquals(Models.SHAPLEY, fit.model());
    ShapleyModel.Game game = fit.game();
    assertEquals(Map.of(List.of("A"), 0.25, List.of("B"), 0.5, List.of("A", "B"), 0.75, List.of("C"), 0.0,
        List.of("A", "C"), 0.0), game.rates());
    assertEquals(0.5, game.worth(Set.of("B", "C")), 0);
    assertEquals(0.75, game.worth(Set.of("A", "B", "C")), 0);
    assertEquals(0.0, game.worth(Set.of()), 0);

    Fixtures.assertConversions(Map.of("A", 5.0 / 24, "B", 14.0 / 24, "C", -1.0 / 24),
        fit.values().get(List.of("A", "B", "C")), 1e-12);
    Fixtures.assertConversions(Map.of("A", 0.25, "B", 0.5), fit.values().get(List.of("A", "B")), 1e-12);
    Fixtures.assertConversions(Map.of("A", 0.25), fit.values().get(List.of("A")), 1e-12);
    assertFalse(fit.values().containsKey(List.of("A", "C")), "a set without conversions needs no values");
    assertEquals(8.0, fit.totalConversions(), 0);
    assertEquals(new BigDecimal("144.00"), fit.totalValue());

    // Totals: A 1 + 3·1/3 + 5/19, B 2 + 3·2/3 + 14/19, C nothing, the none-channel its conversion.
    Map<String, Double> totals = new TreeMap<>();
    Map<String, String> values = new TreeMap<>();
    fit.channelCredits().forEach(c -> {
      totals.put(c.channel(), c.conversions());
      values.put(c.channel(), c.value().toPlainString());
    });
    Fixtures.assertConversions(Map.of("A", 2 + 5.0 / 19, "B", 4 + 14.0 / 19, "C", 0.0, "direct/none", 1.0), totals,
        1e-12);
    assertEquals(Map.of("A", "45.00", "B", "94.00", "C", "0.00", "direct/none", "5.00"), values);
  }

  @Test
  void eachConversionIsSharedByThePositiveShapleyValuesOfItsOwnChannelSet() {
    Dataset<Row> j = example();
    ShapleyModel.Fit fit = ShapleyModel.fit(j, HAND);
    Map<String, Fixtures.Credit> c = collect(ShapleyModel.credits(j, fit, HAND));
    // {A,B,C}: 5/24 : 14/24 : 0 of 19.00; C (negative) gets no row.
    assertEquals(Map.of("A", "5.00", "B", "14.00"), values(c, Models.SHAPLEY, "abc1"));
    Fixtures.assertConversions(Map.of("A", 5.0 / 19, "B", 14.0 / 19), conversions(c, Models.SHAPLEY, "abc1"), 1e-12);
    // {A,B}: 1/4 : 1/2, whatever the order and repeats of the touches.
    for (String ab : List.of("ab1", "ab2", "ab3")) {
      assertEquals(Map.of("A", "10.00", "B", "20.00"), values(c, Models.SHAPLEY, ab), ab);
    }
    assertEquals(Map.of("A", "10.00"), values(c, Models.SHAPLEY, "a1"));
    assertEquals(Map.of("direct/none", "5.00"), values(c, Models.SHAPLEY, "none1"));
    assertEquals(1 + 2 + 3 * 2 + 2 + 1, c.size(), "one row per conversion and credited channel");
    // The per-conversion credits add up to the channel totals.
    Map<String, Double> summed = new TreeMap<>();
    c.forEach((k, v) -> summed.merge(k.split("/", 3)[2], v.conversions(), Double::sum));
    summed.putIfAbsent("C", 0.0);
    Map<String, Double> totals = new TreeMap<>();
    fit.channelCredits().forEach(t -> totals.put(t.channel(), t.conversions()));
    Fixtures.assertConversions(totals, summed, 1e-12);
  }

  @Test
  void aSetTheFitHasNotSeenConvertingIsValuedByTheSameGame() {
    ShapleyModel.Fit fit = ShapleyModel.fit(example(), HAND);
    // {A,C} never converts in the fit: φ(A) = 1/2·1/4 + 1/2·(0 − 0) = 1/8, φ(C) = 1/2·0 + 1/2·(0 − 1/4) = −1/8.
    Dataset<Row> later = of(conversion("later", "8.00", "C", "A"));
    assertEquals(Map.of("A", "8.00"), values(collect(ShapleyModel.credits(later, fit, HAND)), Models.SHAPLEY, "later"));
    Fixtures.assertConversions(Map.of("A", 0.125, "C", -0.125), fit.shapley(List.of("C", "A", "direct/none")), 1e-12);
  }

  @Test
  void withoutEnoughJourneysPerSetEveryRateIsUnsupportedAndConversionsAreSharedEqually() {
    // The default needs 30 journeys per set: none here has them, every v is 0.
    AttributionOptions defaults = AttributionOptions.defaults();
    Dataset<Row> j = example();
    ShapleyModel.Fit fit = ShapleyModel.fit(j, defaults);
    assertTrue(fit.game().rates().isEmpty());
    Fixtures.assertConversions(Map.of("A", 0.0, "B", 0.0, "C", 0.0), fit.values().get(List.of("A", "B", "C")), 0);
    assertEquals(Map.of("A", "6.34", "B", "6.33", "C", "6.33"),
        values(collect(ShapleyModel.credits(j, fit, defaults)), Models.SHAPLEY, "abc1"));
  }

  @Test
  void theNoneChannelIsNoPlayer() {
    ShapleyModel.Fit fit = ShapleyModel.fit(example(), HAND);
    assertEquals(1.0, fit.noneConversions(), 0);
    assertTrue(fit.game().rates().keySet().stream().noneMatch(s -> s.contains("direct/none")));
    assertTrue(fit.values().keySet().stream().noneMatch(s -> s.isEmpty() || s.contains("direct/none")));
  }

  @Test
  void exactEnumerationEqualsThePermutationDefinitionOnRandomGames() {
    Random rnd = new Random(7);
    for (int g = 0; g < 40; g++) {
      int n = 1 + rnd.nextInt(6);
      List<String> players = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        players.add("c" + i);
      }
      ShapleyModel.Game game = new ShapleyModel.Game(randomRates(rnd, players, 0.5), 15, 1000);
      Map<String, Double> exact = game.shapley(players);
      Fixtures.assertConversions(byPermutations(game, players), exact, 1e-12);
      assertEquals(game.worth(players), exact.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12,
          "efficiency");
    }
  }

  @Test
  void samplingBeyondTheExactLimitIsWithinItsStatedBoundOfTheExactValues() {
    Random rnd = new Random(11);
    List<String> players = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      players.add("ch" + i);
    }
    Map<List<String>, Double> rates = randomRates(rnd, players, 0.08);
    int permutations = 20_000;
    ShapleyModel.Game exactGame = new ShapleyModel.Game(rates, 15, permutations);
    ShapleyModel.Game sampledGame = new ShapleyModel.Game(rates, 4, permutations);
    Map<String, Double> exact = exactGame.shapley(players);
    Map<String, Double> sampled = sampledGame.shapley(players);
    double bound = ShapleyModel.samplingError(exactGame.maxRate(players), permutations, 1e-6);
    double worst = 0;
    for (String p : players) {
      worst = Math.max(worst, Math.abs(sampled.get(p) - exact.get(p)));
      assertEquals(exact.get(p), sampled.get(p), bound, p);
    }
    assertTrue(worst > 0, "the sampled values are estimates");
    assertEquals(exactGame.worth(players), sampled.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12,
        "each order's contributions telescope to v(T)");
    assertEquals(sampled, sampledGame.shapley(players), "seeded: the same values every time");
  }

  @Test
  void aPathLongerThanTheExactLimitIsSampledInTheFit() {
    ShapleyModel.Fit exact = ShapleyModel.fit(example(), HAND);
    ShapleyModel.Fit sampled = ShapleyModel.fit(example(), HAND.withMaxExactShapleyChannels(2));
    double bound = ShapleyModel.samplingError(0.75, HAND.shapleyPermutations(), 1e-6);
    Map<String, Double> e = exact.values().get(List.of("A", "B", "C"));
    sampled.values().get(List.of("A", "B", "C")).forEach((c, v) -> assertEquals(e.get(c), v, bound, c));
    assertEquals(exact.values().get(List.of("A", "B")), sampled.values().get(List.of("A", "B")), "two channels: exact");
  }

  /**
   * Simulated journeys: everyone browses (direct, the last touch); "lift" is touched on 20% of them
   * and doubles the conversion probability (10% to 20%), "noop" on 20% and changes nothing. Lift
   * causes about 0.2 × 6000 × 0.1 = 120 conversions; last touch gives it none.
   */
  @Test
  void aChannelThatRaisesConversionGetsCreditAndOneWithoutEffectLittle() {
    Random rnd = new Random(3);
    List<Row> rows = new ArrayList<>();
    int liftTouches = 0;
    int noopTouches = 0;
    for (int i = 0; i < 6000; i++) {
      List<String> path = new ArrayList<>();
      boolean lift = rnd.nextDouble() < 0.2;
      boolean noop = rnd.nextDouble() < 0.2;
      if (lift) {
        path.add("lift");
        liftTouches++;
      }
      if (noop) {
        path.add("noop");
        noopTouches++;
      }
      path.add("direct");
      String[] p = path.toArray(new String[0]);
      rows.add(rnd.nextDouble() < (lift ? 0.2 : 0.1) ? conversion("j" + i, "1.00", p) : open("j" + i, p));
    }
    Dataset<Row> j = of(rows.toArray(new Row[0]));
    AttributionOptions o = AttributionOptions.defaults();
    ShapleyModel.Fit fit = ShapleyModel.fit(j, o);
    Map<String, Double> credit = new TreeMap<>();
    for (Row r : ShapleyModel.credits(j, fit, o).groupBy(Credits.CHANNEL).agg(functions.sum(Credits.CREDIT_CONVERSIONS))
        .collectAsList()) {
      credit.put(r.getString(0), r.getDouble(1));
    }
    Map<String, Double> lastTouch = new TreeMap<>();
    for (Row r : RuleBasedModels.credits(j, List.of(Models.LAST_TOUCH), o).groupBy(Credits.CHANNEL)
        .agg(functions.sum(Credits.CREDIT_CONVERSIONS)).collectAsList()) {
      lastTouch.put(r.getString(0), r.getDouble(1));
    }
    assertEquals(Set.of("direct"), lastTouch.keySet());
    double lift = credit.getOrDefault("lift", 0.0);
    double noop = credit.getOrDefault("noop", 0.0);
    assertTrue(lift > 40, "lift: " + credit);
    assertTrue(noop / noopTouches < 0.25 * lift / liftTouches, "noop per touch well below lift's: " + credit);
  }

  @Test
  void optionsAreValidated() {
    AttributionOptions d = AttributionOptions.defaults();
    assertEquals(15, d.maxExactShapleyChannels());
    assertThrows(IllegalArgumentException.class, () -> d.withMaxExactShapleyChannels(0));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxExactShapleyChannels(21));
    assertThrows(IllegalArgumentException.class, () -> d.withShapleyMinJourneys(0));
    assertThrows(IllegalArgumentException.class, () -> d.withShapleyPermutations(10));
  }

  /** Random supported sets among the players (each subset with probability {@code p}) with random rates. */
  static Map<List<String>, Double> randomRates(Random rnd, List<String> players, double p) {
    Map<List<String>, Double> rates = new HashMap<>();
    for (int mask = 1; mask < (1 << players.size()); mask++) {
      if (rnd.nextDouble() < p) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < players.size(); i++) {
          if ((mask & (1 << i)) != 0) {
            s.add(players.get(i));
          }
        }
        rates.put(List.copyOf(new TreeSet<>(s)), rnd.nextInt(4) == 0 ? 0.0 : rnd.nextDouble());
      }
    }
    return rates;
  }

  /** φ(i) = average over all n! orders of v(predecessors ∪ {i}) − v(predecessors), v from {@link ShapleyModel.Game#worth}. */
  static Map<String, Double> byPermutations(ShapleyModel.Game game, List<String> players) {
    Map<String, Double> sum = new TreeMap<>();
    players.forEach(p -> sum.put(p, 0.0));
    List<List<String>> orders = new ArrayList<>();
    permute(new ArrayList<>(players), 0, orders);
    for (List<String> order : orders) {
      List<String> before = new ArrayList<>();
      for (String p : order) {
        double without = game.worth(before);
        before.add(p);
        sum.merge(p, game.worth(before) - without, Double::sum);
      }
    }
    sum.replaceAll((p, s) -> s / orders.size());
    return sum;
  }

  private static void permute(List<String> a, int k, List<List<String>> out) {
    if (k == a.size()) {
      out.add(List.copyOf(a));
      return;
    }
    for (int i = k; i < a.size(); i++) {
      java.util.Collections.swap(a, k, i);
      permute(a, k + 1, out);
      java.util.Collections.swap(a, k, i);
    }
  }
}
