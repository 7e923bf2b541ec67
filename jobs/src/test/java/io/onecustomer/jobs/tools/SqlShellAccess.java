package io.onecustomer.jobs.tools;

import io.onecustomer.common.TableId;
import io.onecustomer.common.config.AppConfig;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Test access to SqlShell's package-private steps. */
public final class SqlShellAccess {
  private SqlShellAccess() {}

  public static boolean execute(SparkSession spark, String sql, boolean tsv, int limit, PrintStream out, PrintStream err) {
    return SqlShell.execute(spark, sql, tsv, limit, out, err);
  }

  public static int interactive(SparkSession spark, AppConfig config, List<TableId> tables, InputStream in,
      PrintStream out, PrintStream err, int limit) {
    return SqlShell.interactive(spark, config, tables, in, out, err, limit);
  }
}
