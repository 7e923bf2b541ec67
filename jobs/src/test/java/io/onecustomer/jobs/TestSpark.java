package io.onecustomer.jobs;

import com.typesafe.config.ConfigFactory;
import io.onecustomer.common.config.AppConfig;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One SparkSession for the whole test JVM (a cold session costs seconds): local[2], two shuffle
 * partitions, UI off, Delta enabled, in-memory catalog. Each test gets its own warehouse and
 * landing folders through {@link #config(Path, Path)}.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      SparkSession.Builder b = SparkSession.builder().master("local[2]").appName("onecustomer-tests");
      // The shipped defaults (reference.conf's spark block: Delta, time zone), then what a test
      // JVM needs on top.
      AppConfig.fromConfig(ConfigFactory.defaultReference(TestSpark.class.getClassLoader()).resolve())
          .spark().forEach(b::config);
      session = b
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config("spark.sql.catalogImplementation", "in-memory")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          // A test JVM runs the same jobs dozens of times: keep their compiled code (Janino's cache
          // holds 100 classes by default; SilverOrdersTest 164 s and 169 s with 2,000 against 242 s
          // and 206 s). A nightly JVM runs each job once and gains nothing (docs/operations.md).
          .config("spark.sql.codegen.cache.maxEntries", "2000")
          // One folder per test JVM: test classes run in two JVMs at once.
          .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir")
              + "/onecustomer-test-warehouse-" + ProcessHandle.current().pid())
          .getOrCreate();
    }
    return session;
  }

  /** Config for a test: its own landing and warehouse, in-memory catalog, given overrides. */
  public static AppConfig config(Path landing, Path warehouse, Map<String, String> overrides) {
    return config(landing, warehouse, overrides, "");
  }

  /** The same, plus settings in HOCON (lists and objects, e.g. quality overrides). */
  public static AppConfig config(Path landing, Path warehouse, Map<String, String> overrides, String hocon) {
    var base = ConfigFactory.parseMap(Map.of(
        "onecustomer.paths.landing", landing.toString(),
        "onecustomer.paths.warehouse", warehouse.toString(),
        "onecustomer.catalog.type", "in-memory",
        "onecustomer.identity.hash-key-required", "false"));
    var extra = ConfigFactory.parseString(hocon).withFallback(ConfigFactory.parseMap(overrides));
    // The demo brand's reference data from conf/local.conf (geography, distributors' authorised
    // regions); everything else from reference.conf.
    var local = ConfigFactory.parseResources(TestSpark.class.getClassLoader(), "conf/local.conf");
    var geo = local.withOnlyPath("onecustomer.geo")
        .withFallback(local.withOnlyPath("onecustomer.analytics.alerts.distributor-regions"));
    return AppConfig.fromConfig(extra.withFallback(base).withFallback(geo)
        .withFallback(ConfigFactory.defaultReference(TestSpark.class.getClassLoader())).resolve());
  }

  public static AppConfig config(Path landing, Path warehouse) {
    return config(landing, warehouse, Map.of());
  }
}
