package io.onecustomer.jobs.analytics.channel;

import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.by;
import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.get;
import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.lines;
import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.money;
import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.touches;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.channel.ChannelTables.Assists;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChannelAssistsTest {
  static final LocalDate DAY = LocalDate.parse("2026-05-10");
  static final int WINDOW = 3;
  static Map<String, Row> rows;

  @BeforeAll
  static void compute() {
    var orders = Purchases.orders(lines(
        // pos buyers X, Y, Z and an unresolved receipt.
        "('X', 'pos', 'R1', 'P1', 100, 'completed', '2026-05-10 12:00:00'),"
            + "('Y', 'pos', 'R2', 'P1', 100, 'completed', '2026-05-10 12:00:00'),"
            + "('Z', 'pos', 'R3', 'P1', 50, 'completed', '2026-05-10 12:00:00'),"
            + "(NULL, 'pos', 'R4', 'P1', 30, 'completed', '2026-05-10 12:00:00'),"
            // online buyers W, U, V; U's and V's earlier pos purchases.
            + "('W', 'marketplace', 'T1', 'P1', 80, 'completed', '2026-05-10 10:00:00'),"
            + "('U', 'pos', 'R0', 'P1', 20, 'completed', '2026-05-06 10:00:00'),"
            + "('U', 'marketplace', 'T2', 'P1', 60, 'completed', '2026-05-10 10:00:00'),"
            + "('V', 'pos', 'R5', 'P1', 20, 'completed', '2026-05-07 10:00:00'),"
            + "('V', 'miniprogram', 'W1', 'P1', 40, 'completed', '2026-05-10 10:00:00')"));
    var touches = touches(
        "('X', 'web', 'view', 'direct', '2026-05-07 09:00:00'),"         // exactly 3 days before: assists
            + "('X', 'app', 'view', 'direct', '2026-05-06 23:00:00'),"   // 4 days before: does not
            + "('Y', 'app', 'view', 'direct', '2026-05-08 09:00:00'),"
            + "('Y', 'web', 'store_locator', 'direct', '2026-05-09 09:00:00'),"
            + "('Y', 'miniprogram', 'coupon_claim', 'miniprogram', '2026-05-10 11:00:00')," // same day, before
            + "('Z', 'app', 'view', 'direct', '2026-05-10 13:00:00'),"   // same day, after the purchase
            + "('Z', 'service', 'service_contact', 'hotline', '2026-05-09 09:00:00'),"
            + "('W', 'service', 'service_contact', 'store', '2026-05-08 09:00:00')," // store visit: offline
            + "('W', 'web', 'view', 'direct', '2026-05-09 09:00:00'),"   // online for an online buyer: no
            + "(NULL, 'web', 'view', 'direct', '2026-05-09 09:00:00')");
    rows = by(ChannelSpecs.CHANNEL_ASSISTS.conform(ChannelAssists.assists(orders, touches, DAY, DAY, WINDOW)),
        Assists.CONVERTING_CHANNEL, Assists.ASSISTING_CHANNEL);
  }

  static Row row(String conv, String assist) {
    Row r = rows.get(conv + "|" + assist);
    if (r == null) {
      throw new AssertionError("no row " + conv + "|" + assist + " in " + rows.keySet());
    }
    return r;
  }

  @Test
  void oneRowPerConvertingAndAssistingChannelIncludingAny() {
    assertEquals(4 + 2 + 2, rows.size(), rows.keySet().toString());
  }

  @Test
  void touchExactlyWindowDaysBeforeAssistsOneDayMoreDoesNot() {
    Row web = row("pos", "web");
    assertEquals(3L, get(web, Assists.BUYERS), "X, Y, Z; the unresolved receipt is no buyer");
    assertEquals(3L, get(web, Assists.PURCHASES));
    assertEquals(2L, get(web, Assists.ASSISTED_BUYERS), "X (3 days before) and Y");
    assertEquals(2.0 / 3.0, ((Number) get(web, Assists.ASSIST_SHARE)).doubleValue(), 1e-12);
    assertEquals(1L, get(row("pos", "app"), Assists.ASSISTED_BUYERS),
        "Y only: X's app view 4 days before and Z's app view after the purchase do not count");
    Row mp = row("marketplace", "pos");
    assertEquals(2L, get(mp, Assists.BUYERS));
    assertEquals(1L, get(mp, Assists.ASSISTED_BUYERS), "W's store contact; U's pos purchase 4 days before is out");
    assertEquals(money("80"), get(mp, Assists.ASSISTED_REVENUE));
    Row wp = row("miniprogram", "pos");
    assertEquals(1L, get(wp, Assists.ASSISTED_BUYERS), "V's pos purchase exactly 3 days before");
    assertEquals(1.0, ((Number) get(wp, Assists.ASSIST_SHARE)).doubleValue(), 1e-12);
  }

  @Test
  void creditedRevenueSplitsEachAssistedPurchaseEquallyAndSumsToTheAssistedRevenue() {
    // Y's 100 is assisted by app, miniprogram and web: 33.34 (the first by name takes the cent), 33.33, 33.33.
    assertEquals(money("33.34"), get(row("pos", "app"), Assists.CREDITED_REVENUE));
    assertEquals(money("100"), get(row("pos", "app"), Assists.ASSISTED_REVENUE));
    assertEquals(money("33.33"), get(row("pos", "miniprogram"), Assists.CREDITED_REVENUE));
    assertEquals(money("133.33"), get(row("pos", "web"), Assists.CREDITED_REVENUE), "X's 100 alone + 33.33");
    assertEquals(money("200"), get(row("pos", "web"), Assists.ASSISTED_REVENUE));
    Row any = row("pos", "any");
    assertEquals(2L, get(any, Assists.ASSISTED_BUYERS));
    assertEquals(money("200"), get(any, Assists.ASSISTED_REVENUE));
    assertEquals(money("200"), get(any, Assists.CREDITED_REVENUE));
    assertEquals(money("200"), money("33.34").add(money("33.33")).add(money("133.33")));
    assertEquals(money("80"), get(row("marketplace", "any"), Assists.CREDITED_REVENUE));
  }
}
