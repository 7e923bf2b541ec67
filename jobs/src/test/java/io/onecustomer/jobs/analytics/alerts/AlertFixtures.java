package io.onecustomer.jobs.analytics.alerts;

import io.onecustomer.jobs.TestSpark;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Hand-built silver rows for the alert transform tests. */
final class AlertFixtures {
  private AlertFixtures() {}

  static final SparkSession spark = TestSpark.session();

  /**
   * silver.orders lines: channel, order, store, region, city, product, qty, gross, status, day
   * (net = gross; order_ts = midnight of the day).
   */
  static Dataset<Row> lines(String values) {
    return spark.sql("SELECT channel, order_id, store_id, region, city, product_code, CAST(NULL AS STRING) AS category,"
        + " CAST(qty AS INT) AS quantity, CAST(gross AS DECIMAL(18,2)) AS gross_amount,"
        + " CAST(gross AS DECIMAL(18,2)) AS net_amount, status, CAST(CAST(d AS DATE) AS TIMESTAMP) AS order_ts,"
        + " CAST(d AS DATE) AS order_date FROM VALUES " + values
        + " AS t(channel, order_id, store_id, region, city, product_code, qty, gross, status, d)");
  }

  /** silver.products snapshot rows: product, channel, list price, MAP, snapshot day. */
  static Dataset<Row> products(String values) {
    return spark.sql("SELECT product, channel, CAST(list AS DECIMAL(18,2)), CAST(map AS DECIMAL(18,2)), CAST(d AS DATE)"
        + " FROM VALUES " + values + " AS t(product, channel, list, map, d)")
        .toDF("product_code", "channel", "list_price", "min_advertised_price", "run_date");
  }

  static <K> Map<K, Row> by(Dataset<Row> df, Function<Row, K> key) {
    Map<K, Row> m = new HashMap<>();
    List<Row> rows = df.collectAsList();
    for (Row r : rows) {
      if (m.put(key.apply(r), r) != null) {
        throw new AssertionError("duplicate key " + key.apply(r) + " in " + rows);
      }
    }
    return m;
  }

  static Object get(Row r, String c) {
    return r.get(r.fieldIndex(c));
  }

  static String str(Row r, String c) {
    return r.getString(r.fieldIndex(c));
  }

  static BigDecimal money(String v) {
    return new BigDecimal(v);
  }

  /** Compares decimals by value (0.3500 equals 0.35). */
  static void assertDecimal(String expected, Object actual, String message) {
    if (actual == null || new BigDecimal(expected).compareTo((BigDecimal) actual) != 0) {
      throw new AssertionError(message + ": expected " + expected + ", got " + actual);
    }
  }
}
