package io.onecustomer.jobs.analytics.channel;

import io.onecustomer.jobs.TestSpark;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Hand-built silver rows (only the columns the channel transforms read) and result look-ups. */
final class ChannelFixtures {
  private ChannelFixtures() {}

  static final SparkSession spark = TestSpark.session();

  /** Order lines, one product each: (customer_id, channel, order_id, product_code, net, status, ts). */
  static Dataset<Row> lines(String values) {
    return spark.sql("SELECT customer_id, channel, order_id, 'S1' AS store_id, CAST(NULL AS STRING) AS region,"
        + " product_code, 'sofa' AS category, 1 AS quantity, CAST(net AS DECIMAL(18,2)) AS net_amount,"
        + " CAST(net AS DECIMAL(18,2)) AS gross_amount, status, CAST(ts AS TIMESTAMP) AS order_ts,"
        + " CAST(CAST(ts AS TIMESTAMP) AS DATE) AS order_date"
        + " FROM VALUES " + values + " AS t(customer_id, channel, order_id, product_code, net, status, ts)");
  }

  /** Touchpoints: (customer_id, channel, touchpoint_type, traffic_source, ts). */
  static Dataset<Row> touches(String values) {
    return spark.sql("SELECT customer_id, channel, touchpoint_type, traffic_source, CAST(ts AS TIMESTAMP) AS event_ts,"
        + " CAST(CAST(ts AS TIMESTAMP) AS DATE) AS event_date"
        + " FROM VALUES " + values + " AS t(customer_id, channel, touchpoint_type, traffic_source, ts)");
  }

  /** silver.ad_spend: (spend_date, media, traffic_channel, cost). */
  static Dataset<Row> adSpend(String values) {
    return spark.sql("SELECT CAST(d AS DATE) AS spend_date, media, traffic_channel, CAST(cost AS DECIMAL(18,2)) AS cost"
        + " FROM VALUES " + values + " AS t(d, media, traffic_channel, cost)");
  }

  /** silver.service_tickets: (ticket_id, created_date, is_complaint, order_ref). */
  static Dataset<Row> tickets(String values) {
    return spark.sql("SELECT ticket_id, CAST(d AS DATE) AS created_date, CAST(c AS BOOLEAN) AS is_complaint, order_ref"
        + " FROM VALUES " + values + " AS t(ticket_id, d, c, order_ref)");
  }

  /** silver.products: (run_date, channel, product_code, is_active). */
  static Dataset<Row> products(String values) {
    return spark.sql("SELECT CAST(d AS DATE) AS run_date, channel, product_code, is_active"
        + " FROM VALUES " + values + " AS t(d, channel, product_code, is_active)");
  }

  /** Rows by the values of the key columns joined with '|'. */
  static Map<String, Row> by(Dataset<Row> df, String... keys) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : df.collectAsList()) {
      StringBuilder k = new StringBuilder();
      for (String c : keys) {
        k.append(k.length() == 0 ? "" : "|").append(r.get(r.fieldIndex(c)));
      }
      if (m.put(k.toString(), r) != null) {
        throw new AssertionError("two rows for " + k);
      }
    }
    return m;
  }

  static Object get(Row r, String c) {
    return r.get(r.fieldIndex(c));
  }

  static BigDecimal money(String v) {
    return new BigDecimal(v).setScale(2);
  }
}
