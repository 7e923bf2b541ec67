package io.onecustomer.jobs.analytics.channel;

import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.adSpend;
import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.by;
import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.get;
import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.lines;
import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.money;
import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.products;
import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.spark;
import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.tickets;
import static io.onecustomer.jobs.analytics.channel.ChannelTables.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.analytics.AnalyticsTables;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.channel.ChannelTables.Health;
import io.onecustomer.jobs.analytics.channel.ChannelTables.HealthMonthly;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelHealthTest {
  static final LocalDate FROM = LocalDate.parse("2026-05-02");
  static final LocalDate TO = LocalDate.parse("2026-05-03");
  static final int CAC_WINDOW = 13;
  static final int SELL_THROUGH_DAYS = 2;

  // A: acquired at pos on 04-01, then marketplace on 05-02 and 05-03. B: acquired by the marketplace
  // on 05-02 (a two-line order), first pos purchase on 05-03. D: acquired by the mini-program on
  // 05-03. An unresolved marketplace buyer, a cancelled order that kept 5 CNY, distributor sell-out.
  static final String LINES =
      "('A', 'pos', 'R0', 'P1', 100, 'completed', '2026-04-01 10:00:00'),"
          + "('A', 'marketplace', 'T1', 'P2', 200, 'completed', '2026-05-02 09:00:00'),"
          + "('B', 'marketplace', 'T2', 'P2', 50, 'completed', '2026-05-02 10:00:00'),"
          + "('B', 'marketplace', 'T2', 'P3', 30, 'completed', '2026-05-02 10:00:00'),"
          + "(NULL, 'marketplace', 'T3', 'P1', 40, 'pending', '2026-05-02 11:00:00'),"
          + "('C', 'marketplace', 'T4', 'P9', 5, 'cancelled', '2026-05-02 12:00:00'),"
          + "(NULL, 'distributor', 'D1:2026-05-02', 'P4', 500, 'completed', '2026-05-02 00:00:00'),"
          + "('B', 'pos', 'R1', 'P1', 70, 'completed', '2026-05-03 10:00:00'),"
          + "('D', 'miniprogram', 'W1', 'P5', 90, 'completed', '2026-05-03 11:00:00'),"
          + "('A', 'marketplace', 'T5', 'P3', 10, 'completed', '2026-05-03 12:00:00')";

  static final Map<String, String> SPEND_CHANNELS =
      Map.of("tmall", "marketplace", "paid_social", "pos", "douyin", "miniprogram");

  static Map<String, Row> daily;
  static Dataset<Row> dailyRows;
  static Dataset<Row> orders;

  @BeforeAll
  static void compute() {
    Dataset<Row> lines = lines(LINES);
    orders = Purchases.orders(lines);
    Dataset<Row> spend = ChannelHealth.spendByChannel(adSpend(
        "('2026-04-20', 'tmall', 'marketplace_ads', 40), ('2026-05-02', 'tmall', 'marketplace_ads', 100),"
            + "('2026-05-02', 'wechat', 'paid_social', 30), ('2026-05-02', 'douyin', 'paid_social', 20),"
            + "('2026-05-02', 'display_net', 'display', 12.50), ('2026-05-03', 'tmall', 'marketplace_ads', 60)"),
        SPEND_CHANNELS);
    Dataset<Row> tickets = tickets("('TK1', '2026-05-02', true, 'T1'), ('TK2', '2026-05-02', false, 'T2'),"
        + "('TK3', '2026-05-02', NULL, 'T3'), ('TK4', '2026-05-03', true, 'R0'), ('TK5', '2026-05-03', true, NULL)");
    StringBuilder p = new StringBuilder();
    for (String d : List.of("2026-05-02", "2026-05-03")) {
      p.append(p.length() == 0 ? "" : ",").append(String.format("('%1$s', 'marketplace', 'P1', true),"
          + "('%1$s', 'marketplace', 'P2', true), ('%1$s', 'marketplace', 'P3', true), ('%1$s', 'marketplace', 'P9', true),"
          + "('%1$s', 'marketplace', 'P8', false), ('%1$s', 'pos', 'P1', true), ('%1$s', 'pos', 'P9', true),"
          + "('%1$s', 'web', 'P1', true)", d));
    }
    dailyRows = ChannelSpecs.CHANNEL_HEALTH.conform(ChannelHealth.daily(lines, orders, spend, tickets,
        products(p.toString()), FROM, TO, CAC_WINDOW, SELL_THROUGH_DAYS)).cache();
    daily = by(dailyRows, Health.HEALTH_DATE, CHANNEL);
  }

  static Row row(String day, String channel) {
    Row r = daily.get(day + "|" + channel);
    if (r == null) {
      throw new AssertionError("no row " + day + "|" + channel + " in " + daily.keySet());
    }
    return r;
  }

  static double dbl(Row r, String c) {
    return ((Number) get(r, c)).doubleValue();
  }

  @Test
  void everyDayHasOneRowPerSalesChannelAndUnallocated() {
    assertEquals(10, daily.size(), daily.keySet().toString());
    for (String d : List.of("2026-05-02", "2026-05-03")) {
      for (String c : List.of("marketplace", "miniprogram", "pos", "distributor", "unallocated")) {
        row(d, c);
      }
    }
  }

  @Test
  void revenueOfAllLinesSumsOverChannelsExactlyToSilverOrdersIncludingUnresolvedAndCancelledLines() {
    Map<String, Row> totals = by(dailyRows.groupBy(Health.HEALTH_DATE).sum(REVENUE, SPEND)
        .selectExpr("CAST(health_date AS STRING) AS d", "`sum(revenue)` AS r", "`sum(spend)` AS s"), "d");
    assertEquals(money("825"), get(totals.get("2026-05-02"), "r"), "200 + 80 + 40 unresolved + 5 cancelled + 500 sell-out");
    assertEquals(money("170"), get(totals.get("2026-05-03"), "r"));
    assertEquals(money("162.50"), get(totals.get("2026-05-02"), "s"), "all spend of the day, unallocated included");
    assertEquals(money("60"), get(totals.get("2026-05-03"), "s"));
    Row m = row("2026-05-02", "marketplace");
    assertEquals(money("325"), get(m, REVENUE));
    assertEquals(money("320"), get(m, PURCHASE_REVENUE), "the cancelled order is revenue but not a purchase");
    assertEquals(3L, get(m, ORDERS), "T1, T2 and the unresolved T3");
    assertEquals(2L, get(m, ACTIVE_CUSTOMERS), "A and B; the unresolved buyer is no customer");
    assertEquals(money("106.67"), get(m, AOV), "320 / 3");
    Row d = row("2026-05-02", "distributor");
    assertEquals(money("500"), get(d, REVENUE));
    assertEquals(1L, get(d, ORDERS));
    assertEquals(0L, get(d, ACTIVE_CUSTOMERS));
  }

  @Test
  void newToChannelAndNewToBrandCustomers() {
    Row m2 = row("2026-05-02", "marketplace");
    assertEquals(2L, get(m2, NEW_TO_CHANNEL), "A's and B's first marketplace purchase");
    assertEquals(1L, get(m2, NEW_TO_BRAND), "only B: A was acquired at pos on 04-01");
    Row p3 = row("2026-05-03", "pos");
    assertEquals(1L, get(p3, NEW_TO_CHANNEL), "B's first pos purchase");
    assertEquals(0L, get(p3, NEW_TO_BRAND));
    Row m3 = row("2026-05-03", "marketplace");
    assertEquals(0L, get(m3, NEW_TO_CHANNEL), "A bought there the day before");
    Row w3 = row("2026-05-03", "miniprogram");
    assertEquals(1L, get(w3, NEW_TO_CHANNEL));
    assertEquals(1L, get(w3, NEW_TO_BRAND));
  }

  @Test
  void spendMapsByMediaFirstThenTrafficChannelAndTheRestIsUnallocated() {
    assertEquals(money("100"), get(row("2026-05-02", "marketplace"), SPEND), "tmall");
    assertEquals(money("30"), get(row("2026-05-02", "pos"), SPEND), "wechat through its traffic channel paid_social");
    assertEquals(money("20"), get(row("2026-05-02", "miniprogram"), SPEND), "douyin's own entry wins over paid_social");
    assertEquals(money("12.50"), get(row("2026-05-02", "unallocated"), SPEND), "display_net maps to nothing");
    assertEquals(money("0"), get(row("2026-05-03", "unallocated"), SPEND));
    assertEquals(money("0"), get(row("2026-05-02", "distributor"), SPEND));
  }

  @Test
  void cacIsNullWithoutNewCustomersAndRoasRoiNullWithoutSpend() {
    Row m2 = row("2026-05-02", "marketplace");
    assertEquals(money("100"), get(m2, CAC), "100 / 1 new");
    assertEquals(3.25, dbl(m2, ROAS), 1e-12);
    assertEquals(2.25, dbl(m2, ROI), 1e-12);
    // Spend with no orders and no new customers.
    Row p2 = row("2026-05-02", "pos");
    assertNull(get(p2, CAC), "30 spend, 0 new customers");
    assertEquals(money("0"), get(p2, REVENUE));
    assertEquals(0L, get(p2, ORDERS));
    assertNull(get(p2, AOV));
    assertEquals(0.0, dbl(p2, ROAS), 1e-12);
    assertEquals(-1.0, dbl(p2, ROI), 1e-12);
    assertNull(get(row("2026-05-02", "miniprogram"), CAC));
    // A new customer without spend costs 0; no spend: no ROAS or ROI.
    Row w3 = row("2026-05-03", "miniprogram");
    assertEquals(money("0"), get(w3, CAC));
    assertNull(get(w3, ROAS));
    assertNull(get(w3, ROI));
    Row m3 = row("2026-05-03", "marketplace");
    assertNull(get(m3, CAC), "spend 60, nobody new");
    assertEquals(10.0 / 60.0, dbl(m3, ROAS), 1e-12);
  }

  @Test
  void repurchaseRateAndRealisedLtvOfTheCustomersEachChannelAcquired() {
    Row p2 = row("2026-05-02", "pos");
    assertEquals(1L, get(p2, ACQUIRED_CUSTOMERS), "A, acquired on 04-01");
    assertEquals(1.0, dbl(p2, REPURCHASE_RATE), 1e-12, "A's second purchase (marketplace) counts");
    assertEquals(money("300"), get(p2, ACQUIRED_LTV), "A's 100 at pos + 200 on the marketplace");
    assertEquals("realised", get(p2, LTV_BASIS));
    assertEquals(money("310"), get(row("2026-05-03", "pos"), ACQUIRED_LTV), "+ A's 10 on 05-03");
    Row m2 = row("2026-05-02", "marketplace");
    assertEquals(1L, get(m2, ACQUIRED_CUSTOMERS), "B");
    assertEquals(0.0, dbl(m2, REPURCHASE_RATE), 1e-12, "B's one (two-line) order up to 05-02");
    assertEquals(money("80"), get(m2, ACQUIRED_LTV));
    Row m3 = row("2026-05-03", "marketplace");
    assertEquals(1.0, dbl(m3, REPURCHASE_RATE), 1e-12, "B bought again at pos on 05-03");
    assertEquals(money("150"), get(m3, ACQUIRED_LTV));
    Row w2 = row("2026-05-02", "miniprogram");
    assertEquals(0L, get(w2, ACQUIRED_CUSTOMERS));
    assertNull(get(w2, REPURCHASE_RATE));
    assertNull(get(w2, ACQUIRED_LTV));
  }

  @Test
  void trailingCacWindowIncludesItsFirstDayAndLtvToCacUsesIt() {
    // Window of 13 days: 04-20..05-02 holds the 40 of 04-20; 04-21..05-03 does not.
    Row m2 = row("2026-05-02", "marketplace");
    assertEquals(money("140"), get(m2, TRAILING_SPEND));
    assertEquals(1L, get(m2, TRAILING_NEW_TO_BRAND));
    assertEquals(money("140"), get(m2, TRAILING_CAC));
    assertEquals(80.0 / 140.0, dbl(m2, LTV_TO_CAC), 1e-12);
    Row m3 = row("2026-05-03", "marketplace");
    assertEquals(money("160"), get(m3, TRAILING_SPEND));
    assertEquals(money("160"), get(m3, TRAILING_CAC));
    assertEquals(150.0 / 160.0, dbl(m3, LTV_TO_CAC), 1e-12);
    Row w3 = row("2026-05-03", "miniprogram");
    assertEquals(money("20"), get(w3, TRAILING_CAC), "douyin's 20 of 05-02 / D");
    assertEquals(4.5, dbl(w3, LTV_TO_CAC), 1e-12);
    Row p2 = row("2026-05-02", "pos");
    assertNull(get(p2, TRAILING_CAC), "A was acquired before the window");
    assertNull(get(p2, LTV_TO_CAC));
  }

  @Test
  void complaintsCountComplaintTicketsByTheChannelOfTheirOrder() {
    Row m2 = row("2026-05-02", "marketplace");
    assertEquals(1L, get(m2, COMPLAINTS), "TK1 on T1; TK2 is no complaint, TK3 unknown");
    assertEquals(1.0 / 3.0, dbl(m2, COMPLAINT_RATE), 1e-12);
    Row p3 = row("2026-05-03", "pos");
    assertEquals(1L, get(p3, COMPLAINTS), "TK4 refers to R0 of 04-01; TK5 has no order");
    assertEquals(1.0, dbl(p3, COMPLAINT_RATE), 1e-12);
    assertNull(get(row("2026-05-02", "pos"), COMPLAINT_RATE), "no orders");
  }

  @Test
  void sellThroughCountsListedProductsSoldInTheWindowNotAListedProductNeverSold() {
    Row m2 = row("2026-05-02", "marketplace");
    assertEquals(4L, get(m2, PRODUCTS_LISTED), "P1, P2, P3, P9 active; P8 inactive");
    assertEquals(3L, get(m2, PRODUCTS_SOLD), "P9 only in a cancelled order");
    assertEquals(0.75, dbl(m2, SELL_THROUGH_RATE), 1e-12);
    Row p2 = row("2026-05-02", "pos");
    assertEquals(0L, get(p2, PRODUCTS_SOLD), "R0 of 04-01 is outside the 2 days");
    assertEquals(0.0, dbl(p2, SELL_THROUGH_RATE), 1e-12);
    assertEquals(0.5, dbl(row("2026-05-03", "pos"), SELL_THROUGH_RATE), 1e-12, "P1 of P1, P9");
    assertNull(get(row("2026-05-03", "miniprogram"), SELL_THROUGH_RATE), "nothing listed");
  }

  @Test
  void theMonthlyJobReplacesTheMonthsItTouchesByTheirFirstDay(@TempDir Path tmp) {
    AppConfig cfg = TestSpark.config(tmp.resolve("landing"), tmp.resolve("wh"));
    String wh = cfg.paths().warehouse();
    DeltaWriter.replaceAll(spark, dailyRows, GOLD_CHANNEL_HEALTH, wh, null);
    DeltaWriter.replaceAll(spark, orders, AnalyticsTables.GOLD_CUSTOMER_ORDERS, wh, null);
    ChannelHealthMonthlyJob job = new ChannelHealthMonthlyJob();
    assertEquals(List.of("gold_channel_health", "gold_customer_orders"), job.dependsOn());
    assertEquals(5, job.run(new JobContext(spark, cfg, new DateRange(FROM, FROM), Instant.EPOCH)).rowsWritten());
    // The next night recomputes May to date: the month's rows are replaced, not added to.
    assertEquals(5, job.run(new JobContext(spark, cfg, new DateRange(TO, TO), Instant.EPOCH)).rowsWritten());
    Dataset<Row> months = DeltaWriter.read(spark, GOLD_CHANNEL_HEALTH_MONTHLY, wh);
    assertEquals(5, months.count());
    Row m = by(months, CHANNEL).get("marketplace");
    assertEquals(Date.valueOf("2026-05-01"), get(m, HealthMonthly.HEALTH_MONTH));
    assertEquals(Date.valueOf("2026-05-03"), get(m, HealthMonthly.PERIOD_END));
    assertEquals(2L, get(m, HealthMonthly.DAYS_REPORTED));
  }

  @Test
  void monthRollUpSumsFlowsCountsDistinctCustomersAcrossDaysAndKeepsStocksOfItsLastDay() {
    Map<String, Row> monthly = by(ChannelSpecs.CHANNEL_HEALTH_MONTHLY.conform(
        ChannelHealth.monthly(dailyRows, orders, FROM, TO)), CHANNEL);
    assertEquals(5, monthly.size());
    Row m = monthly.get("marketplace");
    assertEquals(Date.valueOf("2026-05-01"), get(m, HealthMonthly.HEALTH_MONTH));
    assertEquals(Date.valueOf("2026-05-03"), get(m, HealthMonthly.PERIOD_END), "month to date");
    assertEquals(2L, get(m, HealthMonthly.DAYS_REPORTED));
    assertEquals(money("335"), get(m, REVENUE));
    assertEquals(4L, get(m, ORDERS));
    assertEquals(2L, get(m, ACTIVE_CUSTOMERS), "A on both days and B: 2, not 2 + 1");
    assertEquals(2L, get(m, NEW_TO_CHANNEL));
    assertEquals(1L, get(m, NEW_TO_BRAND));
    assertEquals(money("160"), get(m, SPEND));
    assertEquals(money("160"), get(m, CAC));
    assertEquals(335.0 / 160.0, ((Number) get(m, ROAS)).doubleValue(), 1e-12);
    assertEquals(money("82.50"), get(m, AOV), "330 / 4");
    assertEquals(0.25, ((Number) get(m, COMPLAINT_RATE)).doubleValue(), 1e-12);
    assertEquals(money("150"), get(m, ACQUIRED_LTV), "as of 05-03");
    assertEquals(1.0, ((Number) get(m, REPURCHASE_RATE)).doubleValue(), 1e-12);
    assertEquals(money("160"), get(m, TRAILING_CAC));
    assertEquals(0.75, ((Number) get(m, SELL_THROUGH_RATE)).doubleValue(), 1e-12);
    Row p = monthly.get("pos");
    assertEquals(1L, get(p, ACTIVE_CUSTOMERS));
    assertEquals(money("30"), get(p, SPEND));
    assertEquals(new BigDecimal("12.50"), get(monthly.get("unallocated"), SPEND));
  }
}
