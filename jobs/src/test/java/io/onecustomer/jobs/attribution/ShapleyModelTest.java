package io.onecustomer.jobs.attribution;

import static io.onecustomer.jobs.attribution.Fixtures.collect;
import static io.onecustomer.jobs.attribution.Fixtures.conversion;
import static io.onecustomer.jobs.attribution.Fixtures.conversions;
import static io.onecustomer.jobs.attribution.Fixtures.of;
import static io.onecustomer.jobs.attribution.Fixtures.open;
import static io.onecustomer.jobs.attribution.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;

/**
 * Three channels by hand. Journeys by channel set: {A} 2 (1 converts), {B} 4 (1), {A,B} 2 (2),
 * {B,C} 1 (1), {A,B,C} 1 (1), {C} 2 (0). Rates r: A 1/2, B 1/4, AB 1, BC 1, ABC 1, C 0, and
 * v(S) = Σ_{T⊆S} r(T): v(A) = 1/2, v(B) = 1/4, v(C) = 0, v(AB) = 7/4, v(AC) = 1/2, v(BC) = 5/4,
 * v(ABC) = 15/4. By the Shapley formula, e.g. φ(C) = 1/3·(v(C) − 0) + 1/6·(v(AC) − v(A))
 * + 1/6·(v(BC) − v(B)) + 1/3·(v(ABC) − v(AB)) = 0 + 0 + 1/6 + 2/3 = 5/6, and likewise
 * φ(A) = 4/3, φ(B) = 19/12 (Σ = 15/4 = v(ABC)).
 */
class ShapleyModelTest {
  static final AttributionOptions DEFAULTS = AttributionOptions.defaults();

  static Dataset<Row> example() {
    return of(
        conversion("a1", "10.00", "A"), open("a2", "A"),
        conversion("b1", "10.00", "B"), open("b2", "B"), open("b3", "B", "B"), open("b4", "B"),
        conversion("ab1", "35.00", "A", "B"), conversion("ab2", "10.00", "B", "A", "B"),
        conversion("bc1", "10.00", "C", "B"),
        conversion("abc1", "10.00", "A", "C", "B"),
        open("c1", "C"), open("c2", "C", "C"));
  }

  @Test
  void shapleyValuesOfThreeChannelsByHand() {
    ShapleyModel.Fit fit = ShapleyModel.fit(example(), true, DEFAULTS);
    assertEquals(Models.SHAPLEY, fit.model());
    assertEquals(Set.of("A", "B", "C"), fit.values().keySet());
    assertEquals(4.0 / 3, fit.values().get("A"), 1e-12);
    assertEquals(19.0 / 12, fit.values().get("B"), 1e-12);
    assertEquals(5.0 / 6, fit.values().get("C"), 1e-12);
    assertEquals(6.0, fit.totalConversions(), 0);
    assertEquals(new BigDecimal("85.00"), fit.totalValue());
    // Channel totals: φ / Σφ × 6 conversions: 16/45, 19/45, 10/45.
    Map<String, Double> totals = new TreeMap<>();
    Map<String, String> values = new TreeMap<>();
    fit.channelCredits().forEach(c -> {
      totals.put(c.channel(), c.conversions());
      values.put(c.channel(), c.value().toPlainString());
    });
    Fixtures.assertConversions(Map.of("A", 96.0 / 45, "B", 114.0 / 45, "C", 60.0 / 45), totals, 1e-12);
    // 85 × 16/45 = 30.222, 85 × 19/45 = 35.888, 85 × 10/45 = 18.888: 30.22 + 35.89 + 18.89 = 85.00.
    assertEquals(Map.of("A", "30.22", "B", "35.89", "C", "18.89"), values);
    // The closed form agrees with the definition.
    assertEquals(bruteForce(rates(List.of(
        Map.entry(Set.of("A"), 0.5), Map.entry(Set.of("B"), 0.25), Map.entry(Set.of("A", "B"), 1.0),
        Map.entry(Set.of("B", "C"), 1.0), Map.entry(Set.of("A", "B", "C"), 1.0), Map.entry(Set.of("C"), 0.0))))
        .get("C"), 5.0 / 6, 1e-12);
  }

  @Test
  void withoutNullsTheWorthIsConversionCountsAndValuesSumToConversions() {
    ShapleyModel.Fit fit = ShapleyModel.fit(example(), false, DEFAULTS);
    assertEquals(Models.SHAPLEY_WITHOUT_NULLS, fit.model());
    // Counts: A 1, B 1, AB 2, BC 1, ABC 1: φ(A) = 1 + 1 + 1/3, φ(B) = 1 + 1 + 1/2 + 1/3, φ(C) = 1/2 + 1/3.
    assertEquals(7.0 / 3, fit.values().get("A"), 1e-12);
    assertEquals(17.0 / 6, fit.values().get("B"), 1e-12);
    assertEquals(5.0 / 6, fit.values().get("C"), 1e-12);
    Map<String, Double> totals = new TreeMap<>();
    fit.channelCredits().forEach(c -> totals.put(c.channel(), c.conversions()));
    Fixtures.assertConversions(fit.values(), totals, 1e-12);
  }

  @Test
  void eachConversionIsSharedByTheShapleyValuesOfItsChannels() {
    Dataset<Row> j = example();
    ShapleyModel.Fit fit = ShapleyModel.fit(j, true, DEFAULTS);
    Map<String, Fixtures.Credit> c = collect(ShapleyModel.credits(j, fit, DEFAULTS));
    // {A, B}: 4/3 : 19/12 = 16/35 : 19/35 of 35.00.
    assertEquals(Map.of("A", "16.00", "B", "19.00"), values(c, Models.SHAPLEY, "ab1"));
    Fixtures.assertConversions(Map.of("A", 16.0 / 35, "B", 19.0 / 35), conversions(c, Models.SHAPLEY, "ab1"), 1e-12);
    assertEquals(Map.of("A", "10.00"), values(c, Models.SHAPLEY, "a1"));
    assertEquals(1 + 1 + 2 + 2 + 2 + 3, c.size(), "one row per conversion and channel present");
  }

  @Test
  void closedFormEqualsTheShapleyDefinitionOnRandomJourneysOfSixChannels() {
    Random rnd = new Random(42);
    List<String> channels = List.of("a", "b", "c", "d", "e", "f");
    List<Row> rows = new ArrayList<>();
    Map<Set<String>, double[]> counts = new HashMap<>();
    for (int i = 0; i < 120; i++) {
      int len = 1 + rnd.nextInt(4);
      String[] path = new String[len];
      for (int k = 0; k < len; k++) {
        path[k] = channels.get(rnd.nextInt(channels.size()));
      }
      boolean converts = rnd.nextInt(3) == 0;
      rows.add(converts ? conversion("j" + i, "1.00", path) : open("j" + i, path));
      double[] cj = counts.computeIfAbsent(new TreeSet<>(List.of(path)), s -> new double[2]);
      cj[0] += converts ? 1 : 0;
      cj[1] += 1;
    }
    List<Map.Entry<Set<String>, Double>> r = new ArrayList<>();
    counts.forEach((s, cj) -> r.add(Map.entry(s, cj[0] / cj[1])));
    Map<String, Double> expected = bruteForce(rates(r));
    ShapleyModel.Fit fit = ShapleyModel.fit(of(rows.toArray(new Row[0])), true, DEFAULTS);
    Fixtures.assertConversions(expected, fit.values(), 1e-12);
  }

  static Map<Set<String>, Double> rates(List<Map.Entry<Set<String>, Double>> entries) {
    Map<Set<String>, Double> m = new HashMap<>();
    entries.forEach(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  /** φ(i) = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S)), v(S) = Σ_{T ⊆ S} r(T). */
  static Map<String, Double> bruteForce(Map<Set<String>, Double> r) {
    List<String> players = new ArrayList<>(new TreeSet<>(r.keySet().stream().flatMap(Set::stream).toList()));
    int n = players.size();
    double[] v = new double[1 << n];
    for (int mask = 0; mask < (1 << n); mask++) {
      for (Map.Entry<Set<String>, Double> e : r.entrySet()) {
        boolean subset = true;
        for (String p : e.getKey()) {
          subset &= (mask & (1 << players.indexOf(p))) != 0;
        }
        if (subset) {
          v[mask] += e.getValue();
        }
      }
    }
    double[] fact = new double[n + 1];
    fact[0] = 1;
    for (int i = 1; i <= n; i++) {
      fact[i] = fact[i - 1] * i;
    }
    Map<String, Double> phi = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int mask = 0; mask < (1 << n); mask++) {
        if ((mask & (1 << i)) == 0) {
          int size = Integer.bitCount(mask);
          s += fact[size] * fact[n - size - 1] / fact[n] * (v[mask | (1 << i)] - v[mask]);
        }
      }
      phi.put(players.get(i), s);
    }
    return phi;
  }
}
