package io.onecustomer.jobs.tools;

import io.onecustomer.common.TableId;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.ConfigException;
import io.onecustomer.common.config.ConfigOptions;
import io.onecustomer.common.delta.CatalogSync;
import io.onecustomer.common.spark.SessionFactory;
import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * The warehouse over JDBC and ODBC ({@code bin/serve}): Spark's Thrift server (the HiveServer2
 * protocol that BI tools and Hive JDBC speak) over every table under the warehouse, by layer and
 * name ({@code gold.customers}), with the tables' and columns' comments, and Delta time travel.
 *
 * <pre>
 *   bin/serve                              jdbc:hive2://127.0.0.1:10000/gold
 *   bin/serve --port 10001 --host 0.0.0.0  listen elsewhere (put authentication in front first)
 * </pre>
 *
 * <p>The server keeps its own in-memory catalog, built from the warehouse's folders at start and
 * every {@code --refresh-seconds} (new tables appear; a table's content is always Delta's latest
 * commit, read per query), with each table's Delta schema and comments (see {@link #sync}). It never
 * opens a metastore: on the local profile the embedded Derby metastore admits one process at a
 * time, so the nightly jobs and {@code bin/sql} keep it while the server runs; on a cluster the
 * metastore's entries for Delta tables have no columns for BI tools to browse.
 */
public final class SqlServer {
  static final int DEFAULT_PORT = 10000;
  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_REFRESH_SECONDS = 60;

  private SqlServer() {}

  public static void main(String[] argv) throws InterruptedException {
    int rc = run(argv, System.out, System.err);
    if (rc != 0) {
      System.exit(rc);
    }
  }

  /** Starts the server and serves until the process is stopped; returns only on a usage error. */
  static int run(String[] argv, PrintStream out, PrintStream err) throws InterruptedException {
    ConfigOptions options = ConfigOptions.fromEnvironment();
    int port = DEFAULT_PORT;
    String host = DEFAULT_HOST;
    int refreshSeconds = DEFAULT_REFRESH_SECONDS;
    try {
      for (int i = 0; i < argv.length; i++) {
        String a = argv[i];
        switch (a) {
          case "--port" -> port = ConfigOptions.number(ConfigOptions.value(argv, ++i, a), a, 0, 65535);
          case "--host" -> host = ConfigOptions.value(argv, ++i, a);
          case "--refresh-seconds" -> refreshSeconds =
              ConfigOptions.number(ConfigOptions.value(argv, ++i, a), a, 1, 86_400);
          default -> {
            if (!ConfigOptions.isOption(a)) {
              throw new ConfigException("unknown argument '" + a
                  + "' (serve takes --port, --host, --refresh-seconds, --env, --config, --conf key=value)");
            }
            i = options.take(argv, i);
          }
        }
      }
      // Its own catalog, built from the warehouse (see the class comment).
      options.set("catalog.type", "in-memory", false)
          .set("spark.hadoop.hive.server2.thrift.port", Integer.toString(port), false)
          .set("spark.hadoop.hive.server2.thrift.bind.host", host, false)
          // The Thrift server turns on spark.sql.datetime.java8API.enabled in its sessions, and Delta's
          // answer-from-statistics rule for min/max/count then fails on date columns (ClassCastException
          // LocalDate -> java.sql.Date in OptimizeMetadataOnlyDeltaQuery): `SELECT max(order_date)`, a BI
          // tool's everyday query, failed. Those queries read the files instead.
          .set("spark.databricks.delta.optimizeMetadataQuery.enabled", "false", true);
      AppConfig config = options.load();
      serve(config, host, port, refreshSeconds, out, err);
      return 0;
    } catch (ConfigException e) {
      err.println("serve: " + e.getMessage());
      return 2;
    }
  }

  private static void serve(AppConfig config, String host, int port, int refreshSeconds, PrintStream out,
      PrintStream err) throws InterruptedException {
    long t0 = System.nanoTime();
    SparkSession spark = SessionFactory.create(config, "onecustomer sql endpoint");
    String warehouse = config.paths().warehouse();
    List<TableId> tables = sync(spark, warehouse);
    HiveThriftServer2 server = HiveThriftServer2.startWithContext(spark.sqlContext());
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "onecustomer-serve-stop"));
    // Scripts and tests wait for this line; it is printed once the port accepts connections.
    out.printf("onecustomer SQL endpoint ready in %.1f s: jdbc:hive2://%s:%d/gold (%d tables under %s;"
            + " databases %s)%n",
        (System.nanoTime() - t0) / 1e9, host, port, tables.size(), warehouse,
        String.join(", ", tables.stream().map(TableId::layer).distinct().toList()));
    out.flush();
    int known = tables.size();
    while (true) {
      Thread.sleep(refreshSeconds * 1000L);
      int now;
      try {
        now = sync(spark, warehouse).size();
      } catch (RuntimeException e) { // a storage hiccup: keep serving the tables known, try again
        err.println("onecustomer SQL endpoint: refreshing the catalog failed, serving the " + known
            + " tables known: " + e.getMessage());
        err.flush();
        continue;
      }
      if (now != known) {
        out.printf("onecustomer SQL endpoint: %d tables (was %d)%n", now, known);
        out.flush();
        known = now;
      }
    }
  }

  /**
   * Registers every Delta table under the warehouse, with its columns and its comment. Delta keeps
   * a table's schema and description in its log and leaves the catalog entry's column list empty
   * (delta-io/delta#695, #662), and the Thrift server answers the JDBC/ODBC metadata calls
   * ({@code getColumns}, {@code getTables}) from the catalog entry: BI tools would show tables
   * without columns (Power BI refuses them). So the server's entry gets the Delta schema, comments
   * included, and the table's description; again whenever a commit changes the schema.
   */
  static List<TableId> sync(SparkSession spark, String warehouse) {
    List<TableId> tables = CatalogSync.registerAll(spark, warehouse);
    SessionCatalog catalog = spark.sessionState().catalog();
    for (TableId t : tables) {
      TableIdentifier ident = new TableIdentifier(t.name(), Option.apply(t.layer()));
      // The latest snapshot's metadata: read from the log's checksum file, no Spark job.
      Snapshot snapshot = DeltaLog.forTable(spark, t.path(warehouse)).update(false, Option.empty(), Option.empty());
      StructType schema = snapshot.schema();
      CatalogTable held;
      try {
        held = catalog.getTableMetadata(ident);
      } catch (Exception e) { // Scala's NoSuchTableException is checked in Java's eyes
        throw new IllegalStateException("cannot read catalog entry of " + t, e);
      }
      if (held.schema().equals(schema)) {
        continue;
      }
      Option<String> comment = Option.apply(snapshot.metadata().description());
      // CatalogTable is a Scala case class: copy(...) takes every field (Spark 3.5's twenty).
      catalog.alterTable(held.copy(held.identifier(), held.tableType(), held.storage(), schema, held.provider(),
          held.partitionColumnNames(), held.bucketSpec(), held.owner(), held.createTime(), held.lastAccessTime(),
          held.createVersion(), held.properties(), held.stats(), held.viewText(), comment,
          held.unsupportedFeatures(), held.tracksPartitionsInCatalog(), held.schemaPreservesCase(),
          held.ignoredProperties(), held.viewOriginalText()));
    }
    return tables;
  }
}
