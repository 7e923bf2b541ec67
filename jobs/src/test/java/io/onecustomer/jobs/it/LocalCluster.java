package io.onecustomer.jobs.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on loopback, as a data team runs one, from the jars Maven already has:
 * a {@code SPARK_HOME} whose {@code jars/} links what a stock Spark 3.5 distribution with
 * hadoop-aws carries (target/spark-classpath.txt), a {@code bin/spark-submit} that runs Spark's own
 * {@code SparkSubmit} the way the distribution's script does, one master and two workers, each its
 * own JVM on 127.0.0.1. Every process's output is kept under {@code root} for the secret scan.
 */
final class LocalCluster implements AutoCloseable {
  private final Path root;
  private final Path sparkHome;
  private final List<Process> processes = new ArrayList<>();
  private final int port;
  private final int webUi;

  private LocalCluster(Path root, Path sparkHome, int port, int webUi) {
    this.root = root;
    this.sparkHome = sparkHome;
    this.port = port;
    this.webUi = webUi;
  }

  /** Assembles SPARK_HOME under {@code root}, starts the master and two workers, waits until both are ALIVE. */
  static LocalCluster start(Path root, int workers, int coresEach, String memoryEach) throws Exception {
    Path home = Files.createDirectories(root.resolve("spark-home"));
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String jar : Launched.sparkClasspath()) {
      Path j = Path.of(jar).toAbsolutePath();
      Path link = jars.resolve(j.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, j);
      }
    }
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path submit = bin.resolve("spark-submit");
    // What the distribution's bin/spark-submit ends in (spark-class -> java ... SparkSubmit), with the
    // Java 17 flags Spark's launcher would add.
    Files.writeString(submit, "#!/usr/bin/env bash\n"
        + "exec \"" + Path.of(System.getProperty("java.home"), "bin", "java") + "\" "
        + System.getProperty("spark.jvm.flags", "").trim() + " -Xmx1g -cp \"$SPARK_HOME/jars/*\""
        + " org.apache.spark.deploy.SparkSubmit \"$@\"\n");
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    LocalCluster c = new LocalCluster(root, home, freePort(), freePort());
    c.daemon("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(c.port),
        "--webui-port", String.valueOf(c.webUi));
    c.awaitJson(s -> s.contains("\"status\" : \"ALIVE\""), 60, "master not ALIVE");
    for (int i = 1; i <= workers; i++) {
      Path work = Files.createDirectories(root.resolve("worker-" + i));
      c.daemon("worker-" + i, "org.apache.spark.deploy.worker.Worker", c.masterUrl(), "--host", "127.0.0.1",
          "--cores", String.valueOf(coresEach), "--memory", memoryEach, "--webui-port", "0", "--work-dir", work.toString());
    }
    c.awaitJson(s -> s.split("\"state\" : \"ALIVE\"", -1).length - 1 >= workers, 90, workers + " workers not ALIVE");
    return c;
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  Path sparkHome() {
    return sparkHome;
  }

  /** The environment every cluster process and every submission gets. */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    // Without it every executor launch fails with "Cannot find any build directories".
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_MASTER", masterUrl());
    return env;
  }

  /** The master's state as JSON (workers, applications, drivers). */
  String json() throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUi + "/json/")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  /** Runs {@code bash -c script} in {@code dir} with the cluster's environment plus {@code env}; waits up to {@code minutes}. */
  Launched.Result bash(String script, Path dir, Map<String, String> env, int minutes) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(dir.toFile());
    Path out = dir.resolve("out-" + System.nanoTime() + ".txt");
    Path err = dir.resolve("err-" + System.nanoTime() + ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove("ONECUSTOMER_HOME");
    pb.environment().putAll(environment());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("timed out after " + minutes + " min: " + script + "\n" + Files.readString(err));
    }
    return new Launched.Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private void daemon(String name, String main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(System.getProperty("spark.jvm.flags", "").trim().split("\\s+")));
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(sparkHome.resolve("jars") + "/*");
    cmd.add(main);
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
        .redirectOutput(root.resolve(name + ".out").toFile()).redirectError(root.resolve(name + ".log").toFile());
    pb.environment().putAll(environment());
    processes.add(pb.start());
  }

  private void awaitJson(java.util.function.Predicate<String> ready, int seconds, String what) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String last = "";
    while (System.nanoTime() < end) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new AssertionError(what + ": a cluster process exited " + p.exitValue() + "; logs under " + root);
        }
      }
      try {
        last = json();
        if (ready.test(last)) {
          return;
        }
      } catch (IOException notYet) {
        // the web UI is not listening yet
      }
      Thread.sleep(300);
    }
    throw new AssertionError(what + " within " + seconds + " s: " + last);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroy); // a worker's drivers and executors
      p.destroy();
    }
    processes.forEach(LocalCluster::awaitExit);
  }

  /** Waits up to 10 s for a process asked to stop, then kills it. */
  static void awaitExit(Process p) {
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
