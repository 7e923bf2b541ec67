package io.onecustomer.jobs.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.CustomerAnalyticsConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.analytics.AnalyticsTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-node peer computes what Spark computes: on orders few enough that Spark's quantiles
 * are exact, every customer's RFM facts, scores and segment and every order aggregate are equal.
 */
class PeerBenchTest {
  static SparkSession spark;
  static AppConfig cfg;

  @BeforeAll
  static void session() {
    cfg = AppConfig.fromConfig(ConfigFactory.defaultReference(PeerBenchTest.class.getClassLoader()).resolve());
    SparkSession.Builder b = SparkSession.builder().master("local[2]").appName("peer-bench-test");
    cfg.spark().forEach(b::config);
    spark = b.config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.catalogImplementation", "in-memory")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void duckDbOverTheDeltaTablesFilesGivesSparksRfmSegmentsAndCustomerAggregates(@TempDir Path tmp) throws Exception {
    String warehouse = tmp.resolve("warehouse").toString();
    int days = 730;
    DeltaWriter.replaceAll(spark, PeerBench.syntheticOrders(spark, 3_000, days, 7).repartition(3),
        AnalyticsTables.GOLD_CUSTOMER_ORDERS, warehouse, "synthetic");
    LocalDate day = PeerBench.START.plusDays(days - 1);
    CustomerAnalyticsConfig.Rfm rfm = cfg.analytics().customer().rfm();
    Path out = tmp.resolve("results");
    List<String> files = PeerBench.currentFiles(spark, warehouse);
    assertTrue(files.size() >= 3, "the table's current files: " + files);

    PeerBench.spark(spark, warehouse, day, rfm, out);
    try (Connection duck = PeerBench.duckDb(2)) {
      PeerBench.duckDb(duck, files, day, rfm, out);
    }
    PeerBench.Comparison c = PeerBench.compare(spark, out);

    assertTrue(c.rfmRows() > 2_000, "customers with a purchase: " + c);
    assertEquals(c.rfmRows(), c.customersRows(), "one aggregate row per RFM row: " + c);
    assertTrue(c.identical(), "DuckDB and Spark differ: " + c);
    // Not a trivial agreement: two years of history give every segment of the default rules.
    Set<String> segments = spark.read().parquet(out.resolve("duck-rfm.parquet").toString()).select("segment")
        .distinct().collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toSet());
    assertEquals(Set.of("lost", "sleeping", "at_risk", "champions", "potential", "loyal", "new", "others"), segments);
    Row sample = spark.read().parquet(out.resolve("spark-customers").toString()).orderBy("customer_id").first();
    assertTrue(sample.getLong(sample.fieldIndex("orders")) >= 1, "aggregates hold orders: " + sample);
  }
}
