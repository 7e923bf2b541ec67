package io.onecustomer.jobs.analytics.customer;

import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.analytics.Purchases;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Hand-built order lines for the behaviour transform tests. */
final class BehaviourTestData {
  private BehaviourTestData() {}

  static final SparkSession spark = TestSpark.session();

  /**
   * silver.orders-shaped lines keyed by customer, from tuples (customer_id, channel, order_id,
   * category, product_code, net, status, 'yyyy-MM-dd HH:mm:ss'); the order day is the time's day.
   */
  static Dataset<Row> lines(String values) {
    return spark.sql("SELECT customer_id, channel, order_id,"
        + " concat(order_id, '-', CAST(monotonically_increasing_id() AS STRING)) AS order_line_id,"
        + " channel AS store_id, CAST(NULL AS STRING) AS region, category, product_code, 1 AS quantity,"
        + " CAST(net AS DECIMAL(18,2)) AS gross_amount, CAST(net AS DECIMAL(18,2)) AS net_amount, status,"
        + " CAST(ts AS TIMESTAMP) AS order_ts, CAST(CAST(ts AS TIMESTAMP) AS DATE) AS order_date"
        + " FROM VALUES " + values
        + " AS t(customer_id, channel, order_id, category, product_code, net, status, ts)");
  }

  /** One line tuple. */
  static String line(String customer, String channel, String order, String category, String product, int net,
      String status, String ts) {
    return "(" + (customer == null ? "NULL" : "'" + customer + "'") + ", '" + channel + "', '" + order + "', '"
        + category + "', '" + product + "', " + net + ", '" + status + "', '" + ts + "')";
  }

  static Dataset<Row> purchases(Dataset<Row> lines) {
    return Purchases.customerPurchases(Purchases.orders(lines));
  }

  static List<LocalDate> days(String... days) {
    return java.util.Arrays.stream(days).map(LocalDate::parse).toList();
  }

  static Date date(String d) {
    return Date.valueOf(d);
  }

  static BigDecimal money(String v) {
    return new BigDecimal(v).setScale(2);
  }

  static Object get(Row r, String c) {
    return r.get(r.fieldIndex(c));
  }

  /** Rows keyed by the values of the given columns joined with '|'. */
  static Map<String, Row> by(Dataset<Row> df, String... cols) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : df.collectAsList()) {
      StringBuilder k = new StringBuilder();
      for (String c : cols) {
        k.append(k.length() == 0 ? "" : "|").append(get(r, c));
      }
      if (m.put(k.toString(), r) != null) {
        throw new AssertionError("two rows for " + k);
      }
    }
    return m;
  }
}
