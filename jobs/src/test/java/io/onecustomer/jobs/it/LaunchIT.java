package io.onecustomer.jobs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped artefacts as users run them, in separate JVMs: the shaded jar under Spark's own
 * spark-submit launcher with only what a stock Spark 3.5 provides on the classpath (no Delta, no
 * --packages), then the SQL shell in a second process finding the tables by name in the
 * persistent (Derby) catalog.
 */
class LaunchIT {
  @TempDir Path tmp;

  /**
   * Also the secret scan: the night hashes identifiers (the POS sale carries a phone and a member
   * card) with Spark's event log on; afterwards no file the run left (event log, warehouse, Delta
   * logs, the catalog's Derby files, the application's stdout and stderr) holds the key or any form
   * of its HMAC pads.
   */
  @Test
  void shadedJarRunsUnderSparkSubmitLeaksNoKeyAndTablesAreQueryableByNameFromAnotherProcess() throws Exception {
    assertTrue(new File(Launched.SHADED).isFile(), "shaded jar not built: " + Launched.SHADED);
    Path conf = Launched.writeConfig(tmp, Launched.writeLanding(tmp));
    List<String> spark = Launched.sparkClasspath();
    String key = "launch-it-" + java.util.UUID.randomUUID();
    Path events = Files.createDirectories(tmp.resolve("spark-events"));

    Launched.Result submit = Launched.javaWithKey(spark, "org.apache.spark.deploy.SparkSubmit", tmp, key,
        "--master", "local[2]", "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + events.toUri(),
        "--class", "io.onecustomer.jobs.Main", Launched.SHADED,
        "--job", "nightly", "--run-date", "2026-05-01", "--config", conf.toString(), "--summary");
    assertEquals(0, submit.code(), submit.err());
    assertTrue(submit.out().contains("job=gold_customer_identities"), submit.out());
    var material = io.onecustomer.jobs.privacy.KeyMaterial.of(key.getBytes(StandardCharsets.UTF_8));
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
    System.out.printf("secret scan: %d files, %d bytes (event log, warehouse, catalog, stdout, stderr): %d with key"
        + " material%n", scanned[0], scanned[1], leaks.size());
    assertEquals(List.of(), leaks, "key material found after scanning " + scanned[0] + " files, " + scanned[1] + " bytes");
    assertTrue(submit.out().contains("job=bronze_pos_sales table=bronze.pos_sales dates=2026-05-01 read=3 written=2 rejected=1"),
        submit.out());
    assertTrue(submit.out().contains("job=silver_orders"), submit.out());
    assertTrue(submit.out().contains("Warehouse: " + tmp.resolve("warehouse")), submit.out());
    // The night's report, from the shaded jar (which must carry the charting library).
    assertTrue(submit.out().contains("onecustomer: report for 2026-05-01 written in"), submit.out() + submit.err());
    String report = Files.readString(tmp.resolve("warehouse/reports/2026-05-01/report.html"));
    assertTrue(report.contains("echarts") && report.length() > 500_000, "report without ECharts: " + report.length());
    assertTrue(submit.out().matches("(?s).*bronze\\.pos_sales\\s+2\\n.*bronze\\.pos_sales__rejects\\s+1\\n.*"), submit.out());

    Launched.Result sql = Launched.java(Launched.withShadedJar(), "io.onecustomer.jobs.tools.SqlShell", tmp, "--config", conf.toString(), "--conf", "spark.master=local[1]", "--tsv",
        "SELECT count(*) AS n, sum(net_amount) AS revenue FROM silver.orders");
    assertEquals(0, sql.code(), sql.err());
    assertEquals("n\trevenue\n2\t30.00\n", sql.out());
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
  void aFailingJobExitsNonZeroNamingJobTableAndCause() throws Exception {
    Path conf = Launched.writeConfig(tmp, Launched.writeLanding(tmp));
    Launched.Result r = Launched.java(Launched.withShadedJar(), "io.onecustomer.jobs.Main", tmp, "--job", "bronze_crm_members", "--run-date", "2026-05-01",
        "--config", conf.toString(), "--conf", "spark.master=local[1]", "--conf", "ingest.missing-source=error");
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("job bronze_crm_members (table bronze.crm_members, dates 2026-05-01) failed"), r.err());
    assertTrue(r.err().contains("crm/dt=2026-05-01"), r.err());
  }
}
