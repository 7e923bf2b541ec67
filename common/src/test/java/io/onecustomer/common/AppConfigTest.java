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

  @Test
  void dateRangeValidatesAndBuildsPredicates() {
    var r = new DateRange(java.time.LocalDate.of(2026, 5, 1), java.time.LocalDate.of(2026, 5, 3));
    assertEquals(3, r.days().size());
    assertEquals("run_date BETWEEN DATE'2026-05-01' AND DATE'2026-05-03'", r.sqlPredicate("run_date"));
    assertEquals("run_date = DATE'2026-05-01'", DateRange.of(r.from()).sqlPredicate("run_date"));
    assertThrows(IllegalArgumentException.class, () -> new DateRange(r.to(), r.from()));
  }
}
