package io.onecustomer.jobs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.delta.CatalogSync;
import io.onecustomer.generator.Generator;
import io.onecustomer.generator.GeneratorConfig;
import io.onecustomer.jobs.AirflowDags;
import io.onecustomer.jobs.InProcess;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.privacy.KeyMaterial;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production path end to end: a Spark standalone master and two workers on loopback, an
 * S3-compatible server checking request signatures, the shaded jar submitted with spark-submit and
 * {@code --env prod} (conf/prod.conf from inside the jar; paths, endpoint and secrets from the
 * environment), two consecutive nights into one warehouse on {@code s3a://}, the first submitted
 * in client deploy mode and the second in cluster deploy mode, then one task of the Airflow DAG as
 * rendered from the DAG file. The command lines are the ones docs/operations.md shows,
 * read from it and run verbatim. Every bronze, silver and gold table on S3 then equals, by content,
 * the same nights run in local mode over the same files (in this JVM); and no log, event log or table holds the
 * S3 credentials or the hashing key.
 */
class ClusterIT {
  static final LocalDate D1 = LocalDate.of(2026, 5, 1);
  static final LocalDate D2 = D1.plusDays(1);
  static final Path DOCS = Path.of("../docs/operations.md");
  /** When each row was written: the only columns that differ between two runs of the same nights. */
  static final Set<String> WHEN = Set.of("_ingested_at", "ingested_at");

  /**
   * Bronze (appends with rejects and the shared audit table), silver (merges, the product mapping)
   * and gold (alerts from silver): a dependency-closed part of the nightly, 8 of its 41 jobs. The
   * per-job cost on this 2-core cluster (4-8 s: Delta commits and S3 round trips on a driver that
   * shares two cores with the executor, the S3 server, master and workers) keeps the whole nightly
   * (41 jobs, 235 s a night) out of the suite. The test is CPU-bound (1.87 of 2 cores busy on
   * average): each submission runs one executor of two cores, not two of one, because each executor
   * JVM warms up (JIT, generated code) on its own, about 60 CPU-seconds per night for a second one.
   */
  static final String JOBS = String.join(",", "bronze_products_catalog", "bronze_marketplace_orders",
      "bronze_pos_sales", "bronze_crm_members", "silver_products", "silver_orders", "silver_members",
      "gold_price_conflicts");

  /** Kept when the test fails: the processes' logs are the evidence. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp;

  @Test
  void twoNightsOnAStandaloneClusterOverS3EqualALocalRunAndLeakNoSecret() throws Exception {
    assertTrue(new File(Launched.SHADED).isFile(), "shaded jar not built: " + Launched.SHADED);
    Path gen = tmp.resolve("gen");
    Generator.generate(GeneratorConfig.defaults(gen).withPeople(300).withDays(2).withStart(D1).withSeed(17));
    String access = "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    String secret = "s3-" + UUID.randomUUID();
    // From the test JVM's environment (pom.xml), so that the in-process reference run hashes alike.
    String hashKey = System.getenv("ONECUSTOMER_IT_HASH_KEY");
    assertTrue(hashKey != null && hashKey.length() >= 32, "ONECUSTOMER_IT_HASH_KEY (set by failsafe)");
    Path events = Files.createDirectories(tmp.resolve("spark-events"));

    long t0 = System.nanoTime();
    try (S3Server s3 = S3Server.start(Files.createDirectories(tmp.resolve("s3")), access, secret);
        LocalCluster cluster = LocalCluster.start(Files.createDirectories(tmp.resolve("cluster")), 2, 2, "2g")) {
      System.out.printf("cluster-it: S3Proxy and a standalone master with 2 workers up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      s3.createBucket("cdp-landing");
      s3.createBucket("cdp-lake");
      int files = s3.upload(gen.resolve("landing"), "cdp-landing", "landing");
      assertTrue(files >= 20, "landing files uploaded: " + files);

      Map<String, String> env = new LinkedHashMap<>();
      env.put("AWS_ACCESS_KEY_ID", access);
      env.put("AWS_SECRET_ACCESS_KEY", secret);
      env.put("ONECUSTOMER_HASH_KEY", hashKey);
      env.put("ONECUSTOMER_LANDING", "s3a://cdp-landing/landing");
      env.put("ONECUSTOMER_S3_ENDPOINT", s3.endpoint());
      env.put("ONECUSTOMER_S3_REGION", "us-east-1");
      env.put("ONECUSTOMER_S3_PATH_STYLE", "true");
      env.put("ONECUSTOMER_JAR", new File(Launched.SHADED).getAbsolutePath());
      env.put("SPARK_EVENTS", events.toUri().toString());

      // A deployment's site file over the shipped prod.conf: partitions sized for this tiny data set
      // (prod.conf's 400 shuffle partitions made one such night take 15 minutes on this cluster;
      // one partition per executor core, and one for the Delta log's state, keep tasks few).
      Path site = tmp.resolve("site.conf");
      Files.writeString(site, "include classpath(\"conf/prod.conf\")\n"
          + "onecustomer.spark {\n  \"spark.sql.shuffle.partitions\" = \"2\"\n"
          + "  \"spark.databricks.delta.snapshotPartitions\" = \"1\"\n}\n");
      env.put("ONECUSTOMER_CONFIG", site.toString());
      env.put("ONECUSTOMER_WAREHOUSE", "s3a://cdp-lake/warehouse");
      // Night 1 submitted in client deploy mode, night 2 in cluster deploy mode, into one warehouse.
      Map<String, LocalDate> nights = new LinkedHashMap<>();
      nights.put("client", D1);
      nights.put("cluster", D2);
      for (Map.Entry<String, LocalDate> night : nights.entrySet()) {
        String mode = night.getKey();
        LocalDate day = night.getValue();
        String script = jobs(documented("standalone-" + mode));
        Path dir = Files.createDirectories(tmp.resolve("submit-" + mode));
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put("RUN_DATE", day.toString());
        long t = System.nanoTime();
        Launched.Result r = cluster.bash(script, dir, e, 12);
        System.out.printf("cluster-it: night %s in %s deploy mode: exit %d in %.1f s%n", day, mode, r.code(),
            (System.nanoTime() - t) / 1e9);
        assertEquals(0, r.code(), mode + " night " + day + " failed:\n" + tail(r.err()) + "\n" + driverOutput(tmp));
        // In cluster deploy mode spark-submit exits 0 even when the driver fails: the driver's own
        // output (under the worker's folder) is the evidence.
        String out = mode.equals("client") ? r.out() : driverOutput(tmp);
        assertTrue(out.contains("onecustomer: " + JOBS + " for " + day + " finished: " + JOBS.split(",").length + " job(s)"),
            mode + ": " + out);
      }
      // The Airflow DAG's own command line for one task, rendered from the DAG file for night 2 with
      // this cluster's Variables, run as Airflow's BashOperator would: a rerun, so nothing changes.
      AirflowDags.Run dags = AirflowDags.render(tmp, D2.toString(), Map.of(
          "onecustomer_spark_master", cluster.masterUrl(), "onecustomer_jar", env.get("ONECUSTOMER_JAR"),
          "onecustomer_config", site.toString(), "onecustomer_landing", env.get("ONECUSTOMER_LANDING"),
          "onecustomer_submit_options", executorSizes(documented("standalone-client"))));
      assertEquals(0, dags.code(), dags.err());
      String airflowTask = dags.json().get("dags").get("onecustomer_nightly").get("tasks").get("silver_members")
          .get("rendered").get("bash_command").asText();
      System.out.println("cluster-it: running the Airflow task onecustomer_nightly.silver_members: " + airflowTask);
      Path airflowDir = Files.createDirectories(tmp.resolve("submit-airflow"));
      // The Airflow worker's environment: secrets and deployment paths, nothing the command names.
      Map<String, String> worker = new LinkedHashMap<>(env);
      worker.keySet().removeAll(Set.of("ONECUSTOMER_JAR", "ONECUSTOMER_CONFIG", "SPARK_EVENTS"));
      long t1 = System.nanoTime();
      Launched.Result task = cluster.bash(airflowTask, airflowDir, worker, 12);
      double wall = (System.nanoTime() - t1) / 1e9;
      assertEquals(0, task.code(), "the rendered Airflow command failed:\n" + tail(task.err()));
      Matcher ms = Pattern.compile("job=silver_members table=silver.members dates=" + D2 + " .* ms=(\\d+)").matcher(task.out());
      assertTrue(ms.find(), task.out());
      // What one more spark-submit costs: its wall time against the same job inside night 2's
      // submission (warm executors, same data): JVM, session, executors and their warm-up, S3 client.
      Matcher warm = Pattern.compile("job=silver_members table=silver.members dates=" + D2 + " .* ms=(\\d+)").matcher(driverOutput(tmp));
      assertTrue(warm.find(), "silver_members in night 2's driver output");
      System.out.printf("cluster-it: one-job spark-submit %.1f s (the job %.1f s of it); the same job inside the night %.1f s:"
          + " cold start %.1f s%n", wall, Long.parseLong(ms.group(1)) / 1e3, Long.parseLong(warm.group(1)) / 1e3,
          wall - Long.parseLong(warm.group(1)) / 1e3);

      // The cluster ran them: the master saw two finished applications and one finished driver.
      String state = cluster.json();
      assertTrue(state.split("\"state\" : \"FINISHED\"", -1).length - 1 >= 3, "two applications, one driver: " + state);

      // The same nights in local mode over the same files on the local disk, with the same site file:
      // the command line's code path in this JVM (a warm local session), with the same hashing key.
      Path localWarehouse = tmp.resolve("local-warehouse");
      for (LocalDate day : List.of(D1, D2)) {
        long t = System.nanoTime();
        int code = InProcess.run("prod", site.toFile(), Map.of("paths.landing", gen.resolve("landing").toString(),
            "paths.warehouse", localWarehouse.toString(), "catalog.type", "in-memory",
            "identity.hash-key-env", "ONECUSTOMER_IT_HASH_KEY"),
            "--job", JOBS, "--run-date", day.toString());
        assertEquals(0, code, "local night " + day);
        System.out.printf("cluster-it: night %s in local mode: %.1f s%n", day, (System.nanoTime() - t) / 1e9);
      }

      SparkSession spark = TestSpark.session();
      org.apache.hadoop.conf.Configuration h = spark.sparkContext().hadoopConfiguration();
      h.set("fs.s3a.endpoint", s3.endpoint());
      h.set("fs.s3a.endpoint.region", "us-east-1");
      h.set("fs.s3a.path.style.access", "true");
      h.set("fs.s3a.access.key", access);
      h.set("fs.s3a.secret.key", secret);
      List<TableId> tables = CatalogSync.discover(spark, localWarehouse.toString()).stream()
          .filter(t -> !t.layer().equals(Tables.OPS)).toList();
      assertTrue(tables.size() >= 10, "bronze, silver and gold tables: " + tables);
      String onS3 = env.get("ONECUSTOMER_WAREHOUSE");
      List<TableId> remoteTables = CatalogSync.discover(spark, onS3).stream().filter(t -> !t.layer().equals(Tables.OPS)).toList();
      assertEquals(Set.copyOf(tables), Set.copyOf(remoteTables), "tables on S3");
      // Rows name their landing file: compare them relative to the landing folder.
      Map<TableId, List<String>> local = relative(TableContents.of(spark, localWarehouse.toString(), tables, WHEN),
          "file:" + gen.resolve("landing"));
      Map<TableId, List<String>> remote = relative(TableContents.of(spark, onS3, tables, WHEN), env.get("ONECUSTOMER_LANDING"));
      long rows = local.values().stream().mapToLong(List::size).sum();
      for (TableId t : tables) {
        List<String> a = local.get(t);
        List<String> b = remote.get(t);
        assertEquals(a, b, () -> t + " on S3 differs from the local run; only local: "
            + a.stream().filter(x -> !b.contains(x)).limit(3).toList() + ", only on S3: "
            + b.stream().filter(x -> !a.contains(x)).limit(3).toList());
      }
      System.out.printf("cluster-it: %d tables (%d rows) on s3a:// equal the local run's%n", tables.size(), rows);
    }

    // No secret anywhere the runs left: logs of master, workers, drivers and executors, event logs,
    // submit output, and every object on S3 (the tables). The S3 server's own settings hold the keys
    // by necessity and are not searched.
    KeyMaterial material = KeyMaterial.of(hashKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    KeyMaterial credentials = KeyMaterial.secrets(Map.of("AWS access key id", access, "AWS secret key", secret));
    List<String> leaks = new ArrayList<>();
    long[] scanned = new long[2];
    try (var all = Files.walk(tmp)) {
      for (Path f : all.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("s3proxy.")).toList()) {
        if (f.startsWith(tmp.resolve("cluster/spark-home"))) {
          continue; // links to Maven's jars
        }
        byte[] bytes = Files.readAllBytes(f);
        scanned[0]++;
        scanned[1] += bytes.length;
        List<String> found = new ArrayList<>(material.foundIn(bytes));
        found.addAll(credentials.foundIn(bytes));
        if (!found.isEmpty()) {
          leaks.add(tmp.relativize(f) + ": " + found);
        }
      }
    }
    String eventLogs = readAll(events);
    assertTrue(eventLogs.contains("fs.s3a.secret.key"), "the event logs record the Hadoop settings (redacted)");
    System.out.printf("cluster-it: secret scan: %d files, %d bytes: %d with a credential or key material; total %.1f s%n",
        scanned[0], scanned[1], leaks.size(), (System.nanoTime() - t0) / 1e9);
    assertTrue(scanned[0] > 200, "files scanned: " + scanned[0]);
    assertEquals(List.of(), leaks);
  }

  /**
   * The documented command with {@code --job nightly} narrowed to {@link #JOBS}: the same entry
   * point and options, fewer jobs, so that two nights on the cluster fit the suite's time.
   */
  static String jobs(String documented) {
    assertTrue(documented.contains("--job nightly "), documented);
    return documented.replace("--job nightly ", "--job " + JOBS + " ");
  }

  /** The executor sizes of a documented command: the Airflow Variable the test sets names the same. */
  static String executorSizes(String documented) {
    Matcher m = Pattern.compile("--total-executor-cores \\S+ --executor-cores \\S+ --executor-memory \\S+")
        .matcher(documented);
    assertTrue(m.find(), "no executor sizes in " + documented);
    return m.group();
  }

  /** The shell block docs/operations.md marks with {@code <!-- ClusterIT: name -->}. */
  static String documented(String name) throws Exception {
    String doc = Files.readString(DOCS);
    Matcher m = Pattern.compile("<!-- ClusterIT: " + Pattern.quote(name) + " -->\\s*```bash\\n(.*?)```", Pattern.DOTALL)
        .matcher(doc);
    assertTrue(m.find(), "no block '" + name + "' in " + DOCS);
    return m.group(1);
  }

  private static Map<TableId, List<String>> relative(Map<TableId, List<String>> tables, String landing) {
    Map<TableId, List<String>> m = new LinkedHashMap<>();
    tables.forEach((t, rows) -> m.put(t, rows.stream().map(r -> r.replace(landing + "/", "<landing>/")).sorted().toList()));
    return m;
  }

  /** The drivers' standard output under the workers' folders (cluster deploy mode). */
  private static String driverOutput(Path tmp) throws Exception {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.walk(tmp.resolve("cluster"))) {
      for (Path f : files.filter(p -> p.getParent().getFileName().toString().startsWith("driver-")
          && p.getFileName().toString().equals("stdout")).sorted().toList()) {
        sb.append(Files.readString(f));
      }
    }
    return sb.toString();
  }

  private static String readAll(Path dir) throws Exception {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        sb.append(Files.readString(f));
      }
    }
    return sb.toString();
  }

  private static String tail(String s) {
    return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
  }
}
