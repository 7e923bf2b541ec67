package io.onecustomer.jobs.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.onecustomer.jobs.value.ValueEvaluation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/value-eval} on real transactions: the CDNOW 1/10 sample (test resources, the data the
 * BTYD models were published on) written as a CSV with a few unreadable rows, evaluated at the
 * published calibration end. The holdout outcomes are computed here from the file by plain Java,
 * and the BTYD fits must be the published ones.
 */
class ValueEvalTest {
  private static final LocalDate END = LocalDate.of(1997, 9, 30);
  private static final int HORIZON = 91;
  private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");

  @TempDir
  static Path dir;
  static Path csv;
  static List<String[]> rows = new ArrayList<>();

  @BeforeAll
  static void writeCsv() throws IOException, URISyntaxException {
    Path sample = Path.of(ValueEvalTest.class.getClassLoader().getResource("cdnow/CDNOW_sample.txt").toURI());
    List<String> lines = new ArrayList<>(List.of("customer_id;day;cds;dollars"));
    for (String l : Files.readAllLines(sample)) {
      String[] f = l.trim().split("\\s+");
      rows.add(new String[] {f[0], f[2], f[4]});
      lines.add(f[0] + ";" + f[2] + ";" + f[3] + ";" + f[4]);
    }
    lines.add("99001;19971345;1;10.00"); // no such date
    lines.add("99002;19970105;1;ten"); // no amount
    lines.add("99003;19970105;1;-5.00"); // a return, not a purchase
    csv = dir.resolve("cdnow.csv");
    Files.write(csv, lines);
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = ValueEval.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static double number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void evaluatesTheModelsOutOfTimeBesideBothBtydBaselinesWithThePublishedFits() {
    Run r = run("--transactions", csv.toString(), "--calibration-end", END.toString(), "--horizon-days",
        String.valueOf(HORIZON), "--date-column", "day", "--amount-column", "dollars", "--date-format", "yyyyMMdd",
        "--delimiter", ";", "--features", "cds", "--cut-offs", "2", "--step-days", "30", "--bootstrap", "200");
    assertEquals(0, r.exit(), r.err() + r.out());
    assertTrue(r.out().contains("the file's own features: cds (each customer's mean over their purchases)"), r.out());
    int at = r.out().indexOf("== calibration end 1997-09-30");
    assertTrue(r.out().indexOf("== calibration end 1997-08-31") >= 0 && at > 0, r.out());
    String latest = r.out().substring(at);

    // The outcomes, from the file alone.
    Set<String> customers = new HashSet<>();
    Set<String> bought = new HashSet<>();
    Map<String, Double> revenue = new HashMap<>();
    for (String[] t : rows) {
      LocalDate d = LocalDate.parse(t[1], YYYYMMDD);
      double amount = Double.parseDouble(t[2]);
      if (amount < 0) {
        continue;
      }
      if (!d.isAfter(END)) {
        customers.add(t[0]);
      } else if (!d.isAfter(END.plusDays(HORIZON))) {
        bought.add(t[0]);
        revenue.merge(t[0], amount, Double::sum);
      }
    }
    bought.retainAll(customers);
    double total = customers.stream().mapToDouble(c -> revenue.getOrDefault(c, 0.0)).sum();
    assertEquals(customers.size(), (int) number(latest, "customers evaluated: (\\d+)"), latest);
    assertEquals(1.0 - (double) bought.size() / customers.size(), number(latest, "churn rate ([0-9.]+)"), 1e-4);
    assertEquals(total, number(latest, "; total ([0-9.]+)"), 0.01);
    assertEquals(customers.size(), number(latest, "models trained at: 1997-07-01 on (\\d+)"), customers.size() * 0.5,
        "about the customers who bought by the training cut-off");

    // BG/NBD and Pareto/NBD at the calibration end are the published CDNOW estimates.
    String bg = latest.lines().filter(l -> l.contains("fit:") && l.contains("bg_nbd")).findFirst().orElseThrow();
    assertEquals(0.2426, number(bg, " r=([0-9.]+)"), 0.001, bg);
    assertEquals(4.4137, number(bg, " alpha=([0-9.]+)"), 0.01, bg);
    assertEquals(0.7930, number(bg, " a=([0-9.]+)"), 0.005, bg);
    assertEquals(2.4262, number(bg, " b=([0-9.]+)"), 0.02, bg);
    String pn = latest.lines().filter(l -> l.contains("fit:") && l.contains("pareto_nbd")).findFirst().orElseThrow();
    assertEquals(0.553, number(pn, " r=([0-9.]+)"), 0.005, pn);
    assertEquals(0.606, number(pn, " s=([0-9.]+)"), 0.01, pn);

    for (String scorer : List.of("model", "bg_nbd", "pareto_nbd")) {
      double auc = number(latest, "(?m)^" + scorer + " +([0-9.]+) ");
      assertTrue(auc > 0.7 && auc < 1, scorer + " auc " + auc + "\n" + r.out());
    }
    for (String metric : List.of("auc", "rmse", "spearman")) {
      Matcher m = Pattern.compile("(?m)^" + metric + ": model - (bg_nbd|pareto_nbd) = ([-+0-9.]+), 95% paired bootstrap"
          + " interval \\[([-+0-9.]+), ([-+0-9.]+)\\] \\(200 resamples\\)").matcher(latest);
      assertTrue(m.find(), metric + " line in:\n" + latest);
      double low = Double.parseDouble(m.group(3));
      double high = Double.parseDouble(m.group(4));
      assertTrue(low < high && low <= Double.parseDouble(m.group(2)) + 1e-4
          && Double.parseDouble(m.group(2)) <= high + 1e-4, m.group());
      // The summary over both calibration ends repeats this end's difference, interval and baseline.
      String summary = r.out().lines().filter(l -> l.startsWith(metric + ":") && l.contains("1997-08-31"))
          .findFirst().orElseThrow(() -> new AssertionError("no summary line for " + metric + " in:\n" + r.out()));
      assertTrue(summary.contains(String.format(java.util.Locale.ROOT, "1997-09-30 %s [%s, %s] (%s);", m.group(2),
          m.group(3), m.group(4), m.group(1))) && summary.matches(".* interval above 0 at [0-2] of 2, below 0 at [0-2] \\((lower|higher) is better\\)"),
          summary);
    }
    assertTrue(r.err().contains("2 row(s) of " + csv + " left out") && r.err().contains("date '19971345'")
        && r.err().contains("amount 'ten'"), r.err());
    assertTrue(r.err().contains("1 row(s) of " + csv + " with a negative amount (returns)"), r.err());
  }

  @Test
  void aMissingColumnOrAHoldoutBeyondTheDataExitsTwoNamingIt() {
    Run missing = run("--transactions", csv.toString(), "--calibration-end", END.toString(), "--delimiter", ";");
    assertEquals(2, missing.exit(), missing.err());
    assertTrue(missing.err().contains(csv + " has no column 'date' (its header: customer_id, day, cds, dollars)"),
        missing.err());

    Run late = run("--transactions", csv.toString(), "--calibration-end", "1998-06-01", "--horizon-days", "91",
        "--date-column", "day", "--amount-column", "dollars", "--date-format", "yyyyMMdd", "--delimiter", ";");
    assertEquals(2, late.exit(), late.err());
    assertTrue(late.err().contains("holds purchases from 1997-01-01 to 1998-06-30")
        && late.err().contains("up to 1998-08-31"), late.err());

    Run clash = run("--transactions", csv.toString(), "--calibration-end", END.toString(), "--features", "cds,frequency");
    assertEquals(2, clash.exit(), clash.err());
    assertTrue(clash.err().contains("--features: 'frequency' is a name the model uses itself"), clash.err());

    Run noFeature = run("--transactions", csv.toString(), "--calibration-end", END.toString(), "--date-column", "day",
        "--amount-column", "dollars", "--delimiter", ";", "--features", "cds,tracks");
    assertEquals(2, noFeature.exit(), noFeature.err());
    assertTrue(noFeature.err().contains(csv + " has no column 'tracks'"), noFeature.err());

    Run noFile = run("--transactions", dir.resolve("nope.csv").toString(), "--calibration-end", END.toString());
    assertEquals(2, noFile.exit());
    assertTrue(noFile.err().contains("nope.csv: no such file"), noFile.err());
  }

  @Test
  void aFilesOwnFeatureIsTheCustomersMeanOverTheirPurchasesUpToTheCutOff() {
    SparkSession spark = SparkSession.builder().master("local[1]").getOrCreate();
    Dataset<Row> purchases = spark.sql("SELECT customer_id, CAST(d AS DATE) AS order_date, CAST(n AS DOUBLE) AS cds"
        + " FROM VALUES ('A', '1997-01-01', 2), ('A', '1997-02-01', 4), ('A', '1997-03-01', 100),"
        + " ('B', '1997-01-05', NULL), ('C', '1997-01-07', 3) AS t(customer_id, d, n)");
    Dataset<Row> features = spark.sql("SELECT * FROM VALUES ('A', 1.0), ('B', 2.0), ('C', 3.0), ('D', 4.0)"
        + " AS f(customer_id, frequency)");
    Map<String, Double> got = new HashMap<>();
    for (Row r : ValueEvaluation.withExtra(features, purchases, LocalDate.of(1997, 2, 15), List.of("cds"))
        .collectAsList()) {
      got.put(r.getString(0), r.getDouble(r.fieldIndex("cds")));
    }
    assertEquals(Map.of("A", 3.0, "B", -1.0, "C", 3.0, "D", -1.0), got);
  }
}
