package io.onecustomer.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** onecustomer.value: defaults, the models path, and errors that name the key and the value. */
class ValueConfigTest {
  static final String PREFIX = "onecustomer.value.";

  static ValueConfig parse(String override) {
    Config reference = ConfigFactory.defaultReference(ValueConfigTest.class.getClassLoader())
        .getConfig("onecustomer.value");
    return ValueConfig.parse(ConfigFactory.parseString(override).withFallback(reference).resolve(), PREFIX,
        "/data/warehouse/");
  }

  static String error(String override) {
    return assertThrows(ConfigException.class, () -> parse(override)).getMessage();
  }

  @Test
  void defaultsFollowTheIssue() {
    ValueConfig v = parse("");
    assertEquals("/data/warehouse/models", v.modelsPath(), "under the warehouse when not set");
    assertEquals(90, v.churnHorizonDays());
    assertEquals(365, v.ltvHorizonDays());
    assertEquals(ValueConfig.ChurnClassifier.LOGISTIC, v.churnClassifier());
    assertEquals(ValueConfig.LtvRegressor.HUBER, v.ltvRegressor());
    assertEquals("logistic", v.churnClassifier().toString(), "printed as written in the config");
    assertEquals(7, v.retrainEveryDays());
    assertEquals(7, v.unitDays());
    assertEquals(List.of("basic", "silver", "gold", "platinum"), v.tierOrder());
    assertEquals("s3a://bucket/models", parse("models-path = \"s3a://bucket/models\"").modelsPath());
    assertEquals(List.of("silver", "gold"), parse("tier-order = [\" Silver\", GOLD]").tierOrder());
  }

  @Test
  void learnersAreEnumsReadCaseInsensitively() {
    assertEquals(ValueConfig.ChurnClassifier.GBT, parse("churn.classifier = GBT").churnClassifier());
    assertEquals(ValueConfig.LtvRegressor.GBT, parse("ltv.regressor = \" gbt\"").ltvRegressor());
    assertEquals(ValueConfig.LtvRegressor.HUBER, parse("ltv.regressor = Huber").ltvRegressor());
  }

  @Test
  void badValuesAreNamed() {
    assertEquals("onecustomer.value.churn.classifier must be one of logistic, gbt, got 'forest'",
        error("churn.classifier = forest"));
    assertEquals("onecustomer.value.ltv.regressor must be one of huber, gbt, got 'ols'", error("ltv.regressor = ols"));
    assertEquals("onecustomer.value.churn.horizon-days must be between 1 and 3650, got 0",
        error("churn.horizon-days = 0"));
    assertTrue(error("churn.risk-bands { high = 0.3, medium = 0.5 }")
        .startsWith("onecustomer.value.churn.risk-bands.medium must not exceed"));
    assertEquals("onecustomer.value.tier-order must list at least one value", error("tier-order = []"));
  }
}
