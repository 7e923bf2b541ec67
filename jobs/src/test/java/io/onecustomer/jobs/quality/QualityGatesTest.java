package io.onecustomer.jobs.quality;

import static io.onecustomer.common.spec.Types.DATE;
import static io.onecustomer.common.spec.Types.INT;
import static io.onecustomer.common.spec.Types.STRING;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.TableId;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spec.Check;
import io.onecustomer.common.spec.CheckResult;
import io.onecustomer.common.spec.QualityGate;
import io.onecustomer.common.spec.Level;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobRegistry;
import io.onecustomer.jobs.Main;
import io.onecustomer.jobs.MainAccess;
import io.onecustomer.jobs.OpsTables;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of check, made to fail on a hand-built bad day after a good one, through the entry
 * point: exit code 1, the message names table, day, check and keys, the table's Delta version does
 * not move, and ops.data_quality records the failure.
 */
class QualityGatesTest {
  static final TableId REF = new TableId("gold", "gate_refs");
  static final LocalDate GOOD = LocalDate.of(2026, 11, 14);
  static final LocalDate BAD = LocalDate.of(2026, 11, 15);

  static final TableSpec PROBE = TableSpec.table("gold", "gate_probes")
      .grain("One row per probe key and day (a test table).")
      .required("k", STRING, "Key")
      .column("v", INT, "A value between 0 and 10")
      .column("kind", STRING, "a or b")
      .column("ref", STRING, "A gold.gate_refs id")
      .required("day", DATE, "Business day; partition column")
      .partitionedByDay("day")
      .key("k", "day")
      .check(Check.acceptedValues("kind", "a", "b"))
      .check(Check.range("v", 0.0, 10.0))
      .check(Check.references("ref", REF, "id"))
      .check(Check.observed("probe_measure", Level.ERROR, 0))
      .replaceDays()
      .build();

  /** Writes the rows it is given for the run's day; the observed check gets {@code measure}. */
  static final class ProbeJob extends TableJob {
    final List<Object[]> rows;
    final double measure;

    ProbeJob(List<Object[]> rows, double measure) {
      super(PROBE, List.of());
      this.rows = rows;
      this.measure = measure;
    }

    @Override
    protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
      List<Row> out = new ArrayList<>();
      for (Object[] r : rows) {
        out.add(RowFactory.create(r[0], r[1], r[2], r[3], Date.valueOf(ctx.range().to())));
      }
      // As a transform's output would be: every column nullable, whatever the spec says.
      return ctx.spark().createDataFrame(out, PROBE.schema().asNullable());
    }

    @Override
    protected Map<String, Double> observations() {
      return Map.of("probe_measure", measure);
    }
  }

  static List<Object[]> good(int n) {
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Object[] {"k" + i, i % 10, i % 2 == 0 ? "a" : "b", "r1"});
    }
    return out;
  }

  record Outcome(int code, String stderr) {}

  static Outcome run(AppConfig cfg, Job job, LocalDate day) {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      Main.Args args = Main.Args.parse(new String[] {"--job", job.id(), "--run-date", day.toString()});
      int code = MainAccess.execute(args, cfg, new JobRegistry(List.of(job)), TestSpark::session);
      return new Outcome(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(old);
    }
  }

  void assertStopped(Path dir, Map<String, String> conf, String hocon, List<Object[]> badRows, double measure, String check,
      String key) {
    SparkSession spark = TestSpark.session();
    AppConfig cfg = TestSpark.config(dir.resolve("landing"), dir.resolve("wh"), conf, hocon);
    String wh = cfg.paths().warehouse();
    spark.createDataFrame(List.of(RowFactory.create("r1")), new org.apache.spark.sql.types.StructType()
        .add("id", STRING)).write().format("delta").save(REF.path(wh));
    assertEquals(0, run(cfg, new ProbeJob(good(10), 0), GOOD).code());
    long version = DeltaWriter.version(spark, PROBE.id(), wh);

    Outcome o = run(cfg, new ProbeJob(badRows, measure), BAD);

    assertEquals(1, o.code(), o.stderr());
    assertTrue(o.stderr().contains("quality gate failed for gold.gate_probes"), o.stderr());
    assertTrue(o.stderr().contains(BAD.toString()), "names the day: " + o.stderr());
    assertTrue(o.stderr().contains(check), "names the check " + check + ": " + o.stderr());
    if (key != null) {
      assertTrue(o.stderr().contains(key), "names the key " + key + ": " + o.stderr());
    }
    assertEquals(version, DeltaWriter.version(spark, PROBE.id(), wh), "nothing committed");
    assertEquals(10, DeltaWriter.read(spark, PROBE.id(), wh).count());
    List<Row> dq = DeltaWriter.read(spark, OpsTables.DATA_QUALITY.id(), wh)
        .where(col("table_name").equalTo("gold.gate_probes").and(col("check_name").equalTo(check))
            .and(col("date_to").equalTo(Date.valueOf(BAD))))
        .select("status", "level").collectAsList();
    assertEquals(List.of(RowFactory.create("failed", "error")), dq);
    List<Row> runs = DeltaWriter.read(spark, OpsTables.JOB_RUNS.id(), wh).where(col("date_to").equalTo(Date.valueOf(BAD)))
        .select("job_id", "status").collectAsList();
    assertEquals(List.of(RowFactory.create("gold_gate_probes", "failed")), runs);
  }

  @Test
  void nullKeyStopsTheWrite(@TempDir Path dir) {
    List<Object[]> bad = good(10);
    bad.set(3, new Object[] {null, 1, "a", "r1"});
    assertStopped(dir, Map.of(), "", bad, 0, "not_null(k)", "k=null");
  }

  @Test
  void duplicatedKeyStopsTheWrite(@TempDir Path dir) {
    List<Object[]> bad = good(10);
    bad.add(new Object[] {"k4", 2, "a", "r1"});
    assertStopped(dir, Map.of(), "", bad, 0, "unique(k,day)", "k=k4");
  }

  /**
   * A key without the day column holds across every day a write replaces, in the same aggregation
   * pass as the per-day checks (the days rolled up into one more row that must not count as a day).
   */
  @Test
  void aKeyWithoutTheDayMustHoldAcrossAllDaysWrittenAndIsCheckedInTheSamePass() {
    TableSpec spec = TableSpec.table("gold", "gate_lines")
        .grain("One row per line key, whatever its day (a test table).")
        .required("k", STRING, "Key")
        .required("day", DATE, "Business day; partition column")
        .partitionedByDay("day")
        .key("k")
        .replaceDays()
        .build();
    SparkSession spark = TestSpark.session();
    org.apache.spark.sql.types.StructType schema = spec.schema().asNullable();
    Date d1 = Date.valueOf(GOOD);
    Date d2 = Date.valueOf(BAD);
    io.onecustomer.common.DateRange days = new io.onecustomer.common.DateRange(GOOD, BAD);
    // k1 on both days, k2 twice on the first and once on the second: 3 rows more than keys.
    Dataset<Row> dup = spark.createDataFrame(List.of(RowFactory.create("k1", d1), RowFactory.create("k2", d1),
        RowFactory.create("k2", d1), RowFactory.create("k3", d1), RowFactory.create("k1", d2),
        RowFactory.create("k2", d2)), schema);
    Dataset<Row> clean = spark.createDataFrame(List.of(RowFactory.create("k1", d1), RowFactory.create("k2", d1),
        RowFactory.create("k3", d2)), schema);

    QualityGate.Outcome bad = QualityGate.evaluate(spark, spec, spec.checks(), dup, days, null, Map.of(), Map.of());
    QualityGate.Outcome ok = QualityGate.evaluate(spark, spec, spec.checks(), clean, days, null, Map.of(), Map.of());

    CheckResult u = bad.results().stream().filter(r -> r.check().equals("unique(k)")).findFirst().orElseThrow();
    assertEquals(CheckResult.Status.FAILED, u.status());
    assertEquals(3.0, u.observed().doubleValue(), "rows beyond one per key, over both days");
    assertEquals(List.of("k=k1", "k=k2"), u.sampleKeys().stream().sorted().toList());
    assertEquals(GOOD, u.dateFrom());
    assertEquals(BAD, u.dateTo());
    assertEquals(6, bad.rows(), "the rolled-up row is not a day of its own");
    assertEquals(Map.of(GOOD, 4L, BAD, 2L), bad.rowsByDay());
    assertEquals(2, bad.results().stream().filter(r -> r.check().equals("not_null(k)")).count(), "one per day");
    assertEquals(List.of(u), bad.errors());

    CheckResult passed = ok.results().stream().filter(r -> r.check().equals("unique(k)")).findFirst().orElseThrow();
    assertEquals(CheckResult.Status.PASSED, passed.status());
    assertEquals(0.0, passed.observed().doubleValue());
    assertEquals(3, ok.rows());
    assertEquals(List.of(), ok.errors());
  }

  @Test
  void valueOutsideTheAcceptedOnesStopsTheWrite(@TempDir Path dir) {
    List<Object[]> bad = good(10);
    bad.set(5, new Object[] {"k5", 5, "zzz", "r1"});
    assertStopped(dir, Map.of(), "", bad, 0, "accepted_values(kind)", "k=k5");
  }

  @Test
  void valueOutOfRangeStopsTheWrite(@TempDir Path dir) {
    List<Object[]> bad = good(10);
    bad.set(6, new Object[] {"k6", 11, "a", "r1"});
    assertStopped(dir, Map.of(), "", bad, 0, "range(v)", "k=k6");
  }

  @Test
  void missingReferenceStopsTheWrite(@TempDir Path dir) {
    List<Object[]> bad = good(10);
    bad.set(7, new Object[] {"k7", 7, "a", "r404"});
    assertStopped(dir, Map.of(), "", bad, 0, "references(ref->gold.gate_refs.id)", "ref=r404");
  }

  @Test
  void rowCountJumpStopsTheWriteWhenConfiguredAsAnError(@TempDir Path dir) {
    assertStopped(dir, Map.of(), "onecustomer.quality.overrides = [{table = \"gold.gate_probes\","
        + " check = \"row_count_change\", level = \"error\", threshold = 3}]", good(100), 0, "row_count_change", null);
  }

  @Test
  void theJobsOwnMeasureStopsTheWrite(@TempDir Path dir) {
    assertStopped(dir, Map.of(), "", good(10), 4, "probe_measure", null);
  }

  static final TableId LEDGER = new TableId("silver", "gate_ledger");

  /** A whole-table total that must equal a silver table's total up to the day. */
  static final TableSpec TOTALS = TableSpec.table("gold", "gate_totals")
      .grain("One row per account (a test table).")
      .required("account", STRING, "Account")
      .required("amount", io.onecustomer.common.spec.Types.MONEY, "Amount, CNY")
      .key("account")
      .check(Check.reconciles("amount", LEDGER, "amount", "run_date"))
      .replaceAll()
      .build();

  @Test
  void aTotalThatDoesNotReconcileWithItsInputStopsTheWrite(@TempDir Path dir) {
    SparkSession spark = TestSpark.session();
    AppConfig cfg = TestSpark.config(dir.resolve("landing"), dir.resolve("wh"));
    String wh = cfg.paths().warehouse();
    var ledger = new org.apache.spark.sql.types.StructType().add("amount", io.onecustomer.common.spec.Types.MONEY)
        .add("run_date", DATE);
    spark.createDataFrame(List.of(
            RowFactory.create(new java.math.BigDecimal("10.00"), Date.valueOf(GOOD)),
            RowFactory.create(new java.math.BigDecimal("5.50"), Date.valueOf(BAD)),
            RowFactory.create(new java.math.BigDecimal("99.00"), Date.valueOf(BAD.plusDays(1)))), ledger)
        .write().format("delta").save(LEDGER.path(wh));
    java.util.function.Function<String, Job> job = total -> new TableJob(TOTALS, List.of()) {
      @Override
      protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
        return ctx.spark().createDataFrame(List.of(RowFactory.create("a", new java.math.BigDecimal(total))),
            TOTALS.schema().asNullable());
      }
    };

    assertEquals(0, run(cfg, job.apply("15.50"), BAD).code(), "10.00 + 5.50 up to the day; the next day's 99 not");
    long version = DeltaWriter.version(spark, TOTALS.id(), wh);
    Outcome o = run(cfg, job.apply("15.49"), BAD);

    assertEquals(1, o.code());
    assertTrue(o.stderr().contains("reconciles(sum amount = sum silver.gate_ledger.amount)"), o.stderr());
    assertTrue(o.stderr().contains("written 15.49 against 15.5"), o.stderr());
    assertEquals(version, DeltaWriter.version(spark, TOTALS.id(), wh));
  }

  @Test
  void aRowCountJumpIsOnlyAWarningByDefault(@TempDir Path dir) {
    SparkSession spark = TestSpark.session();
    AppConfig cfg = TestSpark.config(dir.resolve("landing"), dir.resolve("wh"));
    String wh = cfg.paths().warehouse();
    spark.createDataFrame(List.of(RowFactory.create("r1")), new org.apache.spark.sql.types.StructType()
        .add("id", STRING)).write().format("delta").save(REF.path(wh));
    assertEquals(0, run(cfg, new ProbeJob(good(10), 0), GOOD).code());
    assertEquals(0, run(cfg, new ProbeJob(good(200), 0), BAD).code());
    Row r = DeltaWriter.read(spark, OpsTables.DATA_QUALITY.id(), wh)
        .where(col("check_name").equalTo("row_count_change").and(col("date_to").equalTo(Date.valueOf(BAD))))
        .select("status", "level", "observed").first();
    assertEquals("failed", r.getString(0));
    assertEquals("warning", r.getString(1));
    assertEquals(20.0, r.getDouble(2), 1e-9);
    Row run = DeltaWriter.read(spark, OpsTables.JOB_RUNS.id(), wh).where(col("date_to").equalTo(Date.valueOf(BAD)))
        .select("status", "rows_written", "warnings").first();
    assertEquals("succeeded", run.getString(0));
    assertEquals(200L, run.getLong(1));
    assertTrue(run.getList(2).toString().contains("row_count_change"), run.toString());
  }

  @Test
  void anOverrideNamingAnUnknownCheckIsAUsageError(@TempDir Path dir) {
    AppConfig cfg = TestSpark.config(dir.resolve("landing"), dir.resolve("wh"), Map.of(),
        "onecustomer.quality.overrides = [{table = \"gold.gate_probes\", check = \"not_a_check\", level = \"error\"}]");
    Outcome o = run(cfg, new ProbeJob(good(1), 0), GOOD);
    assertEquals(2, o.code());
    assertTrue(o.stderr().contains("gold.gate_probes has no check 'not_a_check'"), o.stderr());
  }
}
