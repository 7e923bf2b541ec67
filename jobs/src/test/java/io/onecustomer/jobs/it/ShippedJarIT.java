package io.onecustomer.jobs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.delta.CatalogSync;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.customer.CustomerColumns;
import io.onecustomer.jobs.privacy.KeyMaterial;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
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
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped artefacts as users run them, each in its own JVM, on one night: Spark's own
 * spark-submit runs the nightly on the shaded jar with only what a stock Spark 3.5 provides on the
 * classpath (no Delta, no --packages) and its event log on; the SQL shell finds the tables by name
 * in the persistent (Derby) catalog; the SQL endpoint ({@code SqlServer}, bin/serve) serves them
 * to a Hive JDBC client in this JVM while the next night's jobs and the shell run beside it; and
 * afterwards no file any of them left holds the hashing key.
 *
 * <p>One night for all of it: a night in a child JVM costs minutes on two cores, and the endpoint,
 * the shell and the secret scan need nothing but a warehouse a launched night wrote.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShippedJarIT {
  static Path tmp;
  static Path landing;
  static Path conf;
  static Path events;
  /** A fresh key per run, so that the scan cannot match a key some other run left. */
  static final String KEY = "shipped-jar-it-" + UUID.randomUUID();
  static Launched.Result night;
  static double nightSeconds;

  @BeforeAll
  static void aNightUnderSparkSubmit() throws Exception {
    tmp = Files.createTempDirectory("onecustomer-shipped-jar-it");
    assertTrue(new File(Launched.SHADED).isFile(), "shaded jar not built: " + Launched.SHADED);
    landing = Launched.writeLanding(tmp);
    conf = Launched.writeConfig(tmp, landing);
    events = Files.createDirectories(tmp.resolve("spark-events"));
    long t0 = System.nanoTime();
    night = Launched.javaWithKey(Launched.sparkClasspath(), "org.apache.spark.deploy.SparkSubmit", tmp, KEY,
        "--master", "local[2]", "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + events.toUri(),
        "--class", "io.onecustomer.jobs.Main", Launched.SHADED,
        "--job", "nightly", "--run-date", "2026-05-01", "--config", conf.toString(), "--summary");
    nightSeconds = (System.nanoTime() - t0) / 1e9;
  }

  @AfterAll
  static void cleanUp() throws IOException {
    try (var s = Files.walk(tmp)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  @Order(1)
  void theShadedJarRunsANightUnderSparkSubmitAndTheShellFindsItsTablesByName() throws Exception {
    assertEquals(0, night.code(), night.err());
    System.out.printf("the night under spark-submit: %.1f s%n", nightSeconds);
    assertTrue(night.out().contains("job=gold_customer_identities"), night.out());
    assertTrue(night.out().contains("job=bronze_pos_sales table=bronze.pos_sales dates=2026-05-01 read=3 written=2 rejected=1"),
        night.out());
    assertTrue(night.out().contains("job=silver_orders"), night.out());
    assertTrue(night.out().contains("Warehouse: " + tmp.resolve("warehouse")), night.out());
    // The night's report, from the shaded jar (which must carry the charting library).
    assertTrue(night.out().contains("onecustomer: report for 2026-05-01 written in"), night.out() + night.err());
    String report = Files.readString(tmp.resolve("warehouse/reports/2026-05-01/report.html"));
    assertTrue(report.contains("echarts") && report.length() > 500_000, "report without ECharts: " + report.length());
    assertTrue(night.out().matches("(?s).*bronze\\.pos_sales\\s+2\\n.*bronze\\.pos_sales__rejects\\s+1\\n.*"), night.out());

    Launched.Result sql = Launched.javaWithKey(Launched.withShadedJar(), "io.onecustomer.jobs.tools.SqlShell", tmp, KEY,
        "--config", conf.toString(), "--conf", "spark.master=local[1]", "--tsv",
        "SELECT count(*) AS n, sum(net_amount) AS revenue FROM silver.orders");
    assertEquals(0, sql.code(), sql.err());
    assertEquals("n\trevenue\n2\t30.00\n", sql.out());
  }

  /**
   * The SQL endpoint as a BI tool meets it: every table of the warehouse reads over JDBC with the
   * content Delta holds, comments come through the driver's metadata calls, time travel works, and
   * the next night's jobs run (and bin/sql answers) in other processes while a JDBC session stays open.
   */
  @Test
  @Order(2)
  void everyTableReadsOverJdbcWithCommentsAndTimeTravelWhileANightRunsBeside() throws Exception {
    assertEquals(0, night.code(), night.err());
    Path warehouse = tmp.resolve("warehouse");
    Phases phases = new Phases();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Launched.Started server = Launched.start(Launched.withShadedJar(), "io.onecustomer.jobs.tools.SqlServer", tmp,
        KEY, "--config", conf.toString(), "--conf", "spark.master=local[2]", "--port", Integer.toString(port),
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
          Launched.Result r = Launched.javaWithKey(Launched.withShadedJar(), "io.onecustomer.jobs.Main", tmp, KEY,
              "--job", job, "--run-date", "2026-05-02", "--config", conf.toString(), "--conf", "spark.master=local[2]");
          assertEquals(0, r.code(), job + ": " + r.err());
        }
        phases.end("two jobs of the second night beside the session");
        assertEquals(List.of("3\t60.00"), rows(c, "SELECT count(*), sum(net_amount) FROM silver.orders"));
        Launched.Result sql = Launched.javaWithKey(Launched.withShadedJar(), "io.onecustomer.jobs.tools.SqlShell", tmp,
            KEY, "--config", conf.toString(), "--conf", "spark.master=local[1]", "--tsv", "SELECT count(*) AS n FROM silver.orders");
        assertEquals(0, sql.code(), sql.err());
        assertEquals("n\n3\n", sql.out());
        phases.end("bin/sql beside the server");
        assertEquals(List.of("2"), rows(c, "SELECT count(*) FROM silver.orders VERSION AS OF 0"));
      }
      assertTrue(server.process().isAlive(), Files.readString(server.err()));
      System.out.println("endpoint phases: " + phases);
    } finally {
      server.process().destroy();
      if (!server.process().waitFor(30, TimeUnit.SECONDS)) {
        server.process().destroyForcibly();
      }
    }
  }

  /**
   * The secret scan, last: the night hashed identifiers (the POS sale carries a phone and a member
   * card) with Spark's event log on, the endpoint and the next night's jobs ran with the same key;
   * no file any of them left (event log, warehouse, Delta logs, the catalog's Derby files, every
   * process's stdout and stderr) holds the key or any form of its HMAC pads.
   */
  @Test
  @Order(3)
  void noFileAnyOfTheRunsLeftHoldsTheHashingKey() throws Exception {
    assertEquals(0, night.code(), night.err());
    KeyMaterial material = KeyMaterial.of(KEY.getBytes(StandardCharsets.UTF_8));
    List<String> leaks = new ArrayList<>();
    long[] scanned = new long[2];
    try (var files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        List<String> found = material.foundIn(Files.readAllBytes(f));
        scanned[0]++;
        scanned[1] += Files.size(f);
        if (!found.isEmpty()) {
          leaks.add(tmp.relativize(f) + ": " + found);
        }
      }
    }
    try (var ev = Files.list(events)) {
      // The event log holds the hashing queries' plans (where the former form left the key's pads).
      String log = ev.map(f -> {
        try {
          return Files.readString(f);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).reduce("", String::concat);
      assertTrue(log.contains("hmac_sha256("), "no hashing plan in the event log under " + events);
    }
    assertTrue(scanned[0] > 50, "files scanned: " + scanned[0]);
    System.out.printf("secret scan: %d files, %d bytes (event log, warehouse, catalog, every process's stdout and"
        + " stderr): %d with key material%n", scanned[0], scanned[1], leaks.size());
    assertEquals(List.of(), leaks, "key material found after scanning " + scanned[0] + " files, " + scanned[1] + " bytes");
  }

  /** The jar users deploy carries our jobs, Delta and the generator, and no test, benchmark or dev-tool class. */
  @Test
  void theShadedJarHoldsNoTestBenchmarkOrDevToolClasses() throws Exception {
    List<String> ours = new ArrayList<>();
    try (var jar = new java.util.jar.JarFile(Launched.SHADED)) {
      jar.stream().map(java.util.jar.JarEntry::getName).filter(n -> n.startsWith("io/onecustomer/")).forEach(ours::add);
    }
    assertTrue(ours.contains("io/onecustomer/jobs/Main.class") && ours.size() > 300, "our classes: " + ours.size());
    // The dev tools (benchmarks, doc generators) share our package names: find them by their sources.
    List<String> devtools;
    try (var src = Files.walk(Path.of("..", "devtools", "src", "main", "java"))) {
      devtools = src.filter(f -> f.toString().endsWith(".java"))
          .map(f -> Path.of("..", "devtools", "src", "main", "java").relativize(f).toString().replace(".java", "")).toList();
    }
    assertTrue(devtools.size() >= 5, "dev tools: " + devtools);
    List<String> wrong = ours.stream().filter(n -> n.matches(".*(Test|IT|Tests)(\\$.*)?\\.class") || n.contains("/it/")
        || devtools.stream().anyMatch(d -> n.equals(d + ".class") || n.startsWith(d + "$"))).toList();
    assertEquals(List.of(), wrong);
  }

  @Test
  void aFailingJobExitsNonZeroNamingJobTableAndCause(@TempDir Path own) throws Exception {
    Path conf = Launched.writeConfig(own, Launched.writeLanding(own));
    Launched.Result r = Launched.java(Launched.withShadedJar(), "io.onecustomer.jobs.Main", own, "--job", "bronze_crm_members", "--run-date", "2026-05-01",
        "--config", conf.toString(), "--conf", "spark.master=local[1]", "--conf", "ingest.missing-source=error");
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("job bronze_crm_members (table bronze.crm_members, dates 2026-05-01) failed"), r.err());
    assertTrue(r.err().contains("crm/dt=2026-05-01"), r.err());
  }

  @Test
  void aBadArgumentIsAUsageErrorNamingIt(@TempDir Path own) throws Exception {
    Launched.Result r = Launched.java(Launched.withShadedJar(), "io.onecustomer.jobs.tools.SqlServer", own,
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
