package io.onecustomer.jobs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  static final String SHADED = "target/onecustomer-jobs-0.1.0-SNAPSHOT-spark.jar";

  record Result(int code, String out, String err) {}

  static List<String> sparkClasspath() throws IOException {
    List<String> cp = new ArrayList<>();
    for (String f : List.of("target/spark-classpath.txt", "target/spark-bundled-classpath.txt")) {
      String s = Files.readString(Path.of(f), StandardCharsets.UTF_8).trim();
      if (!s.isEmpty()) {
        cp.addAll(Arrays.asList(s.split(File.pathSeparator)));
      }
    }
    for (String e : cp) {
      assertTrue(!e.contains("delta-spark") && !e.contains("typesafe"), "stock Spark classpath must not carry " + e);
    }
    return cp;
  }

  static Result java(List<String> classpath, String main, Path logDir, String... args) throws Exception {
    return javaWithKey(classpath, main, logDir, "launch-it-key", args);
  }

  static Result javaWithKey(List<String> classpath, String main, Path logDir, String hashKey, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(System.getProperty("spark.jvm.flags", "").trim().split("\\s+")));
    cmd.add("-Xmx1g");
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classpath));
    cmd.add(main);
    cmd.addAll(Arrays.asList(args));
    File out = logDir.resolve("out-" + System.nanoTime() + ".txt").toFile();
    File err = logDir.resolve("err-" + System.nanoTime() + ".txt").toFile();
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("ONECUSTOMER_HOME");
    pb.environment().put("ONECUSTOMER_HASH_KEY", hashKey);
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Result(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
  }

  private Path writeLanding() throws IOException {
    Path landing = tmp.resolve("landing");
    Path pos = landing.resolve("pos/dt=2026-05-01");
    Files.createDirectories(pos);
    Files.writeString(pos.resolve("sales-00000.csv"), String.join("\n",
        "receipt_no,line_no,store_id,sale_time,member_card,phone,store_sku,qty,unit_price,discount,line_amount,pay_type",
        "R1,1,S01,2026/05/01 10:00,MC00000001,13812345678,ST-000001,1,10.00,0,10.00,CASH",
        "R2,1,S01,2026/05/01 11:00,,,ST-000001,2,10.00,0,20.00,CARD",
        "R3,1,S01,2026/05/01 11:00,,,ST-000001,x,10.00,0,20.00,CARD") + "\n");
    Path cat = landing.resolve("products/dt=2026-05-01");
    Files.createDirectories(cat);
    Files.writeString(cat.resolve("catalog-00000.csv"), String.join("\n",
        "product_code,product_name,category,list_price,min_advertised_price,channel,channel_sku,active",
        "P000001,Lamp,lamp,10.00,9.00,pos,ST-000001,Y") + "\n");
    return landing;
  }

  private Path writeConfig(Path landing) throws IOException {
    Path conf = tmp.resolve("it.conf");
    Files.writeString(conf, "onecustomer {\n  env = \"it\"\n  paths { landing = \"" + landing + "\", warehouse = \""
        + tmp.resolve("warehouse") + "\" }\n  catalog.type = \"hive\"\n  spark {\n"
        + "    \"spark.sql.shuffle.partitions\" = \"2\"\n    \"spark.ui.enabled\" = \"false\"\n"
        + "    \"spark.databricks.delta.snapshotPartitions\" = \"2\"\n  }\n}\n");
    return conf;
  }

  /**
   * Also the secret scan: the night hashes identifiers (the POS sale carries a phone and a member
   * card) with Spark's event log on; afterwards no file the run left (event log, warehouse, Delta
   * logs, the catalog's Derby files, the application's stdout and stderr) holds the key or any form
   * of its HMAC pads.
   */
  @Test
  void shadedJarRunsUnderSparkSubmitLeaksNoKeyAndTablesAreQueryableByNameFromAnotherProcess() throws Exception {
    assertTrue(new File(SHADED).isFile(), "shaded jar not built: " + SHADED);
    Path conf = writeConfig(writeLanding());
    List<String> spark = sparkClasspath();
    String key = "launch-it-" + java.util.UUID.randomUUID();
    Path events = Files.createDirectories(tmp.resolve("spark-events"));

    Result submit = javaWithKey(spark, "org.apache.spark.deploy.SparkSubmit", tmp, key,
        "--master", "local[2]", "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + events.toUri(),
        "--class", "io.onecustomer.jobs.Main", SHADED,
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
    assertTrue(submit.out().matches("(?s).*bronze\\.pos_sales\\s+2\\n.*bronze\\.pos_sales__rejects\\s+1\\n.*"), submit.out());

    List<String> withJar = new ArrayList<>(spark);
    withJar.add(0, SHADED);
    Result sql = java(withJar, "io.onecustomer.jobs.tools.SqlShell", tmp, "--config", conf.toString(), "--conf", "spark.master=local[1]", "--tsv",
        "SELECT count(*) AS n, sum(net_amount) AS revenue FROM silver.orders");
    assertEquals(0, sql.code(), sql.err());
    assertEquals("n\trevenue\n2\t30.00\n", sql.out());
  }

  @Test
  void aFailingJobExitsNonZeroNamingJobTableAndCause() throws Exception {
    Path conf = writeConfig(writeLanding());
    List<String> withJar = new ArrayList<>(sparkClasspath());
    withJar.add(0, SHADED);
    Result r = java(withJar, "io.onecustomer.jobs.Main", tmp, "--job", "bronze_crm_members", "--run-date", "2026-05-01",
        "--config", conf.toString(), "--conf", "spark.master=local[1]", "--conf", "ingest.missing-source=error");
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("job bronze_crm_members (table bronze.crm_members, dates 2026-05-01) failed"), r.err());
    assertTrue(r.err().contains("crm/dt=2026-05-01"), r.err());
  }
}
