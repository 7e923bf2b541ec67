package io.onecustomer.jobs.it;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.CatalogSync;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spark.Cols;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.generator.Generator;
import io.onecustomer.generator.GeneratorConfig;
import io.onecustomer.generator.LateData;
import io.onecustomer.jobs.JobRegistry;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.Runner;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.analytics.alerts.AlertSpecs;
import io.onecustomer.jobs.attribution.AttributionColumns;
import io.onecustomer.jobs.attribution.AttributionTables;
import io.onecustomer.jobs.bronze.IngestAudit;
import io.onecustomer.jobs.bronze.SourceEntities;
import io.onecustomer.jobs.bronze.SourceEntity;
import io.onecustomer.jobs.customer.CustomerColumns;
import io.onecustomer.jobs.erasure.Erasure;
import io.onecustomer.jobs.identity.CustomerKeyed;
import io.onecustomer.jobs.identity.IdentityColumns;
import io.onecustomer.jobs.identity.IdentityResolver;
import io.onecustomer.jobs.identity.IdentityScorer;
import io.onecustomer.jobs.identity.IdentitySpecs;
import io.onecustomer.jobs.privacy.Hmac;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole pipeline on generated data, checked against the generator's truth: a backfill of
 * three days in one pass per job, then an ordinary nightly run for the fourth.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
    LateData.plant(out, 7, 0.3, 0.15);
    bad = Truth.badRows(out);
    corrections = Truth.corrections(out);
    // Files that arrive on the last day are held back from the backfill and delivered before the night.
    late = Truth.lateFiles(out).stream().filter(f -> f.arrivalDt().equals(LAST.toString())).toList();
    Path held = root.resolve("held");
    for (Truth.LateFile f : late) {
      Files.createDirectories(held.resolve(f.file()).getParent());
      Files.move(out.resolve("landing").resolve(f.file()), held.resolve(f.file()));
    }
    spark = TestSpark.session();
    cfg = TestSpark.config(out.resolve("landing"), root.resolve("warehouse"));
    runner = new Runner(spark, cfg, JobRegistry.standard());
    Instant t = Instant.parse("2026-06-01T00:00:00Z");
    runner.runAll(new DateRange(START, LAST.minusDays(1)), t);
    idsAfterBackfill = customerIdByHash();
    for (Truth.LateFile f : late) {
      Files.move(held.resolve(f.file()), out.resolve("landing").resolve(f.file()));
    }
    lastNight = runner.runAll(DateRange.of(LAST), t);
  }

  static List<JobResult> lastNight;
  static List<Truth.Correction> corrections;
  static List<Truth.LateFile> late;

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
        table(Tables.SILVER_IDENTIFIERS), out.resolve("truth"), Hmac.fromConfig(spark, cfg), cfg.identity().weakTypes());
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
        .withColumn("id_hash", Hmac.fromConfig(spark, cfg).hash(org.apache.spark.sql.functions.concat(col("id_type"),
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
      if (!t.layer().equals(Tables.GOLD) && !t.layer().equals(Tables.OPS)) {
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

  @Test
  void theIncrementalNightGivesWhatAFullRebuildFromTheSameStateGives() {
    JobResult resolution = lastNight.stream().filter(r -> r.jobId().equals(IdentitySpecs.CUSTOMER_IDENTITIES.jobId())).findFirst().get();
    assertTrue(resolution.warnings().toString().contains("incremental"), resolution.warnings().toString());
    Hmac hmac = Hmac.fromConfig(spark, cfg);
    String w = cfg.paths().warehouse();
    long before = DeltaWriter.latestTaggedVersionBefore(spark, IdentityColumns.GOLD_CUSTOMER_IDENTITIES, w,
        "snapshot_date=" + LAST);
    Dataset<Row> previous = spark.read().format("delta").option("versionAsOf", before)
        .load(IdentityColumns.GOLD_CUSTOMER_IDENTITIES.path(w)).select("id_type", "id_hash", "customer_id", "first_seen_ts");
    Dataset<Row> obs = table(Tables.SILVER_IDENTIFIERS);
    Dataset<Row> audit = table(IdentityColumns.OPS_IDENTITY_AUDIT).where(col("snapshot_date").equalTo(java.sql.Date.valueOf(LAST)));
    // Guards: re-evaluating only touched identifiers gives the full verdicts.
    Set<String> fullGuards = new TreeSet<>();
    IdentityResolver.guardsFull(obs, cfg.identity()).select(col("id_type"),
            hmac.hash(org.apache.spark.sql.functions.concat(col("id_type"), org.apache.spark.sql.functions.lit(":"),
                col("id_value"))), col("reason_code"), col("records")).collectAsList()
        .forEach(r -> fullGuards.add(r.toString()));
    Set<String> nightGuards = new TreeSet<>();
    audit.select("id_type", "id_hash", "reason_code", "records").collectAsList().forEach(r -> nightGuards.add(r.toString()));
    assertEquals(fullGuards, nightGuards);
    // Resolution: the same identifiers, customers, counts and first/last seen.
    Dataset<Row> full = IdentityResolver.full(obs, audit.select("id_type", "id_hash"), previous, hmac, cfg.identity())
        .identities();
    List<String> cols = List.of("id_type", "id_hash", "customer_id", "records", "first_seen_ts", "last_seen_ts", "sources");
    org.apache.spark.sql.Column[] sel = cols.stream().map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new);
    List<String> expected = full.select(sel).collectAsList().stream().map(Row::toString).sorted().toList();
    List<String> actual = table(IdentityColumns.GOLD_CUSTOMER_IDENTITIES).select(sel).collectAsList().stream()
        .map(Row::toString).sorted().toList();
    assertEquals(expected.size(), actual.size());
    assertEquals(expected, actual);
  }

  @Test
  void goldCustomersHasOneRowPerCustomerAndReconcilesWithSilverOrders() {
    Dataset<Row> customers = table(CustomerColumns.GOLD_CUSTOMERS);
    long ids = table(IdentityColumns.GOLD_CUSTOMER_IDENTITIES).select("customer_id").distinct().count();
    assertEquals(ids, customers.count(), "one row per customer of gold.customer_identities");
    assertEquals(ids, customers.select("customer_id").distinct().count());
    // Every order line is counted once: resolved revenue + unresolved revenue = silver revenue.
    Dataset<Row> keyed = new CustomerKeyed(spark, cfg.paths().warehouse(), LAST, Hmac.fromConfig(spark, cfg)).orders();
    assertEquals(table(Tables.SILVER_ORDERS).count(), keyed.count(), "the lookup neither drops nor duplicates lines");
    java.math.BigDecimal silver = (java.math.BigDecimal) table(Tables.SILVER_ORDERS).agg(
        org.apache.spark.sql.functions.sum("net_amount")).first().get(0);
    java.math.BigDecimal unresolved = (java.math.BigDecimal) keyed.where(col("customer_id").isNull()).agg(
        org.apache.spark.sql.functions.sum("net_amount")).first().get(0);
    java.math.BigDecimal resolved = (java.math.BigDecimal) customers.agg(
        org.apache.spark.sql.functions.sum("revenue")).first().get(0);
    assertEquals(0, silver.compareTo(resolved.add(unresolved)), silver + " = " + resolved + " + " + unresolved);
    // Marketplace and mini-program buyers always carry an id: nearly all their lines resolve
    // (distributor sell-out and anonymous receipts do not, by design).
    Dataset<Row> online = keyed.where(col("channel").isin("marketplace", "miniprogram"));
    long onlineLines = online.count();
    long onlineResolved = online.where(col("customer_id").isNotNull()).count();
    System.out.println("order lines resolved: online " + onlineResolved + "/" + onlineLines + ", revenue resolved "
        + resolved + " of " + silver);
    assertTrue(onlineResolved >= 0.99 * onlineLines, onlineResolved + " of " + onlineLines);
    // Against truth: marketplace lines (truth key = oid) of one customer belong to one person.
    Map<String, String> personOfOid = new HashMap<>();
    try (var files = Files.walk(out.resolve("truth/records/marketplace_orders"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        for (String line : Files.readAllLines(f).subList(1, Files.readAllLines(f).size())) {
          String[] kv = line.split(",", -1);
          personOfOid.put("marketplace:" + kv[0], kv[1]);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, Set<String>> peopleOfCustomer = new HashMap<>();
    keyed.where(col("channel").equalTo("marketplace").and(col("customer_id").isNotNull()))
        .select("customer_id", "order_line_id").collectAsList()
        .forEach(r -> peopleOfCustomer.computeIfAbsent(r.getString(0), k -> new HashSet<>())
            .add(personOfOid.get(r.getString(1))));
    long mixed = peopleOfCustomer.values().stream().filter(p -> p.size() > 1).count();
    assertTrue(peopleOfCustomer.size() > 20, "marketplace customers: " + peopleOfCustomer.size());
    assertTrue(mixed <= peopleOfCustomer.size() / 1000, mixed + " customers mix several people's marketplace orders");
    // Region (home store, else shipping city) against the truth person's region.
    Map<String, String> regionOf = new HashMap<>();
    customers.where(col("region").isNotNull()).select("customer_id", "region").collectAsList()
        .forEach(r -> regionOf.put(r.getString(0), r.getString(1)));
    Map<String, String> idOf = customerIdByHash();
    Hmac hmac = Hmac.fromConfig(spark, cfg);
    int compared = 0;
    int same = 0;
    try {
      for (String line : Files.readAllLines(out.resolve("truth").resolve("people.csv")).subList(1, 601)) {
        String[] c = line.split(",", -1);
        String customer = c[5].isEmpty() ? null : idOf.get("buyer_nick:" + hashOf(hmac, "buyer_nick:" + c[5]));
        if (customer != null && regionOf.containsKey(customer)) {
          compared++;
          same += regionOf.get(customer).equals(c[9]) ? 1 : 0;
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertTrue(compared >= 20 && same >= 0.9 * compared, same + " of " + compared + " regions match the truth");
    // first_order_date counts every order, a cancelled one too (the corrections cancel some).
    long withOrders = customers.where(col("orders").gt(0).or(col("refunded_orders").gt(0))).count();
    assertEquals(withOrders, customers.where(col("first_order_date").isNotNull()).count());
  }

  @Test
  void everyConversionIsCreditedOncePerModelExactlyAndChannelTotalsReconcileWithOrdersAndSpend() {
    Dataset<Row> credits = table(AttributionTables.GOLD_ATTRIBUTION_CREDITS);
    // The conversions: non-cancelled orders of the consumer channels, all four days (backfill and night).
    Dataset<Row> orders = table(Tables.SILVER_ORDERS)
        .where(col("channel").isin(cfg.attribution().conversionChannels().toArray())
            .and(col("status").notEqual("cancelled"))
            .and(col("order_date").between(java.sql.Date.valueOf(START), java.sql.Date.valueOf(LAST))));
    Map<String, java.math.BigDecimal> valueOf = new HashMap<>();
    orders.groupBy(org.apache.spark.sql.functions.concat_ws(":", col("channel"), col("order_id")))
        .agg(org.apache.spark.sql.functions.sum("net_amount")).collectAsList()
        .forEach(r -> valueOf.put(r.getString(0), r.getDecimal(1)));
    assertTrue(valueOf.size() > 50, "conversions: " + valueOf.size());
    // Per conversion and model: credits sum to one conversion and exactly to the order's net value.
    List<Row> perConversion = credits.groupBy("conversion_id", "model")
        .agg(org.apache.spark.sql.functions.sum("credit_conversions"), org.apache.spark.sql.functions.sum("credit_value"),
            org.apache.spark.sql.functions.first("conversion_value"))
        .collectAsList();
    assertEquals(valueOf.size() * AttributionColumns.Models.ALL.size(), perConversion.size(),
        "every conversion once per model");
    for (Row r : perConversion) {
      String id = r.getString(0);
      assertTrue(valueOf.containsKey(id), "credited conversion " + id + " is an order");
      assertEquals(1.0, r.getDouble(2), 1e-9, id + " " + r.getString(1));
      assertEquals(0, valueOf.get(id).compareTo(r.getDecimal(3)), id + " " + r.getString(1) + " " + r.getDecimal(3));
      assertEquals(0, r.getDecimal(4).compareTo(valueOf.get(id)), id + " value");
    }
    // A conversion without any touch (here: every one without a customer) goes to the none-channel, never dropped.
    assertEquals(0, credits.where(col("customer_id").isNull()
        .and(col("channel").notEqual(cfg.attribution().noneChannel()).or(col("path_touches").notEqual(0)))).count());
    assertTrue(credits.where(col("path_touches").gt(0)).count() > 0, "some conversions have touches");
    // The night's data-driven credits were fitted on the trailing window ending that night.
    List<Row> fitted = credits.where(col("conversion_date").equalTo(java.sql.Date.valueOf(LAST)))
        .select("model", "fitted_from", "fitted_to").distinct().collectAsList();
    for (Row r : fitted) {
      boolean dataDriven = AttributionColumns.Models.DATA_DRIVEN.contains(r.getString(0));
      assertEquals(dataDriven ? java.sql.Date.valueOf(LAST.minusDays(cfg.attribution().fitWindowDays() - 1L)) : null,
          r.get(1), r.toString());
      assertEquals(dataDriven ? java.sql.Date.valueOf(LAST) : null, r.get(2), r.toString());
    }
    // gold.channel_attribution: per day and model, value = the day's order value and spend = the day's ad spend.
    Dataset<Row> daily = table(AttributionTables.GOLD_CHANNEL_ATTRIBUTION);
    Map<String, java.math.BigDecimal> orderValueByDay = new HashMap<>();
    orders.groupBy("order_date").agg(org.apache.spark.sql.functions.sum("net_amount")).collectAsList()
        .forEach(r -> orderValueByDay.put(r.get(0).toString(), r.getDecimal(1)));
    Map<String, java.math.BigDecimal> spendByDay = new HashMap<>();
    table(Tables.SILVER_AD_SPEND).groupBy("spend_date").agg(org.apache.spark.sql.functions.sum("cost")).collectAsList()
        .forEach(r -> spendByDay.put(r.get(0).toString(), r.getDecimal(1)));
    List<Row> dayModel = daily.groupBy("attribution_date", "model")
        .agg(org.apache.spark.sql.functions.sum("attributed_value"), org.apache.spark.sql.functions.sum("spend"),
            org.apache.spark.sql.functions.sum("attributed_conversions"))
        .collectAsList();
    assertEquals(DAYS * AttributionColumns.Models.ALL.size(), dayModel.size());
    for (Row r : dayModel) {
      String day = r.get(0).toString();
      assertEquals(0, orderValueByDay.get(day).compareTo(r.getDecimal(2)), day + " " + r.getString(1) + " value");
      assertEquals(0, spendByDay.get(day).compareTo(r.getDecimal(3)), day + " " + r.getString(1) + " spend");
    }
    long spendRows = daily.where(col("spend").gt(0)).count();
    assertTrue(spendRows > 0 && daily.where(col("spend").gt(0).and(col("roas").isNull())).count() == 0);
  }

  /**
   * The current-state tables after the last night, then the same three jobs re-run for the day
   * before it (as "--job ... --run-date <earlier day>" would): nothing moves backwards.
   */
  @Test
  void rerunningAnEarlierDayNeverMovesCurrentStateTablesBackwards() {
    Map<String, String[]> tables = new LinkedHashMap<>();
    tables.put("gold.customer_identities", new String[] {"id_type", "id_hash", "customer_id", "records", "snapshot_date"});
    tables.put("gold.customers", new String[] {"customer_id", "orders", "revenue", "last_order_date"});
    tables.put("gold.customer_orders", new String[] {"channel", "order_id", "customer_id", "net_amount", "order_date"});
    Map<String, List<String>> before = new LinkedHashMap<>();
    tables.forEach((t, cols) -> before.put(t, contents(TableId.parse(t), cols)));
    assertTrue(before.get("gold.customers").stream().anyMatch(r -> r.endsWith("," + LAST)), "a customer ordered on the"
        + " last day, so moving back a day would show");

    JobRegistry three = JobRegistry.standard().only(List.of("gold_customer_identities", "gold_customers",
        "gold_customer_orders"));
    new Runner(spark, cfg, three).runAll(DateRange.of(LAST.minusDays(1)), Instant.parse("2026-06-02T00:00:00Z"));

    tables.forEach((t, cols) -> assertEquals(before.get(t), contents(TableId.parse(t), cols), t));
  }

  static List<String> contents(TableId t, String... cols) {
    return table(t).selectExpr("concat_ws(',', " + String.join(", ", List.of(cols).stream()
            .map(c -> "cast(" + c + " as string)").toList()) + ")").collectAsList().stream()
        .map(r -> r.getString(0)).sorted().toList();
  }

  /**
   * The layers up to the customer picture end the same whatever order the days run in: the same
   * landing files, run into a second warehouse as the last night first, then the second day, then
   * a backfill of the first three days, then the second day again, give every bronze and silver
   * table (rejects included), the current-state gold tables (identities, customers, customer
   * orders), the identity guards' verdicts for the day those are as of, and the three alert tables
   * by day (each run for an earlier day recomputes their later days) the rows of the in-order
   * backfill and night, which met the late file only on the last night. Only the ingestion instant
   * differs. gold.customer_id_history is a log of what each run changed, so it differs by design;
   * the gold tables by day that name customers are not compared yet: see "Order of runs" in
   * docs/operations.md.
   */
  @Test
  @Order(Integer.MAX_VALUE - 1)
  void everyTableUpToTheCustomerPictureEndsTheSameWhateverOrderTheDaysRunIn() {
    List<TableId> tables = new ArrayList<>(CatalogSync.discover(spark, cfg.paths().warehouse()).stream()
        .filter(t -> t.layer().equals(Tables.BRONZE) || t.layer().equals(Tables.SILVER)).toList());
    assertTrue(tables.size() >= 27, "10 bronze tables, their rejects, 7 silver tables: " + tables);
    List<TableId> current = List.of(IdentityColumns.GOLD_CUSTOMER_IDENTITIES, CustomerColumns.GOLD_CUSTOMERS,
        TableId.parse("gold.customer_orders"));
    tables.addAll(current);
    // Gold tables by day whose rows do not name customers: each day's rows depend on the days
    // before it (sales windows of 4 days, distributor price norms of 28), so a day run before its
    // earlier days is wrong until a later run recomputes it forward.
    List<TableSpec> byDay = List.of(AlertSpecs.SALES_ALERTS, AlertSpecs.DISTRIBUTOR_ALERTS, AlertSpecs.PRICE_CONFLICTS);
    byDay.forEach(spec -> tables.add(spec.id()));
    List<String> jobs = JobRegistry.standard().all().stream().map(io.onecustomer.jobs.Job::id)
        .filter(id -> id.startsWith("bronze_") || id.startsWith("silver_")).collect(java.util.stream.Collectors.toList());
    jobs.addAll(List.of(IdentitySpecs.IDENTITY_AUDIT.jobId(), IdentitySpecs.CUSTOMER_IDENTITIES.jobId(),
        IdentitySpecs.CUSTOMER_ID_HISTORY.jobId(), "gold_customers", "gold_customer_orders"));
    byDay.forEach(spec -> jobs.add(spec.jobId()));
    AppConfig shuffled = TestSpark.config(out.resolve("landing"), root.resolve("shuffled"));
    Runner r = new Runner(spark, shuffled, JobRegistry.standard().only(jobs));
    Instant t = Instant.parse("2026-06-05T00:00:00Z");
    LocalDate second = START.plusDays(1);
    try {
      Map<String, List<String>> lastDayFirst = null;
      for (DateRange days : List.of(DateRange.of(LAST), DateRange.of(second), new DateRange(START, LAST.minusDays(1)),
          DateRange.of(second))) {
        List<JobResult> run = r.runAll(days, t);
        assertEquals(jobs.size(), run.size(), days + ": " + run);
        if (lastDayFirst == null) {
          lastDayFirst = lastDay(byDay, shuffled.paths().warehouse());
        }
      }
      // Run first, the last day's alerts missed the days before it; the later runs recomputed them.
      assertFalse(lastDayFirst.equals(lastDay(byDay, cfg.paths().warehouse())),
          "the last day alone must differ from the last day after its earlier days: " + lastDayFirst);
      Set<String> when = Set.of("_ingested_at", "ingested_at");
      Map<TableId, List<String>> inOrder = TableContents.of(spark, cfg.paths().warehouse(), tables, when);
      Map<TableId, List<String>> outOfOrder = TableContents.of(spark, shuffled.paths().warehouse(), tables, when);
      Map<String, List<String>> verdicts = new LinkedHashMap<>();
      for (String w : List.of(cfg.paths().warehouse(), shuffled.paths().warehouse())) {
        verdicts.put(w, DeltaWriter.read(spark, IdentityColumns.OPS_IDENTITY_AUDIT, w)
            .where(col("snapshot_date").equalTo(java.sql.Date.valueOf(LAST))).collectAsList().stream()
            .map(Row::toString).sorted().toList());
      }
      // (Empty in this world of 600 people: no identifier is shared widely enough to be kept out.)
      inOrder.put(IdentityColumns.OPS_IDENTITY_AUDIT, verdicts.get(cfg.paths().warehouse()));
      outOfOrder.put(IdentityColumns.OPS_IDENTITY_AUDIT, verdicts.get(shuffled.paths().warehouse()));
      tables.add(IdentityColumns.OPS_IDENTITY_AUDIT);
      for (TableId table : current) {
        assertTrue(inOrder.get(table).size() > 100, table + " has rows to compare");
      }
      for (TableId table : tables) {
        List<String> a = inOrder.get(table);
        List<String> b = outOfOrder.getOrDefault(table, List.of());
        assertEquals(a, b, () -> table + " depends on the order of runs; only in order: "
            + a.stream().filter(x -> !b.contains(x)).limit(5).toList() + ", only out of order: "
            + b.stream().filter(x -> !a.contains(x)).limit(5).toList());
      }
      System.out.println("order of runs: " + tables.size() + " tables equal after 4 runs out of order ("
          + inOrder.get(IdentityColumns.GOLD_CUSTOMER_IDENTITIES).size() + " identifiers, "
          + inOrder.get(CustomerColumns.GOLD_CUSTOMERS).size() + " customers)");
    } finally {
      // The runs pointed the catalog's names at the second warehouse.
      CatalogSync.registerAll(spark, cfg.paths().warehouse());
    }
  }

  /** The rows of the last day of each table by day, without the ingestion instant. */
  static Map<String, List<String>> lastDay(List<TableSpec> specs, String warehouse) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (TableSpec spec : specs) {
      m.put(spec.qualified(), DeltaWriter.read(spark, spec.id(), warehouse)
          .where(col(spec.dayColumn()).equalTo(java.sql.Date.valueOf(LAST))).collectAsList().stream()
          .map(Row::toString).sorted().toList());
    }
    return m;
  }

  /** Runs last: it removes a person from the warehouse. */
  @Test
  @Order(Integer.MAX_VALUE)
  void erasureRemovesAPersonFromEveryTableAndFromHistoryAndTheyStayOut() throws IOException {
    Hmac hmac = Hmac.fromConfig(spark, cfg);
    Map<String, String> ids = customerIdByHash();
    // A person whose CRM profile and orders resolved to one customer: erase by that customer id,
    // and look for every raw value of theirs that resolved to it.
    Set<String> buyers = new HashSet<>();
    table(CustomerColumns.GOLD_CUSTOMERS).where(col("orders").geq(1).and(col("is_member"))).select("customer_id")
        .collectAsList().forEach(r -> buyers.add(r.getString(0)));
    String customerId = null;
    List<String> raw = new ArrayList<>();
    String[] types = {"phone", "email", "member_id", "card_no", "buyer_nick", "openid", "unionid"};
    for (String line : Files.readAllLines(out.resolve("truth").resolve("people.csv")).subList(1, 600)) {
      String[] c = line.split(",", -1);
      if (c[3].isEmpty() || !c[14].isEmpty()) {
        continue; // a member, without a shared family phone
      }
      String owner = ids.get("member_id:" + hashOf(hmac, "member_id:" + c[3]));
      if (owner == null || !buyers.contains(owner)) {
        continue;
      }
      customerId = owner;
      for (int i = 0; i < types.length; i++) {
        String v = c[i + 1];
        if (!v.isEmpty() && owner.equals(ids.get(types[i] + ":" + hashOf(hmac, types[i] + ":" + v)))) {
          raw.add(i == 0 ? v.substring(3) : v);
        }
      }
      break;
    }
    assertTrue(customerId != null, "a member with orders");
    assertTrue(raw.size() >= 3, raw.toString());
    assertTrue(containsAny(Tables.SILVER_ORDERS, raw) > 0 && containsAny(Tables.BRONZE_CRM_MEMBERS, raw) > 0,
        "the person is in the warehouse before erasure");

    AppConfig now = TestSpark.config(out.resolve("landing"), root.resolve("warehouse"),
        Map.of("onecustomer.erasure.vacuum-retention-hours", "0"));
    // Interrupted after the bronze deletes: the request stays pending, and what the next run does
    // first (completePending) finishes it.
    System.setProperty(io.onecustomer.jobs.Faults.PROPERTY, Erasure.FAULT_AFTER_BRONZE);
    try {
      String c = customerId;
      org.junit.jupiter.api.Assertions.assertThrows(io.onecustomer.jobs.Faults.InjectedFault.class,
          () -> new Erasure(spark, now).erase(Erasure.Request.parse(c, null), Instant.parse("2026-06-03T00:00:00Z")));
    } finally {
      System.clearProperty(io.onecustomer.jobs.Faults.PROPERTY);
    }
    assertEquals(List.of("pending"), table(Erasure.OPS_ERASURE_LOG).select("status").collectAsList().stream()
        .map(r -> r.getString(0)).toList());
    assertEquals(0, containsAny(Tables.BRONZE_CRM_MEMBERS, raw), "bronze went first");
    assertTrue(containsAny(Tables.SILVER_ORDERS, raw) > 0, "silver was not reached");
    List<Erasure.Report> completed = new Erasure(spark, now).completePending();
    assertEquals(1, completed.size());
    Erasure.Report report = completed.get(0);

    assertEquals(customerId, report.customerId());
    assertTrue(report.deleted().containsKey("silver.orders") && report.deleted().containsKey("gold.customers")
        && report.deleted().containsKey("silver.identifiers"), report.toString());
    assertEquals(List.of(), new Erasure(spark, now).completePending(), "nothing left pending");
    for (TableId t : CatalogSync.discover(spark, cfg.paths().warehouse())) {
      if (t.equals(Erasure.OPS_ERASURE_LOG)) {
        continue;
      }
      assertEquals(0, containsAny(t, raw), t + " still holds the person's raw identifiers");
      if (List.of(table(t).columns()).contains("customer_id")) {
        assertEquals(0, table(t).where(col("customer_id").equalTo(customerId)).count(), t + " still has " + customerId);
      }
      // Physically: no data file left in the table's folder (any version) holds them.
      String[] parquet;
      try (var walk = Files.walk(Path.of(t.path(cfg.paths().warehouse())))) {
        parquet = walk.map(Path::toString).filter(f -> f.endsWith(".parquet") && !f.contains("_delta_log"))
            .toArray(String[]::new);
      }
      if (parquet.length > 0) {
        Dataset<Row> files = spark.read().option("mergeSchema", "true")
            .option("basePath", t.path(cfg.paths().warehouse())).parquet(parquet);
        assertEquals(0, files.where(anyText(files, raw)).count(), t + ": a data file still holds the person");
      }
    }
    Row logged = table(Erasure.OPS_ERASURE_LOG).where("status = 'done'").first();
    assertEquals(customerId, logged.getAs("customer_id"));
    assertTrue((Long) logged.getAs("rows_deleted") > 0);
    assertFalse(logged.getList(logged.fieldIndex("landing_files")).isEmpty());

    // The landing files still hold the person: re-running the night brings them back into bronze,
    // but silver and gold keep them out.
    runner.runAll(DateRange.of(LAST), Instant.parse("2026-06-04T00:00:00Z"));
    for (TableId t : List.of(Tables.SILVER_ORDERS, Tables.SILVER_TOUCHPOINTS, Tables.SILVER_MEMBERS,
        Tables.SILVER_IDENTIFIERS, Tables.SILVER_SERVICE_TICKETS)) {
      assertEquals(0, containsAny(t, raw), t + " took the erased person back");
    }
    assertEquals(0, table(CustomerColumns.GOLD_CUSTOMERS).where(col("customer_id").equalTo(customerId)).count());
  }

  static String hashOf(Hmac hmac, String node) {
    return spark.range(1).select(hmac.hash(org.apache.spark.sql.functions.lit(node))).first().getString(0);
  }

  static long containsAny(TableId t, List<String> raw) {
    Dataset<Row> d = table(t);
    return d.where(anyText(d, raw)).count();
  }

  static org.apache.spark.sql.Column anyText(Dataset<Row> d, List<String> raw) {
    org.apache.spark.sql.Column json = org.apache.spark.sql.functions.lower(org.apache.spark.sql.functions.to_json(
        org.apache.spark.sql.functions.struct(java.util.Arrays.stream(d.columns())
            .map(c -> col("`" + c + "`")).toArray(org.apache.spark.sql.Column[]::new))));
    org.apache.spark.sql.Column any = org.apache.spark.sql.functions.lit(false);
    for (String r : raw) {
      if (r.matches("1[0-9]{10}")) { // a phone, in any of the channels' spellings ("138 1234-5678")
        any = any.or(json.rlike("(?<![0-9])" + String.join("[ ()-]{0,2}", r.split("")) + "(?![0-9])"));
      } else {
        any = any.or(json.contains(r.toLowerCase(java.util.Locale.ROOT)));
      }
    }
    return any;
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

  /**
   * Late files and corrections (truth/late_files.csv, truth/corrections.csv): after the night that
   * receives them, silver holds each corrected line's latest version once, bronze keeps both, a
   * late file is in its own day, and the gold tables by day agree with silver on every day, the
   * earlier days the night corrected included (attribution credits: the test above).
   */
  @Test
  void lateFilesAndCorrectionsReachSilverAndEveryDayDownstreamByTheNightThatReceivesThem() {
    List<Truth.Correction> lastNightOnes = corrections.stream()
        .filter(c -> c.arrivalDt().equals(LAST.toString())).toList();
    assertFalse(lastNightOnes.isEmpty(), "a correction arrives on the last night");
    assertFalse(late.isEmpty(), "a late file arrives on the last night");
    assertTrue(corrections.stream().map(Truth.Correction::kind).distinct().count() >= 2, "kinds: " + corrections);

    Map<String, Row> silver = new HashMap<>();
    table(Tables.SILVER_ORDERS).where(col("channel").equalTo("marketplace")).collectAsList()
        .forEach(r -> assertNull(silver.put(r.getString(r.fieldIndex("order_line_id")), r), "one row per line"));
    Dataset<Row> bronze = table(Tables.BRONZE_MARKETPLACE_ORDERS);
    Map<String, Long> bronzeVersions = new HashMap<>();
    bronze.groupBy("oid").count().collectAsList().forEach(r -> bronzeVersions.put(r.getString(0), r.getLong(1)));
    for (Truth.Correction c : corrections) {
      Row r = silver.get(c.orderLineId());
      assertEquals(c.status(), r.getString(r.fieldIndex("status")), c.toString());
      assertEquals(0, c.netAmount().compareTo(r.getDecimal(r.fieldIndex("net_amount"))), c.toString());
      assertEquals(c.arrivalDt(), r.getDate(r.fieldIndex("run_date")).toString(), "the latest version's batch: " + c);
      assertEquals(c.originalDt(), r.getDate(r.fieldIndex("order_date")).toString(), c.toString());
      assertTrue(bronzeVersions.get(c.orderLineId().substring("marketplace:".length())) >= 2,
          "bronze keeps the replaced version: " + c);
    }
    // A late file's lines are in its own day, ingested by the night it arrived on.
    for (Truth.LateFile f : late) {
      List<Row> audit = table(IngestAudit.TABLE).where(col("source_file").endsWith(f.file())).collectAsList();
      assertEquals(1, audit.size(), f.toString());
      assertEquals(f.dt(), audit.get(0).getDate(audit.get(0).fieldIndex("run_date")).toString());
      assertEquals(LAST.toString(), audit.get(0).getDate(audit.get(0).fieldIndex("ingest_run_date")).toString());
    }
    // Every day of gold.channel_health holds the revenue silver holds for it now.
    Map<String, java.math.BigDecimal> silverRevenue = new HashMap<>();
    table(Tables.SILVER_ORDERS).groupBy(col("order_date").cast("string"), col("channel"))
        .agg(org.apache.spark.sql.functions.sum("net_amount")).collectAsList()
        .forEach(r -> silverRevenue.put(r.getString(0) + "/" + r.getString(1), r.getDecimal(2)));
    List<Row> health = table(io.onecustomer.jobs.analytics.channel.ChannelTables.GOLD_CHANNEL_HEALTH)
        .where(col("channel").notEqual("unallocated")).select(col("health_date").cast("string"), col("channel"), col("revenue"))
        .collectAsList();
    assertEquals(DAYS * 4, health.size());
    for (Row h : health) {
      assertEquals(0, silverRevenue.getOrDefault(h.getString(0) + "/" + h.getString(1), java.math.BigDecimal.ZERO)
          .compareTo(h.getDecimal(2)), "channel_health revenue " + h);
    }
    // Every RFM snapshot's monetary total is the net of the resolved customers' purchases up to it;
    // the backfill's snapshot (its last day, month-ends mode) is kept and recomputed, none added.
    Dataset<Row> purchases = table(io.onecustomer.jobs.analytics.AnalyticsTables.GOLD_CUSTOMER_ORDERS)
        .where(col("is_purchase").and(col("customer_id").isNotNull()));
    List<LocalDate> snapshots = table(io.onecustomer.jobs.analytics.customer.RfmTables.GOLD_RFM_SEGMENTS)
        .select("snapshot_date").distinct().orderBy("snapshot_date").collectAsList().stream()
        .map(r -> r.getDate(0).toLocalDate()).toList();
    assertEquals(List.of(LAST.minusDays(1), LAST), snapshots);
    for (LocalDate s : snapshots) {
      java.sql.Date day = java.sql.Date.valueOf(s);
      Row rfm = table(io.onecustomer.jobs.analytics.customer.RfmTables.GOLD_RFM_SEGMENTS)
          .where(col("snapshot_date").equalTo(day)).agg(org.apache.spark.sql.functions.sum("monetary")).first();
      Row want = purchases.where(col("order_date").leq(day)).agg(org.apache.spark.sql.functions.sum("net_amount")).first();
      java.math.BigDecimal w = want.isNullAt(0) ? java.math.BigDecimal.ZERO : want.getDecimal(0);
      java.math.BigDecimal got = rfm.isNullAt(0) ? java.math.BigDecimal.ZERO : rfm.getDecimal(0);
      assertEquals(0, w.compareTo(got), "rfm monetary on " + s + ": " + got + " against " + w);
    }
  }

  @Test
  void silverOrdersHoldEveryAcceptedOrderLineOnce() {
    long bronzeLines = 0;
    for (SourceEntity e : List.of(SourceEntities.MARKETPLACE_ORDERS, SourceEntities.MINIPROGRAM_ORDERS,
        SourceEntities.POS_SALES, SourceEntities.DISTRIBUTOR_SELLOUT)) {
      bronzeLines += table(e.table()).count();
    }
    long dups = bad.stream().filter(b -> b.expected().equals("dedupe")).count();
    // A correction is a second version of a line silver already holds: it replaces, never adds.
    assertEquals(bronzeLines - dups - corrections.size(), table(Tables.SILVER_ORDERS).count());
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
    // The run log's tables are append-only: a rerun adds its own rows, by design.
    tables.removeIf(t -> JobRegistry.standard().specs().stream()
        .anyMatch(s -> s.id().equals(t) && s.mode() == io.onecustomer.common.spec.WriteMode.APPEND));
    Map<TableId, List<String>> before = snapshot(tables);

    List<JobResult> again = runner.runAll(DateRange.of(LAST), Instant.parse("2026-06-02T00:00:00Z"));

    assertEquals(JobRegistry.standard().all().size(), again.size());
    assertEquals(before, snapshot(tables));
    assertTrue(spark.catalog().tableExists("silver.orders"));
    assertEquals(table(Tables.SILVER_ORDERS).count(), spark.table("silver.orders").count());
  }

  /**
   * Every table the night wrote is what its spec declares, in the Delta log the catalog reads:
   * each column with its declared type and its comment, the table with its grain.
   */
  @Test
  void everyTableHasItsSpecsTypesAndCommentsInTheCatalog() {
    int checked = 0;
    for (io.onecustomer.common.spec.TableSpec spec : JobRegistry.standard().specs()) {
      if (!io.onecustomer.common.delta.DeltaWriter.exists(spark, spec.id(), cfg.paths().warehouse())) {
        continue;
      }
      checked++;
      var detail = io.delta.tables.DeltaTable.forPath(spark, spec.id().path(cfg.paths().warehouse()));
      assertEquals(spec.grain(), detail.detail().select("description").first().getString(0), spec + " comment");
      Map<String, org.apache.spark.sql.types.StructField> fields = new HashMap<>();
      for (var f : detail.toDF().schema().fields()) {
        fields.put(f.name(), f);
      }
      assertEquals(spec.columnNames(), List.of(detail.toDF().columns()), spec + " columns");
      for (var c : spec.columns()) {
        var f = fields.get(c.name());
        assertEquals(c.type().catalogString(), f.dataType().catalogString(), spec + "." + c.name() + " type");
        assertEquals(c.comment(), f.getComment().isDefined() ? f.getComment().get() : null, spec + "." + c.name());
      }
    }
    assertTrue(checked >= 40, "tables checked: " + checked);
  }

  @Test
  void theNightIsInTheRunLogJobByJobAndCheckByCheck() {
    // The night's run: the one whose bronze jobs ran for the last day (a job that recomputed
    // earlier days for late or corrected data logs its wider range).
    Dataset<Row> log = table(io.onecustomer.jobs.OpsTables.JOB_RUNS.id());
    String runId = log.where(col("job_id").equalTo("bronze_pos_sales")
            .and(col("date_from").equalTo(java.sql.Date.valueOf(LAST))).and(col("date_to").equalTo(java.sql.Date.valueOf(LAST))))
        .orderBy("run_id").first().getString(log.schema().fieldIndex("run_id"));
    List<Row> runs = log.where(col("run_id").equalTo(runId))
        .select("run_id", "job_id", "status", "rows_read", "rows_written").collectAsList();
    Set<String> jobs = new java.util.TreeSet<>();
    for (Row r : runs) {
      if (r.getString(0).equals(runId)) {
        jobs.add(r.getString(1));
        assertEquals("succeeded", r.getString(2), r.toString());
        assertTrue(!r.isNullAt(3) && r.getLong(3) >= 0, "rows read of " + r);
      }
    }
    Set<String> all = new java.util.TreeSet<>(JobRegistry.standard().all().stream().map(j -> j.id()).toList());
    assertEquals(all, jobs);
    Set<String> checked = new java.util.TreeSet<>(table(io.onecustomer.jobs.OpsTables.DATA_QUALITY.id())
        .where(org.apache.spark.sql.functions.col("run_id").equalTo(runId)).select("job_id").distinct()
        .collectAsList().stream().map(r -> r.getString(0)).toList());
    // The model training writes (and checks) only on the nights it trains: weekly, not this one.
    Set<String> wrote = new java.util.TreeSet<>(all);
    wrote.remove(io.onecustomer.jobs.value.ValueSpecs.MODEL_METRICS.jobId());
    assertEquals(wrote, checked, "every job's write was checked");
    // The generator's bad-rows mode (8% of lines here) trips the reject-share warning (5%) of a
    // bronze table, and no error-level check failed.
    List<Row> failed = table(io.onecustomer.jobs.OpsTables.DATA_QUALITY.id())
        .where(org.apache.spark.sql.functions.col("status").equalTo("failed"))
        .select("table_name", "check_name", "level").distinct().collectAsList();
    assertTrue(failed.stream().anyMatch(r -> r.getString(1).equals("reject_share") && r.getString(2).equals("warning")
        && r.getString(0).startsWith("bronze.")), failed.toString());
    assertTrue(failed.stream().noneMatch(r -> r.getString(2).equals("error")), failed.toString());
  }

  private static Map<TableId, List<String>> snapshot(List<TableId> tables) {
    return TableContents.of(spark, cfg.paths().warehouse(), tables, Set.of("_ingested_at", "ingested_at"));
  }
}
