package io.onecustomer.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onecustomer.common.TableId;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.OpsTables;
import io.onecustomer.jobs.analytics.AnalyticsTables;
import io.onecustomer.jobs.analytics.alerts.AlertTables;
import io.onecustomer.jobs.analytics.channel.ChannelTables;
import io.onecustomer.jobs.analytics.customer.RfmTables;
import io.onecustomer.jobs.attribution.AttributionTables;
import io.onecustomer.jobs.value.ValueTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The nightly report a channel manager opens in the morning: one self-contained HTML page (the
 * charting library and the data inlined, so it opens offline from a file or a mail attachment)
 * plus its data as JSON, under {@code <warehouse>/reports/<run-date>/}.
 *
 * <p>Every section is one small query over the published tables (ops and gold), bounded by the
 * number of channels, days shown (90), segments, models or alerts, never by the number of
 * customers: the only per-customer step, the churn risk's top movers, is a top-10. The queries
 * use the tables' documented column names (docs/tables.md), as any reader would; the report test
 * on a full night fails when one is renamed. A table that is missing (a run of some jobs only)
 * gives an empty section, which the page shows as "no data".
 */
public final class NightlyReport {
  /** Days of the channel charts and the new/returning chart. */
  public static final int DAYS_SHOWN = 90;
  /** Days the attribution section sums over. */
  public static final int ATTRIBUTION_DAYS = 30;

  static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  static final String TEMPLATE = "io/onecustomer/jobs/report/report.html";

  private static final ObjectMapper JSON = new ObjectMapper();

  private NightlyReport() {}

  /** Where a day's report goes: {@code <warehouse>/reports/<day>/}. */
  private static String directory(String warehouse, LocalDate day) {
    return warehouse.replaceAll("/+$", "") + "/reports/" + day;
  }

  /** What was written and how long it took. */
  public record Written(String html, String json, long millis) {}

  /**
   * Writes the report of {@code day}: the jobs of run {@code runId} (the nightly run that just
   * finished), or when it is null the latest run of each job for that day, as when a scheduler runs
   * every job as a task of its own ({@code bin/report}, the Airflow DAG's report task).
   */
  public static Written write(SparkSession spark, String warehouse, LocalDate day, String runId) {
    long t0 = System.nanoTime();
    ObjectNode data = data(spark, warehouse, day, runId, Instant.now());
    String dir = directory(warehouse, day);
    String html = dir + "/report.html";
    String json = dir + "/report.json";
    try {
      writeText(spark, json, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(data));
      writeText(spark, html, page(data));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + dir + ": " + e.getMessage(), e);
    }
    return new Written(html, json, (System.nanoTime() - t0) / 1_000_000);
  }

  /** The report's data: a few header fields and one array of rows per section. */
  static ObjectNode data(SparkSession spark, String wh, LocalDate day, String runId, Instant generatedAt) {
    Sql q = new Sql(spark, wh, day);
    ObjectNode out = JSON.createObjectNode();
    out.put("run_date", day.toString());
    out.put("generated_at", generatedAt.toString());
    out.put("run_id", runId != null ? runId : "the latest run of each job");
    ObjectNode sections = out.putObject("sections");
    for (Map.Entry<String, String> s : q.sections(runId).entrySet()) {
      ArrayNode rows = sections.putArray(s.getKey());
      if (s.getValue() != null) {
        for (String row : spark.sql(s.getValue()).toJSON().collectAsList()) {
          try {
            rows.add(JSON.readTree(row));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    out.put("rfm_snapshot_date", q.rfmSnapshot);
    out.put("churn_snapshot_date", q.churnSnapshot);
    out.put("churn_previous_snapshot_date", q.churnPrevious);
    return out;
  }

  /** The queries of one day, each null when a table it needs is missing. */
  private static final class Sql {
    final SparkSession spark;
    final String wh;
    final String day;
    final String from;
    final String attributionFrom;
    String rfmSnapshot;
    String churnSnapshot;
    String churnPrevious;

    Sql(SparkSession spark, String wh, LocalDate day) {
      this.spark = spark;
      this.wh = wh;
      this.day = "DATE'" + day + "'";
      this.from = "DATE'" + day.minusDays(DAYS_SHOWN - 1) + "'";
      this.attributionFrom = "DATE'" + day.minusDays(ATTRIBUTION_DAYS - 1) + "'";
    }

    /** {@code delta.`path`}, or null when the table does not exist. */
    String t(TableId id) {
      return DeltaWriter.exists(spark, id, wh) ? "delta.`" + id.path(wh) + "`" : null;
    }

    String scalar(String sql) {
      List<Row> r = spark.sql(sql).collectAsList();
      return r.isEmpty() || r.get(0).isNullAt(0) ? null : r.get(0).get(0).toString();
    }

    Map<String, String> sections(String run) {
      Map<String, String> s = new LinkedHashMap<>();
      String runs = t(OpsTables.JOB_RUNS.id());
      String dq = t(OpsTables.DATA_QUALITY.id());
      // The run's rows of the day, or the latest row of each job of the day.
      String jobRuns = runs == null ? null : run != null
          ? "(SELECT * FROM " + runs + " WHERE date_to = " + day + " AND run_id = '" + run.replace("'", "''") + "')"
          : "(SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY job_id ORDER BY started_at DESC, run_id DESC)"
              + " AS latest FROM " + runs + " WHERE date_to = " + day + ") WHERE latest = 1)";
      String checks = dq == null || jobRuns == null ? null : "(SELECT q.* FROM " + dq + " q JOIN " + jobRuns
          + " r ON q.run_id = r.run_id AND q.job_id = r.job_id WHERE q.date_to = " + day + ")";
      s.put("jobs", jobRuns == null ? null : "SELECT job_id, table_name, status, round(duration_ms / 1000.0, 1) AS seconds,"
          + " rows_read, rows_written, rows_rejected, size(warnings) AS warnings, error FROM " + jobRuns
          + " ORDER BY started_at, job_id");
      s.put("quality_summary", checks == null ? null : "SELECT level, status, count(*) AS checks FROM " + checks
          + " GROUP BY level, status ORDER BY level, status");
      s.put("quality_issues", checks == null ? null : "SELECT table_name, check_name, level, status, observed, threshold,"
          + " message FROM " + checks + " WHERE status <> 'passed' ORDER BY level, table_name, check_name LIMIT 100");

      String health = t(ChannelTables.GOLD_CHANNEL_HEALTH);
      String window = " WHERE health_date BETWEEN " + from + " AND " + day + " AND channel <> 'unallocated'";
      s.put("channel_daily", health == null ? null : "SELECT health_date, channel, revenue, orders, spend,"
          + " new_to_brand_customers FROM " + health + window + " ORDER BY health_date, channel");
      s.put("channel_kpis", health == null ? null : "SELECT channel, sum(revenue) AS revenue, sum(spend) AS spend,"
          + " CASE WHEN sum(spend) > 0 THEN round(sum(revenue) / sum(spend), 2) END AS roas,"
          + " max(CASE WHEN health_date = " + day + " THEN trailing_cac END) AS cac,"
          + " max(CASE WHEN health_date = " + day + " THEN round(ltv_to_cac, 2) END) AS ltv_to_cac,"
          + " max(CASE WHEN health_date = " + day + " THEN round(repurchase_rate, 3) END) AS repurchase_rate"
          + " FROM " + health + window + " GROUP BY channel ORDER BY channel");

      String orders = t(AnalyticsTables.GOLD_CUSTOMER_ORDERS);
      s.put("new_vs_returning", orders == null ? null : "WITH p AS (SELECT customer_id, order_date FROM " + orders
          + " WHERE is_purchase AND customer_id IS NOT NULL AND order_date <= " + day + "),"
          + " f AS (SELECT customer_id, min(order_date) AS first_day FROM p GROUP BY customer_id)"
          + " SELECT p.order_date AS day,"
          + " count(DISTINCT CASE WHEN p.order_date = f.first_day THEN p.customer_id END) AS new_customers,"
          + " count(DISTINCT CASE WHEN p.order_date > f.first_day THEN p.customer_id END) AS returning_customers"
          + " FROM p JOIN f ON p.customer_id = f.customer_id WHERE p.order_date >= " + from
          + " GROUP BY p.order_date ORDER BY day");

      String rfm = t(RfmTables.GOLD_RFM_SEGMENTS);
      rfmSnapshot = rfm == null ? null : scalar("SELECT max(snapshot_date) FROM " + rfm + " WHERE snapshot_date <= " + day);
      String snap = "DATE'" + rfmSnapshot + "'";
      s.put("rfm_segments", rfmSnapshot == null ? null : "SELECT segment, count(*) AS customers,"
          + " round(avg(monetary), 2) AS average_monetary FROM " + rfm + " WHERE snapshot_date = " + snap
          + " GROUP BY segment ORDER BY customers DESC, segment");
      String moves = t(RfmTables.GOLD_RFM_SEGMENT_TRANSITIONS);
      s.put("rfm_movements", moves == null || rfmSnapshot == null ? null : "SELECT previous_snapshot_date,"
          + " previous_segment, segment, customers FROM " + moves + " WHERE snapshot_date = " + snap
          + " AND previous_segment <> segment ORDER BY customers DESC, previous_segment, segment");

      String attribution = t(AttributionTables.GOLD_CHANNEL_ATTRIBUTION);
      s.put("attribution", attribution == null ? null : "SELECT model, channel,"
          + " round(sum(attributed_conversions), 2) AS conversions, sum(attributed_value) AS value, sum(spend) AS spend,"
          + " CASE WHEN sum(spend) > 0 AND sum(attributed_conversions) > 0"
          + " THEN round(sum(spend) / sum(attributed_conversions), 2) END AS cpa,"
          + " CASE WHEN sum(spend) > 0 THEN round(sum(attributed_value) / sum(spend), 2) END AS roas"
          + " FROM " + attribution + " WHERE attribution_date BETWEEN " + attributionFrom + " AND " + day
          + " GROUP BY model, channel ORDER BY model, channel");

      String churn = t(ValueTables.GOLD_CHURN_SCORES);
      churnSnapshot = churn == null ? null
          : scalar("SELECT max(snapshot_date) FROM " + churn + " WHERE snapshot_date <= " + day);
      churnPrevious = churnSnapshot == null ? null
          : scalar("SELECT max(snapshot_date) FROM " + churn + " WHERE snapshot_date < DATE'" + churnSnapshot + "'");
      String cs = "DATE'" + churnSnapshot + "'";
      s.put("churn_histogram", churnSnapshot == null ? null : "SELECT round(least(floor(churn_score * 10), 9) / 10, 1)"
          + " AS score_from, count(*) AS customers FROM " + churn + " WHERE snapshot_date = " + cs
          + " GROUP BY 1 ORDER BY 1");
      s.put("churn_bands", churnSnapshot == null ? null : "SELECT risk_band, count(*) AS customers FROM " + churn
          + " WHERE snapshot_date = " + cs + " GROUP BY risk_band ORDER BY risk_band");
      s.put("churn_movers", churnPrevious == null ? null : "SELECT a.customer_id, round(b.churn_score, 3) AS previous_score,"
          + " round(a.churn_score, 3) AS churn_score, round(a.churn_score - b.churn_score, 3) AS change, a.risk_band,"
          + " concat_ws(', ', a.top_features) AS top_features FROM " + churn + " a JOIN " + churn
          + " b ON a.customer_id = b.customer_id AND b.snapshot_date = DATE'" + churnPrevious + "'"
          + " WHERE a.snapshot_date = " + cs + " AND a.churn_score > b.churn_score"
          + " ORDER BY change DESC, a.customer_id LIMIT 10");

      String sales = t(AlertTables.GOLD_SALES_ALERTS);
      String prices = t(AlertTables.GOLD_PRICE_CONFLICTS);
      String distributors = t(AlertTables.GOLD_DISTRIBUTOR_ALERTS);
      List<String> alerts = new ArrayList<>(); // one SELECT per alert table that exists
      if (sales != null) {
        alerts.add("SELECT 'sales drop' AS alert, concat(channel, coalesce(concat(' / ', region), '')) AS subject,"
            + " severity, format_string('orders %.0f%% below the same-weekday baseline (%d vs %.1f), %d day(s) in a row',"
            + " double(orders_drop) * 100, window_orders, double(window_baseline_orders), consecutive_days) AS detail,"
            + " coalesce(orders_drop, 0) AS weight FROM " + sales + " WHERE alert_date = " + day + " AND is_alert");
      }
      if (prices != null) {
        alerts.add("SELECT 'price conflict', concat(product_code,"
            + " ' in ', channel), CASE WHEN is_below_map THEN 'below MAP' ELSE 'price gap' END,"
            + " concat_ws('; ', CASE WHEN is_price_gap THEN format_string('lowest unit price %s, %.0f%% above %s at %s',"
            + " string(min_unit_price), double(price_gap) * 100, cheapest_channel, string(lowest_price)) END,"
            + " CASE WHEN is_below_map THEN format_string('%d line(s), %d unit(s) below the minimum advertised price %s',"
            + " below_map_lines, below_map_units, string(min_advertised_price)) END),"
            + " coalesce(double(price_gap), 0) FROM " + prices + " WHERE price_date = " + day
            + " AND (is_price_gap OR is_below_map)");
      }
      if (distributors != null) {
        alerts.add("SELECT 'distributor', concat(distributor_id,"
            + " coalesce(concat(' / ', product_code), '')), alert_type,"
            + " format_string('%d line(s), %d unit(s), %s CNY reported in %s (authorised: %s)%s', lines, units,"
            + " string(amount), coalesce(reported_region, 'no region'), coalesce(authorised_region, 'none'),"
            + " CASE WHEN unit_price IS NOT NULL THEN format_string('; unit price %s vs norm %s', string(unit_price),"
            + " coalesce(string(norm_price), 'none')) ELSE '' END),"
            + " double(amount) FROM " + distributors + " WHERE alert_date = " + day);
      }
      s.put("alerts", alerts.isEmpty() ? null : "SELECT alert, subject, severity, detail FROM ("
          + String.join(" UNION ALL ", alerts) + ") ORDER BY alert, weight DESC, subject LIMIT 100");
      return s;
    }
  }

  /** The HTML page: the template with ECharts and the data inlined. */
  static String page(JsonNode data) throws IOException {
    String template = resource(TEMPLATE);
    // Inside <script>, "</" would end the element: JSON and the library never need it literally.
    String json = JSON.writeValueAsString(data).replace("</", "<\\/");
    String echarts = resource(ECHARTS).replace("</script", "<\\/script");
    return template
        .replace("@@TITLE@@", "onecustomer nightly report " + data.path("run_date").asText())
        .replace("/*@@ECHARTS@@*/", echarts)
        .replace("/*@@DATA@@*/null", json);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = NightlyReport.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("resource " + name + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Writes through Hadoop's file system, so that the report lands beside the tables on s3a:// too. */
  private static void writeText(SparkSession spark, String file, String text) throws IOException {
    Path p = new Path(file);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (OutputStream out = fs.create(p, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
