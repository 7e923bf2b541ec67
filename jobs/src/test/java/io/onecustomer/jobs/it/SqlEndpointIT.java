package io.onecustomer.jobs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.delta.CatalogSync;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.customer.CustomerColumns;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL endpoint as a BI tool meets it: {@code SqlServer} (bin/serve) in its own JVM on the
 * shipped jar, a Hive JDBC client in this one. Every table of the warehouse reads over JDBC with
 * the content Delta holds, comments come through the driver's metadata calls, time travel works,
 * and nightly jobs run (and bin/sql answers) in other processes while a JDBC session stays open.
 */
class SqlEndpointIT {
  @TempDir Path tmp;

  @Test
  void everyTableReadsOverJdbcWithCommentsAndTimeTravelWhileANightRunsBeside() throws Exception {
    Path landing = Launched.writeLanding(tmp);
    Path conf = Launched.writeConfig(tmp, landing);
    Path warehouse = tmp.resolve("warehouse");
    Phases phases = new Phases();
    Launched.Result night1 = Launched.java(Launched.withShadedJar(), "io.onecustomer.jobs.Main", tmp,
        "--job", "nightly", "--run-date", "2026-05-01", "--config", conf.toString(), "--conf", "spark.master=local[2]");
    assertEquals(0, night1.code(), night1.err());
    phases.end("first night");

    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Launched.Started server = Launched.start(Launched.withShadedJar(), "io.onecustomer.jobs.tools.SqlServer", tmp,
        "launch-it-key", "--config", conf.toString(), "--conf", "spark.master=local[2]", "--port", Integer.toString(port),
        "--refresh-seconds", "2");
    try {
      String ready = Launched.awaitLine(server, "onecustomer SQL endpoint ready", 180);
      phases.end("endpoint up");
      System.out.println("endpoint: " + ready);
      assertTrue(ready.contains("jdbc:hive2://127.0.0.1:" + port + "/gold"), ready);

      try (Connection c = DriverManager.getConnection("jdbc:hive2://127.0.0.1:" + port + "/gold", "analyst", "")) {
        SparkSession spark = TestSpark.session();
        // Every table a night wrote: the same rows over JDBC as in the Delta table (each row as JSON
        // by the same Spark function on both sides), and every column readable by the driver.
        List<TableId> tables = CatalogSync.discover(spark, warehouse.toString());
        assertEquals(tables.stream().map(TableId::qualified).sorted().toList(), tables(c),
            "the endpoint lists every Delta table under the warehouse");
        assertTrue(tables.contains(CustomerColumns.GOLD_CUSTOMERS) && tables.contains(Tables.SILVER_ORDERS), tables.toString());
        for (TableId t : tables) {
          List<String> delta = new ArrayList<>(spark.read().format("delta").load(t.path(warehouse.toString()))
              .select(functions.to_json(functions.struct(functions.col("*")))).as(Encoders.STRING()).collectAsList());
          List<String> jdbc = rows(c, "SELECT to_json(struct(*)) FROM " + t.qualified());
          delta.sort(null);
          jdbc.sort(null);
          assertEquals(delta, jdbc, t + " over JDBC");
          rows(c, "SELECT * FROM " + t.qualified() + " LIMIT 20");
        }
        phases.end(tables.size() + " tables compared");

        // Comments as a BI tool's schema browser asks for them.
        String customers = CustomerColumns.GOLD_CUSTOMERS.path(warehouse.toString());
        StructField customerId = spark.read().format("delta").load(customers).schema().apply("customer_id");
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet cols = md.getColumns(null, "gold", "customers", "customer_id")) {
          assertTrue(cols.next(), "gold.customers.customer_id not in getColumns");
          assertEquals(customerId.getComment().get(), cols.getString("REMARKS"));
          assertFalse(cols.getString("REMARKS").isBlank());
        }
        try (ResultSet t = md.getTables(null, "gold", "customers", null)) {
          assertTrue(t.next(), "gold.customers not in getTables");
          assertEquals(spark.sql("DESCRIBE DETAIL delta.`" + customers + "`")
              .select("description").first().getString(0), t.getString("REMARKS"));
          assertFalse(t.getString("REMARKS").isBlank());
        }
        // Time travel: the first version of silver.orders held the night's two good lines.
        assertEquals(List.of("2"), rows(c, "SELECT count(*) FROM silver.orders VERSION AS OF 0"));
        // A date's min/max as BI tools ask for it (Delta would answer it from statistics, which
        // failed in the Thrift server's sessions).
        assertEquals(List.of("2026-05-01\t2026-05-01\t2"),
            rows(c, "SELECT min(order_date), max(order_date), count(*) FROM silver.orders"));

        // The second night's POS jobs in other processes while this session stays open: they write
        // through the Derby catalog the server does not hold, and the open session sees their rows.
        Path pos2 = Files.createDirectories(landing.resolve("pos/dt=2026-05-02"));
        Files.writeString(pos2.resolve("sales-00000.csv"), String.join("\n",
            "receipt_no,line_no,store_id,sale_time,member_card,phone,store_sku,qty,unit_price,discount,line_amount,pay_type",
            "R4,1,S01,2026/05/02 10:00,MC00000001,13812345678,ST-000001,3,10.00,0,30.00,CASH") + "\n");
        for (String job : List.of("bronze_pos_sales", "silver_orders")) {
          Launched.Result r = Launched.java(Launched.withShadedJar(), "io.onecustomer.jobs.Main", tmp,
              "--job", job, "--run-date", "2026-05-02", "--config", conf.toString(), "--conf", "spark.master=local[2]");
          assertEquals(0, r.code(), job + ": " + r.err());
        }
        phases.end("two jobs of the second night beside the session");
        assertEquals(List.of("3\t60.00"), rows(c, "SELECT count(*), sum(net_amount) FROM silver.orders"));
        Launched.Result sql = Launched.java(Launched.withShadedJar(), "io.onecustomer.jobs.tools.SqlShell", tmp,
            "--config", conf.toString(), "--conf", "spark.master=local[1]", "--tsv", "SELECT count(*) AS n FROM silver.orders");
        assertEquals(0, sql.code(), sql.err());
        assertEquals("n\n3\n", sql.out());
        phases.end("bin/sql beside the server");
        assertEquals(List.of("2"), rows(c, "SELECT count(*) FROM silver.orders VERSION AS OF 0"));
      }
      assertTrue(server.process().isAlive(), Files.readString(server.err()));
      System.out.println("SqlEndpointIT phases: " + phases);
    } finally {
      server.process().destroy();
      if (!server.process().waitFor(30, TimeUnit.SECONDS)) {
        server.process().destroyForcibly();
      }
    }
  }

  @Test
  void aBadArgumentIsAUsageErrorNamingIt() throws Exception {
    Launched.Result r = Launched.java(Launched.withShadedJar(), "io.onecustomer.jobs.tools.SqlServer", tmp,
        "--port", "http");
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals("serve: --port must be a whole number between 0 and 65535, got 'http'\n", r.err());
  }

  /** Seconds per phase, for the log. */
  private static final class Phases {
    private final StringBuilder done = new StringBuilder();
    private long start = System.nanoTime();

    void end(String phase) {
      long now = System.nanoTime();
      done.append(done.length() == 0 ? "" : ", ").append(phase).append(String.format(" %.0f s", (now - start) / 1e9));
      start = now;
    }

    @Override
    public String toString() {
      return done.toString();
    }
  }

  /** Every table the endpoint lists, as layer.name, from the driver's metadata (as BI tools do). */
  private static List<String> tables(Connection c) throws SQLException {
    TreeSet<String> out = new TreeSet<>();
    try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
      }
    }
    return new ArrayList<>(out);
  }

  /** A query's rows, each as its cells' values joined by tabs (null as \N). */
  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData m = rs.getMetaData();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= m.getColumnCount(); i++) {
          Object v = rs.getObject(i); // typed, as a BI tool reads a column
          cells.add(v == null ? "\\N" : String.valueOf(v));
        }
        out.add(String.join("\t", cells));
      }
    }
    return out;
  }
}
