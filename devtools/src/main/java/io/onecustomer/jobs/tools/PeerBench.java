package io.onecustomer.jobs.tools;

import static io.onecustomer.jobs.tools.Bench.print;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.CustomerAnalyticsConfig;
import io.onecustomer.common.config.CustomerAnalyticsConfig.SegmentRule;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spark.SessionFactory;
import io.onecustomer.jobs.analytics.AnalyticsTables;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.customer.RfmTables.Segments;
import io.onecustomer.jobs.analytics.customer.RfmTransforms;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * Spark against a single-node peer (bench/peer.sh, issue 19): the RFM segments of one snapshot day
 * (gold.rfm_segments' columns, computed by the job's own {@link RfmTransforms}) and the customers'
 * order aggregates (orders, revenue, first and last order day, channels), computed by Spark and by
 * DuckDB (in this JVM, through its JDBC driver) from the same Parquet files: the current files of a
 * gold.customer_orders Delta table. Both write their results to Parquet; the results are compared
 * column by column, then each engine is timed, alternating, and the medians and their ratio
 * printed.
 *
 * <p>The peer's SQL is written here by hand because no library turns our Spark plans into DuckDB
 * SQL; it states the same definitions (docs/analytics-rfm.md): frequency and monetary over
 * (day - window-days, day], recency and tenure over all history, quintile cut points at rank
 * ceil(q x n) of the sorted values (what Spark's percentile_approx returns when it is exact, that
 * is below quantile-accuracy values; above, Spark's cut is within n / accuracy ranks of it, so a
 * few customers on a cut point may score one apart), the configured segment rules, first match
 * wins.
 *
 * <p>Usage: {@code PeerBench <customers> <days> <work dir> [repeats]} writes a synthetic
 * gold.customer_orders (not timed) under the work dir; {@code PeerBench --warehouse <dir> --day
 * <yyyy-mm-dd> <work dir> [repeats]} reads an existing warehouse's (a demo or a benchmark night).
 */
public final class PeerBench {
  private PeerBench() {}

  static final LocalDate START = LocalDate.parse("2025-01-01");
  static final String CUSTOMERS = "customers";

  /** Rows compared and rows that differ, per column group. */
  record Comparison(long rfmRows, long factsDiffer, long scoresDiffer, long customersRows, long customersDiffer,
      long onlyOneSide) {
    boolean identical() {
      return factsDiffer == 0 && scoresDiffer == 0 && customersDiffer == 0 && onlyOneSide == 0;
    }
  }

  public static void main(String[] args) throws Exception {
    boolean real = args.length >= 4 && args[0].equals("--warehouse");
    String work = new File(real ? args[4] : args.length > 2 ? args[2] : "data/bench-peer").getAbsolutePath();
    int repeats = Integer.parseInt(real ? (args.length > 5 ? args[5] : "3") : (args.length > 3 ? args[3] : "3"));
    String warehouse = real ? new File(args[1]).getAbsolutePath() : work + "/warehouse";
    AppConfig cfg = AppConfig.load("local", null, new File("conf"), Map.of("catalog.type", "in-memory",
        "paths.warehouse", warehouse, "identity.hash-key-required", "false"));
    SparkSession spark = SessionFactory.create(cfg, "peer-bench");
    LocalDate day;
    if (real) {
      day = LocalDate.parse(args[3]);
    } else {
      long customers = Long.parseLong(args[0]);
      int days = Integer.parseInt(args[1]);
      day = START.plusDays(days - 1);
      long t0 = System.nanoTime();
      DeltaWriter.replaceAll(spark, syntheticOrders(spark, customers, days, 1), AnalyticsTables.GOLD_CUSTOMER_ORDERS,
          warehouse, "synthetic customer orders (bench)");
      print("inputs (not timed): %d customers, %d days, %,d orders; %.1f s", customers, days,
          DeltaWriter.read(spark, AnalyticsTables.GOLD_CUSTOMER_ORDERS, warehouse).count(), (System.nanoTime() - t0) / 1e9);
    }
    CustomerAnalyticsConfig.Rfm rfm = cfg.analytics().customer().rfm();
    Path out = Path.of(work, "results");
    List<String> files = currentFiles(spark, warehouse);
    print("snapshot %s; %d parquet files of %s; DuckDB threads = Spark cores = %d", day, files.size(),
        AnalyticsTables.GOLD_CUSTOMER_ORDERS, spark.sparkContext().defaultParallelism());
    List<Double> sparkSeconds = new ArrayList<>();
    List<Double> duckSeconds = new ArrayList<>();
    try (Connection duck = duckDb(spark.sparkContext().defaultParallelism())) {
      for (int i = 1; i <= repeats; i++) {
        double s = spark(spark, warehouse, day, rfm, out);
        double d = duckDb(duck, files, day, rfm, out);
        sparkSeconds.add(s);
        duckSeconds.add(d);
        print("run %d: Spark %.2f s, DuckDB %.2f s", i, s, d);
      }
    }
    Comparison c = compare(spark, out);
    print("compared: %s", c);
    double sm = median(sparkSeconds);
    double dm = median(duckSeconds);
    print("median of %d: Spark %.2f s, DuckDB %.2f s, Spark/DuckDB %.2f", repeats, sm, dm, sm / dm);
    spark.stop();
  }

  /**
   * gold.customer_orders-shaped orders of the value benchmark's buyers ({@link Bench#buyers}, the
   * same seeds for seed 1), seeded: one of four channels, 3% cancelled (not purchases), 1%
   * unresolved (null customer).
   */
  static Dataset<Row> syntheticOrders(SparkSession spark, long customers, int days, long seed) {
    return Bench.buyers(spark, customers, days, seed, seed + 4)
        .withColumn("k", round(col("rate").multiply(col("end")).multiply(rand(seed + 5).plus(0.5))).cast("int"))
        .where(col("k").gt(0))
        .select(col("customer_id").as("cid"), col("end"), col("spend"), explode(sequence(lit(1), col("k"))).as("n"))
        .select(
            element_at(functions.array(lit("marketplace"), lit("miniprogram"), lit("pos"), lit("distributor")),
                floor(rand(seed + 6).multiply(4)).cast("int").plus(1)).as(Purchases.CHANNEL),
            concat(col("cid"), lit("-"), col("n").cast("string")).as(Purchases.ORDER_ID),
            when(rand(seed + 7).lt(0.01), lit(null).cast("string")).otherwise(col("cid")).as(Purchases.CUSTOMER_ID),
            date_add(lit(Date.valueOf(START)), floor(rand(seed + 8).multiply(col("end"))).cast("int"))
                .as(Purchases.ORDER_DATE),
            round(col("spend").multiply(rand(seed + 9).plus(0.5)), 2).cast("decimal(18,2)").as(Purchases.NET_AMOUNT),
            rand(seed + 10).geq(0.03).as(Purchases.IS_PURCHASE));
  }

  /** The Parquet files of gold.customer_orders' current version, as local paths. */
  static List<String> currentFiles(SparkSession spark, String warehouse) {
    return Arrays.stream(DeltaWriter.read(spark, AnalyticsTables.GOLD_CUSTOMER_ORDERS, warehouse).inputFiles())
        .map(f -> URI.create(f).getPath()).sorted().toList();
  }

  static Connection duckDb(int threads) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = c.createStatement()) {
      s.execute("SET threads = " + threads);
    }
    return c;
  }

  /**
   * Spark: gold.rfm_segments' rows for the day through the job's transforms, and the aggregates;
   * the seconds it took.
   */
  static double spark(SparkSession spark, String warehouse, LocalDate day, CustomerAnalyticsConfig.Rfm rfm, Path out) {
    return seconds(() -> {
      Dataset<Row> purchases = Purchases.customerPurchases(DeltaWriter.read(spark, AnalyticsTables.GOLD_CUSTOMER_ORDERS,
          warehouse).where(col(Purchases.ORDER_DATE).leq(lit(Date.valueOf(day)))));
      // As gold_rfm_segments does, the facts cached while the write reads them.
      List<Dataset<Row>> kept = new ArrayList<>();
      RfmTransforms.rfmSegments(purchases, RfmTransforms.snapshotDays(spark, List.of(day)), rfm.windowDays(),
              rfm.quantileAccuracy(), rfm.segments(), rfm.fallbackSegment(), f -> {
                Dataset<Row> p = f.persist(StorageLevel.MEMORY_AND_DISK());
                kept.add(p);
                return p;
              })
          .write().mode("overwrite").parquet(out.resolve("spark-rfm").toString());
      kept.forEach(Dataset::unpersist);
      purchases.groupBy(Purchases.CUSTOMER_ID).agg(
              count(lit(1)).as("orders"),
              sum(col(Purchases.NET_AMOUNT)).cast("decimal(18,2)").as("revenue"),
              min(col(Purchases.ORDER_DATE)).as("first_order_date"),
              max(col(Purchases.ORDER_DATE)).as("last_order_date"),
              countDistinct(col(Purchases.CHANNEL)).as("channels"))
          .write().mode("overwrite").parquet(out.resolve("spark-" + CUSTOMERS).toString());
    });
  }

  /** DuckDB: the same two results from the same files, each written by one COPY; the seconds it took. */
  static double duckDb(Connection duck, List<String> files, LocalDate day, CustomerAnalyticsConfig.Rfm rfm, Path out) {
    return seconds(() -> {
      try (Statement s = duck.createStatement()) {
        Files.createDirectories(out);
        s.execute("CREATE OR REPLACE VIEW orders AS SELECT * FROM read_parquet(" + files.stream()
            .map(PeerBench::quote).collect(Collectors.joining(", ", "[", "]")) + ")");
        s.execute("COPY (" + rfmSql(day, rfm) + ") TO " + quote(out.resolve("duck-rfm.parquet").toString())
            + " (FORMAT parquet)");
        s.execute("COPY (" + customersSql(day) + ") TO " + quote(out.resolve("duck-" + CUSTOMERS + ".parquet")
            .toString()) + " (FORMAT parquet)");
      } catch (Exception e) {
        throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
      }
    });
  }

  static String purchasesSql(LocalDate day) {
    return "SELECT * FROM orders WHERE " + Purchases.IS_PURCHASE + " AND " + Purchases.CUSTOMER_ID
        + " IS NOT NULL AND " + Purchases.ORDER_DATE + " <= " + date(day);
  }

  static String customersSql(LocalDate day) {
    return "SELECT customer_id, count(*) AS orders, CAST(sum(net_amount) AS DECIMAL(18,2)) AS revenue,"
        + " min(order_date) AS first_order_date, max(order_date) AS last_order_date,"
        + " count(DISTINCT channel) AS channels FROM (" + purchasesSql(day) + ") GROUP BY customer_id";
  }

  /** gold.rfm_segments' columns for one snapshot day, as RfmTransforms defines them. */
  static String rfmSql(LocalDate day, CustomerAnalyticsConfig.Rfm rfm) {
    String d = date(day);
    String inWindow = "order_date > " + d + " - " + rfm.windowDays();
    return "WITH days AS (SELECT customer_id, order_date, count(*) AS purchases, sum(net_amount) AS net"
        + " FROM (" + purchasesSql(day) + ") GROUP BY customer_id, order_date),"
        + " facts AS (SELECT customer_id, min(order_date) AS first_purchase_date, max(order_date) AS last_purchase_date,"
        + " CAST(sum(CASE WHEN " + inWindow + " THEN purchases ELSE 0 END) AS BIGINT) AS frequency,"
        + " CAST(coalesce(sum(CASE WHEN " + inWindow + " THEN net END), 0) AS DECIMAL(18,2)) AS monetary"
        + " FROM days GROUP BY customer_id),"
        + " f AS (SELECT *, " + d + " - last_purchase_date AS recency_days, " + d + " - first_purchase_date AS tenure_days"
        + " FROM facts),"
        // Cut points at rank ceil(q x n) of the sorted values, as Spark's percentile_approx when exact.
        + " sorted AS (SELECT list_sort(list(-recency_days)) AS r, list_sort(list(frequency) FILTER (WHERE frequency > 0)) AS fr,"
        + " list_sort(list(monetary) FILTER (WHERE monetary > 0)) AS m FROM f),"
        + " cuts AS (SELECT " + cuts("r") + " AS rc, " + cuts("fr") + " AS fc, " + cuts("m") + " AS mc FROM sorted),"
        + " scored AS (SELECT f.*, " + score("-recency_days", "rc") + " AS r_score,"
        + " CASE WHEN frequency > 0 THEN " + score("frequency", "fc") + " ELSE 1 END AS f_score,"
        + " CASE WHEN monetary > 0 THEN " + score("monetary", "mc") + " ELSE 1 END AS m_score FROM f, cuts)"
        + " SELECT customer_id, " + d + " AS snapshot_date, first_purchase_date, last_purchase_date, frequency, monetary,"
        + " recency_days, tenure_days, r_score, f_score, m_score,"
        + " CAST(r_score AS VARCHAR) || CAST(f_score AS VARCHAR) || CAST(m_score AS VARCHAR) AS rfm_cell, "
        + segmentSql(rfm.segments(), rfm.fallbackSegment()) + " AS segment FROM scored";
  }

  /** The values at ranks ceil(q x n), q = 0.2 .. 0.8, of the sorted list {@code sorted}. */
  static String cuts(String sorted) {
    return Arrays.stream(RfmTransforms.quintiles()).mapToObj(q -> sorted + "[CAST(greatest(1, ceil(" + q + " * len("
        + sorted + "))) AS BIGINT)]").collect(Collectors.joining(", ", "[", "]"));
  }

  /** 1 + the number of the four cut points {@code value} strictly exceeds. */
  static String score(String value, String cuts) {
    StringBuilder s = new StringBuilder("(1");
    for (int i = 1; i <= 4; i++) {
      s.append(" + CAST(").append(value).append(" > ").append(cuts).append('[').append(i).append("] AS INTEGER)");
    }
    return s.append(')').toString();
  }

  /** The segment rules as one CASE, first match wins (RfmTransforms.matches). */
  static String segmentSql(List<SegmentRule> rules, String fallback) {
    StringBuilder s = new StringBuilder("CASE");
    for (SegmentRule r : rules) {
      List<String> c = new ArrayList<>();
      bound(c, "r_score", r.minR(), r.maxR(), 1, 5);
      bound(c, "f_score", r.minF(), r.maxF(), 1, 5);
      bound(c, "m_score", r.minM(), r.maxM(), 1, 5);
      bound(c, "recency_days", r.minRecencyDays(), r.maxRecencyDays(), 0, Integer.MAX_VALUE);
      bound(c, "tenure_days", r.minTenureDays(), r.maxTenureDays(), 0, Integer.MAX_VALUE);
      s.append(" WHEN ").append(c.isEmpty() ? "true" : String.join(" AND ", c)).append(" THEN ").append(quote(r.name()));
    }
    return s.append(" ELSE ").append(quote(fallback)).append(" END").toString();
  }

  private static void bound(List<String> c, String column, int min, int max, int lo, int hi) {
    if (min > lo) {
      c.add(column + " >= " + min);
    }
    if (max < hi) {
      c.add(column + " <= " + max);
    }
  }

  /**
   * Both engines' results joined by customer: facts (first and last purchase, frequency, monetary,
   * recency, tenure), scores and segment, and the order aggregates.
   */
  static Comparison compare(SparkSession spark, Path out) {
    Dataset<Row> s = spark.read().parquet(out.resolve("spark-rfm").toString()).alias("s");
    Dataset<Row> d = spark.read().parquet(out.resolve("duck-rfm.parquet").toString()).alias("d");
    Dataset<Row> j = s.join(d, s.col(Segments.CUSTOMER_ID).equalTo(d.col(Segments.CUSTOMER_ID)), "full_outer");
    Column oneSide = s.col(Segments.CUSTOMER_ID).isNull().or(d.col(Segments.CUSTOMER_ID).isNull());
    List<String> facts = List.of(Segments.SNAPSHOT_DATE, Segments.FIRST_PURCHASE_DATE, Segments.LAST_PURCHASE_DATE,
        Segments.FREQUENCY, Segments.MONETARY, Segments.RECENCY_DAYS, Segments.TENURE_DAYS);
    List<String> scores = List.of(Segments.R_SCORE, Segments.F_SCORE, Segments.M_SCORE, Segments.RFM_CELL,
        Segments.SEGMENT);
    Row r = j.agg(count(lit(1)), sum(when(oneSide, 1).otherwise(0)),
        sum(when(functions.not(oneSide).and(differ(s, d, facts)), 1).otherwise(0)),
        sum(when(functions.not(oneSide).and(differ(s, d, scores)), 1).otherwise(0))).first();
    Dataset<Row> sc = spark.read().parquet(out.resolve("spark-" + CUSTOMERS).toString()).alias("s");
    Dataset<Row> dc = spark.read().parquet(out.resolve("duck-" + CUSTOMERS + ".parquet").toString()).alias("d");
    Dataset<Row> jc = sc.join(dc, sc.col(Purchases.CUSTOMER_ID).equalTo(dc.col(Purchases.CUSTOMER_ID)), "full_outer");
    Column oneSideC = sc.col(Purchases.CUSTOMER_ID).isNull().or(dc.col(Purchases.CUSTOMER_ID).isNull());
    Row rc = jc.agg(count(lit(1)), sum(when(oneSideC, 1).otherwise(0)),
        sum(when(functions.not(oneSideC).and(differ(sc, dc, List.of("orders", "revenue", "first_order_date", "last_order_date",
            "channels"))), 1).otherwise(0))).first();
    return new Comparison(r.getLong(0), r.getLong(2), r.getLong(3), rc.getLong(0), rc.getLong(2),
        r.getLong(1) + rc.getLong(1));
  }

  /** Any of {@code columns} differs between the two sides (values compared as strings, nulls equal). */
  private static Column differ(Dataset<Row> a, Dataset<Row> b, List<String> columns) {
    Column any = lit(false);
    for (String c : columns) {
      any = any.or(functions.not(a.col(c).cast("string").eqNullSafe(b.col(c).cast("string"))));
    }
    return any;
  }

  static String date(LocalDate d) {
    return "DATE '" + d + "'";
  }

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static double seconds(Runnable work) {
    long t0 = System.nanoTime();
    work.run();
    return (System.nanoTime() - t0) / 1e9;
  }

  static double median(List<Double> xs) {
    return new Median().evaluate(xs.stream().mapToDouble(Double::doubleValue).toArray());
  }

}
