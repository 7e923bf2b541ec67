package io.onecustomer.jobs.it;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.generator.Generator;
import io.onecustomer.generator.GeneratorConfig;
import io.onecustomer.jobs.JobRegistry;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.Runner;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.bronze.FieldType;
import io.onecustomer.jobs.bronze.IngestAudit;
import io.onecustomer.jobs.bronze.SourceEntities;
import io.onecustomer.jobs.bronze.SourceEntity;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input battery: for each of the ten source entities, one day of the generator's
 * clean files plus one file of each hostile kind next to them (empty, zero bytes, no newline at the
 * end, binary garbage, one line of 200 MB, JSON nested 10,000 deep, formula injection, SQL
 * metacharacters, zero-width and right-to-left characters, emoji and full-width digits, a number of
 * 400 digits, years 9999 and 0001, a UTF-8 BOM, CRLF line ends, GBK bytes where UTF-8 is declared,
 * the same file delivered twice). The whole night runs on it; every file reconciles (read =
 * accepted + rejected), every good line is accepted (counted against what the test wrote), every
 * reject has a reason, and the heap stays within the JVM's limit while 2 GB of 200 MB lines pass.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class HostileInputIT {
  static final LocalDate DAY = LocalDate.of(2026, 5, 1);
  static final int BIG_LINE = 200 << 20;
  static final List<String> INJECTIONS = List.of("=cmd|' /C calc'!A0", "x'); DROP TABLE bronze.pos_sales;--",
      "A\u200BB\u200D", "\u202Egnp.exe", "sofa \uD83D\uDECB\uFE0F \uD83D\uDE00", "\uFF21\uFF22\uFF11\uFF12\uFF13");

  static Path root;
  static SparkSession spark;
  static AppConfig cfg;
  /** Landing file name (source/dt=.../name) to the number of its lines that are good. */
  static final Map<String, Long> GOOD = new TreeMap<>();
  /** Landing file name to the reason code its bad lines must carry (when one kind only). */
  static final Map<String, String> CODE = new TreeMap<>();
  static List<JobResult> night;
  static double seconds;
  static long files;
  static long lines;
  static volatile long peakHeap;

  @BeforeAll
  static void runNightOnHostileFiles() throws IOException {
    root = Files.createTempDirectory("onecustomer-hostile-it");
    Path gen = root.resolve("gen");
    // Ten days, so that every entity has lines on the last (tickets follow deliveries); the battery is that day.
    Generator.generate(GeneratorConfig.defaults(gen).withPeople(300).withDays(10).withStart(DAY.minusDays(9)).withSeed(11)
        .withBadRate(0.0));
    Path landing = root.resolve("landing");
    for (SourceEntity e : SourceEntities.ALL) {
      writeBattery(e, gen.resolve("landing"), landing);
    }
    spark = TestSpark.session();
    cfg = TestSpark.config(landing, root.resolve("warehouse"));
    long t0 = System.nanoTime();
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        // The heap in use just after the latest collection of each pool: the live data, not the
        // garbage a throughput collector lets pile up until it must collect.
        long live = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
          if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
            live += pool.getCollectionUsage().getUsed();
          }
        }
        peakHeap = Math.max(peakHeap, live);
        try {
          Thread.sleep(20);
        } catch (InterruptedException x) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    try {
      night = new Runner(spark, cfg, JobRegistry.standard()).runAll(DateRange.of(DAY), Instant.parse("2026-05-02T01:00:00Z"));
    } finally {
      sampler.interrupt();
    }
    seconds = (System.nanoTime() - t0) / 1e9;
    files = GOOD.size();
  }

  @AfterAll
  static void cleanUp() throws IOException {
    try (var s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  // ---------------------------------------------------------------- the battery

  private static void writeBattery(SourceEntity e, Path clean, Path landing) throws IOException {
    Path from = clean.resolve(e.source()).resolve("dt=" + DAY);
    Path dir = Files.createDirectories(landing.resolve(e.source()).resolve("dt=" + DAY));
    Path base = from.resolve(e.entity() + "-00000." + e.format().extension());
    byte[] baseBytes = Files.readAllBytes(base);
    boolean csv = e.format() == SourceEntity.Format.CSV;
    List<String> all = new ArrayList<>(Arrays.asList(new String(baseBytes, StandardCharsets.UTF_8).split("\n")));
    String header = csv ? all.remove(0) : null;
    List<String> good = all.stream().filter(l -> !l.isBlank()).toList();
    String first = good.isEmpty() ? anyLine(e, clean) : good.get(0); // a rare entity (tickets) may have none that day
    int n = 0;
    put(e, dir, n++, baseBytes, good.size(), null);                                       // the clean file
    put(e, dir, n++, utf8(csv ? header + "\n" : "\n"), 0, null);                           // empty
    put(e, dir, n++, new byte[0], 0, null);                                                // zero bytes
    put(e, dir, n++, utf8(csv ? header + "\n" + first : first), 1, null);                  // no final newline
    byte[] garbage = new byte[64 << 10];
    new Random(e.table().hashCode()).nextBytes(garbage);
    put(e, dir, n++, garbage, 0, null);                                                    // binary garbage
    writeBig(e, dir.resolve(name(e, n)), csv ? header : null);                             // one line of 200 MB
    expect(e, dir, n++, 0, "line_too_long");
    String deep = "{\"" + e.fieldNames().get(0) + "\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    put(e, dir, n++, lines(header, deep), 0, csv ? "wrong_column_count" : "malformed_json"); // nested 10,000 deep
    int text = firstOf(e, FieldType.STRING);
    List<String> injected = new ArrayList<>();
    for (String v : INJECTIONS) {
      injected.add(with(e, header, first, text, v));
    }
    put(e, dir, n++, lines(header, injected.toArray(new String[0])), injected.size(), null); // hostile text
    int number = firstOf(e, FieldType.INT, FieldType.LONG, FieldType.DECIMAL);
    if (number >= 0) {
      put(e, dir, n++, lines(header, with(e, header, first, number, "9".repeat(400))), 0, "unparseable_number");
    }
    if (e.eventTimeField() != null) {
      int t = e.fieldNames().indexOf(e.eventTimeField());
      String value = value(e, header, first, t);
      put(e, dir, n++, lines(header, with(e, header, first, t, year(e, t, value, "9999"))), 0, null);
      put(e, dir, n++, lines(header, with(e, header, first, t, year(e, t, value, "0001"))), 0, null);
    }
    byte[] bom = new byte[baseBytes.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(baseBytes, 0, bom, 3, baseBytes.length);
    put(e, dir, n++, bom, good.size(), null);                                              // UTF-8 BOM
    put(e, dir, n++, new String(baseBytes, StandardCharsets.UTF_8).replace("\n", "\r\n")
        .getBytes(StandardCharsets.UTF_8), good.size(), null);                             // CRLF
    byte[] gbk = new String(baseBytes, StandardCharsets.UTF_8).getBytes(Charset.forName("GBK"));
    long ascii = good.stream().filter(l -> l.chars().allMatch(c -> c < 128)).count();
    put(e, dir, n++, gbk, ascii, ascii == good.size() ? null : "invalid_encoding");       // GBK declared as UTF-8
    put(e, dir, n, baseBytes, good.size(), null);                                          // delivered twice
  }

  /** A data line of the entity from any day the generator wrote. */
  private static String anyLine(SourceEntity e, Path clean) throws IOException {
    try (var files = Files.walk(clean.resolve(e.source()))) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith(e.entity() + "-")).sorted().toList()) {
        List<String> ls = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = e.format() == SourceEntity.Format.CSV ? 1 : 0; i < ls.size(); i++) {
          if (!ls.get(i).isBlank()) {
            return ls.get(i);
          }
        }
      }
    }
    throw new AssertionError("the generator wrote no line for " + e.table());
  }

  private static String name(SourceEntity e, int n) {
    return String.format("%s-%05d.%s", e.entity(), n, e.format().extension());
  }

  private static void put(SourceEntity e, Path dir, int n, byte[] content, long good, String code) throws IOException {
    Files.write(dir.resolve(name(e, n)), content);
    expect(e, dir, n, good, code);
  }

  private static void expect(SourceEntity e, Path dir, int n, long good, String code) {
    String key = e.source() + "/dt=" + DAY + "/" + name(e, n);
    GOOD.put(key, good);
    if (code != null) {
      CODE.put(key, code);
    }
  }

  /** A header (or nothing) and one line of 200 MB, written in pieces: the test holds none of it. */
  private static void writeBig(SourceEntity e, Path file, String header) throws IOException {
    byte[] chunk = new byte[1 << 20];
    Arrays.fill(chunk, (byte) 'x');
    try (OutputStream out = Files.newOutputStream(file)) {
      if (header != null) {
        out.write(utf8(header + "\n"));
      }
      out.write(utf8(e.format() == SourceEntity.Format.CSV ? "R," : "{\"" + e.fieldNames().get(0) + "\":\""));
      for (int i = 0; i < BIG_LINE / chunk.length; i++) {
        out.write(chunk);
      }
      out.write(utf8(e.format() == SourceEntity.Format.CSV ? "\n" : "\"}\n"));
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] lines(String header, String... rows) {
    StringBuilder sb = new StringBuilder();
    if (header != null) {
      sb.append(header).append('\n');
    }
    for (String r : rows) {
      sb.append(r).append('\n');
    }
    return utf8(sb.toString());
  }

  private static int firstOf(SourceEntity e, FieldType... types) {
    List<FieldType> ts = List.of(types);
    for (int i = 0; i < e.fields().size(); i++) {
      if (ts.contains(e.fields().get(i).type())) {
        return i;
      }
    }
    return -1;
  }

  static final ObjectMapper JSON = new ObjectMapper();

  private static String value(SourceEntity e, String header, String line, int field) throws IOException {
    if (header == null) {
      var v = JSON.readTree(line).get(e.fieldNames().get(field));
      return v == null || v.isNull() ? "" : v.asText();
    }
    return csvFields(line).get(csvFields(header).indexOf(e.fieldNames().get(field)));
  }

  /** The line with one declared field set to {@code v}, quoted as the format needs. */
  private static String with(SourceEntity e, String header, String line, int field, String v) throws IOException {
    if (header == null) {
      ObjectNode o = (ObjectNode) JSON.readTree(line);
      FieldType t = e.fields().get(field).type();
      if (t == FieldType.EPOCH_MILLIS && v.matches("-?[0-9]+")) {
        o.put(e.fieldNames().get(field), Long.parseLong(v));
      } else {
        o.put(e.fieldNames().get(field), v);
      }
      return JSON.writeValueAsString(o);
    }
    List<String> cols = csvFields(line);
    cols.set(csvFields(header).indexOf(e.fieldNames().get(field)), v);
    List<String> quoted = new ArrayList<>();
    for (String c : cols) {
      quoted.add(c.contains(",") || c.contains("\"") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
    }
    return String.join(",", quoted);
  }

  private static String year(SourceEntity e, int field, String value, String year) {
    if (e.fields().get(field).type() == FieldType.EPOCH_MILLIS) {
      return year.equals("9999") ? "253402214400000" : "-62135596800000";
    }
    return value.replaceFirst("(19|20)[0-9]{2}", year);
  }

  private static List<String> csvFields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean q = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (q) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          q = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        q = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  // ---------------------------------------------------------------- checks

  private static String relative(String sourceFile) {
    int i = sourceFile.indexOf("/landing/");
    return sourceFile.substring(i + "/landing/".length());
  }

  @Test
  void theNightCompletesAndEveryFileReconcilesWithEveryGoodLineAccepted() {
    assertTrue(night.size() > 30, "jobs run: " + night.size());
    Map<String, long[]> audit = new LinkedHashMap<>();
    for (Row r : DeltaWriter.read(spark, IngestAudit.TABLE, cfg.paths().warehouse())
        .where(col(IngestAudit.SOURCE_FILE).isNotNull()).collectAsList()) {
      audit.put(relative(r.getString(r.fieldIndex(IngestAudit.SOURCE_FILE))), new long[] {
          r.getLong(r.fieldIndex(IngestAudit.ROWS_READ)), r.getLong(r.fieldIndex(IngestAudit.ROWS_ACCEPTED)),
          r.getLong(r.fieldIndex(IngestAudit.ROWS_REJECTED))});
    }
    List<String> wrong = new ArrayList<>();
    long read = 0;
    long accepted = 0;
    for (var e : GOOD.entrySet()) {
      long[] a = audit.get(e.getKey());
      if (a == null) {
        if (e.getValue() != 0) {
          wrong.add(e.getKey() + ": no audit row, " + e.getValue() + " good line(s) expected");
        }
        continue;
      }
      read += a[0];
      accepted += a[1];
      if (a[0] != a[1] + a[2]) {
        wrong.add(e.getKey() + ": read " + a[0] + " != accepted " + a[1] + " + rejected " + a[2]);
      }
      if (a[1] != e.getValue()) {
        wrong.add(e.getKey() + ": accepted " + a[1] + ", good lines " + e.getValue());
      }
    }
    lines = read;
    assertEquals(List.of(), wrong);
    long peak = peakHeap; // live heap after collections, sampled every 20 ms during the night
    System.out.printf("hostile battery: %d files (%d entities), %d lines read, %d accepted, %d rejected, night %.1f s,"
            + " live heap after GC at most %d MiB of %d MiB%n", files, SourceEntities.ALL.size(), read, accepted,
        read - accepted, seconds, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    assertTrue(peak < Runtime.getRuntime().maxMemory());
  }

  @Test
  void everyRejectHasAReasonAndEachHostileKindItsCode() {
    List<String> wrong = new ArrayList<>();
    for (SourceEntity e : SourceEntities.ALL) {
      List<Row> rejects = DeltaWriter.read(spark, e.table().rejects(), cfg.paths().warehouse())
          .select("_source_file", "reason_code", "reason").collectAsList();
      for (Row r : rejects) {
        String file = relative(r.getString(0));
        if (r.isNullAt(1) || r.isNullAt(2) || r.getString(2).isBlank()) {
          wrong.add(file + ": a reject without a reason");
        }
        String code = CODE.get(file);
        if (code != null && !code.equals(r.getString(1))) {
          wrong.add(file + ": " + r.getString(1) + " (" + r.getString(2) + "), expected " + code);
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertEquals(1, DeltaWriter.read(spark, SourceEntities.POS_SALES.table().rejects(), cfg.paths().warehouse())
        .where("reason_code = 'implausible_timestamp'").count());
    // A 200 MB line is kept as its first KiB, never whole.
    Row big = DeltaWriter.read(spark, SourceEntities.MARKETPLACE_ORDERS.table().rejects(), cfg.paths().warehouse())
        .where("reason_code = 'line_too_long'").first();
    assertEquals(1024, big.getString(big.fieldIndex("raw_line")).length());
    assertEquals("line_too_long: " + (BIG_LINE + 11) + " bytes with its line end, more than ingest.max-line-bytes = 4194304 (the first 1024"
        + " bytes are kept in raw_line and raw_base64)", big.getString(big.fieldIndex("reason")));
  }

  @Test
  void hostileTextIsKeptAsTextInBronzeAndSilverHoldsEachOrderLineOnce() {
    List<Row> pos = DeltaWriter.read(spark, SourceEntities.POS_SALES.table(), cfg.paths().warehouse())
        .where(col("receipt_no").isin(INJECTIONS.toArray())).select("receipt_no").collectAsList();
    assertEquals(INJECTIONS.stream().sorted().toList(), pos.stream().map(r -> r.getString(0)).sorted().toList());
    // The same files delivered twice (and with BOM, CRLF, ...) are in bronze once per file; silver
    // keys are checked unique before every write, so a finished night is the proof they are once there.
    assertTrue(night.stream().anyMatch(r -> r.jobId().equals("silver_orders")), night.toString());
  }

  // ---------------------------------------------------------------- crashes (kill -9)

  static final Instant NIGHT_STARTED = Instant.parse("2026-05-02T01:00:00Z");

  /**
   * The JVM killed with SIGKILL at six points of a rerun of the night's jobs: mid-write of a bronze
   * table, between a bronze table and its side tables, mid-write of silver, mid-identity
   * resolution, mid-write of a gold snapshot table, mid-erasure. Each command runs in a child JVM
   * (the entry point, as a scheduler starts it) that stops at its point; the test kills it, checks
   * that no other table moved, runs the same command again, and compares the tables it writes with
   * their content before (the uninterrupted run of the same day: reruns are idempotent, and the
   * recovery uses the night's start instant, so even ingestion times match).
   */
  @Test
  @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // last: its erasure removes rows the battery's tests read
  void aProcessKilledAtAnyOfSixPointsLeavesNoTraceAndTheNextRunOfTheCommandRestoresEveryTable() throws Exception {
    JobRegistry reg = JobRegistry.standard();
    String[][] points = {
        {"write:bronze.pos_sales", "bronze_pos_sales"},
        {"bronze_after_table", "bronze_crm_members"},
        {"write:silver.orders", "silver_orders"},
        {io.onecustomer.jobs.identity.IdentityJobs.FAULT_MID_RESOLUTION, "gold_customer_identities"},
        {"write:gold.rfm_segments", "gold_rfm_segments"}};
    List<String> survived = new ArrayList<>();
    for (String[] p : points) {
      io.onecustomer.jobs.Job job = reg.get(p[1]);
      List<io.onecustomer.common.TableId> written = new ArrayList<>(List.of(job.output()));
      job.sideOutputs().forEach(t -> written.add(t.id()));
      Map<io.onecustomer.common.TableId, List<String>> before = contents(written);
      Map<String, Set<String>> commitsBefore = commits();

      long killedAfterMs = killAt(p[0], "--job", p[1], "--run-date", DAY.toString());

      // Nothing but the command's own tables moved; a mid-write kill committed nothing at all.
      Map<String, Set<String>> commitsAfter = commits();
      for (var e : commitsAfter.entrySet()) {
        boolean own = written.stream().anyMatch(t -> e.getKey().endsWith("/" + t.layer() + "/" + t.name()));
        if (!own || p[0].startsWith("write:")) {
          assertEquals(commitsBefore.get(e.getKey()), e.getValue(), p[0] + ": " + e.getKey() + " changed");
        }
      }
      new Runner(spark, cfg, reg).run(job, DateRange.of(DAY), NIGHT_STARTED);
      assertEquals(before, contents(written), p[0] + ": the rerun restores " + written);
      survived.add(p[0] + " (killed after " + killedAfterMs + " ms)");
    }

    // Mid-erasure: the request stays pending; the next run of the command completes it.
    Path idFile = root.resolve("erase-id.txt");
    Row member = DeltaWriter.read(spark, io.onecustomer.common.Tables.SILVER_MEMBERS, cfg.paths().warehouse())
        .where(col("member_id").isNotNull()).orderBy("member_id").first();
    String memberId = member.getString(member.fieldIndex("member_id"));
    Files.writeString(idFile, "member_id:" + memberId + "\n");
    long ms = killAt(io.onecustomer.jobs.erasure.Erasure.FAULT_AFTER_BRONZE, "--job", "erase", "--identifier-file",
        idFile.toString());
    assertEquals(List.of("pending"), DeltaWriter.read(spark, io.onecustomer.jobs.erasure.Erasure.OPS_ERASURE_LOG,
        cfg.paths().warehouse()).select("status").collectAsList().stream().map(r -> r.getString(0)).toList());
    assertTrue(DeltaWriter.read(spark, io.onecustomer.common.Tables.SILVER_MEMBERS, cfg.paths().warehouse())
        .where(col("member_id").equalTo(memberId)).count() > 0, "killed before silver");
    // What every command does first: complete what an earlier run left pending.
    assertEquals(1, new io.onecustomer.jobs.erasure.Erasure(spark, cfg).completePending().size());
    assertEquals(List.of("done", "pending"), DeltaWriter.read(spark, io.onecustomer.jobs.erasure.Erasure.OPS_ERASURE_LOG,
        cfg.paths().warehouse()).select("status").orderBy("status").collectAsList().stream().map(r -> r.getString(0))
        .toList(), "pending, then done");
    assertEquals(List.of(), new io.onecustomer.jobs.erasure.Erasure(spark, cfg).completePending(), "nothing left");
    assertEquals(0, DeltaWriter.read(spark, io.onecustomer.common.Tables.SILVER_MEMBERS, cfg.paths().warehouse())
        .where(col("member_id").equalTo(memberId)).count(), "erasure reached silver after the kill");
    survived.add(io.onecustomer.jobs.erasure.Erasure.FAULT_AFTER_BRONZE + " (killed after " + ms + " ms)");
    System.out.println("kill points survived: " + survived);
    assertEquals(6, survived.size());
  }

  /** The tables' rows, every column included: the recovery runs with the night's start instant. */
  static Map<io.onecustomer.common.TableId, List<String>> contents(List<io.onecustomer.common.TableId> tables) {
    return TableContents.of(spark, cfg.paths().warehouse(), tables, Set.of());
  }

  /** The commit files of every table in the warehouse, by table folder. */
  static Map<String, Set<String>> commits() throws IOException {
    Map<String, Set<String>> m = new TreeMap<>();
    try (var s = Files.walk(Path.of(cfg.paths().warehouse()))) {
      s.filter(f -> f.getFileName().toString().endsWith(".json") && f.getParent().getFileName().toString().equals("_delta_log"))
          .forEach(f -> m.computeIfAbsent(f.getParent().getParent().toString(), k -> new java.util.TreeSet<>())
              .add(f.getFileName().toString()));
    }
    return m;
  }

  /**
   * Runs the entry point with {@code args} in a child JVM told to stop at {@code point}, waits until
   * it is there and kills it with SIGKILL; returns how long it ran.
   */
  static long killAt(String point, String... args) throws Exception {
    Path marker = root.resolve("reached-" + point.replaceAll("[^A-Za-z0-9]", "_"));
    Files.deleteIfExists(marker);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-") || a.startsWith("-Xmx") || a.startsWith("-XX:")).forEach(cmd::add);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
        "-D" + io.onecustomer.common.FaultPoints.PROPERTY + "=" + point,
        "-D" + io.onecustomer.common.FaultPoints.MODE + "=pause",
        "-D" + io.onecustomer.common.FaultPoints.MARKER + "=" + marker,
        "io.onecustomer.jobs.Main"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--conf", "paths.landing=" + cfg.paths().landing(), "--conf",
        "paths.warehouse=" + cfg.paths().warehouse(), "--conf", "catalog.type=in-memory", "--conf",
        "identity.hash-key-required=false", "--conf", "runner.parallelism=1"));
    Path log = root.resolve("child-" + point.replaceAll("[^A-Za-z0-9]", "_") + ".log");
    long t0 = System.nanoTime();
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + 240_000_000_000L;
    while (!Files.exists(marker)) {
      if (!child.isAlive()) {
        throw new AssertionError(point + ": the child exited (" + child.exitValue() + ") before the point:\n"
            + tail(log));
      }
      if (System.nanoTime() > deadline) {
        child.destroyForcibly();
        throw new AssertionError(point + ": not reached in 240 s:\n" + tail(log));
      }
      Thread.sleep(50);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
    assertEquals(137, child.waitFor(), point + ": killed by SIGKILL");
    return ms;
  }

  static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
