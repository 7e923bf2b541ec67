package io.onecustomer.jobs.it;

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

/**
 * The shipped artefacts in child JVMs, as users run them: the shaded jar on what a stock Spark 3.5
 * provides, a tiny landing set (one POS day and the product catalogue) and an environment file
 * with the persistent (Derby) catalog. Used by {@link ShippedJarIT} and {@link ClusterIT}.
 */
final class Launched {
  static final String SHADED = "target/onecustomer-jobs-0.1.0-SNAPSHOT-spark.jar";

  private Launched() {}

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

  /** The stock Spark classpath with the shaded jar first: what spark-submit gives a driver. */
  static List<String> withShadedJar() throws IOException {
    List<String> cp = new ArrayList<>(sparkClasspath());
    cp.add(0, SHADED);
    return cp;
  }

  static Result java(List<String> classpath, String main, Path logDir, String... args) throws Exception {
    return javaWithKey(classpath, main, logDir, "launch-it-key", args);
  }

  static Result javaWithKey(List<String> classpath, String main, Path logDir, String hashKey, String... args)
      throws Exception {
    Started s = start(classpath, main, logDir, hashKey, args);
    // A guard against a hung child, not a speed target: beside ClusterIT's six JVMs on two cores a night
    // here has taken over 5 minutes.
    if (!s.process().waitFor(12, TimeUnit.MINUTES)) {
      s.process().destroyForcibly();
      throw new AssertionError("timed out: " + main + " " + String.join(" ", args));
    }
    return new Result(s.process().exitValue(), Files.readString(s.out()), Files.readString(s.err()));
  }

  /** A child JVM left running (a server); its output goes to the two files. */
  record Started(Process process, Path out, Path err) {}

  static Started start(List<String> classpath, String main, Path logDir, String hashKey, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(System.getProperty("spark.jvm.flags", "").trim().split("\\s+")));
    cmd.add("-Xmx1g");
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classpath));
    cmd.add(main);
    cmd.addAll(Arrays.asList(args));
    Path out = logDir.resolve("out-" + System.nanoTime() + ".txt");
    Path err = logDir.resolve("err-" + System.nanoTime() + ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("ONECUSTOMER_HOME");
    pb.environment().put("ONECUSTOMER_HASH_KEY", hashKey);
    return new Started(pb.start(), out, err);
  }

  /** One POS day (two good lines, one bad) and the product catalogue, for 2026-05-01. */
  static Path writeLanding(Path tmp) throws IOException {
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

  /** An environment file: the landing set, a warehouse under {@code tmp}, the Derby catalog. */
  static Path writeConfig(Path tmp, Path landing) throws IOException {
    Path conf = tmp.resolve("it.conf");
    Files.writeString(conf, "onecustomer {\n  env = \"it\"\n  paths { landing = \"" + landing + "\", warehouse = \""
        + tmp.resolve("warehouse") + "\" }\n  catalog.type = \"hive\"\n  spark {\n"
        + "    \"spark.sql.shuffle.partitions\" = \"2\"\n    \"spark.ui.enabled\" = \"false\"\n"
        + "    \"spark.databricks.delta.snapshotPartitions\" = \"2\"\n  }\n}\n");
    return conf;
  }

  /** Waits for a line starting with {@code prefix} in a started JVM's output; fails when it exits first. */
  static String awaitLine(Launched.Started s, String prefix, int seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      for (String line : Files.readAllLines(s.out())) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      if (!s.process().isAlive()) {
        throw new AssertionError("server exited " + s.process().exitValue() + ": " + Files.readString(s.err()));
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no '" + prefix + "' within " + seconds + " s: " + Files.readString(s.err()));
  }
}
