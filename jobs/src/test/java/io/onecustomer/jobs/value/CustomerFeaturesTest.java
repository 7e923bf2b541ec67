package io.onecustomer.jobs.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.config.ValueConfig;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.value.ValueTables.Features;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class CustomerFeaturesTest {
  static final SparkSession spark = TestSpark.session();
  static final ValueConfig V = TestSpark.config(Path.of("/tmp/landing"), Path.of("/tmp/warehouse")).value();
  static final LocalDate CUT = LocalDate.parse("2026-06-01");

  static Dataset<Row> purchases(String values) {
    return spark.sql("SELECT customer_id, CAST(d AS DATE) AS order_date, CAST(a AS DECIMAL(18,2)) AS net_amount,"
        + " channel FROM VALUES " + values + " AS t(customer_id, d, a, channel)");
  }

  static Dataset<Row> touches(String values) {
    return spark.sql("SELECT customer_id, CAST(d AS DATE) AS event_date, t AS touchpoint_type FROM VALUES "
        + values + " AS v(customer_id, d, t)");
  }

  static Dataset<Row> tickets(String values) {
    return spark.sql("SELECT customer_id, CAST(d AS DATE) AS created_date, c AS is_complaint,"
        + " CAST(s AS DOUBLE) AS satisfaction FROM VALUES " + values + " AS v(customer_id, d, c, s)");
  }

  static Dataset<Row> members(String values) {
    return spark.sql("SELECT customer_id, CAST(d AS DATE) AS updated_date, t AS tier FROM VALUES "
        + values + " AS v(customer_id, d, t)");
  }

  static CustomerFeatures.Inputs handInputs() {
    return new CustomerFeatures.Inputs(
        purchases("('A', '2026-01-01', 100, 'pos'), ('A', '2026-03-01', 50, 'marketplace'),"
            + " ('A', '2026-05-20', 30, 'marketplace'), ('A', '2026-07-15', 40, 'miniprogram'),"
            + " ('B', '2025-06-05', 200, 'pos'), ('C', '2025-05-01', 80, 'pos'), ('D', '2026-06-10', 10, 'pos'),"
            + " ('E', '2026-05-01', 10, 'pos'), ('E', '2026-08-30', 25, 'pos'),"
            + " ('F', '2026-05-01', 10, 'pos'), ('F', '2026-08-31', 25, 'pos')"),
        touches("('A', '2026-05-25', 'view'), ('A', '2026-04-01', 'view'), ('A', '2026-05-30', 'add_to_cart'),"
            + " ('A', '2026-03-15', 'coupon_claim'), ('A', '2026-06-05', 'view'), ('B', '2026-06-02', 'view')"),
        tickets("('A', '2026-05-10', true, 2), ('A', '2025-12-01', false, 4), ('A', '2026-06-10', true, 1)"),
        members("('A', '2026-02-01', 'Silver'), ('A', '2026-07-01', 'GOLD')"),
        LocalDate.parse("2025-01-01"));
  }

  static Map<String, Row> byCustomer(Dataset<Row> df) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : df.collectAsList()) {
      m.put(r.getString(r.fieldIndex("customer_id")), r);
    }
    return m;
  }

  static double d(Row r, String c) {
    return ((Number) r.get(r.fieldIndex(c))).doubleValue();
  }

  @Test
  void behaviourFeaturesByHand() {
    Map<String, Row> f = byCustomer(CustomerFeatures.behaviour(spark, handInputs(), CUT, V, 365, 10000));
    // C bought 396 days before the cut-off (not active), D only after it.
    assertEquals(java.util.Set.of("A", "B", "E", "F"), f.keySet());
    Row a = f.get("A");
    assertEquals(12, d(a, Features.RECENCY_DAYS));
    assertEquals(151, d(a, Features.TENURE_DAYS));
    assertEquals(3, d(a, Features.PURCHASE_DAYS));
    assertEquals(69.5, d(a, Features.MEAN_GAP_DAYS), 1e-12);
    assertEquals(80, d(a, Features.LAST_GAP_DAYS));
    assertEquals(80 / 69.5, d(a, Features.GAP_TREND), 1e-12);
    assertEquals(12 / 69.5, d(a, Features.OVERDUE_RATIO), 1e-12);
    assertEquals(1, d(a, Features.PURCHASES_30D));
    assertEquals(1, d(a, Features.PURCHASES_90D), "03-01 is 92 days back");
    assertEquals(2, d(a, Features.PURCHASES_PREV_90D));
    assertEquals(30, d(a, Features.REVENUE_90D), 1e-9);
    assertEquals(2.0 / 3, d(a, Features.SHARE_MARKETPLACE), 1e-12);
    assertEquals(1.0 / 3, d(a, Features.SHARE_POS), 1e-12);
    assertEquals(0, d(a, Features.SHARE_MINIPROGRAM), "the 07-15 mini-program order is after the cut-off");
    assertEquals(2, d(a, Features.CHANNEL_COUNT));
    assertEquals(1, d(a, Features.VIEWS_30D), "the 06-05 view is after the cut-off");
    assertEquals(1, d(a, Features.VIEWS_PREV_60D));
    assertEquals(1, d(a, Features.CARTS_90D));
    assertEquals(1, d(a, Features.COUPONS_90D));
    assertEquals(2, d(a, Features.TOUCHES_30D));
    assertEquals(2, d(a, Features.TOUCHES_PREV_60D));
    assertEquals(2, d(a, Features.DAYS_SINCE_TOUCH));
    assertEquals(1, d(a, Features.TICKETS_90D));
    assertEquals(1, d(a, Features.COMPLAINTS_90D));
    assertEquals(1, d(a, Features.COMPLAINTS_365D), "the 06-10 complaint is after the cut-off");
    assertEquals(3, d(a, Features.AVG_SATISFACTION), 1e-12);
    assertEquals(1, d(a, Features.IS_MEMBER));
    assertEquals(2, d(a, Features.MEMBER_TIER_RANK), "Silver as of the cut-off; GOLD came later");
    Row b = f.get("B");
    assertEquals(361, d(b, Features.RECENCY_DAYS));
    assertEquals(-1, d(b, Features.MEAN_GAP_DAYS));
    assertEquals(-1, d(b, Features.GAP_TREND));
    assertEquals(-1, d(b, Features.DAYS_SINCE_TOUCH), "B's only touch is after the cut-off");
    assertEquals(-1, d(b, Features.AVG_SATISFACTION));
    assertEquals(0, d(b, Features.IS_MEMBER));
    assertEquals(0, d(b, Features.MEMBER_TIER_RANK));
  }

  @Test
  void labelsLookExactlyHorizonDaysAhead() {
    CustomerFeatures.Inputs in = handInputs();
    Map<String, Row> l = byCustomer(CustomerFeatures.withLabels(
        CustomerFeatures.behaviour(spark, in, CUT, V, 365, 10000), in.purchases(), CUT, 90, 45));
    assertEquals(0, d(l.get("A"), CustomerFeatures.CHURNED));
    assertEquals(40, d(l.get("A"), CustomerFeatures.FUTURE_REVENUE), 1e-9, "07-15 is within 45 days");
    assertEquals(1, d(l.get("B"), CustomerFeatures.CHURNED));
    assertEquals(0, d(l.get("B"), CustomerFeatures.FUTURE_REVENUE));
    assertEquals(0, d(l.get("E"), CustomerFeatures.CHURNED), "a purchase exactly 90 days after counts");
    assertEquals(0, d(l.get("E"), CustomerFeatures.FUTURE_REVENUE), "but not for the 45-day revenue");
    assertEquals(1, d(l.get("F"), CustomerFeatures.CHURNED), "91 days after does not");
  }

  /** Random customers whose rows run past the cut-off in every input. */
  static CustomerFeatures.Inputs randomInputs(int customers, long seed) {
    Random rnd = new Random(seed);
    LocalDate start = LocalDate.parse("2025-06-01");
    String[] channels = {"marketplace", "miniprogram", "pos", "distributor"};
    String[] types = {"view", "view", "add_to_cart", "coupon_claim", "store_locator"};
    List<String> p = new ArrayList<>();
    List<String> t = new ArrayList<>();
    List<String> k = new ArrayList<>();
    List<String> m = new ArrayList<>();
    for (int c = 0; c < customers; c++) {
      String id = "'c" + c + "'";
      double rate = 0.005 + rnd.nextDouble() * 0.05;
      for (int day = 0; day < 500; day++) {
        LocalDate dt = start.plusDays(day);
        if (rnd.nextDouble() < rate) {
          p.add("(" + id + ", '" + dt + "', " + (10 + rnd.nextInt(500)) + ", '" + channels[rnd.nextInt(4)] + "')");
        }
        if (rnd.nextDouble() < rate * 3) {
          t.add("(" + id + ", '" + dt + "', '" + types[rnd.nextInt(types.length)] + "')");
        }
        if (rnd.nextDouble() < 0.004) {
          k.add("(" + id + ", '" + dt + "', " + rnd.nextBoolean() + ", " + (1 + rnd.nextInt(5)) + ")");
        }
        if (rnd.nextDouble() < 0.003) {
          m.add("(" + id + ", '" + dt + "', '" + new String[] {"basic", "SILVER", "gold", "platinum"}[rnd.nextInt(4)]
              + "')");
        }
      }
    }
    return new CustomerFeatures.Inputs(purchases(String.join(",", p)), touches(String.join(",", t)),
        tickets(String.join(",", k)), members(String.join(",", m)), start);
  }

  @Test
  void featuresUseNothingAfterTheCutOff() {
    // The same features from the full inputs and from inputs truncated at the cut-off (what a run
    // on that day saw): any feature reading a later row would differ.
    CustomerFeatures.Inputs full = randomInputs(300, 5);
    LocalDate cut = LocalDate.parse("2026-05-15");
    List<FitResult> fits = new ArrayList<>();
    List<Row> fromFull = CustomerFeatures.features(spark, full, cut, V, 365, 10000, fits)
        .orderBy("customer_id").collectAsList();
    List<Row> fromTruncated = CustomerFeatures.features(spark, full.truncatedAt(cut), cut, V, 365, 10000, null)
        .orderBy("customer_id").collectAsList();
    assertTrue(fromFull.size() > 200, "most random customers are active: " + fromFull.size());
    assertEquals(fromTruncated, fromFull);
    assertTrue(fits.get(0).converged(), fits.get(0).summary());
    // And the inputs did reach past the cut-off (so the comparison means something).
    assertTrue(full.purchases().where("order_date > DATE'2026-05-15'").count() > 100);
    assertTrue(full.touches().where("event_date > DATE'2026-05-15'").count() > 100);
    // Every model feature is there, with no nulls.
    Dataset<Row> f = CustomerFeatures.features(spark, full, cut, V, 365, 10000, null);
    assertTrue(CustomerFeatures.missing(f, CustomerFeatures.MODEL_FEATURES).isEmpty());
    for (String c : CustomerFeatures.MODEL_FEATURES) {
      assertEquals(0, f.where(f.col(c).isNull().or(f.col(c).isNaN())).count(), c + " has nulls or NaN");
    }
    assertFalse(ValueSpecs.CUSTOMER_FEATURES.columnNames().stream().anyMatch(c -> !List.of(f.columns()).contains(c)),
        "features() gives every column of gold.customer_features");
  }
}
