package io.onecustomer.jobs.analytics.alerts;

import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.lines;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.products;
import static io.onecustomer.jobs.analytics.alerts.AlertFixtures.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.onecustomer.common.DateRange;
import io.onecustomer.common.Tables;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.ConfigException;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spec.CheckResult;
import io.onecustomer.common.spec.QualityGateException;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.TestSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertJobsTest {
  @TempDir
  Path tmp;

  static final LocalDate D1 = LocalDate.parse("2026-08-10");
  static final LocalDate D2 = LocalDate.parse("2026-08-11");

  void silver(AppConfig cfg, String lineValues) {
    Dataset<Row> l = lines(lineValues).withColumn("run_date", org.apache.spark.sql.functions.col("order_date"));
    DeltaWriter.replaceAll(spark, l, Tables.SILVER_ORDERS, cfg.paths().warehouse(), null);
    DeltaWriter.replaceAll(spark, products("('P1', 'pos', 100, 90, '2026-08-01')"), Tables.SILVER_PRODUCTS,
        cfg.paths().warehouse(), null);
  }

  static JobResult run(Job job, AppConfig cfg, LocalDate from, LocalDate to) {
    return job.run(new JobContext(spark, cfg, new DateRange(from, to), Instant.EPOCH));
  }

  static long rows(Job job, AppConfig cfg) {
    return DeltaWriter.read(spark, job.output(), cfg.paths().warehouse()).count();
  }

  static final String DAY1 =
      "('pos', 'R1', 'S010', NULL, NULL, 'P1', 1, 80.00, 'completed', '2026-08-10'),"
          + "('marketplace', 'T1', 'mp', NULL, 'Shanghai', 'P1', 1, 100.00, 'completed', '2026-08-10'),"
          + "('distributor', 'D01:1', 'D01', 'Central', NULL, 'P1', 1, 95.00, 'completed', '2026-08-10'),"
          + "('distributor', 'D09:1', 'D09', 'West', NULL, 'P1', 1, 95.00, 'completed', '2026-08-10')";
  static final String DAY2 =
      "('pos', 'R2', 'S010', NULL, NULL, 'P1', 1, 100.00, 'completed', '2026-08-11'),"
          + "('distributor', 'D01:2', 'D01', 'Central', NULL, 'P1', 1, 95.00, 'completed', '2026-08-11')";

  @Test
  void rerunningADayReplacesExactlyThatDayAndABackfillWritesEveryDay() {
    AppConfig cfg = TestSpark.config(tmp.resolve("landing"), tmp.resolve("wh"),
        Map.of("onecustomer.analytics.alerts.distributor-regions.D01", "North"));
    silver(cfg, DAY1 + "," + DAY2);
    List<Job> jobs = List.of(new PriceConflictsJob(), new DistributorAlertsJob(), new SalesAlertsJob());
    // Per day: price rows (P1 in each channel), distributor alerts, sales scope rows.
    // 08-10: P1 in pos, marketplace, distributor; D01 out_of_region + D09 unknown_distributor; 3 channels +
    // pos/South, marketplace/East, distributor/Central, distributor/West.
    long[] day1 = {3, 2, 7};
    long[] day2 = {2, 1, 7}; // every scope seen in the history gets a row on 08-11, zero or not
    for (int i = 0; i < jobs.size(); i++) {
      Job job = jobs.get(i);
      assertEquals(day1[i] + day2[i], run(job, cfg, D1, D2).rowsWritten(), job.id() + " backfill");
      assertEquals(day2[i], run(job, cfg, D2, D2).rowsWritten(), job.id() + " rerun of 08-11");
      assertEquals(day1[i] + day2[i], rows(job, cfg), job.id() + ": the rerun replaced 08-11 and kept 08-10");
    }
    Row price = DeltaWriter.read(spark, AlertTables.GOLD_PRICE_CONFLICTS, cfg.paths().warehouse())
        .where("price_date = DATE'2026-08-10' AND channel = 'marketplace'").first();
    assertEquals(true, price.getAs("is_price_gap"), "100 against 80 at the POS");
    assertEquals(true, price.getAs("is_below_map") == Boolean.FALSE, "100 is above the MAP of 90");
    assertTrue(List.of(DeltaWriter.read(spark, AlertTables.GOLD_SALES_ALERTS, cfg.paths().warehouse()).columns())
        .equals(AlertSpecs.SALES_ALERTS.columnNames()), "conformed to the spec's columns");
  }

  @Test
  void aLineOfAChannelOutsideTheVocabularyStopsThePriceWriteBeforeItsCommit() {
    AppConfig cfg = TestSpark.config(tmp.resolve("landing"), tmp.resolve("wh"));
    // 08-11 brings a line of a channel gold does not know (a web shop silver started to pass through).
    silver(cfg, DAY1 + "," + DAY2
        + ",('web', 'X1', 'webshop', NULL, NULL, 'P1', 1, 120.00, 'completed', '2026-08-11')");
    PriceConflictsJob job = new PriceConflictsJob();
    assertEquals(3, run(job, cfg, D1, D1).rowsWritten());
    String path = job.output().path(cfg.paths().warehouse());
    long before = DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);

    QualityGateException e = assertThrows(QualityGateException.class, () -> run(job, cfg, D1, D2));
    assertEquals(1, e.failures().size(), e.getMessage());
    CheckResult f = e.failures().get(0);
    assertEquals(AlertTables.GOLD_PRICE_CONFLICTS, f.table());
    assertEquals("accepted_values(channel)", f.check());
    assertEquals(D2, f.dateFrom());
    assertEquals(List.of("price_date=2026-08-11,product_code=P1,channel=web"), f.sampleKeys());
    assertTrue(e.getMessage().contains("gold.price_conflicts 2026-08-11 accepted_values(channel): observed 1"),
        e.getMessage());
    assertTrue(e.getMessage().contains("channel=web"), e.getMessage());
    assertEquals(before, DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0),
        "nothing committed");
    assertEquals(3, rows(job, cfg), "08-10 as it was, 08-11 not written");
  }

  @Test
  void badAlertSettingsNameTheKeyAndTheValue() {
    Path l = tmp.resolve("l");
    Path w = tmp.resolve("w");
    ConfigException ratio = assertThrows(ConfigException.class,
        () -> TestSpark.config(l, w, Map.of("onecustomer.analytics.alerts.low-price-ratio", "0")));
    assertEquals("onecustomer.analytics.alerts.low-price-ratio must be between 0.01 and 1.0, got 0.0", ratio.getMessage());
    ConfigException critical = assertThrows(ConfigException.class,
        () -> TestSpark.config(l, w, Map.of("onecustomer.analytics.alerts.critical-drop-threshold", "0.2")));
    assertTrue(critical.getMessage().startsWith("onecustomer.analytics.alerts.critical-drop-threshold must be between 0.35"),
        critical.getMessage());
    ConfigException region = assertThrows(ConfigException.class,
        () -> TestSpark.config(l, w, Map.of("onecustomer.analytics.alerts.distributor-regions.D01", " ")));
    assertEquals("onecustomer.analytics.alerts.distributor-regions.D01 must name the distributor's authorised region,"
        + " got \" \"", region.getMessage());
    var defaults = TestSpark.config(l, w).analytics().alerts();
    assertEquals(0.15, defaults.priceGapThreshold());
    assertEquals(4, defaults.windowDays());
    assertTrue(com.typesafe.config.ConfigFactory.defaultReference()
        .getConfig("onecustomer.analytics.alerts.distributor-regions").isEmpty(),
        "brand reference data comes from conf/<env>.conf, not reference.conf");
    assertEquals("West", defaults.distributorRegions().get("D04"), "the demo brand's, from conf/local.conf");
  }
}
