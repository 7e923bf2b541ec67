package io.onecustomer.jobs.analytics.channel;

import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.by;
import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.get;
import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.lines;
import static io.onecustomer.jobs.analytics.channel.ChannelFixtures.touches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.channel.ChannelTables.Funnel;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChannelFunnelTest {
  static final LocalDate DAY = LocalDate.parse("2026-05-10");
  static Map<String, Row> rows;

  @BeforeAll
  static void compute() {
    var orders = Purchases.orders(lines(
        "('M1', 'miniprogram', 'W1', 'P1', 10, 'completed', '2026-05-10 12:00:00'),"
            + "('M4', 'miniprogram', 'W0', 'P1', 10, 'completed', '2026-05-01 12:00:00'),"
            + "('M4', 'miniprogram', 'W4', 'P1', 10, 'completed', '2026-05-10 12:00:00'),"
            + "('Q1', 'marketplace', 'T0', 'P1', 10, 'completed', '2026-05-01 12:00:00'),"
            + "('Q1', 'pos', 'R1', 'P1', 10, 'completed', '2026-05-10 12:00:00'),"
            + "('Q2', 'pos', 'R0', 'P1', 10, 'completed', '2026-05-05 12:00:00'),"
            + "('Q2', 'pos', 'R2', 'P1', 10, 'completed', '2026-05-10 12:00:00'),"
            + "('Q3', 'pos', 'R3', 'P1', 0, 'cancelled', '2026-05-10 12:00:00')"));
    var touches = touches(
        "('M1', 'miniprogram', 'view', 'miniprogram', '2026-05-10 11:00:00'),"
            + "('M1', 'miniprogram', 'add_to_cart', 'miniprogram', '2026-05-10 11:05:00'),"
            + "('M2', 'miniprogram', 'view', 'miniprogram', '2026-05-10 11:00:00'),"
            + "('M2', 'miniprogram', 'view', 'miniprogram', '2026-05-10 11:01:00'),"
            + "('M2', 'web', 'add_to_cart', 'direct', '2026-05-10 11:00:00'),"
            + "('M3', 'miniprogram', 'view', 'miniprogram', '2026-05-10 11:00:00'),"
            + "('M3', 'miniprogram', 'add_to_cart', 'miniprogram', '2026-05-10 11:00:00'),"
            + "('M3', 'miniprogram', 'add_to_cart', 'miniprogram', '2026-05-09 11:00:00'),"
            + "('M4', 'miniprogram', 'share', 'miniprogram', '2026-05-10 11:00:00'),"
            + "(NULL, 'miniprogram', 'view', 'miniprogram', '2026-05-10 11:00:00')");
    rows = by(ChannelSpecs.CHANNEL_FUNNEL.conform(ChannelFunnel.funnel(orders, touches, DAY, DAY)),
        ChannelTables.CHANNEL);
  }

  static double dbl(Row r, String c) {
    return ((Number) get(r, c)).doubleValue();
  }

  @Test
  void miniProgramStepsCountCustomersIncludingOneWhoOrderedWithoutViewing() {
    assertEquals(3, rows.size());
    Row m = rows.get("miniprogram");
    assertEquals(true, get(m, Funnel.HAS_BROWSE_DATA));
    assertEquals(3L, get(m, Funnel.VIEWED), "M1, M2 (twice), M3; not the anonymous view");
    assertEquals(2L, get(m, Funnel.CARTED), "M1, M3; M2's cart is on the web, M3's of 05-09 another day");
    assertEquals(2L, get(m, Funnel.ORDERED), "M1 and M4, who ordered without viewing");
    assertEquals(1L, get(m, Funnel.REPEAT), "M4 ordered in the mini-program on 05-01");
    assertEquals(2L, get(m, Funnel.VIEWED_AND_CARTED));
    assertEquals(1L, get(m, Funnel.CARTED_AND_ORDERED));
    assertEquals(1L, get(m, Funnel.VIEWED_AND_ORDERED));
    assertEquals(1L, get(m, Funnel.ORDERED_WITHOUT_VIEW), "M4");
    assertEquals(2.0 / 3.0, dbl(m, Funnel.VIEW_TO_CART_RATE), 1e-12);
    assertEquals(1.0 / 3.0, dbl(m, Funnel.VIEW_DROP_OFF), 1e-12);
    assertEquals(0.5, dbl(m, Funnel.CART_TO_ORDER_RATE), 1e-12);
    assertEquals(0.5, dbl(m, Funnel.CART_DROP_OFF), 1e-12);
    assertEquals(1.0 / 3.0, dbl(m, Funnel.VIEW_TO_ORDER_RATE), 1e-12);
    assertEquals(0.5, dbl(m, Funnel.REPEAT_RATE), 1e-12);
  }

  @Test
  void channelsWithoutBrowseDataHaveNullViewAndCartStepsNotZeros() {
    Row p = rows.get("pos");
    assertEquals(false, get(p, Funnel.HAS_BROWSE_DATA));
    for (String c : List.of(Funnel.VIEWED, Funnel.CARTED, Funnel.VIEWED_AND_CARTED, Funnel.CARTED_AND_ORDERED,
        Funnel.VIEWED_AND_ORDERED, Funnel.ORDERED_WITHOUT_VIEW, Funnel.VIEW_TO_CART_RATE, Funnel.CART_TO_ORDER_RATE,
        Funnel.VIEW_TO_ORDER_RATE, Funnel.VIEW_DROP_OFF, Funnel.CART_DROP_OFF)) {
      assertNull(get(p, c), c);
    }
    assertEquals(2L, get(p, Funnel.ORDERED), "Q1, Q2; Q3's cancelled receipt is no purchase");
    assertEquals(1L, get(p, Funnel.REPEAT), "Q2; Q1's earlier order was on the marketplace");
    assertEquals(0.5, dbl(p, Funnel.REPEAT_RATE), 1e-12);
    Row mk = rows.get("marketplace");
    assertEquals(0L, get(mk, Funnel.ORDERED));
    assertNull(get(mk, Funnel.REPEAT_RATE), "no orders");
    assertNull(get(mk, Funnel.VIEWED));
  }
}
