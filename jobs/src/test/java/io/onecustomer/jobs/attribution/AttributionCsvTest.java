package io.onecustomer.jobs.attribution;

import static io.onecustomer.jobs.attribution.Fixtures.conversion;
import static io.onecustomer.jobs.attribution.Fixtures.of;
import static io.onecustomer.jobs.attribution.Fixtures.open;
import static io.onecustomer.jobs.attribution.Fixtures.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.jobs.attribution.AttributionColumns.Credits;
import io.onecustomer.jobs.attribution.AttributionColumns.Models;
import io.onecustomer.jobs.tools.AttributionCsv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV command on aggregated paths against the Dataset models on the same journeys, one by one. */
class AttributionCsvTest {
  /** Every channel set's own rate counts in shapley (the paths have a handful of journeys each). */
  static final AttributionOptions DEFAULTS = AttributionOptions.defaults().withShapleyMinJourneys(1);
  static final String CSV = String.join("\n",
      "path;total_conversions;total_conversion_value;total_null",
      "A > B;2;30.00;1",
      "B;1;10.00;2",
      "A > A > C;1;5.00;0",
      "C;0;0;3",
      "direct > A;1;8.00;0",
      "");

  /** The same paths as single journeys with timestamps: 5 conversions' worth, 6 non-converting. */
  static Dataset<Row> sameJourneys() {
    return of(
        conversion("c1", "10.00", "A", "B"), conversion("c2", "20.00", "A", "B"), open("o1", "A", "B"),
        conversion("c3", "10.00", "B"), open("o2", "B"), open("o3", "B"),
        conversion("c4", "5.00", "A", "A", "C"),
        open("o4", "C"), open("o5", "C"), open("o6", "C"),
        conversion("c5", "8.00", "direct", "A"));
  }

  @TempDir Path tmp;

  /** model/channel -> "conversions;value" from the written file. */
  static Map<String, String[]> read(Path out) throws IOException {
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(AttributionCsv.OUTPUT_HEADER, lines.get(0));
    Map<String, String[]> m = new TreeMap<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(";");
      m.put(f[1] + "/" + f[0], new String[] {f[2], f[3]});
    }
    return m;
  }

  @Test
  void everyModelOnTheCsvMatchesTheDatasetModelsOnTheSameJourneys() throws IOException {
    Path in = Files.writeString(tmp.resolve("paths.csv"), CSV);
    Path out = tmp.resolve("results.csv");
    ByteArrayOutputStream notes = new ByteArrayOutputStream();
    List<ChannelCredit> results = AttributionCsv.attribute(spark, in, ";", DEFAULTS, PathOptions.none(),
        new PrintStream(notes, true, StandardCharsets.UTF_8));
    AttributionCsv.write(results, out, ";");
    Map<String, String[]> csv = read(out);
    assertTrue(notes.toString(StandardCharsets.UTF_8).contains("time_decay not computed"), notes.toString());

    Map<String, String[]> expected = new TreeMap<>();
    Dataset<Row> j = sameJourneys();
    List<String> ruleBased = List.of(Models.FIRST_TOUCH, Models.LAST_TOUCH, Models.LAST_NON_DIRECT, Models.LINEAR,
        Models.POSITION_BASED);
    for (Row r : RuleBasedModels.credits(j, ruleBased, DEFAULTS).groupBy(Credits.MODEL, Credits.CHANNEL)
        .agg(functions.sum(Credits.CREDIT_CONVERSIONS), functions.sum(Credits.CREDIT_VALUE)).collectAsList()) {
      expected.put(r.getString(0) + "/" + r.getString(1), new String[] {fmt(r.getDouble(2)), r.getDecimal(3).toPlainString()});
    }
    List<ChannelCredit> fitted = new ArrayList<>();
    fitted.addAll(MarkovChain.fit(j, true, DEFAULTS).channelCredits());
    fitted.addAll(MarkovChain.fit(j, false, DEFAULTS).channelCredits());
    fitted.addAll(ShapleyModel.fit(j, DEFAULTS).channelCredits());
    fitted.forEach(c -> expected.put(c.model() + "/" + c.channel(), new String[] {fmt(c.conversions()),
        c.value().toPlainString()}));

    assertEquals(expected.keySet(), csv.keySet());
    expected.forEach((k, v) -> {
      assertEquals(Double.parseDouble(v[0]), Double.parseDouble(csv.get(k)[0]), 1e-9, k);
      assertEquals(new BigDecimal(v[1]), new BigDecimal(csv.get(k)[1]), k);
    });
    // Hand checks, and 5 conversions worth 53.00 in every model.
    assertEquals("35.00", csv.get("first_touch/A")[1]);
    assertEquals("8.00", csv.get("first_touch/direct")[1]);
    assertEquals("8.00", csv.get("last_non_direct/A")[1]);
    assertEquals("2.00", csv.get("position_based/C")[1]);
    for (String m : AttributionCsv.MODELS) {
      double conv = 0;
      BigDecimal value = BigDecimal.ZERO;
      for (Map.Entry<String, String[]> e : csv.entrySet()) {
        if (e.getKey().startsWith(m + "/")) {
          conv += Double.parseDouble(e.getValue()[0]);
          value = value.add(new BigDecimal(e.getValue()[1]));
        }
      }
      assertEquals(5.0, conv, 1e-9, m);
      assertEquals(new BigDecimal("53.00"), value, m);
    }
  }

  static String fmt(double d) {
    return BigDecimal.valueOf(d).toPlainString();
  }

  @Test
  void headerColumnsAreFoundByNameAndMissingOnesCountAsZero() throws IOException {
    Path in = Files.writeString(tmp.resolve("p.csv"), "total_conversions;path\n2;A > B\n1.5;B\n");
    Dataset<Row> paths = AttributionCsv.readPaths(spark, in, ";");
    assertEquals(List.of("total_conversions", "path"), List.of(paths.columns()));
    Map<String, String> j = new TreeMap<>();
    for (Row r : PathTransforms.fromAggregatedPaths(paths).collectAsList()) {
      j.put(r.getString(r.fieldIndex("journey_id")), r.getDouble(r.fieldIndex("journey_weight")) + " "
          + r.getDecimal(r.fieldIndex("conversion_value")));
    }
    assertEquals(Map.of("A > B", "2.0 0.00", "B", "1.5 0.00"), j);
  }

  @Test
  void badArgumentsAndHeadersFailWithTheReason() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(2, AttributionCsv.run(new String[] {"only-one.csv"}, new PrintStream(new ByteArrayOutputStream()), e));
    assertEquals(2, AttributionCsv.run(new String[] {"a.csv", "b.csv", "--shapley-min-journeys", "0"},
        new PrintStream(new ByteArrayOutputStream()), e));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("shapley min-journeys must be positive"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("expected <paths.csv> <results.csv>, got 1 file(s)"));
    Path bad = Files.writeString(tmp.resolve("bad.csv"), "path;conversions\nA;1\n");
    IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> AttributionCsv.attribute(spark, bad, ";", DEFAULTS, PathOptions.none(), e));
    assertTrue(ex.getMessage().contains("unknown column 'conversions'"), ex.getMessage());
  }
}
