package io.onecustomer.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.ConfigException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {
  @TempDir Path dir;

  private File envFile(String name, String body) throws IOException {
    Path f = dir.resolve(name + ".conf");
    Files.writeString(f, body);
    return dir.toFile();
  }

  @Test
  void envFileOverridesReferenceAndCommandLineOverridesBoth() throws IOException {
    File conf = envFile("test", "onecustomer { paths.warehouse = \"/tmp/wh-env\", spark { \"spark.master\" = \"local[1]\" } }");
    AppConfig c = AppConfig.load("test", null, conf, Map.of("paths.landing", "/tmp/landing-cli",
        "spark.sql.shuffle.partitions", "3"));
    assertEquals("/tmp/wh-env", c.paths().warehouse());
    assertEquals("/tmp/landing-cli", c.paths().landing());
    assertEquals("local[1]", c.spark().get("spark.master"));
    assertEquals("3", c.spark().get("spark.sql.shuffle.partitions"));
    assertEquals("UTC", c.spark().get("spark.sql.session.timeZone"), "reference.conf default kept");
    assertEquals(AppConfig.CatalogType.HIVE, c.catalogType());
  }

  @Test
  void listAndMapSettingsCanBeOverriddenOnTheCommandLineAndAWrongTypeIsAUsageError() throws IOException {
    File conf = envFile("test", "onecustomer.paths { landing = \"/tmp/l\", warehouse = \"s3a://bucket/wh\" }");
    AppConfig c = AppConfig.load("test", null, conf, Map.of("attribution.conversion-events", "[coupon_claim, share]",
        "attribution.lookback-days-by-channel", "{ pos = 14 }", "paths.warehouse", "s3a://other/wh"));
    assertEquals(java.util.List.of("coupon_claim", "share"), c.attribution().conversionEvents());
    assertEquals(Map.of("pos", 14), c.attribution().lookbackDaysByChannel());
    assertEquals("s3a://other/wh", c.paths().warehouse(), "a URL is not read as HOCON (no // comment)");
    ConfigException e = assertThrows(ConfigException.class,
        () -> AppConfig.load("test", null, conf, Map.of("attribution.conversion-events", "coupon_claim")));
    assertTrue(e.getMessage().contains("conversion-events") && e.getMessage().contains("LIST"), e.getMessage());
  }

  @Test
  void relativeLocalPathsBecomeAbsoluteButUrlsStayAsGiven() throws IOException {
    File conf = envFile("test", "onecustomer.paths { landing = \"rel/landing\", warehouse = \"s3a://bucket/wh\" }");
    AppConfig c = AppConfig.load("test", null, conf, Map.of());
    assertTrue(new File(c.paths().landing()).isAbsolute());
    assertEquals("s3a://bucket/wh", c.paths().warehouse());
  }

  @Test
  void invalidValuesAreNamedWithTheBadValue() throws IOException {
    File conf = envFile("test", "onecustomer.ingest.missing-source = sometimes");
    ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.load("test", null, conf, Map.of()));
    assertEquals("onecustomer.ingest.missing-source must be one of warn, error, got 'sometimes'", e.getMessage());

    ConfigException z = assertThrows(ConfigException.class,
        () -> AppConfig.load("test", null, conf, Map.of("ingest.missing-source", "warn", "timezone", "Mars/Base")));
    assertEquals("onecustomer.timezone must be a time-zone id like Asia/Shanghai, got 'Mars/Base'", z.getMessage());
  }

  @Test
  void unknownEnvironmentSaysWhereItLooked() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AppConfig.load("staging", null, dir.toFile(), Map.of()));
    assertTrue(e.getMessage().contains("unknown environment 'staging'"), e.getMessage());
    assertTrue(e.getMessage().contains("staging.conf"), e.getMessage());
  }

  @Test
  void secretsAreNeverInTheDescription() throws IOException {
    File conf = envFile("test", "onecustomer.spark { \"spark.hadoop.fs.s3a.secret.key\" = \"TOPSECRET\" }");
    AppConfig c = AppConfig.load("test", null, conf, Map.of());
    assertFalse(c.describe().contains("TOPSECRET"));
    assertTrue(c.describe().contains("1 secret settings masked"));
  }

  // ---- unknown keys: a typo is an error naming the key and where it was written ----

  private static String unknownKeyError(File conf, File configFile, Map<String, String> overrides) {
    return assertThrows(ConfigException.class, () -> AppConfig.load("test", configFile, conf, overrides))
        .getMessage();
  }

  @Test
  void aTypoInTheEnvironmentFileNamesTheKeyTheFileAndTheLine() throws IOException {
    File conf = envFile("test", "onecustomer {\n  paths.warehouse = \"/tmp/w\"\n  ingest.missing-sourc = error\n}\n");
    assertEquals("unknown setting onecustomer.ingest.missing-sourc (" + new File(conf, "test.conf").getPath()
        + " line 3); did you mean onecustomer.ingest.missing-source?", unknownKeyError(conf, null, Map.of()));
  }

  @Test
  void aTypoInAConfigFileIsRejectedToo() throws IOException {
    Path file = dir.resolve("custom.conf");
    Files.writeString(file, "onecustomer.runner.paralelism = 4\n");
    assertEquals("unknown setting onecustomer.runner.paralelism (" + file + " line 1); did you mean"
        + " onecustomer.runner.parallelism?", unknownKeyError(dir.toFile(), file.toFile(), Map.of()));
  }

  @Test
  void aTypoOnTheCommandLineIsRejectedWithOrWithoutThePrefix() throws IOException {
    File conf = envFile("test", "onecustomer.paths.warehouse = \"/tmp/w\"");
    assertEquals("unknown setting onecustomer.value.churn.clasifier (--conf); did you mean"
        + " onecustomer.value.churn.classifier?", unknownKeyError(conf, null, Map.of("value.churn.clasifier", "gbt")));
    assertEquals("unknown setting onecustomer.value.churn.clasifier (--conf); did you mean"
        + " onecustomer.value.churn.classifier?",
        unknownKeyError(conf, null, Map.of("onecustomer.value.churn.clasifier", "gbt")));
    // a structured value (read as HOCON) is checked inside too
    assertTrue(unknownKeyError(conf, null, Map.of("attribution.path", "{ keep-frist = 1 }"))
        .startsWith("unknown setting onecustomer.attribution.path.keep-frist (--conf"));
    assertTrue(unknownKeyError(conf, null, Map.of("nonsense", "1")).startsWith("unknown setting onecustomer.nonsense"));
  }

  @Test
  void nestedTyposAndUnknownSectionsAreNamedAtTheFirstUnknownKey() throws IOException {
    File conf = envFile("test", "onecustomer.analytics.customer.rfm {\n  window-dayz = 30\n}\n"
        + "onecustomer.ingst { missing-source = error }\n");
    String e = unknownKeyError(conf, null, Map.of());
    String file = new File(conf, "test.conf").getPath();
    assertEquals("unknown setting onecustomer.analytics.customer.rfm.window-dayz (" + file + " line 2); did you mean"
        + " onecustomer.analytics.customer.rfm.window-days?\n"
        + "unknown setting onecustomer.ingst (" + file + " line 4); did you mean onecustomer.ingest?", e);
    // a setting written as a map has no keys of its own
    assertTrue(unknownKeyError(envFile("test", "onecustomer.catalog.type { name = hive }"), null, Map.of())
        .startsWith("unknown setting onecustomer.catalog.type.name"));
  }

  @Test
  void keysUnderFreeFormMapsAreAccepted() throws IOException {
    File conf = envFile("test", """
        onecustomer {
          paths.warehouse = "/tmp/w"
          geo.regions { Atlantis = ["Poseidonia"] }
          geo.store-cities { S999 = "Poseidonia" }
          identity.max-records-per-identifier { loyalty_card = 50 }
          identity.max-linked-values { loyalty_card = 2 }
          attribution.lookback-days-by-channel { pos = 14 }
          analytics.channel.spend-channels { xiaohongshu = pos }
          analytics.alerts.distributor-regions { D99 = Atlantis }
          spark { "spark.anything.at.all" = "1", spark.nested.form = "2" }
        }
        someone-else { whatever = 1 }
        """);
    AppConfig c = AppConfig.load("test", null, conf, Map.of("spark.executor.memory", "2g",
        "onecustomer.spark.custom.setting", "x", "geo.store-cities.S998", "Poseidonia",
        "quality.overrides", "[{ table = \"gold.rfm_segments\", check = row_count_change, threshold = 3 }]"));
    assertEquals("Atlantis", c.geo().cityRegions().get("Poseidonia"));
    assertEquals("Poseidonia", c.geo().storeCities().get("S998"));
    assertEquals(50, c.identity().maxRecordsPerIdentifier().get("loyalty_card"));
    assertEquals(2, c.identity().maxLinkedValues().get("loyalty_card"));
    assertEquals(14, c.attribution().lookbackDaysByChannel().get("pos"));
    assertEquals("pos", c.analytics().channel().spendChannels().get("xiaohongshu"));
    assertEquals("Atlantis", c.analytics().alerts().distributorRegions().get("D99"));
    assertEquals("1", c.spark().get("spark.anything.at.all"));
    assertEquals("2", c.spark().get("spark.nested.form"));
    assertEquals("2g", c.spark().get("spark.executor.memory"));
    assertEquals("x", c.spark().get("custom.setting"));
    assertEquals(1, c.quality().overrides().size());
  }

  /** Every key the shipped environment files set is known (the files load), without any variables set. */
  @Test
  void theShippedEnvironmentFilesLoad() {
    File conf = new File("../conf");
    assertTrue(new File(conf, "local.conf").isFile(), "run from the module directory: " + conf.getAbsolutePath());
    AppConfig local = AppConfig.load("local", null, conf, Map.of());
    assertEquals("local", local.env());
    assertEquals("local[*]", local.spark().get("spark.master"));
    assertEquals("North", local.analytics().alerts().distributorRegions().get("D01"));
    AppConfig prod = AppConfig.load("prod", null, conf, Map.of());
    assertEquals("prod", prod.env());
    assertEquals("400", prod.spark().get("spark.sql.shuffle.partitions"));
    assertTrue(prod.identity().hashKeyRequired());
  }

  @Test
  void enumSettingsListTheAllowedValues() throws IOException {
    File conf = envFile("test", "onecustomer.paths.warehouse = \"/tmp/w\"");
    assertEquals("onecustomer.value.churn.classifier must be one of logistic, gbt, got 'forest'",
        unknownKeyError(conf, null, Map.of("value.churn.classifier", "forest")));
    assertEquals("onecustomer.value.ltv.regressor must be one of huber, gbt, got 'ols'",
        unknownKeyError(conf, null, Map.of("value.ltv.regressor", "ols")));
    assertEquals("onecustomer.identity.mode must be one of incremental, full, got 'sometimes'",
        unknownKeyError(conf, null, Map.of("identity.mode", "sometimes")));
    assertEquals(io.onecustomer.common.config.ValueConfig.ChurnClassifier.GBT,
        AppConfig.load("test", null, conf, Map.of("value.churn.classifier", "gbt")).value().churnClassifier());
  }

  @Test
  void dateRangeValidatesAndBuildsPredicates() {
    var r = new DateRange(java.time.LocalDate.of(2026, 5, 1), java.time.LocalDate.of(2026, 5, 3));
    assertEquals(3, r.days().size());
    assertEquals("run_date BETWEEN DATE'2026-05-01' AND DATE'2026-05-03'", r.sqlPredicate("run_date"));
    assertEquals("run_date = DATE'2026-05-01'", DateRange.of(r.from()).sqlPredicate("run_date"));
    assertThrows(IllegalArgumentException.class, () -> new DateRange(r.to(), r.from()));
  }
}
