package io.onecustomer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.jobs.tools.SqlShellAccess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlShellTest {
  @TempDir Path tmp;

  @Test
  void tsvOutputIsHeaderThenRowsWithEmptyNulls() {
    SparkSession spark = TestSpark.session();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    boolean ok = SqlShellAccess.execute(spark, "SELECT 1 AS a, CAST(NULL AS STRING) AS b, 'x' AS c;", true, 10,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertTrue(ok, err.toString(StandardCharsets.UTF_8));
    assertEquals("a\tb\tc\n1\t\tx\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void badSqlIsReportedOnOneLineAndReturnsFalse() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    boolean ok = SqlShellAccess.execute(TestSpark.session(), "SELECT * FROM silver.no_such_table", false, 10,
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertFalse(ok);
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.startsWith("sql error: ") && e.contains("no_such_table"), e);
    assertEquals(1, e.lines().count());
  }

  @Test
  void interactiveModeRunsStatementsSpanningLinesUntilQuit() {
    AppConfig cfg = TestSpark.config(tmp.resolve("l"), tmp.resolve("w"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String input = "SELECT 41 + 1 AS answer;\nSELECT\n  'two' AS lines;\nquit\nSELECT 'never';\n";
    int rc = SqlShellAccess.interactive(TestSpark.session(), cfg, List.of(),
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), 10);
    assertEquals(0, rc);
    String o = out.toString(StandardCharsets.UTF_8);
    assertTrue(o.contains("| answer |") && o.contains("| 42     |"), o);
    assertTrue(o.contains("| lines |") && o.contains("| two   |"), o);
    assertFalse(o.contains("never"), o);
  }

  /** A bad option is a usage error (exit 2) naming it, before a session exists; bin/serve and the jobs read them alike. */
  @Test
  void aBadOptionExitsTwoNamingIt() {
    for (String[] c : List.of(
        new String[] {"--limit", "SELECT 1 AS a", "--limit"},
        new String[] {"--limit", "ten", "SELECT 1 AS a"},
        new String[] {"--conf", "spark.master", "SELECT 1 AS a"},
        new String[] {"SELECT 1 AS a", "--env"})) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int rc = io.onecustomer.jobs.tools.SqlShell.run(c, new ByteArrayInputStream(new byte[0]),
          new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(2, rc, String.join(" ", c));
      String e = err.toString(StandardCharsets.UTF_8);
      assertTrue(e.startsWith("sql: --") && e.lines().count() == 1, e);
    }
    var usage = org.junit.jupiter.api.Assertions.assertThrows(Main.UsageException.class,
        () -> Main.Args.parse(new String[] {"--job", "nightly", "--run-date", "2026-05-01", "--conf", "spark.master"}));
    assertTrue(usage.getMessage().startsWith("--conf takes key=value, got 'spark.master'; usage:"), usage.getMessage());
  }
}
