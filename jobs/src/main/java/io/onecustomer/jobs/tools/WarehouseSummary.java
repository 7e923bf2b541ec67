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
import io.onecustomer.jobs.OpsTables;
import io.onecustomer.jobs.bronze.IngestAudit;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
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
      config = AppConfig.load(env, null, AppConfig.confDir(), Map.of());
    } catch (ConfigException e) {
      System.err.println("summary: " + e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession spark = SessionFactory.create(config, "onecustomer summary");
    print(spark, config, System.out, List.of());
    System.exit(0);
  }

  public static void print(SparkSession spark, AppConfig config, PrintStream out, List<String> runIds) {
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
    runs(spark, wh, out, runIds);
    out.println();
    out.println("Query it by name:");
    out.println("  bin/sql \"SELECT channel, count(*) AS lines, sum(net_amount) AS revenue FROM silver.orders GROUP BY channel\"");
    out.println("  bin/sql \"SELECT reason_code, count(*) FROM bronze.pos_sales__rejects GROUP BY reason_code\"");
    out.println("  bin/sql            (interactive; end statements with ;)");
  }

  /** The given runs, job by job, from ops.job_runs, and their failed checks from ops.data_quality. */
  static void runs(SparkSession spark, String wh, PrintStream out, List<String> runIds) {
    List<String> ids = runIds.stream().filter(Objects::nonNull).toList();
    if (ids.isEmpty() || !DeltaWriter.exists(spark, OpsTables.JOB_RUNS.id(), wh)) {
      return;
    }
    List<Row> rows = DeltaWriter.read(spark, OpsTables.JOB_RUNS.id(), wh).where(col("run_id").isin(ids.toArray()))
        .orderBy(col("finished_at")).select("run_id", "job_id", "status", "duration_ms", "rows_read", "rows_written",
            "rows_rejected", "warnings", "date_from", "date_to").collectAsList();
    for (String id : ids) {
      out.println();
      out.println("Run " + id + " (ops.job_runs):");
      out.printf("%-34s %-9s %8s %14s %12s %9s %5s%n", "job", "status", "seconds", "read", "written", "rejected",
          "warn");
      for (Row r : rows) {
        if (!id.equals(r.getString(0))) {
          continue;
        }
        out.printf("%-34s %-9s %8.1f %,14d %,12d %,9d %5d%n", r.getString(1), r.getString(2), r.getLong(3) / 1000.0,
            r.isNullAt(4) ? 0L : r.getLong(4), r.isNullAt(5) ? 0L : r.getLong(5), r.isNullAt(6) ? 0L : r.getLong(6),
            r.getList(7).size());
      }
    }
    if (DeltaWriter.exists(spark, OpsTables.DATA_QUALITY.id(), wh)) {
      Dataset<Row> dq = DeltaWriter.read(spark, OpsTables.DATA_QUALITY.id(), wh).where(col("run_id").isin(ids.toArray()));
      List<Row> counts = dq.groupBy("status").count().orderBy("status").collectAsList();
      out.println();
      out.println("Checks (ops.data_quality): " + String.join(", ",
          counts.stream().map(r -> r.getLong(1) + " " + r.getString(0)).toList()));
      for (Row r : dq.where(col("status").equalTo("failed")).orderBy("table_name", "check_name")
          .select("level", "table_name", "check_name", "date_to", "observed", "threshold", "message").limit(20)
          .collectAsList()) {
        out.printf("  %-7s %s %s on %s: observed %s, threshold %s%s%n", r.getString(0), r.getString(1), r.getString(2),
            r.getDate(3), r.isNullAt(4) ? "-" : r.get(4), r.get(5), r.isNullAt(6) ? "" : " (" + r.getString(6) + ")");
      }
    }
  }
}
