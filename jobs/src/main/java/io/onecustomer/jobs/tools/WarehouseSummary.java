package io.onecustomer.jobs.tools;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.ConfigException;
import io.onecustomer.common.delta.CatalogSync;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spark.SessionFactory;
import io.onecustomer.jobs.bronze.IngestAudit;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Prints what is in the warehouse: every table with its row count, rows read and rejected per
 * source, where the warehouse is and how to query it. {@code bin/demo} ends with it.
 */
public final class WarehouseSummary {
  private WarehouseSummary() {}

  public static void main(String[] argv) {
    String env = System.getenv().getOrDefault("ONECUSTOMER_ENV", "local");
    AppConfig config;
    try {
      config = AppConfig.load(env, null, SqlShell.confDir(), Map.of());
    } catch (ConfigException e) {
      System.err.println("summary: " + e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession spark = SessionFactory.create(config, "onecustomer summary");
    print(spark, config, System.out);
    System.exit(0);
  }

  public static void print(SparkSession spark, AppConfig config, PrintStream out) {
    String wh = config.paths().warehouse();
    List<TableId> tables = CatalogSync.registerAll(spark, wh);
    out.println();
    out.println("Warehouse: " + wh);
    out.println();
    out.printf("%-42s %12s%n", "table", "rows");
    out.printf("%-42s %12s%n", "-".repeat(42), "-".repeat(12));
    for (TableId t : tables) {
      long n = DeltaWriter.read(spark, t, wh).count();
      out.printf("%-42s %,12d%n", t.qualified(), n);
    }
    if (DeltaWriter.exists(spark, Tables.OPS_INGEST_AUDIT, wh)) {
      out.println();
      out.println("Ingestion (rows read = accepted + rejected, per bronze table):");
      out.printf("%-36s %12s %12s %10s %8s %8s%n", "bronze table", "read", "accepted", "rejected", "reject%", "missing");
      List<Row> rows = DeltaWriter.read(spark, Tables.OPS_INGEST_AUDIT, wh)
          .groupBy(IngestAudit.TABLE_NAME)
          .agg(sum(IngestAudit.ROWS_READ).alias("r"), sum(IngestAudit.ROWS_ACCEPTED).alias("a"),
              sum(IngestAudit.ROWS_REJECTED).alias("x"),
              sum(col(IngestAudit.STATUS).isin(IngestAudit.STATUS_MISSING, IngestAudit.STATUS_EMPTY).cast("int")).alias("m"))
          .orderBy(IngestAudit.TABLE_NAME).collectAsList();
      for (Row r : rows) {
        long read = r.getLong(1);
        long rej = r.getLong(3);
        out.printf("%-36s %,12d %,12d %,10d %7.2f%% %8d%n", r.getString(0), read, r.getLong(2), rej,
            read == 0 ? 0.0 : 100.0 * rej / read, r.getLong(4));
      }
      out.println("Rejected rows, with the raw line, file, line and reason: bronze.<table>__rejects");
    }
    out.println();
    out.println("Query it by name:");
    out.println("  bin/sql \"SELECT channel, count(*) AS lines, sum(net_amount) AS revenue FROM silver.orders GROUP BY channel\"");
    out.println("  bin/sql \"SELECT reason_code, count(*) FROM bronze.pos_sales__rejects GROUP BY reason_code\"");
    out.println("  bin/sql            (interactive; end statements with ;)");
  }
}
