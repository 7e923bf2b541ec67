package io.onecustomer.jobs.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onecustomer.common.DateRange;
import io.onecustomer.common.Tables;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.generator.Generator;
import io.onecustomer.generator.GeneratorConfig;
import io.onecustomer.jobs.JobRegistry;
import io.onecustomer.jobs.Runner;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.analytics.CustomerOrdersJob;
import io.onecustomer.jobs.analytics.alerts.AlertTables.DistributorAlerts;
import io.onecustomer.jobs.analytics.alerts.AlertTables.SalesAlerts;
import io.onecustomer.jobs.analytics.alerts.AlertTables;
import io.onecustomer.jobs.analytics.alerts.SalesAlertsJob;
import io.onecustomer.jobs.analytics.channel.ChannelTables.Health;
import io.onecustomer.jobs.analytics.channel.ChannelTables;
import io.onecustomer.jobs.analytics.customer.BehaviourTables.CrossSell;
import io.onecustomer.jobs.analytics.customer.BehaviourTables;
import io.onecustomer.jobs.analytics.customer.RfmTables.Segments;
import io.onecustomer.jobs.analytics.customer.RfmTables.Transitions;
import io.onecustomer.jobs.analytics.customer.RfmTables;
import io.onecustomer.jobs.report.NightlyReport;
import io.onecustomer.jobs.value.ModelStore;
import io.onecustomer.jobs.value.ValueSpecs;
import io.onecustomer.jobs.value.ValueTables.ChurnScores;
import io.onecustomer.jobs.value.ValueTables.LtvPredictions;
import io.onecustomer.jobs.value.ValueTables.Metrics;
import io.onecustomer.jobs.value.ValueTables;
import io.onecustomer.jobs.value.ValueTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The customer and channel analytics on generated data, against what the generator planted, at
 * the default settings. Two data sets: a long one (2,500 people over 400 days, long enough for half
 * a year and a year of silence; backfilled with month-end snapshots, then one nightly run) for
 * everything but sales drops, and a wide short one (12,000 people over 63 days, only the jobs sales
 * alerts need) because a drop is judged only in scopes with 20+ orders a day, which the planted
 * region's stores reach at about that many people. The long set also runs the value models (features,
 * training on the backfill's last day, nightly scoring), checked against their BTYD baselines and
 * the planted churners. The long set runs every job; on it the nightly report is rendered in a
 * browser and every notebook runs through the SQL endpoint.
 */
class AnalyticsIT {
  static final LocalDate START = LocalDate.of(2025, 9, 22);
  static final int DAYS = 400;
  static final LocalDate LAST = START.plusDays(DAYS - 1);
  static final LocalDate WIDE_START = LocalDate.of(2026, 8, 24);
  static final int WIDE_DAYS = 63;
  static Path root;
  static Path gen;
  static Path wideGen;
  static SparkSession spark;
  static AppConfig cfg;
  static AppConfig wideCfg;
  static String wh;

  @BeforeAll
  static void run() throws IOException {
    root = Files.createTempDirectory("onecustomer-analytics-it");
    gen = root.resolve("gen");
    Generator.generate(GeneratorConfig.defaults(gen).withPeople(2500).withDays(DAYS).withStart(START).withSeed(5));
    spark = TestSpark.session();
    // Value models: the default churn horizon (90 days); a 90-day LTV horizon instead of 365, which
    // 400 days of history cannot label twice (train and validation cut-offs).
    cfg = TestSpark.config(gen.resolve("landing"), root.resolve("warehouse"),
        Map.of("onecustomer.value.ltv.horizon-days", "90"));
    wh = cfg.paths().warehouse();
    Runner runner = new Runner(spark, cfg, JobRegistry.standard().closure(READERS));
    long t0 = System.nanoTime();
    runner.runAll(new DateRange(START, LAST.minusDays(1)), Instant.parse("2026-12-01T00:00:00Z"));
    long t1 = System.nanoTime();
    runner.runAll(DateRange.of(LAST), Instant.parse("2026-12-02T00:00:00Z"));
    long t2 = System.nanoTime();
    wideGen = root.resolve("wide");
    Generator.generate(GeneratorConfig.defaults(wideGen).withPeople(12000).withDays(WIDE_DAYS).withStart(WIDE_START)
        .withSeed(5));
    wideCfg = TestSpark.config(wideGen.resolve("landing"), root.resolve("wide-warehouse"));
    new Runner(spark, wideCfg, JobRegistry.standard().closure(List.of(SalesAlertsJob.ID)))
        .runAll(new DateRange(WIDE_START, WIDE_START.plusDays(WIDE_DAYS - 1)), Instant.parse("2026-12-01T00:00:00Z"));
    System.out.printf("analytics IT: long backfill %.0f s, night %.0f s; wide sales alerts %.0f s%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9);
  }

  @AfterAll
  static void cleanUp() throws IOException {
    try (var files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static final List<String> ANALYTICS = JobRegistry.standard().all().stream().map(io.onecustomer.jobs.Job::id)
      .filter(id -> id.equals(CustomerOrdersJob.ID) || java.util.Arrays.stream(new String[] {"rfm", "flags",
          "repurchase", "cross_sell", "cohort", "channel_health", "channel_assists", "channel_funnel", "price",
          "distributor_alerts", "sales_alerts"}).anyMatch(id::contains)).toList();

  /** The value-model jobs (features, weekly training, churn scores, LTV predictions). */
  static final List<String> VALUE = List.of(ValueSpecs.CUSTOMER_FEATURES.jobId(), ValueSpecs.MODEL_METRICS.jobId(),
      ValueSpecs.CHURN_SCORES.jobId(), ValueSpecs.LTV_PREDICTIONS.jobId());

  static final List<String> ALL = java.util.stream.Stream.concat(ANALYTICS.stream(), VALUE.stream()).toList();

  /**
   * What the long set runs: every job (those and attribution, gold.customers, ...), so that the
   * report and the notebooks read every table.
   */
  static final List<String> READERS = JobRegistry.standard().all().stream().map(io.onecustomer.jobs.Job::id).toList();

  static java.sql.Date date(String d) {
    return java.sql.Date.valueOf(d);
  }

  @Test
  void theNightlyReportDrawsEveryChartWithItsDataInABrowser() throws Exception {
    NightlyReport.Written w = NightlyReport.write(spark, wh, LAST, null);
    JsonNode data = new ObjectMapper().readTree(new java.io.File(w.json()));
    JsonNode sections = data.get("sections");
    System.out.printf("nightly report for %s written in %.1f s (%,d bytes): %s%n", LAST, w.millis() / 1e3,
        Files.size(Path.of(w.html())), w.html());
    // The night's run, job by job (the backfill's run has more days, not this day alone).
    assertEquals(JobRegistry.standard().closure(READERS).all().size(), sections.get("jobs").size());
    sections.get("jobs").forEach(j -> assertEquals("succeeded", j.get("status").asText(), j.toString()));

    Chromium.Probe probe = Chromium.probe(Path.of(w.html()), root);
    assertEquals(List.of(), probe.errors(), "script errors in the page");
    List<String> drawn = new java.util.ArrayList<>();
    for (JsonNode chart : probe.charts()) {
      String id = chart.get("id").asText();
      JsonNode rows = sections.get(chart.get("source").asText());
      long points = 0;
      long nonZero = 0;
      double sum = 0;
      for (JsonNode r : rows) {
        for (String field : chart.get("value").asText().split(",")) {
          JsonNode v = r.get(field);
          if (v != null && v.isNumber()) {
            points++;
            nonZero += v.asDouble() != 0 ? 1 : 0;
            sum += v.asDouble();
          }
        }
      }
      assertTrue(points > 0, id + ": no data in section " + chart.get("source") + " on a full night");
      assertEquals(points, chart.get("points").asLong(), id + ": values in the chart vs rows of the report's data");
      assertEquals(sum, chart.get("sum").asDouble(), 1e-6 * Math.max(1, Math.abs(sum)), id + ": sum of the values");
      boolean line = id.equals("revenue") || id.equals("orders");
      assertTrue(chart.get("shapes").asLong() >= (line ? 1 : nonZero), id + ": drew " + chart.get("shapes")
          + " shapes for " + nonZero + " non-zero values");
      drawn.add(id + " " + points);
    }
    assertEquals(10, drawn.size(), drawn.toString());
    System.out.println("report charts drawn (values): " + drawn);
    Path png = Path.of("target", "nightly-report.png").toAbsolutePath();
    Chromium.screenshot(Path.of(w.html()), png, 3400);
    System.out.println("report screenshot: " + png);
  }

  /**
   * Every notebook in notebooks/ top to bottom, as a data scientist runs it: Debian's jupyter
   * nbconvert and Python kernel, reading through the SQL endpoint (bin/serve's class, in its own
   * JVM on the shipped jar) over JDBC. A cell that raises fails the test, naming notebook and cell.
   */
  @Test
  void everyNotebookRunsTopToBottomThroughTheSqlEndpoint() throws Exception {
    Path conf = Launched.writeConfig(root, gen.resolve("landing"));
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Launched.Started server = Launched.start(Launched.withShadedJar(), "io.onecustomer.jobs.tools.SqlServer", root,
        "analytics-it-key", "--config", conf.toString(), "--conf", "spark.master=local[2]", "--port",
        Integer.toString(port), "--refresh-seconds", "600");
    try {
      long t0 = System.nanoTime();
      System.out.println("endpoint: " + Launched.awaitLine(server, "onecustomer SQL endpoint ready", 180));
      List<Path> notebooks;
      try (var files = Files.list(Path.of("..", "notebooks"))) {
        notebooks = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
      }
      assertEquals(6, notebooks.size(), notebooks.toString());
      Path outDir = Files.createDirectories(Path.of("target", "notebooks").toAbsolutePath());
      List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/jupyter", "nbconvert", "--to", "notebook",
          "--execute", "--ExecutePreprocessor.timeout=600", "--output-dir", outDir.toString()));
      notebooks.forEach(n -> cmd.add(n.toString()));
      assertTrue(Files.isExecutable(Path.of(cmd.get(0))), "no jupyter: .ci/run installs jupyter-nbconvert");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(root.resolve("nbconvert.log").toFile());
      pb.environment().put("ONECUSTOMER_JDBC_URL", "jdbc:hive2://127.0.0.1:" + port + "/gold");
      pb.environment().put("PATH", "/usr/bin:" + System.getenv("PATH"));
      Process p = pb.start();
      boolean done = p.waitFor(20, java.util.concurrent.TimeUnit.MINUTES);
      String log = Files.readString(root.resolve("nbconvert.log"));
      assertTrue(done, "notebooks still running after 20 minutes: " + log);
      assertEquals(0, p.exitValue(), "a notebook failed:\n" + log);
      System.out.printf("%d notebooks executed in %.0f s through %s%n", notebooks.size(), (System.nanoTime() - t0) / 1e9,
          pb.environment().get("ONECUSTOMER_JDBC_URL"));
      for (Path n : notebooks) {
        String executed = Files.readString(outDir.resolve(n.getFileName()));
        assertTrue(executed.contains("\"image/png\""), n.getFileName() + " drew no chart");
        assertTrue(!executed.contains("\"output_type\": \"error\""), n.getFileName() + " holds an error output");
      }
    } finally {
      server.process().destroy();
      if (!server.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        server.process().destroyForcibly();
      }
    }
  }

  @Test
  void theAnalyticsJobsAreTheOnesThisTestRuns() {
    assertEquals(14, ANALYTICS.size(), ANALYTICS.toString());
  }

  @Test
  void thePlantedCrossSellIsTheStrongestCategoryPair() {
    List<Row> top = read(BehaviourTables.GOLD_CROSS_SELL_PAIRS)
        .where(col(BehaviourTables.SNAPSHOT_DATE).equalTo(lit(java.sql.Date.valueOf(LAST)))
            .and(col(CrossSell.LEVEL).equalTo("category")))
        .orderBy(col(CrossSell.LIFT).desc()).limit(3).collectAsList();
    System.out.println("top category pairs: " + top);
    assertEquals("sofa", top.get(0).getAs(CrossSell.ITEM_X), top.toString());
    assertEquals("coffee_table", top.get(0).getAs(CrossSell.ITEM_Y), top.toString());
  }

  @Test
  void plantedDistributorDiversionAndLowPricesAreFoundInTheirWindowsAndNowhereElse() throws IOException {
    Map<String, String> diversion = planted("distributor_diversion");
    Map<String, String> low = planted("distributor_low_price");
    Dataset<Row> alerts = read(AlertTables.GOLD_DISTRIBUTOR_ALERTS);
    Dataset<Row> region = alerts.where(col(DistributorAlerts.ALERT_TYPE).equalTo(DistributorAlerts.OUT_OF_REGION));
    Dataset<Row> price = alerts.where(col(DistributorAlerts.ALERT_TYPE).equalTo(DistributorAlerts.LOW_PRICE));
    org.apache.spark.sql.Column inDiversion = col(DistributorAlerts.DISTRIBUTOR_ID).equalTo("D04")
        .and(col(DistributorAlerts.REPORTED_REGION).equalTo("Central"))
        .and(col(DistributorAlerts.ALERT_DATE).between(date(diversion.get("start")), date(diversion.get("end"))));
    org.apache.spark.sql.Column inLow = col(DistributorAlerts.DISTRIBUTOR_ID).equalTo("D02")
        .and(col(DistributorAlerts.ALERT_DATE).between(date(low.get("start")), date(low.get("end"))));
    long diversionDays = region.where(inDiversion).select(DistributorAlerts.ALERT_DATE).distinct().count();
    long lowDays = price.where(inLow).select(DistributorAlerts.ALERT_DATE).distinct().count();
    System.out.printf("distributor alerts: diversion on %d days, low price on %d days; elsewhere %d region, %d price,"
        + " %d unknown%n", diversionDays, lowDays, region.where(inDiversion.unary_$bang()).count(),
        price.where(inLow.unary_$bang()).count(), alerts.where(col(DistributorAlerts.ALERT_TYPE)
            .equalTo(DistributorAlerts.UNKNOWN_DISTRIBUTOR)).count());
    assertTrue(diversionDays >= 15, "days of the 30-day diversion found: " + diversionDays);
    assertTrue(lowDays >= 10, "days of the 20-day low-price episode found: " + lowDays);
    assertEquals(0, region.where(inDiversion.unary_$bang()).count(), "out-of-region alerts outside the diversion");
    assertEquals(0, price.where(inLow.unary_$bang()).count(), "low-price alerts outside the episode");
  }

  @Test
  void thePlantedSalesDropRaisesAlertsAndQuietPeriodsRaiseNone() throws IOException {
    Map<String, String> drop = planted(wideGen, "sales_drop");
    String dropRegion = drop.get("scope").replaceAll(".*region=([A-Za-z]+).*", "$1");
    Dataset<Row> all = DeltaWriter.read(spark, AlertTables.GOLD_SALES_ALERTS, wideCfg.paths().warehouse());
    // Drops are judged over the last window-days, so alerts may trail the drop by that much.
    org.apache.spark.sql.Column dropScope = col(SalesAlerts.CHANNEL).equalTo("pos")
        .and(col(SalesAlerts.REGION).equalTo(dropRegion));
    org.apache.spark.sql.Column inDrop = dropScope.and(col(SalesAlerts.ALERT_DATE).between(date(drop.get("start")),
        java.sql.Date.valueOf(LocalDate.parse(drop.get("end")).plusDays(wideCfg.analytics().alerts().windowDays()))));
    Dataset<Row> alerts = all.where(col(SalesAlerts.IS_ALERT));
    long found = alerts.where(inDrop).count();
    List<Row> elsewhere = alerts.where(inDrop.unary_$bang()).collectAsList();
    Row watched = all.where(col(SalesAlerts.BASELINE_ORDERS).geq(wideCfg.analytics().alerts().minBaselineOrders()))
        .agg(count(lit(1)), org.apache.spark.sql.functions.countDistinct(col(SalesAlerts.SCOPE), col(SalesAlerts.CHANNEL),
            col(SalesAlerts.REGION))).first();
    Row dropBaseline = all.where(dropScope.and(col(SalesAlerts.ALERT_DATE).equalTo(date(drop.get("start")))))
        .select(SalesAlerts.BASELINE_ORDERS).first();
    System.out.printf("sales alerts: %d in the planted %s POS drop %s..%s (baseline %s orders a day); %d elsewhere"
        + " of %d watched scope-days in %d scopes: %s%n", found, dropRegion, drop.get("start"), drop.get("end"),
        dropBaseline, elsewhere.size(), watched.getLong(0), watched.getLong(1), elsewhere);
    assertTrue(found >= 4, "alert days in the planted drop: " + found);
    assertTrue(elsewhere.size() <= 1, "alerts outside the planted drop: " + elsewhere);
  }

  @Test
  void rerunningTheNightChangesNoAnalyticsTable() {
    Map<String, Long> before = fingerprints();
    new Runner(spark, cfg, JobRegistry.standard().only(ALL))
        .runAll(DateRange.of(LAST), Instant.parse("2026-12-03T00:00:00Z"));
    assertEquals(before, fingerprints());
  }

  /** Rows and a hash of every row of each analytics table. */
  static Map<String, Long> fingerprints() {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (String id : ALL) {
      io.onecustomer.common.TableId t = JobRegistry.standard().get(id).output();
      Row r = read(t).selectExpr("count(*)", "sum(cast(hash(*) AS BIGINT))").first();
      out.put(t + " rows", r.getLong(0));
      out.put(t + " hash", r.isNullAt(1) ? 0L : r.getLong(1));
    }
    return out;
  }

  static Dataset<Row> read(io.onecustomer.common.TableId t) {
    return DeltaWriter.read(spark, t, wh);
  }

  /** A whole-split validation metric of the training run on the backfill's last day. */
  static double validation(String model, String scorer, String metric) {
    Row r = read(ValueTables.GOLD_MODEL_METRICS).where(col(Metrics.RUN_DATE).equalTo(lit(date(LAST.minusDays(1)
            .toString()))).and(col(Metrics.MODEL).equalTo(model)).and(col(Metrics.SCORER).equalTo(scorer))
        .and(col(Metrics.SPLIT).equalTo(ValueTraining.VALIDATION)).and(col(Metrics.METRIC).equalTo(metric))
        .and(col(Metrics.DECILE).isNull())).first();
    return r.getDouble(r.fieldIndex(Metrics.VALUE));
  }

  @Test
  void valueModelsAreTrainedOnTheBackfillsLastDayAndBeatTheirBtydBaselines() {
    // Trained by the backfill (run date LAST - 1): churn on features at LAST - 181 with labels up to
    // LAST - 91, validated at LAST - 91 with labels up to LAST - 1; the same for LTV (90 days).
    double auc = validation(ValueTraining.CHURN, ValueTraining.MLLIB, "auc_roc");
    double btyd = validation(ValueTraining.CHURN, ValueTraining.BTYD, "auc_roc");
    double pAlive = validation(ValueTraining.CHURN, ValueTraining.BTYD_P_ALIVE, "auc_roc");
    double mae = validation(ValueTraining.LTV, ValueTraining.MLLIB, "mae");
    double btydMae = validation(ValueTraining.LTV, ValueTraining.BTYD, "mae");
    System.out.printf("value models, validation: churn AUC mllib %.4f, BTYD P(no purchase) %.4f, BTYD P(alive) %.4f;"
        + " top-decile lift %.2f; LTV MAE mllib %.1f vs BTYD %.1f, RMSE %.1f vs %.1f%n", auc, btyd, pAlive,
        validation(ValueTraining.CHURN, ValueTraining.MLLIB, "top_decile_lift"), mae, btydMae,
        validation(ValueTraining.LTV, ValueTraining.MLLIB, "rmse"), validation(ValueTraining.LTV, ValueTraining.BTYD,
            "rmse"));
    assertTrue(auc > btyd && auc > pAlive, "MLlib churn AUC " + auc + " vs BTYD " + btyd + " / P(alive) " + pAlive);
    // Measured 0.752; the generator's own ceiling (a scorer that knows every hidden rate and churn
    // date, bench/value-ceiling.py) is about 0.86, see docs/value-models.md.
    assertTrue(auc >= 0.72, "churn AUC " + auc);
    assertTrue(mae < btydMae, "LTV MAE " + mae + " vs BTYD " + btydMae);
    long promoted = read(ValueTables.GOLD_MODEL_METRICS).where(col(Metrics.SCORER).equalTo(ValueTraining.MLLIB)
        .and(col(Metrics.IS_PROMOTED))).select(Metrics.MODEL).distinct().count();
    assertEquals(2, promoted, "both MLlib models promoted");
    // Every decile of the validation split is reported, for the model and its baselines.
    assertEquals(10, read(ValueTables.GOLD_MODEL_METRICS).where(col(Metrics.MODEL).equalTo(ValueTraining.CHURN)
        .and(col(Metrics.SCORER).equalTo(ValueTraining.BTYD)).and(col(Metrics.SPLIT).equalTo(ValueTraining.VALIDATION))
        .and(col(Metrics.METRIC).equalTo("decile_mean_actual"))).count());
  }

  @Test
  void theNightScoresEveryActiveCustomerWithThePromotedVersionAndDoesNotRetrain() {
    ModelStore store = new ModelStore(spark, cfg.value().modelsPath());
    String churnVersion = ModelStore.versionName(ValueTraining.CHURN, LAST.minusDays(1));
    assertEquals(List.of(churnVersion), store.versions(ValueTraining.CHURN), "weekly: the night did not retrain");
    assertEquals(churnVersion, store.promoted(ValueTraining.CHURN).orElseThrow());
    ModelStore.ModelInfo info = store.info(ValueTraining.CHURN, churnVersion);
    assertEquals(LAST.minusDays(181).toString(), info.trainCutOff());
    assertEquals(LAST.minusDays(91).toString(), info.validationCutOff());
    assertTrue(info.features().size() >= 30, info.features().toString());
    java.sql.Date last = date(LAST.toString());
    long active = read(ValueTables.GOLD_CUSTOMER_FEATURES).where(col(ValueTables.SNAPSHOT_DATE).equalTo(lit(last)))
        .count();
    Dataset<Row> churn = read(ValueTables.GOLD_CHURN_SCORES).where(col(ChurnScores.SNAPSHOT_DATE).equalTo(lit(last)));
    assertTrue(active > 1500, "active customers " + active);
    assertEquals(active, churn.count());
    assertEquals(active, churn.where(col(ChurnScores.MODEL_VERSION).equalTo(churnVersion)
        .and(col(ChurnScores.RISK_BAND).isin("high", "medium", "low"))
        .and(col(ChurnScores.CHURN_SCORE).between(0, 1))).count());
    assertTrue(churn.where(org.apache.spark.sql.functions.size(col(ChurnScores.TOP_FEATURES)).gt(0)).count()
        > active * 0.9, "most customers have a named top feature");
    Dataset<Row> ltv = read(ValueTables.GOLD_LTV_PREDICTIONS).where(col(LtvPredictions.SNAPSHOT_DATE).equalTo(lit(last)));
    assertEquals(active, ltv.where(col(LtvPredictions.MODEL_VERSION).equalTo(
            ModelStore.versionName(ValueTraining.LTV, LAST.minusDays(1)))
        .and(col(LtvPredictions.PREDICTED_VALUE).geq(0)).and(col(LtvPredictions.HORIZON_DAYS).equalTo(90))
        .and(col(LtvPredictions.BTYD_CLV).leq(col(LtvPredictions.BTYD_EXPECTED_VALUE)))).count());
    assertEquals(0, read(ValueTables.GOLD_MODEL_METRICS).where(col(Metrics.RUN_DATE).equalTo(lit(last))).count());
  }

  @Test
  void plantedChurnersScoreHigherThanPeopleWhoNeverChurned() {
    // Against the truth: people who stopped buying before the last day against those who never
    // stop, among the customers scored on the last day.
    Dataset<Row> scored = read(ValueTables.GOLD_CHURN_SCORES).where(col(ChurnScores.SNAPSHOT_DATE).equalTo(
        lit(date(LAST.toString())))).join(personOfCustomer(), ChurnScores.CUSTOMER_ID).join(people(), "person_id");
    Row churned = scored.where(col("churn_date").isNotNull().and(col("churn_date").leq(lit(date(LAST.toString())))))
        .agg(org.apache.spark.sql.functions.avg(ChurnScores.CHURN_SCORE), count(lit(1))).first();
    Row never = scored.where(col("churn_date").isNull())
        .agg(org.apache.spark.sql.functions.avg(ChurnScores.CHURN_SCORE), count(lit(1))).first();
    System.out.printf("mean churn score: %d churned people %.3f, %d never-churners %.3f%n", churned.getLong(1),
        churned.getDouble(0), never.getLong(1), never.getDouble(0));
    assertTrue(churned.getLong(1) >= 50, "churners scored: " + churned.getLong(1));
    assertTrue(churned.getDouble(0) > never.getDouble(0) + 0.1,
        "churners " + churned.getDouble(0) + " vs never-churners " + never.getDouble(0));
  }

  @Test
  void plantedChurnersLandMostlyInSleepingOrLost() {
    // Churners who stopped at least half a year before the last day, against everyone else with a
    // purchase: the churn definition (180+ days asleep, 365+ lost) must catch the first, not the second.
    Dataset<Row> seg = read(RfmTables.GOLD_RFM_SEGMENTS).where(col(Segments.SNAPSHOT_DATE).equalTo(lit(
        java.sql.Date.valueOf(LAST)))).join(personOfCustomer(), Segments.CUSTOMER_ID).join(people(), "person_id")
        .withColumn("is_churner", col("churn_date").isNotNull().and(col("churn_date").leq(lit(
            java.sql.Date.valueOf(LAST.minusDays(180))))))
        .withColumn("is_asleep", col(Segments.SEGMENT).isin("sleeping", "lost"));
    Map<Boolean, double[]> share = new java.util.HashMap<>();
    for (Row r : seg.where(col("churn_date").isNull().or(col("is_churner")))
        .groupBy("is_churner").agg(count(lit(1)), sum(col("is_asleep").cast("int"))).collectAsList()) {
      share.put(r.getBoolean(0), new double[] {r.getLong(1), r.getLong(2)});
    }
    double churners = share.get(true)[1] / share.get(true)[0];
    double others = share.get(false)[1] / share.get(false)[0];
    System.out.printf("churners (%d, churned 180+ days ago) asleep or lost: %.3f; never-churners (%d): %.3f%n",
        (long) share.get(true)[0], churners, (long) share.get(false)[0], others);
    System.out.println("segments of churners: " + seg.where(col("is_churner")).groupBy(Segments.SEGMENT).count()
        .collectAsList());
    assertTrue(share.get(true)[0] >= 50, "churners to judge: " + share.get(true)[0]);
    // Silence of 180+ days puts a churner in sleeping, lost or (frequent buyers) at_risk by the rule
    // table; what is checked is that the table calls most of them sleeping/lost, and few of the
    // people who never churned (occasional buyers can be quiet for months).
    assertTrue(churners >= 0.6, "share of old churners in sleeping/lost: " + churners);
    assertTrue(others <= churners / 2, "never-churners in sleeping/lost " + others + " vs churners " + churners);
  }

  @Test
  void segmentTransitionsAccountForEveryCustomerOfBothSnapshots() {
    java.sql.Date last = java.sql.Date.valueOf(LAST);
    Row t = read(RfmTables.GOLD_RFM_SEGMENT_TRANSITIONS).where(col(Transitions.SNAPSHOT_DATE).equalTo(lit(last)))
        .agg(sum(org.apache.spark.sql.functions.when(col(Transitions.SEGMENT).notEqual(RfmTables.NONE),
            col(Transitions.CUSTOMERS))), org.apache.spark.sql.functions.max(Transitions.PREVIOUS_SNAPSHOT_DATE))
        .first();
    long now = read(RfmTables.GOLD_RFM_SEGMENTS).where(col(Segments.SNAPSHOT_DATE).equalTo(lit(last))).count();
    assertEquals(now, t.getLong(0), "customers in the last snapshot");
    assertEquals(java.sql.Date.valueOf(LAST.minusDays(1)), t.getDate(1),
        "the night compares with the backfill's last snapshot, the day before");
  }

  @Test
  void channelRevenueAndSpendReconcileWithSilverEveryDay() {
    Dataset<Row> health = read(ChannelTables.GOLD_CHANNEL_HEALTH).groupBy(Health.HEALTH_DATE)
        .agg(sum(ChannelTables.REVENUE).as("revenue"), sum(ChannelTables.SPEND).as("spend"));
    Dataset<Row> orders = read(Tables.SILVER_ORDERS).groupBy(col("order_date").as(Health.HEALTH_DATE))
        .agg(sum("net_amount").as("net"));
    Dataset<Row> spend = read(Tables.SILVER_AD_SPEND).groupBy(col("spend_date").as(Health.HEALTH_DATE))
        .agg(sum("cost").as("cost"));
    List<Row> days = health.join(orders, io.onecustomer.common.spark.Cols.seq(Health.HEALTH_DATE), "full_outer")
        .join(spend, io.onecustomer.common.spark.Cols.seq(Health.HEALTH_DATE), "left").collectAsList();
    assertEquals(DAYS, days.size(), "one set of health rows per day, and no order day without one");
    for (Row r : days) {
      assertEquals(0, ((java.math.BigDecimal) r.getAs("net")).compareTo(r.getAs("revenue")), "revenue on " + r);
      java.math.BigDecimal cost = r.getAs("cost");
      assertEquals(0, (cost == null ? java.math.BigDecimal.ZERO : cost).compareTo(r.getAs("spend")), "spend on " + r);
    }
  }

  /** customer_id -> person_id of the generator, by the majority of the customer's order lines. */
  static Dataset<Row> personOfCustomer() {
    Dataset<Row> truth = null;
    for (String[] src : new String[][] {{"marketplace_orders", "marketplace"}, {"miniprogram_orders", "miniprogram"},
        {"pos_sales", "pos"}}) {
      Dataset<Row> t = spark.read().option("header", "true").csv(gen.resolve("truth/records/" + src[0]).toString())
          .select(concat(lit(src[1] + ":"), col("record_key")).as("order_line_id"), col("person_id"));
      truth = truth == null ? t : truth.unionByName(t);
    }
    Dataset<Row> lines = new io.onecustomer.jobs.identity.CustomerKeyed(spark, wh, LAST,
        io.onecustomer.jobs.privacy.Hmac.fromConfig(spark, cfg)).orders().where(col("customer_id").isNotNull())
        .select("customer_id", "order_line_id");
    return lines.join(truth, "order_line_id").groupBy("customer_id", "person_id").agg(count(lit(1)).as("n"))
        .withColumn("rk", org.apache.spark.sql.functions.row_number().over(
            org.apache.spark.sql.expressions.Window.partitionBy("customer_id").orderBy(col("n").desc(), col("person_id"))))
        .where(col("rk").equalTo(1)).select("customer_id", "person_id");
  }

  static Dataset<Row> people() {
    return spark.read().option("header", "true").csv(gen.resolve("truth/people.csv").toString())
        .select(col("person_id"), col("churn_date").cast("date").as("churn_date"));
  }

  static Map<String, String> planted(String kind) throws IOException {
    return planted(gen, kind);
  }

  static Map<String, String> planted(Path generated, String kind) throws IOException {
    Map<String, String> out = new java.util.HashMap<>();
    for (String line : Files.readAllLines(generated.resolve("truth/planted_events.csv"))) {
      String[] f = line.split(",", 5);
      if (f[0].equals(kind)) {
        out.put("scope", f[1]);
        out.put("start", f[2]);
        out.put("end", f[3]);
      }
    }
    return out;
  }
}
