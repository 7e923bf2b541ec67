package io.onecustomer.jobs.analytics.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.ConfigException;
import io.onecustomer.common.config.CustomerAnalyticsConfig;
import io.onecustomer.jobs.TestSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BehaviourConfigTest {
  static final String P = "onecustomer.analytics.customer.";

  static AppConfig config(Map<String, String> overrides) {
    return TestSpark.config(Path.of("/tmp/landing"), Path.of("/tmp/warehouse"), overrides);
  }

  @Test
  void defaultsComeFromReferenceConf() {
    CustomerAnalyticsConfig c = config(Map.of()).analytics().customer();
    assertEquals(365, c.repurchaseWindowDays());
    assertEquals(List.of("category", "product"), c.crossSellLevels());
    assertEquals(365, c.crossSellLookbackDays());
    assertEquals(90, c.crossSellWithinDays());
    assertEquals(20, c.crossSellMinCustomers());
    assertEquals(24, c.cohortsMaxMonths());
  }

  @Test
  void overridesAreRead() {
    CustomerAnalyticsConfig c = config(Map.of(P + "repurchase.window-days", "180", P + "cross-sell.within-days", "30",
        P + "cohorts.max-months", "12", P + "cross-sell.min-customers", "5")).analytics().customer();
    assertEquals(180, c.repurchaseWindowDays());
    assertEquals(30, c.crossSellWithinDays());
    assertEquals(12, c.cohortsMaxMonths());
    assertEquals(5, c.crossSellMinCustomers());
  }

  static String error(Map<String, String> overrides) {
    return assertThrows(ConfigException.class, () -> config(overrides)).getMessage();
  }

  @Test
  void invalidValuesAreNamedWithTheFullKeyAndTheBadValue() {
    assertEquals(P + "repurchase.window-days must be between 1 and 3660, got 0",
        error(Map.of(P + "repurchase.window-days", "0")));
    assertEquals(P + "cross-sell.min-customers must be between 1 and 1000000, got 0",
        error(Map.of(P + "cross-sell.min-customers", "0")));
    assertEquals(P + "cohorts.max-months must be between 1 and 120, got 0",
        error(Map.of(P + "cohorts.max-months", "0")));
    assertEquals(P + "cross-sell.within-days must be less than cross-sell.lookback-days (60), got 90",
        error(Map.of(P + "cross-sell.lookback-days", "60")));
  }

  @Test
  void crossSellLevelsMustBeKnownAndDistinct() {
    String levels = "{\"onecustomer\": {\"analytics\": {\"customer\": {\"cross-sell\": {\"levels\": %s}}}}}";
    assertEquals(P + "cross-sell.levels may list category and product, got 'brand'",
        assertThrows(ConfigException.class, () -> withLevels(levels, "[\"category\", \"brand\"]")).getMessage());
    assertEquals(P + "cross-sell.levels lists a level twice, got [category, category]",
        assertThrows(ConfigException.class, () -> withLevels(levels, "[\"category\", \"category\"]")).getMessage());
    assertEquals(P + "cross-sell.levels must list at least one value",
        assertThrows(ConfigException.class, () -> withLevels(levels, "[]")).getMessage());
    assertEquals(List.of("category"), withLevels(levels, "[\"category\"]").analytics().customer().crossSellLevels());
  }

  static AppConfig withLevels(String template, String list) {
    var c = com.typesafe.config.ConfigFactory.parseString(String.format(template, list));
    // A list cannot be given through the string map: parse it and merge it over the test config.
    return AppConfig.fromConfig(c.withFallback(com.typesafe.config.ConfigFactory.parseMap(Map.of(
            "onecustomer.paths.landing", "/tmp/landing",
            "onecustomer.paths.warehouse", "/tmp/warehouse",
            "onecustomer.catalog.type", "in-memory",
            "onecustomer.identity.hash-key-required", "false")))
        .withFallback(com.typesafe.config.ConfigFactory.parseResources(TestSpark.class.getClassLoader(),
            "conf/local.conf").withOnlyPath("onecustomer.geo"))
        .withFallback(com.typesafe.config.ConfigFactory.defaultReference(TestSpark.class.getClassLoader())).resolve());
  }
}
