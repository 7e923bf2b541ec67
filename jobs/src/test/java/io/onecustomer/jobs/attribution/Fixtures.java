package io.onecustomer.jobs.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.attribution.AttributionColumns.Credits;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Hand-built journeys and credits read back as maps, for the attribution tests. */
final class Fixtures {
  private Fixtures() {}

  static final SparkSession spark = TestSpark.session();
  static final Timestamp CONVERSION_TS = ts("2026-05-10 12:00:00");

  static Timestamp ts(String s) {
    return Timestamp.valueOf(s);
  }

  /**
   * A conversion at {@link #CONVERSION_TS} with the given value. Touches are "channel" (one
   * minute apart, the last a minute before the conversion) or "channel@yyyy-MM-dd HH:mm:ss".
   */
  static Row conversion(String id, String value, String... touches) {
    return RowFactory.create(id, "u-" + id, true, CONVERSION_TS, new BigDecimal(value), touches(touches));
  }

  /** A non-converting path. */
  static Row open(String id, String... touches) {
    return RowFactory.create(id, "u-" + id, false, null, null, touches(touches));
  }

  static List<Row> touches(String... touches) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < touches.length; i++) {
      String[] ct = touches[i].split("@", 2);
      Timestamp t = ct.length == 2 ? ts(ct[1])
          : new Timestamp(CONVERSION_TS.getTime() - 60_000L * (touches.length - i));
      out.add(RowFactory.create(ct[0], t));
    }
    return out;
  }

  static Dataset<Row> of(Row... rows) {
    return spark.createDataFrame(List.of(rows), AttributionColumns.Journeys.SCHEMA);
  }

  /** A credit as read back: conversions and value. */
  record Credit(double conversions, BigDecimal value) {}

  /** model/journey/channel -> credit. */
  static Map<String, Credit> collect(Dataset<Row> credits) {
    Map<String, Credit> m = new TreeMap<>();
    for (Row r : credits.collectAsList()) {
      String key = r.getString(r.fieldIndex(Credits.MODEL)) + "/" + r.getString(r.fieldIndex(Credits.JOURNEY_ID)) + "/"
          + r.getString(r.fieldIndex(Credits.CHANNEL));
      if (m.put(key, new Credit(r.getDouble(r.fieldIndex(Credits.CREDIT_CONVERSIONS)),
          r.getDecimal(r.fieldIndex(Credits.CREDIT_VALUE)))) != null) {
        throw new AssertionError("two rows for " + key);
      }
    }
    return m;
  }

  /** The credits of one model and journey: channel -> value as a plain string ("33.34"). */
  static Map<String, String> values(Map<String, Credit> credits, String model, String journey) {
    Map<String, String> m = new TreeMap<>();
    credits.forEach((k, v) -> {
      String prefix = model + "/" + journey + "/";
      if (k.startsWith(prefix)) {
        m.put(k.substring(prefix.length()), v.value().toPlainString());
      }
    });
    return m;
  }

  /** The credits of one model and journey: channel -> conversions. */
  static Map<String, Double> conversions(Map<String, Credit> credits, String model, String journey) {
    Map<String, Double> m = new TreeMap<>();
    credits.forEach((k, v) -> {
      String prefix = model + "/" + journey + "/";
      if (k.startsWith(prefix)) {
        m.put(k.substring(prefix.length()), v.conversions());
      }
    });
    return m;
  }

  static void assertConversions(Map<String, Double> expected, Map<String, Double> actual, double tolerance) {
    assertEquals(expected.keySet(), actual.keySet(), "channels");
    expected.forEach((c, v) -> assertEquals(v, actual.get(c), tolerance, c));
  }
}
