package io.onecustomer.jobs.tools;

import io.onecustomer.common.TableId;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.ConfigException;
import io.onecustomer.common.config.ConfigOptions;
import io.onecustomer.common.delta.CatalogSync;
import io.onecustomer.common.spark.SessionFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark SQL against the warehouse, by table name ({@code bin/sql}):
 *
 * <pre>
 *   bin/sql "SELECT channel, count(*) FROM silver.orders GROUP BY channel"
 *   bin/sql --tsv "SELECT * FROM ops.ingest_audit"      tab-separated, for scripts
 *   bin/sql                                              interactive; end statements with ;
 * </pre>
 */
public final class SqlShell {
  private SqlShell() {}

  public static void main(String[] argv) {
    System.exit(run(argv, System.in, System.out, System.err));
  }

  public static int run(String[] argv, InputStream in, PrintStream out, PrintStream err) {
    ConfigOptions options = ConfigOptions.fromEnvironment();
    List<String> statements = new ArrayList<>();
    boolean tsv = false;
    int limit = 1000;
    AppConfig config;
    try {
      for (int i = 0; i < argv.length; i++) {
        String a = argv[i];
        switch (a) {
          case "--tsv" -> tsv = true;
          case "--limit" -> limit = ConfigOptions.number(ConfigOptions.value(argv, ++i, a), a, 1, Integer.MAX_VALUE);
          case "-e" -> statements.add(ConfigOptions.value(argv, ++i, a));
          default -> {
            if (ConfigOptions.isOption(a)) {
              i = options.take(argv, i);
            } else {
              statements.add(a);
            }
          }
        }
      }
      config = options.load();
    } catch (ConfigException e) {
      err.println("sql: " + e.getMessage());
      return 2;
    }
    SparkSession spark = SessionFactory.create(config, "onecustomer sql");
    List<TableId> tables = CatalogSync.registerAll(spark, config.paths().warehouse());
    if (statements.isEmpty()) {
      return interactive(spark, config, tables, in, out, err, limit);
    }
    int rc = 0;
    for (String s : statements) {
      if (!execute(spark, s, tsv, limit, out, err)) {
        rc = 1;
      }
    }
    return rc;
  }

  static boolean execute(SparkSession spark, String sql, boolean tsv, int limit, PrintStream out, PrintStream err) {
    String s = sql.trim();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).trim();
    }
    if (s.isEmpty()) {
      return true;
    }
    try {
      Dataset<Row> df = spark.sql(s);
      if (tsv) {
        out.println(String.join("\t", df.columns()));
        for (Row r : df.limit(limit).collectAsList()) {
          List<String> cells = new ArrayList<>();
          for (int i = 0; i < r.length(); i++) {
            cells.add(r.isNullAt(i) ? "" : String.valueOf(r.get(i)));
          }
          out.println(String.join("\t", cells));
        }
      } else {
        out.print(TableFormat.render(df, limit));
      }
      out.flush();
      return true;
    } catch (Exception e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      err.println("sql error: " + msg.lines().findFirst().orElse(msg));
      return false;
    }
  }

  static int interactive(SparkSession spark, AppConfig config, List<TableId> tables,
      InputStream in, PrintStream out, PrintStream err, int limit) {
    out.println("onecustomer SQL on " + config.paths().warehouse() + " (" + tables.size()
        + " tables). End statements with ';', 'SHOW TABLES IN silver;' lists tables, 'quit' or Ctrl-D leaves.");
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    StringBuilder buf = new StringBuilder();
    try {
      out.print("sql> ");
      out.flush();
      String line;
      while ((line = r.readLine()) != null) {
        if (buf.length() == 0 && (line.trim().equalsIgnoreCase("quit") || line.trim().equalsIgnoreCase("exit"))) {
          break;
        }
        buf.append(line).append('\n');
        if (line.trim().endsWith(";")) {
          execute(spark, buf.toString(), false, limit, out, err);
          buf.setLength(0);
          out.print("sql> ");
        } else {
          out.print("  -> ");
        }
        out.flush();
      }
      if (buf.toString().trim().length() > 0) {
        execute(spark, buf.toString(), false, limit, out, err);
      }
      out.println();
      return 0;
    } catch (IOException e) {
      err.println("sql: " + e.getMessage());
      return 1;
    }
  }

}
