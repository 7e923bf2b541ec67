package io.onecustomer.jobs.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.AppConfig.ChannelLevel;
import io.onecustomer.common.config.ConfigException;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.attribution.AttributionColumns.Models;
import io.onecustomer.jobs.attribution.AttributionTables.ChannelDaily;
import io.onecustomer.jobs.attribution.AttributionTables.Credits;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The glue between the suite's tables and the attribution engine, on hand-made rows. */
class AttributionInputsTest {
  private static final SparkSession spark = TestSpark.session();

  private static AppConfig.Attribution config(String... overrides) {
    String conf = String.join("\n", overrides);
    return AppConfig.fromConfig(ConfigFactory.parseString(conf).atPath("onecustomer")
        .withFallback(ConfigFactory.parseString(
            "onecustomer { env = test, paths { landing = /tmp/l, warehouse = /tmp/w } }"))
        .withFallback(ConfigFactory.defaultReference()).resolve()).attribution();
  }

  private static Dataset<Row> orders(String values) {
    return spark.sql("SELECT channel, order_id, status, customer_id, CAST(order_ts AS TIMESTAMP) AS order_ts,"
        + " CAST(order_date AS DATE) AS order_date, CAST(net_amount AS DECIMAL(18,2)) AS net_amount FROM VALUES "
        + values + " AS t(channel, order_id, status, customer_id, order_ts, order_date, net_amount)");
  }

  @Test
  void conversionsAreOrdersOfTheConversionChannelsThatAreNotCancelled() {
    Dataset<Row> lines = orders(String.join(",",
        "('pos', 'R1', 'completed', 'C1', '2026-05-10 02:00:00', '2026-05-10', 30.00)",
        "('pos', 'R1', 'completed', 'C1', '2026-05-10 02:00:00', '2026-05-10', 12.50)",
        "('marketplace', 'R1', 'refunded', 'C2', '2026-05-10 03:00:00', '2026-05-10', 0.00)",
        "('marketplace', 'T9', 'cancelled', 'C2', '2026-05-10 04:00:00', '2026-05-10', 0.00)",
        "('distributor', 'D1', 'completed', NULL, '2026-05-10 05:00:00', '2026-05-10', 900.00)",
        "('miniprogram', 'M1', 'completed', NULL, '2026-05-11 01:00:00', '2026-05-11', 8.00)"));
    Map<String, Row> byId = new TreeMap<>();
    AttributionInputs.conversions(lines, List.of("marketplace", "miniprogram", "pos")).collectAsList()
        .forEach(r -> byId.put(r.getAs(AttributionColumns.Conversions.CONVERSION_ID), r));
    // Same order id in two channels stays two conversions; cancelled and distributor orders are none.
    assertEquals(List.of("marketplace:R1", "miniprogram:M1", "pos:R1"), List.copyOf(byId.keySet()));
    Row pos = byId.get("pos:R1");
    assertEquals(new BigDecimal("42.50"), pos.getAs(AttributionColumns.Conversions.VALUE));
    assertEquals("C1", pos.getAs(AttributionColumns.Conversions.CUSTOMER_ID));
    assertEquals("pos", pos.getAs(Credits.CONVERSION_CHANNEL));
    assertEquals("R1", pos.getAs(Credits.ORDER_ID));
    // A fully refunded order still converted, for 0.00; an order without customer is kept.
    assertEquals(new BigDecimal("0.00"), byId.get("marketplace:R1").getAs(AttributionColumns.Conversions.VALUE));
    assertNull(byId.get("miniprogram:M1").getAs(AttributionColumns.Conversions.CUSTOMER_ID));
  }

  private static Dataset<Row> touchpoints() {
    return spark.sql("SELECT customer_id, channel, traffic_source, traffic_channel,"
        + " CAST(event_ts AS TIMESTAMP) AS event_ts FROM VALUES"
        + " ('C1', 'web', 'douyin', 'paid_social', '2026-05-01 10:00:00'),"
        + " ('C1', 'miniprogram', 'miniprogram', 'owned', '2026-05-02 10:00:00'),"
        + " ('C1', 'service', 'phone', 'service', '2026-05-03 10:00:00'),"
        + " (NULL, 'web', 'baidu', 'paid_search', '2026-05-03 11:00:00'),"
        + " ('C2', 'app', 'direct', 'direct', '2026-05-04 10:00:00')"
        + " AS t(customer_id, channel, traffic_source, traffic_channel, event_ts)");
  }

  private static List<String> touchChannels(Dataset<Row> touches) {
    return touches.orderBy(AttributionColumns.Touchpoints.TS).collectAsList().stream()
        .map(r -> r.<String>getAs(AttributionColumns.Touchpoints.CUSTOMER_ID) + ":"
            + r.<String>getAs(AttributionColumns.Touchpoints.CHANNEL)).toList();
  }

  @Test
  void touchesAreNamedByTrafficChannelOrSourceWithoutServiceAndAnonymousRows() {
    assertEquals(List.of("C1:paid_social", "C1:miniprogram", "C2:direct"),
        touchChannels(AttributionInputs.touches(touchpoints(), ChannelLevel.TRAFFIC_CHANNEL, List.of("service"))));
    assertEquals(List.of("C1:douyin", "C1:miniprogram", "C1:phone", "C2:direct"),
        touchChannels(AttributionInputs.touches(touchpoints(), ChannelLevel.TRAFFIC_SOURCE, List.of())));
  }

  @Test
  void configuredTouchpointTypesAreConversionsOfValueZeroThatEndThePathsBeforeThem() {
    Dataset<Row> tp = spark.sql("SELECT touchpoint_id, touchpoint_type, customer_id, channel, traffic_source,"
        + " traffic_channel, CAST(event_ts AS TIMESTAMP) AS event_ts, CAST(event_date AS DATE) AS event_date FROM VALUES"
        + " ('clickstream:e1', 'view', 'C1', 'web', 'douyin', 'paid_social', '2026-05-01 10:00:00', '2026-05-01'),"
        + " ('clickstream:e2', 'coupon_claim', 'C1', 'web', 'direct', 'direct', '2026-05-02 10:00:00', '2026-05-02'),"
        + " ('clickstream:e3', 'view', 'C1', 'web', 'baidu', 'paid_search', '2026-05-03 10:00:00', '2026-05-03'),"
        + " ('clickstream:e4', 'view', 'C2', 'web', 'direct', 'direct', '2026-05-03 11:00:00', '2026-05-03')"
        + " AS t(touchpoint_id, touchpoint_type, customer_id, channel, traffic_source, traffic_channel, event_ts,"
        + " event_date)");
    AppConfig.Attribution a = config("attribution.conversion-events = [coupon_claim]",
        "attribution.lookback-days-by-channel { coupon_claim = 7 }");
    assertEquals(List.of("coupon_claim"), a.conversionEvents());
    Dataset<Row> events = AttributionInputs.eventConversions(tp, a.conversionEvents());
    Row e = events.collectAsList().get(0);
    assertEquals(1, events.count());
    assertEquals("coupon_claim:clickstream:e2", e.getAs(AttributionColumns.Conversions.CONVERSION_ID));
    assertEquals("coupon_claim", e.getAs(Credits.CONVERSION_CHANNEL));
    assertEquals(new BigDecimal("0.00"), e.getAs(AttributionColumns.Conversions.VALUE));
    // With an order of C1 on 05-04: the coupon claim takes the douyin touch and its own, the order the baidu one.
    Dataset<Row> conversions = AttributionInputs.conversions(orders(
            "('pos', 'R1', 'completed', 'C1', '2026-05-04 10:00:00', '2026-05-04', 20.00)"), a.conversionChannels())
        .unionByName(events);
    Map<String, List<String>> paths = new TreeMap<>();
    AttributionInputs.withConversionAttributes(PathTransforms.journeys(
            AttributionInputs.touches(tp, ChannelLevel.TRAFFIC_CHANNEL, a.excludedTouchTypes()), conversions,
            a.maxLookbackDays()), conversions, a)
        .collectAsList().forEach(r -> paths.put(r.getAs(AttributionColumns.Journeys.JOURNEY_ID),
            r.<Row>getList(r.fieldIndex(AttributionColumns.Journeys.TOUCHES)).stream()
                .map(t -> t.<String>getAs(AttributionColumns.Journeys.CHANNEL)).toList()));
    assertEquals(Map.of("coupon_claim:clickstream:e2", List.of("paid_social", "direct"),
        "pos:R1", List.of("paid_search"), "open:C2", List.of("direct")), paths);
  }

  @Test
  void aConversionChannelWithItsOwnLookbackKeepsOnlyTheTouchesWithinIt() {
    // Both conversions are 20 days after C's touches: pos looks back 14 days, marketplace 30.
    Dataset<Row> lines = orders(String.join(",",
        "('pos', 'R1', 'completed', 'A', '2026-05-21 10:00:00', '2026-05-21', 10.00)",
        "('marketplace', 'T1', 'completed', 'B', '2026-05-21 10:00:00', '2026-05-21', 10.00)"));
    Dataset<Row> touches = spark.sql("SELECT customer_id, 'display' AS channel, CAST(ts AS TIMESTAMP) AS ts FROM VALUES"
        + " ('A', '2026-05-01 10:00:00'), ('A', '2026-05-07 10:00:00'), ('A', '2026-05-08 10:00:00'),"
        + " ('B', '2026-05-01 10:00:00'), ('Z', '2026-05-01 10:00:00') AS t(customer_id, ts)");
    AppConfig.Attribution a = config("attribution.lookback-days-by-channel { pos = 14 }");
    assertEquals(30, a.maxLookbackDays());
    Dataset<Row> conversions = AttributionInputs.conversions(lines, a.conversionChannels());
    Map<String, Integer> touchCounts = new TreeMap<>();
    AttributionInputs.withConversionAttributes(PathTransforms.journeys(touches, conversions, a.maxLookbackDays()),
        conversions, a).collectAsList().forEach(r -> touchCounts.put(r.getAs(AttributionColumns.Journeys.JOURNEY_ID),
            r.getList(r.fieldIndex(AttributionColumns.Journeys.TOUCHES)).size()));
    // pos:R1 keeps the touch exactly 14 days before (05-07 10:00) and the later one; the open path of Z is untouched.
    assertEquals(Map.of("marketplace:T1", 1, "pos:R1", 2, "open:Z", 1), touchCounts);
  }

  private static Dataset<Row> credits() {
    return spark.sql("SELECT CAST(conversion_date AS DATE) AS conversion_date, model, channel,"
        + " CAST(credit_conversions AS DOUBLE) AS credit_conversions,"
        + " CAST(credit_value AS DECIMAL(18,2)) AS credit_value FROM VALUES"
        + " ('2026-05-10', 'linear', 'paid_social', 0.5, 50.00),"
        + " ('2026-05-10', 'linear', 'direct', 0.5, 50.00),"
        + " ('2026-05-10', 'linear', 'paid_social', 1.0, 30.00),"
        + " ('2026-05-10', 'last_touch', 'direct', 1.0, 100.00),"
        + " ('2026-05-10', 'last_touch', 'paid_social', 1.0, 30.00)"
        + " AS t(conversion_date, model, channel, credit_conversions, credit_value)");
  }

  @Test
  void channelDailyJoinsCreditsWithSpendAndGivesSpendWithoutCreditZeroConversions() {
    Dataset<Row> adSpend = spark.sql("SELECT CAST(spend_date AS DATE) AS spend_date, media, traffic_channel,"
        + " CAST(cost AS DECIMAL(18,2)) AS cost, CAST(clicks AS BIGINT) AS clicks,"
        + " CAST(impressions AS BIGINT) AS impressions FROM VALUES"
        + " ('2026-05-10', 'douyin', 'paid_social', 40.00, 10, 400),"
        + " ('2026-05-10', 'wechat', 'paid_social', 20.00, 5, 300),"
        + " ('2026-05-10', 'display_net', 'display', 9.00, 3, 900)"
        + " AS t(spend_date, media, traffic_channel, cost, clicks, impressions)");
    Dataset<Row> spend = AttributionInputs.spend(adSpend, ChannelLevel.TRAFFIC_CHANNEL);
    Map<String, Row> rows = new TreeMap<>();
    AttributionInputs.channelDaily(credits(), spend, List.of("linear", "last_touch")).collectAsList()
        .forEach(r -> rows.put(r.getAs(ChannelDaily.MODEL) + "/" + r.getAs(ChannelDaily.CHANNEL), r));
    assertEquals(List.of("last_touch/direct", "last_touch/display", "last_touch/paid_social", "linear/direct",
        "linear/display", "linear/paid_social"), List.copyOf(rows.keySet()));
    Row social = rows.get("linear/paid_social");
    assertEquals(1.5, social.<Double>getAs(ChannelDaily.ATTRIBUTED_CONVERSIONS), 1e-12);
    assertEquals(new BigDecimal("80.00"), social.getAs(ChannelDaily.ATTRIBUTED_VALUE));
    assertEquals(2L, social.<Long>getAs(ChannelDaily.CONVERSIONS_TOUCHED));
    assertEquals(new BigDecimal("60.00"), social.getAs(ChannelDaily.SPEND));
    assertEquals(15L, social.<Long>getAs(ChannelDaily.CLICKS));
    assertEquals(40.0, social.<Double>getAs(ChannelDaily.COST_PER_CONVERSION), 1e-12);
    assertEquals(80.0 / 60.0, social.<Double>getAs(ChannelDaily.ROAS), 1e-12);
    // Spend without credit: 0 conversions, no cost per conversion, ROAS 0.
    Row display = rows.get("last_touch/display");
    assertEquals(0.0, display.<Double>getAs(ChannelDaily.ATTRIBUTED_CONVERSIONS));
    assertEquals(new BigDecimal("0.00"), display.getAs(ChannelDaily.ATTRIBUTED_VALUE));
    assertNull(display.getAs(ChannelDaily.COST_PER_CONVERSION));
    assertEquals(0.0, display.<Double>getAs(ChannelDaily.ROAS));
    // Credit without spend: spend 0, no cost per conversion, no ROAS.
    Row direct = rows.get("last_touch/direct");
    assertEquals(new BigDecimal("0.00"), direct.getAs(ChannelDaily.SPEND));
    assertNull(direct.getAs(ChannelDaily.COST_PER_CONVERSION));
    assertNull(direct.getAs(ChannelDaily.ROAS));
    // At media level the spend stays with each media.
    List<String> media = AttributionInputs.spend(adSpend, ChannelLevel.TRAFFIC_SOURCE).collectAsList().stream()
        .map(r -> r.getAs(ChannelDaily.CHANNEL) + "=" + r.getAs(ChannelDaily.SPEND)).sorted().toList();
    assertEquals(List.of("display_net=9.00", "douyin=40.00", "wechat=20.00"), media);
  }

  @Test
  void theFitWindowEndsOnTheLastDayAndCoversAtLeastTheRange() {
    AppConfig.Attribution a = config("attribution.fit-window-days = 90");
    LocalDate day = LocalDate.parse("2026-11-15");
    assertEquals(LocalDate.parse("2026-08-18"), AttributionCreditsJob.fitFrom(DateRange.of(day), a));
    DateRange backfill = new DateRange(LocalDate.parse("2026-05-20"), day);
    assertEquals(LocalDate.parse("2026-05-20"), AttributionCreditsJob.fitFrom(backfill, a));
  }

  @Test
  void badAttributionSettingsFailAtLoadNamingTheKeyAndValue() {
    assertBad("attribution.lookback-days = 0", "onecustomer.attribution.lookback-days must be between 1 and 365, got 0");
    assertBad("attribution.lookback-days-by-channel { distributor = 7 }", "lookback-days-by-channel names 'distributor'");
    assertBad("attribution.channel-level = campaign", "onecustomer.attribution.channel-level must be one of");
    assertBad("attribution.position-based { first = 0.7, last = 0.7 }", "got 0.7 and 0.7");
    assertBad("attribution.path { keep-first = 2, keep-last = 3 }", "exclude each other");
    assertBad("attribution.half-life-days = 0", "half-life-days must be > 0");
    assertBad("attribution.conversion-channels = []", "at least one sales channel");
    assertBad("attribution.lookback-days-by-channel { coupon_claim = 7 }", "nor of the conversion-events []");
  }

  private static void assertBad(String conf, String message) {
    Executable load = () -> config(conf);
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, load);
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    AppConfig.Attribution a = config();
    assertEquals(30, a.lookbackDays());
    assertEquals(90, a.fitWindowDays());
    assertEquals(List.of("marketplace", "miniprogram", "pos"), a.conversionChannels());
    assertEquals(List.of(), a.conversionEvents());
    assertEquals(ChannelLevel.TRAFFIC_CHANNEL, a.channelLevel());
    AttributionOptions o = AttributionInputs.options(a);
    assertEquals(AttributionOptions.defaults(), o);
    assertEquals(PathOptions.none(), AttributionInputs.pathOptions(a));
    assertEquals(9, Models.ALL.size(), Models.ALL.toString());
  }
}
