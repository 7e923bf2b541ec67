package io.onecustomer.common.spark;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.AppConfig.CatalogType;
import java.io.File;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession of a process from the typed config. The master is never hard-coded:
 * it comes from {@code spark.master} in the environment file (local) or from spark-submit.
 */
public final class SessionFactory {
  private SessionFactory() {}

  public static SparkSession create(AppConfig config, String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    boolean submitted = System.getProperty("spark.master") != null;
    for (Map.Entry<String, String> e : config.spark().entrySet()) {
      if (submitted && e.getKey().equals("spark.master")) {
        continue; // spark-submit chose the master; an environment file never overrides it
      }
      b.config(e.getKey(), e.getValue());
    }
    String warehouse = config.paths().warehouse();
    b.config("spark.sql.warehouse.dir", warehouse);
    if (config.catalogType() == CatalogType.HIVE) {
      if (isLocal(warehouse)) {
        // Embedded Derby metastore next to the tables, so names survive between processes.
        // Derby allows one process at a time: bin/sql waits for a running job to finish.
        File metastore = new File(warehouse, "_metastore");
        metastore.mkdirs();
        System.setProperty("derby.stream.error.file", new File(metastore, "derby.log").getPath());
        b.config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            "jdbc:derby:;databaseName=" + new File(metastore, "metastore_db").getPath()
                + ";create=true");
      }
      b.enableHiveSupport();
    } else {
      b.config("spark.sql.catalogImplementation", "in-memory");
    }
    return b.getOrCreate();
  }

  static boolean isLocal(String path) {
    return !path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || path.startsWith("file:");
  }
}
