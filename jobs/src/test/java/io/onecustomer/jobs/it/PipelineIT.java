package io.onecustomer.jobs.it;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.CatalogSync;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.generator.Generator;
import io.onecustomer.generator.GeneratorConfig;
import io.onecustomer.jobs.JobRegistry;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.Runner;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.bronze.IngestAudit;
import io.onecustomer.jobs.identity.Hmac;
import io.onecustomer.jobs.identity.IdentityColumns;
import io.onecustomer.jobs.identity.IdentityScorer;
import io.onecustomer.common.spark.Cols;
import io.onecustomer.jobs.bronze.SourceEntities;
import io.onecustomer.jobs.bronze.SourceEntity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on generated data, checked against the generator's truth: a backfill of
 * three days in one pass per job, then an ordinary nightly run for the fourth.
 */
class PipelineIT {
  static final LocalDate START = LocalDate.of(2026, 5, 20);
  static final int DAYS = 4;
  static final LocalDate LAST = START.plusDays(DAYS - 1);
  static final Set<String> ORDER_ENTITIES = Set.of("marketplace/orders", "miniprogram/orders", "pos/sales", "distributor/sellout");

  static Path root;
  static Path out;
  static SparkSession spark;
  static AppConfig cfg;
  static Runner runner;
  static List<Truth.BadRow> bad;

  @BeforeAll
  static void runPipeline() throws IOException {
    root = Files.createTempDirectory("onecustomer-pipeline-it");
    out = root.resolve("gen");
    Generator.generate(GeneratorConfig.defaults(out).withPeople(600).withDays(DAYS).withStart(START)
        .withSeed(7).withBadRate(0.08)); // seed 7 at 8%: every reject kind plus duplicates and unknown SKUs in order files
    bad = Truth.badRows(out);
    spark = TestSpark.session();
    cfg = TestSpark.config(out.resolve("landing"), root.resolve("warehouse"));
    runner = new Runner(spark, cfg, JobRegistry.standard());
    Instant t = Instant.parse("2026-06-01T00:00:00Z");
    runner.runAll(new DateRange(START, LAST.minusDays(1)), t);
    idsAfterBackfill = customerIdByHash();
    runner.runAll(DateRange.of(LAST), t);
  }

  static Map<String, String> idsAfterBackfill;

  static Map<String, String> customerIdByHash() {
    Map<String, String> m = new HashMap<>();
    table(IdentityColumns.GOLD_CUSTOMER_IDENTITIES).select("id_type", "id_hash", "customer_id").collectAsList()
        .forEach(r -> m.put(r.getString(0) + ":" + r.getString(1), r.getString(2)));
    return m;
  }

  @Test
  void identityResolutionMeetsThePrecisionAndRecallTargetsAgainstTruth() {
    IdentityScorer.Score s = IdentityScorer.score(spark, table(IdentityColumns.GOLD_CUSTOMER_IDENTITIES),
        table(Tables.SILVER_IDENTIFIERS), out.resolve("truth"), Hmac.fromConfig(cfg), cfg.identity().weakTypes());
    System.out.println("identity score: " + s);
    assertTrue(s.scoredIdentifiers() > 500, s.toString());
    assertTrue(s.precision() >= 0.999, s.toString());
    assertTrue(s.reachableRecall() >= 0.99, s.toString());
  }

  @Test
  void guardedIdentifiersNeverEnterTheGraph() {
    Dataset<Row> audit = table(IdentityColumns.OPS_IDENTITY_AUDIT).where(col("snapshot_date").equalTo(java.sql.Date.valueOf(LAST)));
    // Every placeholder or malformed identifier the channels sent is audited, and none is in gold.
    List<String> values = new ArrayList<>();
    cfg.identity().blockedValues().forEach(v -> values.add(v));
    Dataset<Row> suspicious = table(Tables.SILVER_IDENTIFIERS)
        .where(org.apache.spark.sql.functions.concat(col("id_type"), org.apache.spark.sql.functions.lit(":"), col("id_value"))
            .isin(values.toArray()).or(col("is_valid").equalTo(false)))
        .where(col("id_type").notEqual("phone_masked"))
        .select("id_type", "id_value").distinct()
        .withColumn("id_hash", Hmac.fromConfig(cfg).hash(org.apache.spark.sql.functions.concat(col("id_type"),
            org.apache.spark.sql.functions.lit(":"), col("id_value"))));
    assertEquals(0, suspicious.join(audit, Cols.seq("id_type", "id_hash"), "left_anti").count(),
        "every placeholder or malformed identifier is audited");
    assertEquals(0, audit.join(table(IdentityColumns.GOLD_CUSTOMER_IDENTITIES), Cols.seq("id_type", "id_hash")).count());
  }

  @Test
  void customerIdsSurviveTheNextNight() {
    Map<String, String> now = customerIdByHash();
    long both = 0;
    long same = 0;
    for (Map.Entry<String, String> e : idsAfterBackfill.entrySet()) {
      String n = now.get(e.getKey());
      if (n != null) {
        both++;
        same += n.equals(e.getValue()) ? 1 : 0;
      }
    }
    assertTrue(both > 500, "identifiers in both nights: " + both);
    assertTrue(same >= 0.99 * both, same + " of " + both + " identifiers kept their customer_id");
    // Every change is in gold.customer_id_history for the night, so users can follow it.
    Set<String> changed = new TreeSet<>();
    for (Map.Entry<String, String> e : idsAfterBackfill.entrySet()) {
      String n = now.get(e.getKey());
      if (n != null && !n.equals(e.getValue())) {
        changed.add(e.getValue() + "->" + n);
      }
    }
    Set<String> history = table(IdentityColumns.GOLD_CUSTOMER_ID_HISTORY).where(col("run_date").equalTo(java.sql.Date.valueOf(LAST)))
        .collectAsList().stream().map(r -> r.getString(r.fieldIndex("old_customer_id")) + "->" + r.getString(r.fieldIndex("new_customer_id")))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(changed, history);
  }

  @Test
  void goldTablesHoldNoRawPhoneEmailOrName() throws IOException {
    Set<String> raw = new HashSet<>();
    for (String line : Files.readAllLines(out.resolve("truth").resolve("people.csv")).subList(1, 200)) {
      String[] c = line.split(",", -1);
      raw.add(c[1]);
      raw.add(c[1].substring(3));
      if (!c[2].isEmpty()) {
        raw.add(c[2]);
      }
    }
    for (TableId t : CatalogSync.discover(spark, cfg.paths().warehouse())) {
      if (!t.layer().equals(Tables.GOLD) && !t.equals(IdentityColumns.OPS_IDENTITY_AUDIT)) {
        continue;
      }
      for (Row r : table(t).collectAsList()) {
        for (int i = 0; i < r.length(); i++) {
          Object v = r.get(i);
          if (v instanceof String str) {
            for (String x : raw) {
              assertFalse(str.contains(x), t + " holds a raw identifier in column " + r.schema().fields()[i].name());
            }
          }
        }
      }
    }
  }

  @AfterAll
  static void cleanUp() throws IOException {
    try (var s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static String relative(String sourceFile) {
    int i = sourceFile.indexOf("/landing/");
    return sourceFile.substring(i + "/landing/".length());
  }

  static Dataset<Row> table(TableId t) {
    return DeltaWriter.read(spark, t, cfg.paths().warehouse());
  }

  @Test
  void everyLandingFileReconcilesReadAcceptedAndRejected() throws IOException {
    Map<String, Long> rejectsPerFile = bad.stream().filter(b -> b.expected().equals("reject"))
        .collect(Collectors.groupingBy(Truth.BadRow::file, Collectors.counting()));
    Map<String, Row> audit = new HashMap<>();
    for (Row r : table(Tables.OPS_INGEST_AUDIT).where(col(IngestAudit.SOURCE_FILE).isNotNull()).collectAsList()) {
      audit.put(relative(r.getString(r.fieldIndex(IngestAudit.SOURCE_FILE))), r);
    }
    List<Truth.FileCount> manifest = Truth.manifest(out);
    assertEquals(manifest.size(), audit.size(), "one audit row per landing file");
    for (Truth.FileCount f : manifest) {
      Row a = audit.get(f.file());
      assertTrue(a != null, "no audit row for " + f.file());
      long read = a.getLong(a.fieldIndex(IngestAudit.ROWS_READ));
      long ok = a.getLong(a.fieldIndex(IngestAudit.ROWS_ACCEPTED));
      long rej = a.getLong(a.fieldIndex(IngestAudit.ROWS_REJECTED));
      assertEquals(f.lines(), read, f.file());
      assertEquals(read, ok + rej, f.file());
      assertEquals(rejectsPerFile.getOrDefault(f.file(), 0L), rej, f.file());
    }
  }

  @Test
  void everyPlantedBadRowIsRejectedWithItsReasonAndNoGoodRowIs() {
    Set<String> expected = new TreeSet<>();
    bad.stream().filter(b -> b.expected().equals("reject"))
        .forEach(b -> expected.add(b.file() + ":" + b.line() + ":" + b.reason()));
    assertTrue(expected.size() >= 20, "the generator planted too few bad rows to mean anything: " + expected.size());
    Set<String> kinds = bad.stream().filter(b -> b.expected().equals("reject")).map(Truth.BadRow::reason)
        .collect(Collectors.toSet());
    assertTrue(kinds.containsAll(Set.of("malformed_json", "wrong_column_count", "unparseable_number",
        "unparseable_timestamp", "negative_quantity", "future_timestamp", "invalid_encoding")), kinds.toString());

    Set<String> actual = new TreeSet<>();
    for (SourceEntity e : SourceEntities.ALL) {
      TableId rejects = e.table().rejects();
      for (Row r : table(rejects).collectAsList()) {
        actual.add(relative(r.getString(r.fieldIndex("_source_file"))) + ":" + r.getLong(r.fieldIndex("_line_no"))
            + ":" + r.getString(r.fieldIndex("reason_code")));
      }
    }
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(actual);
    Set<String> extra = new TreeSet<>(actual);
    extra.removeAll(expected);
    assertTrue(missing.isEmpty() && extra.isEmpty(), "planted but not rejected so: "
        + missing.stream().limit(20).toList() + "; rejected but not planted so: " + extra.stream().limit(20).toList());
  }

  @Test
  void unknownSkusAreKeptAndFlaggedInSilver() {
    Set<String> expected = bad.stream()
        .filter(b -> b.expected().equals("flag") && ORDER_ENTITIES.contains(b.source() + "/" + b.entity()))
        .map(b -> b.file() + ":" + b.line()).collect(Collectors.toCollection(TreeSet::new));
    assertFalse(expected.isEmpty(), "generator planted no unknown SKU in order files");
    Set<String> flagged = table(Tables.SILVER_ORDERS).where(col("is_unknown_product")).collectAsList().stream()
        .map(r -> relative(r.getString(r.fieldIndex("source_file"))) + ":" + r.getLong(r.fieldIndex("source_line")))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, flagged);
  }

  @Test
  void duplicatesStayInBronzeAndLeaveSilver() {
    List<Truth.BadRow> dups = bad.stream().filter(b -> b.expected().equals("dedupe")).toList();
    assertFalse(dups.isEmpty(), "generator planted no duplicate");
    Dataset<Row> silver = table(Tables.SILVER_ORDERS);
    Set<String> silverLines = silver.collectAsList().stream()
        .map(r -> relative(r.getString(r.fieldIndex("source_file"))) + ":" + r.getLong(r.fieldIndex("source_line")))
        .collect(Collectors.toSet());
    for (Truth.BadRow d : dups) {
      SourceEntity e = SourceEntities.ALL.stream()
          .filter(x -> x.source().equals(d.source()) && x.entity().equals(d.entity())).findFirst().orElseThrow();
      long inBronze = table(e.table()).where(col("_line_no").equalTo(d.line())).collectAsList().stream()
          .filter(r -> relative(r.getString(r.fieldIndex("_source_file"))).equals(d.file())).count();
      assertEquals(1, inBronze, "duplicate line kept in bronze: " + d);
      assertFalse(silverLines.contains(d.file() + ":" + d.line()), "duplicate copy removed from silver: " + d);
      assertTrue(silverLines.contains(d.file() + ":" + (d.line() - 1)), "the original line stays: " + d);
    }
    assertEquals(silver.count(), silver.select("order_line_id").distinct().count(), "order_line_id is unique");
  }

  @Test
  void silverOrdersHoldEveryAcceptedOrderLineOnce() {
    long bronzeLines = 0;
    for (SourceEntity e : List.of(SourceEntities.MARKETPLACE_ORDERS, SourceEntities.MINIPROGRAM_ORDERS,
        SourceEntities.POS_SALES, SourceEntities.DISTRIBUTOR_SELLOUT)) {
      bronzeLines += table(e.table()).count();
    }
    long dups = bad.stream().filter(b -> b.expected().equals("dedupe")).count();
    assertEquals(bronzeLines - dups, table(Tables.SILVER_ORDERS).count());
    assertEquals(0, table(Tables.SILVER_ORDERS).where(col("order_ts").isNull().or(col("net_amount").isNull())).count());
    Set<String> channels = table(Tables.SILVER_ORDERS).select("channel").distinct().collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.toSet());
    assertEquals(Set.of("marketplace", "miniprogram", "pos", "distributor"), channels);
  }

  @Test
  void identifiersAreNormalisedAcrossChannels() {
    Dataset<Row> ids = table(Tables.SILVER_IDENTIFIERS);
    long badPhones = ids.where(col("id_type").equalTo("phone").and(col("is_valid")))
        .where(col("id_value").rlike("^\\+861[0-9]{10}$").unary_$bang()).count();
    assertEquals(0, badPhones);
    assertEquals(0, ids.where(col("id_type").equalTo("email").and(col("id_value").rlike("[A-Z ]"))).count());
    // The same phone is seen by more than one source table (POS/CRM/mini-program/service).
    long shared = ids.where(col("id_type").equalTo("phone").and(col("is_valid")))
        .groupBy("id_value").agg(org.apache.spark.sql.functions.countDistinct("source_table").alias("n"))
        .where(col("n").geq(2)).count();
    assertTrue(shared >= 5, "phones linking several sources: " + shared);
  }

  @Test
  void rerunningANightChangesNothingAndTablesHaveNames() {
    List<TableId> tables = new ArrayList<>(CatalogSync.discover(spark, cfg.paths().warehouse()));
    assertTrue(tables.size() >= 28, tables.toString());
    Map<TableId, List<String>> before = snapshot(tables);

    List<JobResult> again = runner.runAll(DateRange.of(LAST), Instant.parse("2026-06-02T00:00:00Z"));

    assertEquals(JobRegistry.standard().all().size(), again.size());
    assertEquals(before, snapshot(tables));
    assertTrue(spark.catalog().tableExists("silver.orders"));
    assertEquals(table(Tables.SILVER_ORDERS).count(), spark.table("silver.orders").count());
  }

  private static Map<TableId, List<String>> snapshot(List<TableId> tables) {
    Map<TableId, List<String>> m = new HashMap<>();
    for (TableId t : tables) {
      Dataset<Row> d = table(t);
      for (String c : d.columns()) {
        if (c.equals("_ingested_at") || c.equals("ingested_at")) {
          d = d.drop(c);
        }
      }
      m.put(t, d.collectAsList().stream().map(Row::toString).sorted().toList());
    }
    return m;
  }
}
