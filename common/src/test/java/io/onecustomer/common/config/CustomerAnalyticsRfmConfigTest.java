package io.onecustomer.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rfm and flags parts of analytics.customer: defaults and the errors of a bad rule table. */
class CustomerAnalyticsRfmConfigTest {
  static final String PREFIX = "onecustomer.analytics.customer.";

  static CustomerAnalyticsConfig parse(String override) {
    Config reference = ConfigFactory.defaultReference(CustomerAnalyticsRfmConfigTest.class.getClassLoader())
        .getConfig("onecustomer.analytics.customer");
    return CustomerAnalyticsConfig.parse(ConfigFactory.parseString(override).withFallback(reference).resolve(), PREFIX);
  }

  static String error(String override) {
    return assertThrows(ConfigException.class, () -> parse(override)).getMessage();
  }

  @Test
  void defaultsHaveTheDocumentedRuleTableWithLostBeforeSleeping() {
    CustomerAnalyticsConfig c = parse("");
    assertEquals(365, c.rfm().windowDays());
    assertEquals(365, c.rfmWindowDays());
    assertEquals(10000, c.rfm().quantileAccuracy());
    assertEquals("others", c.rfm().fallbackSegment());
    assertEquals(List.of("lost", "sleeping", "at_risk", "champions", "potential", "loyal", "new", "at_risk"),
        c.rfm().segments().stream().map(CustomerAnalyticsConfig.SegmentRule::name).toList());
    assertEquals(new CustomerAnalyticsConfig.SegmentRule("lost", 1, 5, 1, 5, 1, 5, 365, Integer.MAX_VALUE, 0,
        Integer.MAX_VALUE), c.rfm().segments().get(0));
    assertEquals(new CustomerAnalyticsConfig.SegmentRule("sleeping", 1, 5, 1, 2, 1, 5, 180, Integer.MAX_VALUE, 0,
        Integer.MAX_VALUE), c.rfm().segments().get(1));
    assertEquals(new CustomerAnalyticsConfig.Flags(30, 1, 1.5, 3), c.flags());
  }

  @Test
  void aRuleTableFromConfigKeepsItsOrder() {
    CustomerAnalyticsConfig c = parse("rfm.segments = [{ name = vip, min-m = 5, max-recency-days = 30 },"
        + " { name = rest, max-r = 5 }], rfm.fallback-segment = unknown");
    assertEquals(List.of(
        new CustomerAnalyticsConfig.SegmentRule("vip", 1, 5, 1, 5, 5, 5, 0, 30, 0, Integer.MAX_VALUE),
        new CustomerAnalyticsConfig.SegmentRule("rest", 1, 5, 1, 5, 1, 5, 0, Integer.MAX_VALUE, 0, Integer.MAX_VALUE)),
        c.rfm().segments());
    assertEquals("unknown", c.rfm().fallbackSegment());
  }

  @Test
  void badRulesFailNamingTheRuleKeyAndValue() {
    assertEquals(PREFIX + "rfm.segments[1].min-r must be between 1 and 5, got 7",
        error("rfm.segments = [{ name = a, min-f = 2 }, { name = b, min-r = 7 }]"));
    assertEquals(PREFIX + "rfm.segments[0].min-rr is not a rule key; a rule has name and optional max-f, max-m,"
        + " max-r, max-recency-days, max-tenure-days, min-f, min-m, min-r, min-recency-days, min-tenure-days",
        error("rfm.segments = [{ name = a, min-rr = 2 }]"));
    assertEquals(PREFIX + "rfm.segments[0].name is missing: every segment rule needs a name",
        error("rfm.segments = [{ min-r = 2 }]"));
    assertEquals(PREFIX + "rfm.segments[0].name must be a snake_case segment name (a-z, 0-9, _; up to 40), got"
        + " 'Lost Customers'", error("rfm.segments = [{ name = \"Lost Customers\", min-r = 2 }]"));
    assertEquals(PREFIX + "rfm.segments[0].min-recency-days must not exceed " + PREFIX
        + "rfm.segments[0].max-recency-days, got 365 > 180",
        error("rfm.segments = [{ name = a, min-recency-days = 365, max-recency-days = 180 }]"));
    assertEquals(PREFIX + "rfm.segments[0] (rule 'a') has no condition (it would match everyone; use"
        + " rfm.fallback-segment for the catch-all)", error("rfm.segments = [{ name = a }]"));
    assertEquals(PREFIX + "rfm.segments must list at least one rule", error("rfm.segments = []"));
    assertEquals(PREFIX + "rfm.segments[0].min-recency-days must be between 0 and 2147483647, got -1",
        error("rfm.segments = [{ name = a, min-recency-days = -1 }]"));
  }

  @Test
  void badScalarsFailNamingTheKey() {
    assertEquals(PREFIX + "rfm.window-days must be between 1 and 3660, got 0", error("rfm.window-days = 0"));
    assertEquals(PREFIX + "rfm.quantile-accuracy must be between 100 and 1000000, got 10",
        error("rfm.quantile-accuracy = 10"));
    assertEquals(PREFIX + "rfm.fallback-segment must be a snake_case segment name (a-z, 0-9, _; up to 40), got ''",
        error("rfm.fallback-segment = \"\""));
    assertEquals(PREFIX + "flags.period-days must be between 1 and 366, got 0", error("flags.period-days = 0"));
    assertEquals(PREFIX + "flags.lapse-factor must be between 1.0 and 100.0, got 0.5",
        error("flags.lapse-factor = 0.5"));
    assertEquals(PREFIX + "flags.min-purchase-days must be between 2 and 1000, got 1",
        error("flags.min-purchase-days = 1"));
    assertEquals(PREFIX + "flags.min-complaints must be between 1 and 1000, got 0",
        error("flags.min-complaints = 0"));
  }
}
